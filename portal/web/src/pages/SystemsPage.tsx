import { api } from '../api.js';
import { ErrorBox, PageHeader } from '../components/Page.js';
import { useLoad } from '../components/useLoad.js';
import { formatDate, useWebT } from '../i18n/index.js';

/** The systems the account is associated with (the companion registers them). */
export function SystemsPage() {
  const t = useWebT();
  const { data, error, loading } = useLoad(() => api('listSystems', { query: { limit: 200 } }));
  return (
    <div className="screen">
      <PageHeader title={t('web.systems.heading')} lead={t('web.systems.intro')} />
      {loading && !data && <p role="status">{t('web.loading')}</p>}
      <ErrorBox error={error} />
      {data && data.items.length === 0 && <p className="empty">{t('web.systems.none')}</p>}
      {data && data.items.length > 0 && (
        <>
          <p className="muted">{t('web.systems.shown', { count: data.total })}</p>
          <table className="servers compact" data-testid="systems">
            <thead>
              <tr>
                <th scope="col">{t('web.systems.systemId')}</th>
                <th scope="col">{t('web.systems.name')}</th>
                <th scope="col">{t('web.systems.role')}</th>
                <th scope="col">{t('web.systems.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.registrationId}>
                  <td>
                    <code>{s.systemId}</code>
                  </td>
                  <td>
                    {s.siteName}
                    <span className="muted small"> · {[s.city, s.country].filter(Boolean).join(', ')}</span>
                  </td>
                  <td>{s.yourRole === 'integrator' ? t('web.systems.roles.integrator') : t('web.systems.roles.endUser')}</td>
                  <td>{formatDate(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
