import { readCodeIn, REQUEST_FORMATS } from '../../../../shared/codes/index.js';
import { REQUEST_FILE_MAX_BYTES } from '../../../../shared/codes/files.js';
import { SystemId } from '../../../../shared/domain/server.js';
import { fieldMessages, type ContractError, type FieldIssue } from '../../lib/errors.js';
import { requestCodeOf, requestFileKind, requestFileSystemId } from '../../../../shared/codes/files.js';
import { checkReplacedAgainst, checkRequestAgainst, requestKind } from '../../lib/request-check.js';
import type { SystemWork } from '../../stores/portal.js';
import { CodeInput } from '../CodeInput.js';
import { FileButton } from '../FileButton.js';

interface Props {
  work: SystemWork;
  busy: boolean;
  /** Errors of the access check or of issuing: their field issues land here too. */
  error: ContractError | null;
  onEdit(change: Partial<SystemWork>): void;
  onInvalid(error: ContractError): void;
  onContinue(): void;
  onChange(): void;
  /** The error is shown elsewhere too: only its field messages go here. */
  fieldsOnly?: boolean;
}

/** Checks what was entered before the portal is asked anything; the list of issues, or none. */
export async function checkStart(work: SystemWork): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const id = SystemId.safeParse(work.systemId);
  if (!id.success) issues.push({ path: 'systemId', message: work.kind === 'associate' ? 'Enter the System ID that is registered (the one before the wipe).' : 'Enter the System ID the site shows.' });
  if (work.kind === 'associate') {
    const next = SystemId.safeParse(work.newSystemId);
    if (!next.success) issues.push({ path: 'newSystemId', message: 'Enter the new System ID the wiped server shows now.' });
    else if (id.success && next.data === id.data) issues.push({ path: 'newSystemId', message: 'This is the registered System ID: enter the new one the server shows since its database was recreated.' });
  }
  // Without a request the registration can still be viewed and edited; a code needs one (and associating always does).
  if (!work.request.trim()) {
    if (work.kind === 'associate') issues.push({ path: 'request', message: 'Enter the request code from the site, scan its QR code, or open its request file.' });
    return issues;
  }
  const read = readCodeIn(requestCodeOf(work.request), REQUEST_FORMATS);
  if (!read.ok) {
    issues.push({ path: 'request', message: read.failure.message });
    return issues;
  }
  // A version 2 request says what it asks for: the portal refuses the other kind, so say it here first.
  const asked = requestKind(work.request);
  if (asked && asked !== work.kind) {
    issues.push({ path: 'request', message: asked === 'associate' ? 'This request was made to associate a new System ID after a database wipe: choose Associate.' : 'This request was made to register the system: choose Register.' });
    return issues;
  }
  const target = work.kind === 'associate' ? work.newSystemId : work.systemId;
  if (issues.length === 0) {
    const check = await checkRequestAgainst(target, work.request);
    if (check.state === 'mismatch') issues.push({ path: work.kind === 'associate' ? 'newSystemId' : 'systemId', message: check.message });
    if (check.state === 'unreadable') issues.push({ path: 'request', message: check.message });
    // The old ID cannot be read from its digest, but the one typed can be checked against it.
    const replaced = work.kind === 'associate' ? await checkReplacedAgainst(work.systemId, work.request) : null;
    if (replaced?.state === 'mismatch') issues.push({ path: 'systemId', message: replaced.message });
  }
  return issues;
}

/**
 * A typed version 2 request code says what it asks for: the form follows it, as it does for a
 * request file. The site's System ID typed so far moves with it (a register request is for the
 * ID the site shows, which in the Associate path is the new one).
 */
export function followRequestKind(work: SystemWork, text: string): Partial<SystemWork> {
  const asked = requestKind(text);
  if (!asked || asked === work.kind) return {};
  if (asked === 'associate') return work.newSystemId.trim() ? { kind: asked } : { kind: asked, newSystemId: work.systemId, systemId: '' };
  return work.newSystemId.trim() ? { kind: asked, systemId: work.newSystemId, newSystemId: '' } : { kind: asked };
}

/** Step 1 of "Register or modify a system": what to do, for which System ID, answering which request. */
export function SystemStart({ work, busy, error, onEdit, onInvalid, onContinue, onChange, fieldsOnly }: Props) {
  const locked = work.step !== 'start';
  const at = (path: string) => fieldMessages(error?.issues, path, ['registration'])[0];
  const general = error && !fieldsOnly && !error.issues?.some((i) => ['systemId', 'newSystemId', 'request'].includes(i.path)) ? error.message : null;
  const fromFile = work.requestFile !== null;

  const field = (name: 'systemId' | 'newSystemId', label: string, help: string) => (
    <div className="field">
      <label htmlFor={`start-${name}`}>{label}</label>
      <input
        id={`start-${name}`}
        value={work[name]}
        maxLength={256}
        readOnly={locked}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        onChange={(e) => onEdit({ [name]: e.target.value })}
        aria-invalid={at(name) ? true : undefined}
        aria-describedby={`start-${name}-help start-${name}-error`}
      />
      <div id={`start-${name}-help`} className="muted small">
        {help}
      </div>
      {at(name) && (
        <p id={`start-${name}-error`} className="field-error" role="alert" data-testid={`${name}-error`}>
          {at(name)}
        </p>
      )}
    </div>
  );

  return (
    <form
      className="card"
      aria-labelledby="start-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (locked) return;
        void checkStart(work).then((issues) => {
          if (issues.length) onInvalid({ code: 'invalid_input', message: 'Check the fields marked.', issues });
          else onContinue();
        });
      }}
    >
      <div className="card-head">
        <h2 id="start-title">Register or modify a system</h2>
        {locked && (
          <button type="button" className="link small" onClick={onChange}>
            Change
          </button>
        )}
      </div>
      <fieldset className="kind" disabled={locked}>
        <legend>What to do</legend>
        <label className="check">
          <input type="radio" name="kind" value="register" checked={work.kind === 'register'} onChange={() => onEdit({ kind: 'register' })} /> Register a system, or modify its registration
        </label>
        <label className="check">
          <input type="radio" name="kind" value="associate" checked={work.kind === 'associate'} onChange={() => onEdit({ kind: 'associate' })} /> Associate a new System ID with a registered
          system (after a database wipe)
        </label>
      </fieldset>
      <div className="field-row">
        {field('systemId', work.kind === 'associate' ? 'Registered System ID (before the wipe)' : 'System ID', 'Exactly as the site shows it: upper and lower case matter.')}
        {work.kind === 'associate' && field('newSystemId', 'New System ID', 'The System ID the wiped server shows now; the request was made for it.')}
      </div>
      {work.kind === 'associate' && requestKind(work.request) === 'associate' && (
        <p className="muted small" data-testid="request-kind-note">
          The request says it is an association. It carries the replaced System ID only as a check: enter the registered System ID above, and it is checked against the
          request.
        </p>
      )}
      <div className="field-row">
        <CodeInput
          id="start-request"
          label="Request code from the site"
          value={requestCodeOf(work.request)}
          onChange={(text) => onEdit({ request: text, requestFile: null, ...followRequestKind(work, text) })}
          formats={REQUEST_FORMATS}
          error={at('request') ?? null}
          rows={3}
          disabled={locked}
          testId="request-input"
          hint={
            fromFile
              ? `From the file ${work.requestFile}. Typing here replaces it.`
              : 'Type it, paste it, scan its QR code into this box, or open the request file saved on the site computer. Leave it empty to only view or edit the registration.'
          }
        />
      </div>
      {general && (
        <p className="error" role="alert" data-testid="start-error">
          {general}
        </p>
      )}
      {!locked && (
        <div className="actions">
          <FileButton
            inputLabel="Request file"
            maxBytes={REQUEST_FILE_MAX_BYTES}
            onText={(text, name) => {
              const fileId = requestFileSystemId(text);
              const asked = requestFileKind(text);
              const change: Partial<SystemWork> = { request: text, requestFile: name };
              // The file says what it asks for: an association opens the Associate path with both IDs.
              const kind = asked?.kind ?? work.kind;
              if (kind !== work.kind) change.kind = kind;
              const target = kind === 'associate' ? 'newSystemId' : 'systemId';
              if (fileId && (asked || !work[target].trim())) change[target] = fileId;
              if (asked?.kind === 'associate' && asked.replaces) change.systemId = asked.replaces;
              onEdit(change);
            }}
            onError={(message) => onInvalid({ code: 'invalid_input', message, issues: [{ path: 'request', message }] })}
          >
            Open request file…
          </FileButton>
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Continue'}
          </button>
        </div>
      )}
    </form>
  );
}
