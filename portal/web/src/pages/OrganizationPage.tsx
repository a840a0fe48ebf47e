import { api } from '../api.js';
import { ErrorBox, NotAvailable, PageHeader } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, useWebT } from '../i18n/index.js';
import { useSession } from '../state.js';

/** Administration > General: the organization's name, kind, Partner ID, the caller's role and its members. */
export function OrganizationPage() {
  const t = useWebT();
  const me = useSession((s) => s.account);
  const loaded = useLoad(() => api('organization'));
  // Until the organization route answers, the account's own view carries its organization (no members).
  const fallback = useLoad(() => (loaded.error ? api('me').then((me) => (me.org ? { ...me.org, members: [], pendingPartnerIdRequest: null } : null)) : Promise.resolve(null)), [loaded.error]);
  const org = loaded.data ?? fallback.data;
  const error = org ? null : loaded.error;
  const loading = loaded.loading;
  return (
    <div className="screen">
      <PageHeader title={t('web.organization.heading')} lead={org?.name} />
      {loading && !org && <p role="status">{t('web.loading')}</p>}
      {notAvailable(error) ? <NotAvailable routes={['organization']} /> : <ErrorBox error={error} />}
      {org && (
        <>
          <section className="card" aria-labelledby="org-facts-title">
            <h2 id="org-facts-title">{org.name}</h2>
            <dl className="facts org-facts">
              <dt>{t('web.organization.name')}</dt>
              <dd data-testid="org-name">{org.name}</dd>
              <dt>{t('web.organization.kind')}</dt>
              <dd>{t(`web.organization.kinds.${org.kind}`)}</dd>
              {org.partnerId !== null && (
                <>
                  <dt>{t('web.organization.partnerId')}</dt>
                  <dd>
                    <code className="partner-id-value" data-testid="partner-id">
                      {org.partnerId}
                    </code>
                  </dd>
                </>
              )}
              <dt>{t('web.organization.yourRole')}</dt>
              <dd>{t(`web.organization.roles.${org.role}`)}</dd>
            </dl>
            {org.partnerId !== null && <p className="muted small">{t('web.organization.partnerIdNote')}</p>}
            {org.pendingPartnerIdRequest && (
              <p className="notice small" data-testid="partner-id-request">
                {t('web.organization.partnerIdPending', { id: org.pendingPartnerIdRequest.requestedId, date: formatDate(org.pendingPartnerIdRequest.requestedAt) })}
              </p>
            )}
          </section>
          {!loaded.data && <NotAvailable routes={['organization']} />}
          <section aria-labelledby="members-title" hidden={!loaded.data}>
            <h2 id="members-title" className="section-title">
              {t('web.organization.members')}
            </h2>
            <table className="servers compact members">
              <thead>
                <tr>
                  <th scope="col">{t('web.organization.memberName')}</th>
                  <th scope="col">{t('web.organization.memberEmail')}</th>
                  <th scope="col">{t('web.organization.memberRole')}</th>
                  <th scope="col">{t('web.organization.memberJoined')}</th>
                </tr>
              </thead>
              <tbody>
                {org.members.map((m) => (
                  <tr key={m.accountId}>
                    <td>
                      {m.name} {m.accountId === me?.id && <span className="muted">{t('web.organization.you')}</span>}
                    </td>
                    <td className="wrap">{m.email}</td>
                    <td>{t(`web.organization.roles.${m.role}`)}</td>
                    <td>{formatDate(m.joinedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
