import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { answerCodeOf } from '../../../shared/codes/files.js';
import { checkGroups, typingFormat, type CodeFormat } from '../../../shared/codes/index.js';
import { codeMessage, type TypingNote } from '../i18n/codes.js';
import { typedGroups } from '../lib/typed-groups.js';

interface Props {
  id?: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The formats this box takes (the request code's two versions count as two); the first is assumed until the text looks like another. */
  formats: readonly CodeFormat[];
  /** A refusal from main, shown under the box. */
  error?: string | null;
  hint?: string;
  rows?: number;
  disabled?: boolean;
  testId?: string;
}

/** What the live check says about the text so far, and whether it points at a mistake. */
export function liveCheck(text: string, formats: readonly CodeFormat[]) {
  const value = answerCodeOf(text);
  // By marker, then by the version the first character stands for, then by length: a version 2
  // request is not "complete" at 20 groups, where its first 20 groups all check.
  const format = typingFormat(value, formats);
  const check = checkGroups(value, format.groups);
  // The chips and the messages follow the groups as typed (lib/typed-groups.ts), so a character
  // missing in one group does not make every group after it look wrong.
  const groups = typedGroups(value);
  const refused = groups.flatMap((g) => g.refused.map((r) => ({ ...r, group: g.group })));
  const short = groups.filter((g) => g.state === 'short').map((g) => g.group);
  const wrong = groups.filter((g) => g.state === 'wrong' && g.group <= format.groups).map((g) => g.group);
  // What to say, as a note i18n/codes.ts words in the active language (English as it always read).
  let note: TypingNote;
  if (check.characters === 0) note = { reason: 'typing_empty', format };
  else if (refused.length) note = { reason: 'typing_refused', ...refused[0]! };
  else if (short.length) note = { reason: 'typing_short', groups: short };
  else if (wrong.length) note = { reason: 'typing_mistyped', groups: wrong };
  else if (check.characters > check.expectedCharacters) note = { reason: 'typing_extra', characters: check.characters, format };
  else if (check.complete) note = { reason: 'typing_complete', format };
  else note = { reason: 'typing_partial', characters: check.characters, format };
  const problem = ['typing_refused', 'typing_short', 'typing_mistyped', 'typing_extra'].includes(note.reason);
  return { format, check, groups, message: codeMessage(note), problem, wrong };
}

/**
 * One box for a typed code: typing, pasting, any case, with or without dashes. Each group's state
 * shows as the person types (ok, mistyped, not complete yet), before anything is sent.
 */
export function CodeInput({ id, label, value, onChange, formats, error, hint, rows = 2, disabled, testId }: Props) {
  const { t } = useTranslation();
  const own = useId();
  const inputId = id ?? own;
  const { format, check, groups, message, problem } = liveCheck(value, formats);
  // The groups typed, then empty chips for the ones still to come.
  const shown = [...groups, ...Array.from({ length: Math.max(0, format.groups - groups.length) }, (_, i) => ({ group: groups.length + i + 1, characters: '', state: 'incomplete' as const }))];
  // A refusal from main about the same mistake says it already: one message, not two alike.
  const live = error && problem ? '' : message;
  return (
    <div className="field code-input">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <div className="muted small" id={`${inputId}-hint`}>
          {hint}
        </div>
      )}
      <textarea
        id={inputId}
        rows={rows}
        value={value}
        maxLength={16 * 1024}
        disabled={disabled}
        spellCheck={false}
        autoCapitalize="characters"
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem || !!error ? true : undefined}
        aria-describedby={`${hint ? `${inputId}-hint ` : ''}${inputId}-live${error ? ` ${inputId}-error` : ''}`}
        data-testid={testId}
      />
      <div className="chips" aria-hidden="true">
        {shown.map((g) => (
          <span key={g.group} className={`chip chip-${g.group > format.groups || g.state === 'short' ? 'wrong' : g.state}${g.characters ? '' : ' chip-empty'}`} title={t('offline.code.group', { group: g.group })}>
            <span className="chip-n">{g.group}</span>
            {g.characters.padEnd(6, '·')}
          </span>
        ))}
      </div>
      <p id={`${inputId}-live`} className={`live ${problem ? 'text-danger' : check.complete ? 'text-ok' : 'muted'} small`} aria-live="polite" data-testid={testId ? `${testId}-live` : undefined}>
        {live}
      </p>
      {error && (
        <p id={`${inputId}-error`} className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
