import { useEffect, useState } from 'react';
import { TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { PartnerIdRequestInput, type MemberView, type PartnerIdRequestView } from '../../../../shared/portal/organizations.js';
import { PARTNER_ID_MAX, PartnerId } from '../../../../shared/portal/partner-id.js';
import { api } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorBox, NotAvailable, PageHeader, errorText, issueAt } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { useSession } from '../state.js';

/**
 * Where focus goes once an action is done: asked for by the action, moved after the page (and any
 * dialog that closed, which gives focus back to its opener first) has rendered.
 */
function useFocusAfter() {
  const [wanted, setWanted] = useState<{ target: string; n: number } | null>(null);
  useEffect(() => {
    if (wanted) focusSoon(wanted.target);
  }, [wanted]);
  return (target: string) => setWanted((was) => ({ target, n: (was?.n ?? 0) + 1 }));
}

/** Which action a refusal belongs to: shown next to it. */
type Where = { member: number } | 'leave';
const errorId = (where: Where) => (where === 'leave' ? 'leave-error' : `member-error-${where.member}`);

/** A partner organization's administrators ask a portal administrator for another Partner ID. */
function PartnerIdRequestForm({ current, onSent }: { current: string; onSent(request: PartnerIdRequestView): void }) {
  const t = useWebT();
  const [open, setOpen] = useState(false);
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ partnerId?: string | undefined; reason?: string | undefined }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setOpen(false);
    setPartnerId('');
    setReason('');
    setProblems({});
    setError(null);
    focusSoon('#request-partner-id');
  };
  if (!open) {
    return (
      <button
        type="button"
        className="secondary"
        id="request-partner-id"
        aria-expanded="false"
        onClick={() => {
          setOpen(true);
          focusSoon('#new-partner-id');
        }}
      >
        {t('web.organization.requestChange')}
      </button>
    );
  }
  return (
    <form
      className="partner-id-request-form"
      aria-labelledby="request-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        // The shared schemas first: what the portal would refuse is said at once, in the person's language.
        const id = PartnerId.safeParse(partnerId.trim());
        const why = PartnerIdRequestInput.shape.reason.safeParse(reason);
        const found = {
          partnerId: id.success ? undefined : localize(id.error.issues[0]!.message),
          reason: why.success ? undefined : localize(why.error.issues[0]!.message),
        };
        if (!id.success || !why.success) {
          setProblems(found);
          setError(null);
          focusSoon(found.partnerId ? '#new-partner-id' : '#partner-id-reason');
          return;
        }
        setBusy(true);
        try {
          const request = await api('requestPartnerId', { body: { partnerId: id.data, reason: why.data } });
          setOpen(false);
          setPartnerId('');
          setReason('');
          setProblems({});
          setError(null);
          onSent(request);
        } catch (e) {
          const at = { partnerId: issueAt(e, 'partnerId'), reason: issueAt(e, 'reason') };
          setProblems(at);
          setError(at.partnerId || at.reason ? null : e);
          focusSoon(at.partnerId ? '#new-partner-id' : at.reason ? '#partner-id-reason' : '#partner-id-request-error');
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="request-title">{t('web.organization.requestTitle')}</h3>
      <p className="muted small">{t('web.organization.requestText', { id: current })}</p>
      <TextField
        id="new-partner-id"
        label={t('web.organization.newId')}
        value={partnerId}
        onChange={(v) => setPartnerId(v.toUpperCase())}
        maxLength={PARTNER_ID_MAX}
        help={t('web.organization.newIdHelp', { max: PARTNER_ID_MAX })}
        error={problems.partnerId}
        required
        className="partner-id-field"
      />
      <TextField id="partner-id-reason" label={t('web.organization.reason')} value={reason} onChange={setReason} maxLength={1000} help={t('web.organization.reasonHelp')} error={problems.reason} required multiline />
      {error ? (
        <p className="error" role="alert" id="partner-id-request-error" data-testid="partner-id-request-error">
          <ErrorText error={error} />
        </p>
      ) : null}
      <div className="actions left">
        <button type="submit" disabled={busy}>
          {busy ? t('web.organization.sending') : t('web.organization.send')}
        </button>
        <button type="button" className="secondary" onClick={close}>
          {t('web.common.cancel')}
        </button>
      </div>
    </form>
  );
}

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
  const focusAfter = useFocusAfter();
  const [note, setNote] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ where: Where; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [leaving, setLeaving] = useState(false);
  const admin = org?.role === 'administrator';
  const refusedAt = (where: Where) => (refusal && errorId(refusal.where) === errorId(where) ? refusal.error : null);

  /** Runs an action: its result said above the members (focus there), or its refusal next to the action (focus there). */
  const act = async (where: Where, work: () => Promise<string>) => {
    setBusy(true);
    try {
      const said = await work();
      setNote(said);
      setRefusal(null);
      focusAfter('#organization-note');
    } catch (e) {
      setNote(null);
      setRefusal({ where, error: e });
      focusAfter(`#${errorId(where)}`);
    } finally {
      setBusy(false);
    }
  };

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
              <div className="notice partner-id-pending" id="partner-id-request" data-testid="partner-id-request">
                <h3>{t('web.organization.requestHeading')}</h3>
                <dl className="facts org-facts">
                  <dt>{t('web.organization.requestedId')}</dt>
                  <dd>
                    <code>{org.pendingPartnerIdRequest.requestedId}</code>
                  </dd>
                  <dt>{t('web.organization.requestedOn')}</dt>
                  <dd>{formatDate(org.pendingPartnerIdRequest.requestedAt)}</dd>
                  <dt>{t('web.organization.state')}</dt>
                  <dd data-testid="partner-id-request-state">{t('web.organization.statePending')}</dd>
                  <dt>{t('web.organization.reason')}</dt>
                  <dd className="wrap-text">{org.pendingPartnerIdRequest.reason}</dd>
                </dl>
              </div>
            )}
            {org.kind === 'partner' && admin && org.partnerId !== null && !org.pendingPartnerIdRequest && loaded.data && (
              <PartnerIdRequestForm
                current={org.partnerId}
                onSent={(request) => {
                  loaded.setData({ ...org, pendingPartnerIdRequest: request });
                  setNote(t('web.organization.requestSent', { id: request.requestedId }));
                  setRefusal(null);
                  focusAfter('#organization-note');
                }}
              />
            )}
          </section>
          {!loaded.data && <NotAvailable routes={['organization']} />}
          {note && (
            <p className="form-saved" role="status" id="organization-note" data-testid="organization-note">
              {note}
            </p>
          )}
          <section aria-labelledby="members-title" hidden={!loaded.data}>
            <h2 id="members-title" className="section-title">
              {t('web.organization.members')}
            </h2>
            <div className="stack-host">
              <table className="servers compact members stacks">
                <thead>
                  <tr>
                    <th scope="col">{t('web.organization.memberName')}</th>
                    <th scope="col">{t('web.organization.memberEmail')}</th>
                    <th scope="col">{t('web.organization.memberRole')}</th>
                    <th scope="col">{t('web.organization.memberJoined')}</th>
                    {admin && <th scope="col">{t('web.organization.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {org.members.map((m) => {
                    const self = m.accountId === me?.id;
                    const where = { member: m.accountId };
                    const refused = refusedAt(where);
                    const role = m.role === 'administrator' ? 'member' : 'administrator';
                    return (
                      <tr key={m.accountId} data-testid="member">
                        <td className="member-name">
                          {m.name} {self && <span className="muted">{t('web.organization.you')}</span>}
                        </td>
                        <td className="wrap" data-label={t('web.organization.memberEmail')}>
                          {m.email}
                        </td>
                        <td data-label={t('web.organization.memberRole')} data-testid="member-role">
                          {t(`web.organization.roles.${m.role}`)}
                        </td>
                        <td data-label={t('web.organization.memberJoined')}>{formatDate(m.joinedAt)}</td>
                        {admin && (
                          <td className="member-actions">
                            <div className="row-actions">
                              <button
                                type="button"
                                className="secondary"
                                disabled={busy}
                                aria-label={`${t(role === 'administrator' ? 'web.organization.makeAdministrator' : 'web.organization.makeMember')}: ${m.name}`}
                                onClick={() =>
                                  void act(where, async () => {
                                    loaded.setData(await api('setMemberRole', { params: { accountId: String(m.accountId) }, body: { role } }));
                                    return t(role === 'administrator' ? 'web.organization.madeAdministrator' : 'web.organization.madeMember', { name: m.name });
                                  })
                                }
                              >
                                {t(role === 'administrator' ? 'web.organization.makeAdministrator' : 'web.organization.makeMember')}
                              </button>
                              {!self && (
                                <button type="button" className="secondary" disabled={busy} aria-label={`${t('web.organization.remove')}: ${m.name}`} onClick={() => setRemoving(m)}>
                                  {t('web.organization.remove')}
                                </button>
                              )}
                            </div>
                            {refused ? (
                              <p className="error" role="alert" id={errorId(where)} data-testid="member-error">
                                <ErrorText error={refused} />
                              </p>
                            ) : null}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card leave-card" aria-labelledby="leave-title" hidden={!loaded.data}>
            <h2 id="leave-title">{t('web.organization.leaveHeading')}</h2>
            <p className="muted">{t('web.organization.leaveText')}</p>
            <div className="actions left">
              <button type="button" className="danger" id="leave-button" disabled={busy} onClick={() => setLeaving(true)}>
                {t('web.organization.leave')}
              </button>
            </div>
            {refusedAt('leave') ? (
              <p className="error" role="alert" id="leave-error" data-testid="leave-error">
                <ErrorText error={refusedAt('leave')} />
              </p>
            ) : null}
          </section>
          <Dialog open={removing !== null} onClose={() => setRemoving(null)} labelledBy="remove-title" testId="remove-dialog">
            {removing && (
              <>
                <h2 id="remove-title">{t('web.organization.removeTitle', { name: removing.name })}</h2>
                <p>{t('web.organization.removeText', { name: removing.name, email: removing.email, organization: org.name })}</p>
                <div className="dialog-actions">
                  <button type="button" className="secondary" onClick={() => setRemoving(null)}>
                    {t('web.common.cancel')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() => {
                      const member = removing;
                      setRemoving(null);
                      void act({ member: member.accountId }, async () => {
                        loaded.setData(await api('removeMember', { params: { accountId: String(member.accountId) } }));
                        return t('web.organization.removed', { name: member.name });
                      });
                    }}
                  >
                    {t('web.organization.removeConfirm')}
                  </button>
                </div>
              </>
            )}
          </Dialog>
          <Dialog open={leaving} onClose={() => setLeaving(false)} labelledBy="leave-dialog-title" testId="leave-dialog">
            <h2 id="leave-dialog-title">{t('web.organization.leaveTitle', { organization: org.name })}</h2>
            <p>{t('web.organization.leaveConfirmText', { organization: org.name })}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={() => setLeaving(false)}>
                {t('web.common.cancel')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => {
                  setLeaving(false);
                  void act('leave', async () => {
                    const answer = await api('leaveOrganization', { body: {} });
                    // The account now belongs to another organization: the page and the session follow.
                    await Promise.all([loaded.reload(), useSession.getState().load()]);
                    return localize(answer.message);
                  });
                }}
              >
                {t('web.organization.leaveConfirm')}
              </button>
            </div>
          </Dialog>
        </>
      )}
    </div>
  );
}

/** A refusal's sentence in the active language (the portal's catalogue), inside the paragraph next to its action. */
function ErrorText({ error }: { error: unknown }) {
  const t = useWebT();
  return <>{errorText(error, t('web.unreachable'))}</>;
}
