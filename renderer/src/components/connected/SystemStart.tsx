import { useTranslation } from 'react-i18next';
import { readCodeIn, REQUEST_FORMATS } from '../../../../shared/codes/index.js';
import { REQUEST_FILE_MAX_BYTES } from '../../../../shared/codes/files.js';
import { SystemId } from '../../../../shared/domain/server.js';
import { fieldMessages, type ContractError, type FieldIssue } from '../../lib/errors.js';
import { requestCodeOf, requestFileKind, requestFileSystemId } from '../../../../shared/codes/files.js';
import { checkReplacedAgainst, checkRequestAgainst, requestKind } from '../../lib/request-check.js';
import type { SystemWork } from '../../stores/portal.js';
import { CodeInput } from '../CodeInput.js';
import { codeMessage, replacedMismatchMessage, requestMismatchMessage } from '../../i18n/codes.js';
import { t } from '../../i18n/index.js';
import { FileButton } from '../FileButton.js';
import { localize, localizeMaybe } from '../../i18n/said.js';

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
  if (!id.success) issues.push({ path: 'systemId', message: t(work.kind === 'associate' ? 'start.enterRegisteredId' : 'start.enterSystemId') });
  if (work.kind === 'associate') {
    const next = SystemId.safeParse(work.newSystemId);
    if (!next.success) issues.push({ path: 'newSystemId', message: t('start.enterNewId') });
    else if (id.success && next.data === id.data) issues.push({ path: 'newSystemId', message: t('start.sameId') });
  }
  // Without a request the registration can still be viewed and edited; a code needs one (and associating always does).
  if (!work.request.trim()) {
    if (work.kind === 'associate') issues.push({ path: 'request', message: t('start.enterRequest') });
    return issues;
  }
  const code = requestCodeOf(work.request);
  const read = readCodeIn(code, REQUEST_FORMATS);
  if (!read.ok) {
    issues.push({ path: 'request', message: codeMessage(read.failure, { text: code, formats: REQUEST_FORMATS }) });
    return issues;
  }
  // A version 2 request says what it asks for: the portal refuses the other kind, so say it here first.
  const asked = requestKind(work.request);
  if (asked && asked !== work.kind) {
    issues.push({ path: 'request', message: t(asked === 'associate' ? 'start.chooseAssociate' : 'start.chooseRegister') });
    return issues;
  }
  const target = work.kind === 'associate' ? work.newSystemId : work.systemId;
  if (issues.length === 0) {
    const check = await checkRequestAgainst(target, work.request);
    if (check.state === 'mismatch') issues.push({ path: work.kind === 'associate' ? 'newSystemId' : 'systemId', message: requestMismatchMessage(target) });
    if (check.state === 'unreadable') issues.push({ path: 'request', message: check.message });
    // The old ID cannot be read from its digest, but the one typed can be checked against it.
    const replaced = work.kind === 'associate' ? await checkReplacedAgainst(work.systemId, work.request) : null;
    if (replaced?.state === 'mismatch') issues.push({ path: 'systemId', message: replacedMismatchMessage(work.systemId) });
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
  const { t } = useTranslation();
  const locked = work.step !== 'start';
  const at = (path: string) => localizeMaybe(fieldMessages(error?.issues, path, ['registration'])[0]) ?? undefined;
  const general = error && !fieldsOnly && !error.issues?.some((i) => ['systemId', 'newSystemId', 'request'].includes(i.path)) ? localize(error.message) : null;
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
          if (issues.length) onInvalid({ code: 'invalid_input', message: t('start.checkFields'), issues });
          else onContinue();
        });
      }}
    >
      <div className="card-head">
        <h2 id="start-title">{t('start.title')}</h2>
        {locked && (
          <button type="button" className="link small" onClick={onChange}>
            {t('common.change')}
          </button>
        )}
      </div>
      <fieldset className="kind" disabled={locked}>
        <legend>{t('start.whatToDo')}</legend>
        <label className="check">
          <input type="radio" name="kind" value="register" checked={work.kind === 'register'} onChange={() => onEdit({ kind: 'register' })} /> {t('start.register')}
        </label>
        <label className="check">
          <input type="radio" name="kind" value="associate" checked={work.kind === 'associate'} onChange={() => onEdit({ kind: 'associate' })} /> {t('start.associate')}
        </label>
      </fieldset>
      <div className="field-row">
        {field('systemId', t(work.kind === 'associate' ? 'start.registeredSystemId' : 'start.systemId'), t('start.systemIdHelp'))}
        {work.kind === 'associate' && field('newSystemId', t('start.newSystemId'), t('start.newSystemIdHelp'))}
      </div>
      {work.kind === 'associate' && requestKind(work.request) === 'associate' && (
        <p className="muted small" data-testid="request-kind-note">
          {t('start.requestKindNote')}
        </p>
      )}
      <div className="field-row">
        <CodeInput
          id="start-request"
          label={t('start.request')}
          value={requestCodeOf(work.request)}
          onChange={(text) => onEdit({ request: text, requestFile: null, ...followRequestKind(work, text) })}
          formats={REQUEST_FORMATS}
          error={at('request') ?? null}
          rows={3}
          disabled={locked}
          testId="request-input"
          hint={
            fromFile
              ? t('start.fromFile', { file: work.requestFile })
              : t('start.requestHint')
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
            inputLabel={t('start.requestFile')}
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
            {t('start.openFile')}
          </FileButton>
          <button type="submit" disabled={busy}>
            {busy ? t('common.checking') : t('common.continue')}
          </button>
        </div>
      )}
    </form>
  );
}
