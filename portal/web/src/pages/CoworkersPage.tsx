import { useState } from 'react';
import { TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { InviteCoworkerInput } from '../../../../shared/portal/organizations.js';
import { api, type Answer } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorBox, NotAvailable, PageHeader, issueAt } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDate, useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';

type Sent = Answer<'inviteCoworker'>;

/**
 * The seed's "Invite a Co-worker" dialog: an e-mail address, Send Invite or Cancel; the seed's
 * refusals come from the schema and the portal, said in the person's language; once sent,
 * "Invitation Sent" with Send New Invite and Close.
 */
function InviteDialog({ open, onClose, onSent }: { open: boolean; onClose(): void; onSent(): void }) {
  const t = useWebT();
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const reset = () => {
    setEmail('');
    setProblem(undefined);
    setError(null);
    setSent(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} labelledBy="invite-title" testId="invite-dialog">
      {sent ? (
        <div data-testid="invitation-sent">
          <h2 id="invite-title" tabIndex={-1}>
            {localize(sent.title)}
          </h2>
          <p role="status">{localize(sent.message)}</p>
          <div className="dialog-actions">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                reset();
                focusSoon('#coworker-email');
              }}
            >
              {t('web.coworkers.sendNew')}
            </button>
            <button type="button" onClick={close}>
              {t('web.common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const checked = InviteCoworkerInput.safeParse({ email });
            if (!checked.success) {
              setProblem(localize(checked.error.issues[0]!.message));
              setError(null);
              focusSoon('#coworker-email');
              return;
            }
            setBusy(true);
            try {
              const answer = await api('inviteCoworker', { body: { email } });
              setSent(answer);
              setProblem(undefined);
              setError(null);
              onSent();
              focusSoon('#invite-title');
            } catch (e) {
              const at = issueAt(e, 'email');
              setProblem(at);
              setError(at ? null : e);
              focusSoon('#coworker-email');
            } finally {
              setBusy(false);
            }
          }}
        >
          <h2 id="invite-title">{t('web.coworkers.dialogTitle')}</h2>
          <p id="invite-text">{t('web.coworkers.dialogText')}</p>
          <TextField id="coworker-email" label={t('web.coworkers.emailLabel')} type="email" value={email} onChange={setEmail} maxLength={320} autoComplete="off" error={problem} />
          <ErrorBox error={error} />
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={close}>
              {t('web.common.cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {busy ? t('web.coworkers.sending') : t('web.coworkers.send')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function CoworkersPage() {
  const t = useWebT();
  const org = useLoad(() => api('organization'));
  const admin = org.data?.role === 'administrator';
  const invitations = useLoad(() => (admin ? api('coworkerInvitations') : Promise.resolve(null)), [admin]);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<string>) => {
    try {
      setNote(await work());
      setError(null);
      await invitations.reload();
    } catch (e) {
      setError(e);
      setNote(null);
    }
  };
  const missing = notAvailable(org.error) || notAvailable(invitations.error);
  return (
    <div className="screen">
      <PageHeader
        title={t('web.coworkers.heading')}
        lead={t('web.coworkers.intro')}
        actions={
          admin && (
            <button type="button" onClick={() => setOpen(true)} data-testid="invite-coworker">
              {t('web.coworkers.invite')}
            </button>
          )
        }
      />
      {missing && <NotAvailable routes={['organization', 'coworkerInvitations', 'inviteCoworker', 'resendCoworkerInvitation', 'revokeCoworkerInvitation']} />}
      {!missing && <ErrorBox error={org.error ?? invitations.error} />}
      {org.data && !admin && <p className="notice">{t('web.coworkers.onlyAdmins')}</p>}
      {note && (
        <p className="form-saved" role="status">
          {note}
        </p>
      )}
      <ErrorBox error={error} />
      {admin && (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="section-title">
            {t('web.coworkers.pending')}
          </h2>
          {invitations.data && invitations.data.length === 0 && <p className="empty">{t('web.coworkers.noPending')}</p>}
          {invitations.data && invitations.data.length > 0 && (
            <table className="servers compact" data-testid="pending-invitations">
              <thead>
                <tr>
                  <th scope="col">{t('web.common.email')}</th>
                  <th scope="col">{t('web.coworkers.invitedOn')}</th>
                  <th scope="col">{t('web.coworkers.expiresOn')}</th>
                  <th scope="col">{t('web.coworkers.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((i) => (
                  <tr key={i.id}>
                    <td className="wrap">{i.email}</td>
                    <td>{formatDate(i.createdAt)}</td>
                    <td>{i.expired ? <span className="text-danger">{t('web.coworkers.expired')}</span> : formatDate(i.expiresAt)}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`${t('web.coworkers.resend')}: ${i.email}`}
                        onClick={() => void act(async () => (await api('resendCoworkerInvitation', { params: { invitationId: String(i.id) }, body: {} }), t('web.coworkers.resent', { email: i.email })))}
                      >
                        {t('web.coworkers.resend')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`${t('web.coworkers.revoke')}: ${i.email}`}
                        onClick={() => void act(async () => localize((await api('revokeCoworkerInvitation', { params: { invitationId: String(i.id) } })).message))}
                      >
                        {t('web.coworkers.revoke')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      <InviteDialog open={open} onClose={() => setOpen(false)} onSent={() => void invitations.reload()} />
    </div>
  );
}
