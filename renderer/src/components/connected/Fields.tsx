import { useEffect, useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_MAX } from '../../../../shared/portal/fields.js';
import { choiceMessage } from '../../lib/errors.js';
import { currentLanguage } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { countryName } from '../systems/format.js';
import { useGeo } from '../../stores/geo.js';

interface TextProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The contract's bound for this field (shared/portal/fields.ts FIELD_MAX). */
  maxLength: number;
  error?: string | undefined;
  required?: boolean;
  type?: string;
  help?: ReactNode;
  multiline?: boolean;
  autoComplete?: string;
  list?: string;
  className?: string;
}

/** A labelled input with its help and its message right under it. */
export function TextField({ id, label, value, onChange, maxLength, error, required, type = 'text', help, multiline, autoComplete = 'off', list, className }: TextProps) {
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    maxLength,
    required,
    'aria-required': required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    autoComplete,
  } as const;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {multiline ? <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} /> : <input {...common} type={type} list={list} onChange={(e) => onChange(e.target.value)} />}
      {help && (
        <div id={`${id}-help`} className="muted small">
          {help}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  error?: string | undefined;
  required?: boolean;
  placeholder?: string;
}

export function SelectField({ id, label, value, onChange, options, error: raw, required, placeholder }: SelectProps) {
  const { t } = useTranslation();
  // A message that only listed the options becomes "Choose one from the list", in the active language.
  const chosen = choiceMessage(raw);
  const error = chosen !== raw ? t('systems.form.chooseFromList') : raw;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{placeholder ?? t('systems.form.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export interface AddressValue {
  street: string;
  country: string;
  state: string;
  city: string;
  postalCode: string;
}

interface AddressProps {
  prefix: string;
  value: AddressValue;
  onChange(change: Partial<AddressValue>): void;
  error(field: keyof AddressValue): string | undefined;
  streetLabel: string;
}

/** Street, country, state or province, city and postal code; the lists come from the portal. */
export function AddressFields({ prefix, value, onChange, error, streetLabel }: AddressProps) {
  const { t, i18n } = useTranslation();
  const geo = useGeo();
  const listId = useId();
  useEffect(() => {
    void useGeo.getState().loadCountries();
  }, []);
  useEffect(() => {
    if (value.country) void useGeo.getState().loadStates(value.country);
  }, [value.country]);
  useEffect(() => {
    if (value.country && value.state) void useGeo.getState().loadCities(value.country, value.state);
  }, [value.country, value.state]);
  // The portal names countries in English; another language names them itself (Intl), sorted in its order.
  const language = i18n.resolvedLanguage;
  const countries = useMemo(() => {
    const list = (geo.countries ?? (value.country ? [{ code: value.country, name: value.country }] : [])).map((c) => ({ value: c.code, label: c.name }));
    if (currentLanguage() === 'en') return list;
    return list.map((c) => ({ ...c, label: countryName(c.value) || c.label })).sort((a, b) => a.label.localeCompare(b.label, language));
  }, [geo.countries, value.country, language]);
  const states = geo.states[value.country];
  const cities = geo.cities[`${value.country}-${value.state}`] ?? [];
  return (
    <>
      <TextField id={`${prefix}-street`} label={streetLabel} value={value.street} maxLength={FIELD_MAX.street} onChange={(street) => onChange({ street })} error={error('street')} required autoComplete="street-address" />
      <div className="field-row">
        <SelectField
          id={`${prefix}-country`}
          label={t('systems.form.country')}
          required
          value={value.country}
          onChange={(country) => onChange({ country, state: '', city: '' })}
          options={countries}
          placeholder={geo.countries ? t('systems.form.chooseCountry') : t('systems.form.loadingCountries')}
          error={error('country')}
        />
        {(!states || states.length > 0 || value.state) && (
          <SelectField
            id={`${prefix}-state`}
            label={t('systems.form.state')}
            required
            value={value.state}
            onChange={(state) => onChange({ state, city: '' })}
            options={(states ?? (value.state ? [{ code: value.state, name: value.state }] : [])).map((s) => ({ value: s.code, label: s.name }))}
            placeholder={value.country ? t('systems.form.choose') : t('systems.form.chooseCountryFirst')}
            error={error('state')}
          />
        )}
      </div>
      <div className="field-row">
        <TextField
          id={`${prefix}-city`}
          label={t('systems.form.city')}
          required
          value={value.city}
          maxLength={FIELD_MAX.city}
          onChange={(city) => onChange({ city })}
          error={error('city')}
          list={cities.length ? listId : undefined}
          help={cities.length ? t('systems.form.cities', { count: cities.length, total: formatCount(cities.length) }) : undefined}
        />
        {cities.length > 0 && (
          <datalist id={listId}>
            {cities.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        )}
        <TextField id={`${prefix}-postal`} label={t('systems.form.postalCode')} required value={value.postalCode} maxLength={FIELD_MAX.postalCode} onChange={(postalCode) => onChange({ postalCode })} error={error('postalCode')} autoComplete="postal-code" className="narrow-field" />
      </div>
    </>
  );
}
