import { useId } from 'react';
import { answerCodeOf } from '../../../shared/codes/files.js';
import { checkGroups, typingFormat, type CodeFormat } from '../../../shared/codes/index.js';
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

const list = (groups: number[]) => (groups.length === 1 ? `${groups[0]}` : `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`);
const numbered = (groups: number[], one: string, other: string) => `${groups.length === 1 ? 'Group' : 'Groups'} ${list(groups)} ${groups.length === 1 ? one : other}`;

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
  let message: string;
  let problem = false;
  if (check.characters === 0) {
    message = `${format.groups} groups of 6 characters. Dashes and spaces are optional; O reads as 0, I and L as 1.`;
  } else if (refused.length) {
    const bad = refused[0]!;
    message = `"${bad.character}" (group ${bad.group}, character ${bad.position}) is not used in codes: they use 0-9 and A-Z except U.`;
    problem = true;
  } else if (short.length) {
    message = `${numbered(short, 'has', 'have')} fewer than 6 characters: compare ${short.length === 1 ? 'it' : 'them'} with the original.`;
    problem = true;
  } else if (wrong.length) {
    message = `${numbered(wrong, 'looks', 'look')} mistyped: compare ${wrong.length === 1 ? 'it' : 'them'} with the original.`;
    problem = true;
  } else if (check.characters > check.expectedCharacters) {
    message = `${check.characters} characters: a ${format.label} has ${check.expectedCharacters}. Is a character doubled, or something extra pasted?`;
    problem = true;
  } else if (check.complete) {
    message = `All ${format.groups} groups check.`;
  } else {
    message = `${check.characters} of ${check.expectedCharacters} characters; the groups typed so far check.`;
  }
  return { format, check, groups, message, problem, wrong };
}

/**
 * One box for a typed code: typing, pasting, any case, with or without dashes. Each group's state
 * shows as the person types (ok, mistyped, not complete yet), before anything is sent.
 */
export function CodeInput({ id, label, value, onChange, formats, error, hint, rows = 2, disabled, testId }: Props) {
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
          <span key={g.group} className={`chip chip-${g.group > format.groups || g.state === 'short' ? 'wrong' : g.state}${g.characters ? '' : ' chip-empty'}`} title={`Group ${g.group}`}>
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
