import { useState } from 'react';
import { TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { PARTNER_ID_MAX, PartnerId } from '../../../../shared/portal/partner-id.js';
import { api, type Answer } from '../api.js';
import { ErrorBox, NotAvailable, PageHeader } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';

type Found = Answer<'findPartner'>;

/**
 * A customer's partners: find one by Partner ID (its name and contact), add it (read-only), grant
 * or take back Administrator and API device data access, or remove it.
 */
export function PartnersPage() {
  const t = useWebT();
  const partners = useLoad(() => api('listPartners'));
  const [wanted, setWanted] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const said = await work();
      setNote(said);
      setError(null);
      await partners.reload();
    } catch (e) {
      setError(e);
      setNote(null);
    } finally {
      setBusy(false);
    }
  };
  const missing = notAvailable(partners.error);
  return (
    <div className="screen">
      <PageHeader title={t('web.partners.heading')} lead={t('web.partners.intro')} />
      {missing && <NotAvailable routes={['listPartners', 'findPartner', 'addPartner', 'setPartnerAccess', 'revokePartner']} />}
      {!missing && (
        <section className="card" aria-labelledby="find-title">
          <h2 id="find-title">{t('web.partners.find')}</h2>
          <form
            className="find-partner"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const checked = PartnerId.safeParse(wanted.trim());
              if (!checked.success) {
                setProblem(localize(checked.error.issues[0]!.message));
                return;
              }
              setProblem(undefined);
              setFound(null);
              await act(async () => {
                setFound(await api('findPartner', { params: { partnerId: checked.data } }));
                return null;
              });
            }}
          >
            <TextField id="find-partner-id" label={t('web.partners.partnerIdLabel')} value={wanted} onChange={(v) => setWanted(v.toUpperCase())} maxLength={PARTNER_ID_MAX} error={problem} />
            <button type="submit" disabled={busy}>
              {busy ? t('web.partners.finding') : t('web.partners.findButton')}
            </button>
          </form>
          {found && (
            <div className="found-partner" data-testid="found-partner">
              <h3>{found.name}</h3>
              <dl className="facts">
                <dt>{t('web.partners.partnerIdLabel')}</dt>
                <dd>
                  <code>{found.partnerId}</code>
                </dd>
                {found.contact && (
                  <>
                    <dt>{t('web.partners.contact')}</dt>
                    <dd>
                      {found.contact.name}, {found.contact.email}
                    </dd>
                  </>
                )}
              </dl>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const link = await api('addPartner', { body: { partnerId: found.partnerId } });
                    setFound(null);
                    setWanted('');
                    return t('web.partners.added', { name: link.name });
                  })
                }
              >
                {t('web.partners.add')}
              </button>
            </div>
          )}
        </section>
      )}
      {note && (
        <p className="form-saved" role="status">
          {note}
        </p>
      )}
      <ErrorBox error={error ?? (missing ? null : partners.error)} />
      {partners.data && partners.data.length === 0 && <p className="empty">{t('web.partners.none')}</p>}
      {partners.data?.map((p) => (
        <section key={p.partnerId} className="card partner" aria-labelledby={`partner-${p.partnerId}`} data-testid="partner">
          <div className="card-head">
            <h2 id={`partner-${p.partnerId}`}>
              {p.name} <code className="muted">{p.partnerId}</code>
            </h2>
            <span className="muted small">{formatDate(p.addedAt)}</span>
          </div>
          <fieldset className="access">
            <legend>{t('web.partners.access')}</legend>
            <label className="check">
              <input type="checkbox" checked disabled /> {t('web.partners.readOnly')}
            </label>
            {(['administrator', 'api'] as const).map((flag) => (
              <label key={flag} className="check">
                <input
                  type="checkbox"
                  checked={p[flag]}
                  disabled={busy}
                  onChange={(e) =>
                    void act(async () => {
                      await api('setPartnerAccess', { params: { partnerId: p.partnerId }, body: { administrator: p.administrator, api: p.api, [flag]: e.target.checked } });
                      return null;
                    })
                  }
                />{' '}
                {t(`web.partners.${flag}`)}
              </label>
            ))}
          </fieldset>
          <div className="actions left">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await api('revokePartner', { params: { partnerId: p.partnerId } });
                  return t('web.partners.removed', { name: p.name });
                })
              }
            >
              {t('web.partners.remove')}
            </button>
          </div>
        </section>
      ))}
      <details className="advanced">
        <summary>{t('web.partners.shares')}</summary>
        <p>{t('web.partners.sharesText')}</p>
      </details>
    </div>
  );
}
