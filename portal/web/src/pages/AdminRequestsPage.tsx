import { useEffect, useState } from 'react';
import { TextField } from '../../../../renderer/src/components/connected/Fields.js';
import { focusSoon } from '../../../../renderer/src/lib/focus.js';
import { RejectInput, type PartnerIdRequestView } from '../../../../shared/portal/organizations.js';
import { api } from '../api.js';
import { ErrorBox, NotAvailable, PageHeader, errorText, issueAt } from '../components/Page.js';
import { notAvailable, useLoad } from '../components/useLoad.js';
import { formatDateTime, useWebT } from '../i18n/index.js';
import { localize } from '../i18n/said.js';
import { useSession } from '../state.js';

/** One request waiting: who asks for what and why, Approve, or Reject with a note. */
function RequestCard({ request, busy, onDecide }: { request: PartnerIdRequestView; busy: boolean; onDecide(decide: () => Promise<string>, failed: (e: unknown) => void): void }) {
  const t = useWebT();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const id = String(request.id);
  const errorId = `request-error-${id}`;
  const noteId = `request-note-${id}`;
  const failed = (e: unknown) => {
    const at = issueAt(e, 'note');
    setProblem(at);
    setError(at ? null : e);
    focusSoon(at ? `#${noteId}` : `#${errorId}`);
  };
  // The companion's look for a request waiting (.request: the attention colour at its left).
  return (
    <section className="card request" aria-labelledby={`request-title-${id}`} data-testid="partner-id-request-item">
      <h2 id={`request-title-${id}`}>{request.organizationName}</h2>
      <dl className="facts request-facts">
        <dt>{t('web.admin.currentId')}</dt>
        <dd>
          <code data-testid="request-current">{request.currentId}</code>
        </dd>
        <dt>{t('web.admin.requestedId')}</dt>
        <dd>
          <code className="partner-id-value" data-testid="request-wanted">
            {request.requestedId}
          </code>
        </dd>
        <dt>{t('web.admin.reason')}</dt>
        <dd className="wrap-text">{request.reason}</dd>
        <dt>{t('web.admin.requestedBy')}</dt>
        <dd className="wrap-text">{request.requestedBy ? `${request.requestedBy.name}, ${request.requestedBy.email}` : t('web.admin.nobody')}</dd>
        <dt>{t('web.admin.requestedAt')}</dt>
        <dd>{formatDateTime(request.requestedAt)}</dd>
      </dl>
      <TextField id={noteId} label={t('web.admin.note')} value={note} onChange={setNote} maxLength={1000} help={t('web.admin.noteHelp')} error={problem} multiline />
      {error ? (
        <p className="error" role="alert" id={errorId} data-testid="request-error">
          {errorText(error, t('web.unreachable'))}
        </p>
      ) : null}
      <div className="actions left">
        <button
          type="button"
          disabled={busy}
          aria-label={`${t('web.admin.approve')}: ${request.organizationName}, ${request.requestedId}`}
          onClick={() =>
            onDecide(async () => {
              const decided = await api('approvePartnerIdRequest', { params: { requestId: id }, body: {} });
              return t('web.admin.approved', { organization: decided.organizationName, id: decided.requestedId });
            }, failed)
          }
        >
          {t('web.admin.approve')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-label={`${t('web.admin.reject')}: ${request.organizationName}, ${request.requestedId}`}
          onClick={() => {
            // The shared schema first: a note is required, said at once in the person's language.
            const checked = RejectInput.safeParse({ note });
            if (!checked.success) {
              setProblem(localize(checked.error.issues[0]!.message));
              setError(null);
              focusSoon(`#${noteId}`);
              return;
            }
            setProblem(undefined);
            onDecide(async () => {
              const decided = await api('rejectPartnerIdRequest', { params: { requestId: id }, body: checked.data });
              return t('web.admin.rejected', { organization: decided.organizationName, id: decided.requestedId });
            }, failed);
          }}
        >
          {t('web.admin.reject')}
        </button>
      </div>
    </section>
  );
}

/** Portal administrators: the Partner ID change requests waiting, oldest first, to approve or reject. */
export function AdminRequestsPage() {
  const t = useWebT();
  const portalAdmin = useSession((s) => s.account?.portalAdmin ?? false);
  const requests = useLoad(() => (portalAdmin ? api('partnerIdRequests', { query: { state: 'pending' } }) : Promise.resolve(null)), [portalAdmin]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusNote, setFocusNote] = useState(0);
  useEffect(() => {
    if (focusNote) focusSoon('#requests-note');
  }, [focusNote]);
  if (!portalAdmin) {
    return (
      <div className="screen">
        <PageHeader title={t('web.admin.heading')} />
        <p className="notice" data-testid="not-portal-admin">
          {t('web.admin.notAdmin')}
        </p>
      </div>
    );
  }
  const decide = (work: () => Promise<string>, failed: (e: unknown) => void) => {
    setBusy(true);
    void (async () => {
      try {
        const said = await work();
        await requests.reload();
        setNote(said);
        setFocusNote((n) => n + 1);
      } catch (e) {
        setNote(null);
        failed(e);
      } finally {
        setBusy(false);
      }
    })();
  };
  const missing = notAvailable(requests.error);
  return (
    <div className="screen">
      <PageHeader title={t('web.admin.heading')} lead={t('web.admin.intro')} />
      {missing && <NotAvailable routes={['partnerIdRequests', 'approvePartnerIdRequest', 'rejectPartnerIdRequest']} />}
      {!missing && <ErrorBox error={requests.error} />}
      {note && (
        <p className="form-saved" role="status" id="requests-note" data-testid="requests-note">
          {note}
        </p>
      )}
      {requests.loading && !requests.data && <p role="status">{t('web.loading')}</p>}
      {requests.data && requests.data.length === 0 && <p className="empty">{t('web.admin.none')}</p>}
      {requests.data?.map((r) => <RequestCard key={r.id} request={r} busy={busy} onDecide={decide} />)}
    </div>
  );
}
