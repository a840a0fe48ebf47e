import { useRef, type ReactNode } from 'react';
import { readTextFile } from '../lib/files.js';

interface Props {
  children: ReactNode;
  /** Called with the file's text; a read failure goes to onError with a message to show. */
  onText(text: string, name: string): void;
  onError(message: string): void;
  accept?: string;
  className?: string;
  disabled?: boolean;
  inputLabel: string;
  maxBytes?: number;
}

/** A real button that opens the file chooser; the file is read here in the page, never uploaded. */
export function FileButton({ children, onText, onError, accept = '.txt,.json,text/plain,application/json', className = 'secondary', disabled, inputLabel, maxBytes }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          readTextFile(file, maxBytes).then(
            (text) => onText(text, file.name),
            (error: Error) => onError(error.message),
          );
        }}
      />
    </>
  );
}
