import { useEffect, useId, type ReactNode } from 'react';
import { FIELD_MAX } from '../../../../shared/portal/fields.js';
import { choiceMessage } from '../../lib/errors.js';
import { formatCount } from '../../lib/format.js';
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

export function SelectField({ id, label, value, onChange, options, error: raw, required, placeholder = 'Choose…' }: SelectProps) {
  const error = choiceMessage(raw);
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
        <option value="">{placeholder}</option>
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
  const states = geo.states[value.country];
  const cities = geo.cities[`${value.country}-${value.state}`] ?? [];
  return (
    <>
      <TextField id={`${prefix}-street`} label={streetLabel} value={value.street} maxLength={FIELD_MAX.street} onChange={(street) => onChange({ street })} error={error('street')} required autoComplete="street-address" />
      <div className="field-row">
        <SelectField
          id={`${prefix}-country`}
          label="Country"
          required
          value={value.country}
          onChange={(country) => onChange({ country, state: '', city: '' })}
          options={(geo.countries ?? (value.country ? [{ code: value.country, name: value.country }] : [])).map((c) => ({ value: c.code, label: c.name }))}
          placeholder={geo.countries ? 'Choose a country…' : 'Loading countries…'}
          error={error('country')}
        />
        {(!states || states.length > 0 || value.state) && (
          <SelectField
            id={`${prefix}-state`}
            label="State or province"
            required
            value={value.state}
            onChange={(state) => onChange({ state, city: '' })}
            options={(states ?? (value.state ? [{ code: value.state, name: value.state }] : [])).map((s) => ({ value: s.code, label: s.name }))}
            placeholder={value.country ? 'Choose…' : 'Choose a country first'}
            error={error('state')}
          />
        )}
      </div>
      <div className="field-row">
        <TextField
          id={`${prefix}-city`}
          label="City"
          required
          value={value.city}
          maxLength={FIELD_MAX.city}
          onChange={(city) => onChange({ city })}
          error={error('city')}
          list={cities.length ? listId : undefined}
          help={cities.length ? `Choose from the ${formatCount(cities.length)} cities listed for this state.` : undefined}
        />
        {cities.length > 0 && (
          <datalist id={listId}>
            {cities.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        )}
        <TextField id={`${prefix}-postal`} label="Zip or postal code" required value={value.postalCode} maxLength={FIELD_MAX.postalCode} onChange={(postalCode) => onChange({ postalCode })} error={error('postalCode')} autoComplete="postal-code" className="narrow-field" />
      </div>
    </>
  );
}
