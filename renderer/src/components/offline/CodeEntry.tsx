import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerCodeOf } from '../../../../shared/codes/files.js';
import { identifyCode, readCode, REGISTRATION_FORMAT, TOKEN_FORMAT } from '../../../../shared/codes/index.js';
import { codeMessage } from '../../i18n/codes.js';
import type { ContractError } from '../../lib/errors.js';
import { CodeInput } from '../CodeInput.js';
import { FileButton } from '../FileButton.js';
import { localize } from '../../i18n/said.js';

interface Props {
  requestId: number;
  value: string;
  error: ContractError | null;
  applying: boolean;
  onChange(text: string): void;
  onApply(text: string): void;
  /** Shown above the box, e.g. why it may be refused. */
  note?: string;
  label?: string;
}

/**
 * Main's refusal of the text sent, in the active language when its reason can be known: main reads
 * the code as shared/codes does (a token by its marker, else a Registration code), so a failure
 * the same read finds here, word for word, is that refusal and is worded again from the text. Main's
 * own refusals (portal key, dates, another request) keep its English message.
 */
function refusalMessage(error: ContractError, sent: string | null): string {
  if (sent === null || !error.issues?.some((issue) => issue.path === 'code')) return localize(error.message);
  const text = answerCodeOf(sent);
  const format = identifyCode(text) === TOKEN_FORMAT ? TOKEN_FORMAT : REGISTRATION_FORMAT;
  const read = readCode(text, format);
  return !read.ok && read.failure.message === error.message ? codeMessage(read.failure, { text, formats: [format] }) : localize(error.message);
}

/** The Registration code (or signed token) coming back from the portal: typed, pasted, or a file. */
export function CodeEntry({ requestId, value, error, applying, onChange, onApply, note, label }: Props) {
  const { t } = useTranslation();
  const [fileError, setFileError] = useState<string | null>(null);
  // The text last sent to main (typed or a file's), which its refusal is about.
  const [sent, setSent] = useState<string | null>(null);
  const id = `code-${requestId}`;
  const apply = (text: string) => {
    setFileError(null);
    setSent(text);
    onApply(text);
  };
  return (
    <form
      className="code-entry"
      aria-label={t('offline.entry.form', { id: requestId })}
      onSubmit={(e) => {
        e.preventDefault();
        apply(value);
      }}
    >
      {note && <p className="muted small">{note}</p>}
      <CodeInput
        id={id}
        label={label ?? t('offline.entry.label')}
        hint={t('offline.entry.hint')}
        value={value}
        onChange={(text) => {
          setFileError(null);
          onChange(text);
        }}
        formats={[REGISTRATION_FORMAT, TOKEN_FORMAT]}
        error={fileError ?? (error ? refusalMessage(error, sent) : null)}
        testId="code-input"
      />
      <div className="actions">
        <FileButton
          inputLabel={t('offline.entry.fileLabel', { id: requestId })}
          disabled={applying}
          onText={apply}
          onError={setFileError}
        >
          {t('offline.entry.openFile')}
        </FileButton>
        <button type="submit" disabled={applying || !value.trim()}>
          {applying ? t('common.checking') : t('offline.entry.apply')}
        </button>
      </div>
    </form>
  );
}
