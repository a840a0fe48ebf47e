import { useState } from 'react';
import { REGISTRATION_FORMAT, TOKEN_FORMAT } from '../../../../shared/codes/index.js';
import type { ContractError } from '../../lib/errors.js';
import { CodeInput } from '../CodeInput.js';
import { FileButton } from '../FileButton.js';

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

/** The Registration code (or signed token) coming back from the portal: typed, pasted, or a file. */
export function CodeEntry({ requestId, value, error, applying, onChange, onApply, note, label = 'Registration code from the portal' }: Props) {
  const [fileError, setFileError] = useState<string | null>(null);
  const id = `code-${requestId}`;
  return (
    <form
      className="code-entry"
      aria-label={`Enter the Registration code for request ${requestId}`}
      onSubmit={(e) => {
        e.preventDefault();
        setFileError(null);
        onApply(value);
      }}
    >
      {note && <p className="muted small">{note}</p>}
      <CodeInput
        id={id}
        label={label}
        hint="Type or paste the 6-group Registration code, paste the signed token (it starts with BMSTK), or open the file the portal saved."
        value={value}
        onChange={(text) => {
          setFileError(null);
          onChange(text);
        }}
        formats={[REGISTRATION_FORMAT, TOKEN_FORMAT]}
        error={fileError ?? error?.message ?? null}
        testId="code-input"
      />
      <div className="actions">
        <FileButton
          inputLabel={`Code file for request ${requestId}`}
          disabled={applying}
          onText={(text) => {
            setFileError(null);
            onApply(text);
          }}
          onError={setFileError}
        >
          Open file…
        </FileButton>
        <button type="submit" disabled={applying || !value.trim()}>
          {applying ? 'Checking…' : 'Apply code'}
        </button>
      </div>
    </form>
  );
}
