// Code-check messages in the active language. shared/codes makes each refusal for main, the portal
// and the renderer alike: a stable `reason` (what a program branches on) and an English `message`.
// The renderer maps the reason to its own words and fills them from the typed text, which it has;
// anything it has no words for (main's date and key refusals) keeps the English message.
import { isSeparator, showCharacter, symbolOf } from '../../../shared/codes/alphabet.js';
import { groupSyndrome } from '../../../shared/codes/check.js';
import { CODE_FORMATS, GROUP_SIZE, type CodeFailure, type CodeFormat } from '../../../shared/codes/index.js';
import { currentLanguage, t } from './index.js';

/** What the input box says while a code is being typed (CodeInput's live check), before anything is sent. */
export type TypingNote =
  | { reason: 'typing_empty'; format: CodeFormat }
  | { reason: 'typing_refused'; character: string; group: number; position: number }
  | { reason: 'typing_short' | 'typing_mistyped'; groups: number[] }
  | { reason: 'typing_extra' | 'typing_partial'; characters: number; format: CodeFormat }
  | { reason: 'typing_complete'; format: CodeFormat };

export type CodeNote = CodeFailure | TypingNote;

/** The text a refusal is about and the formats it was read against: the refusal's parameters are read from it again. */
export interface TypedCode {
  text: string;
  formats: readonly CodeFormat[];
}

const formatName = (format: CodeFormat) => t(`codes.format.${format.id}`);
const list = (items: (string | number)[], joiner: 'codes.and' | 'codes.failure.or' = 'codes.and') =>
  items.length < 2 ? `${items[0] ?? ''}` : t(joiner, { list: items.slice(0, -1).join(', '), last: `${items.at(-1)}` });

/** The message for a refusal or for the live check, in the active language. */
export function codeMessage(note: CodeNote, typed?: TypedCode): string {
  if ('message' in note) return failureMessage(note, typed) ?? note.message;
  switch (note.reason) {
    case 'typing_empty':
      return t('codes.typing.empty', { groups: note.format.groups });
    case 'typing_refused':
      return t('codes.typing.refused', { character: note.character, group: note.group, position: note.position });
    case 'typing_short':
      return t('codes.typing.short', { count: note.groups.length, groups: list(note.groups) });
    case 'typing_mistyped':
      return t('codes.typing.mistyped', { count: note.groups.length, groups: list(note.groups) });
    case 'typing_extra':
      return t('codes.typing.extra', { characters: note.characters, expected: note.format.groups * GROUP_SIZE, format: formatName(note.format) });
    case 'typing_partial':
      return t('codes.typing.partial', { characters: note.characters, expected: note.format.groups * GROUP_SIZE });
    case 'typing_complete':
      return t('codes.typing.complete', { groups: note.format.groups });
  }
}

interface Read {
  /** The code characters as typed, separators dropped. */
  characters: string[];
  /** Lengths of the runs between separators. */
  runs: number[];
}

function readTyped(text: string): Read {
  const read: Read = { characters: [], runs: [] };
  let run = 0;
  for (const character of text) {
    if (isSeparator(character)) {
      if (run) read.runs.push(run);
      run = 0;
    } else {
      read.characters.push(character);
      run++;
    }
  }
  if (run) read.runs.push(run);
  return read;
}

const groupOf = (index: number) => Math.floor(index / GROUP_SIZE) + 1;

/** The translated refusal, or null to keep the English one (English itself, or a refusal this cannot word). */
function failureMessage(failure: CodeFailure, typed: TypedCode | undefined): string | null {
  if (currentLanguage() === 'en' || !typed) return null;
  const read = readTyped(typed.text);
  const count = read.characters.length;
  const format = typed.formats.find((f) => f.groups * GROUP_SIZE === count) ?? typed.formats[0];
  if (!format) return null;
  switch (failure.reason) {
    case 'bad_character': {
      const first = read.characters.findIndex((c) => symbolOf(c) < 0);
      if (first < 0) return null;
      return t('codes.failure.badCharacter', { character: showCharacter(read.characters[first]!), group: groupOf(first), position: (first % GROUP_SIZE) + 1 });
    }
    case 'wrong_length':
      return lengthMessage(format, read, typed.formats);
    case 'bad_group':
      return failure.groups?.length ? groupsMessage(failure.groups, read) : null;
    case 'unsupported_version':
      // While typing, the only version refusal is a token without its marker group; main's others keep English.
      return format.marker ? t('codes.failure.notThisFormat', { format: formatName(format), marker: format.marker }) : null;
    default:
      return null;
  }
}

function lengthMessage(format: CodeFormat, read: Read, formats: readonly CodeFormat[]): string | null {
  const count = read.characters.length;
  const expected = format.groups * GROUP_SIZE;
  if (count === expected) return null; // not a length refusal of the typed text (main's own): keep its words
  if (!count) return t('codes.failure.enter', { format: formatName(format), expected, groups: format.groups });
  const parts = [t('codes.failure.length', { format: formatName(format), count, expected, groups: format.groups })];
  // Typed with dashes: the first run that is not whole groups is where a character went missing or extra.
  const odd = read.runs.length > 1 ? read.runs.findIndex((run) => run % GROUP_SIZE !== 0) : -1;
  const run = read.runs[odd] ?? 0;
  if (run && run < 2 * GROUP_SIZE) parts.push(t('codes.failure.groupLength', { group: groupOf(read.runs.slice(0, odd).reduce((a, b) => a + b, 0)), count: run }));
  const other = CODE_FORMATS.find((f) => f.id !== format.id && f.groups * GROUP_SIZE === count);
  if (other) parts.push(t('codes.failure.looksLike', { format: formatName(other) }));
  const older = formats.filter((f) => f !== format).map((f) => t('codes.failure.olderLength', { count: f.groups * GROUP_SIZE, groups: f.groups }));
  if (older.length) parts.push(t('codes.failure.olderRequest', { lengths: list(older, 'codes.failure.or') }));
  return parts.join(' ');
}

function groupsMessage(wrong: number[], read: Read): string {
  // As shared/codes does: a group valid at another wrong group's place, and that one valid here, were swapped.
  const symbols = read.characters.map(symbolOf);
  const syndrome = (g: number) => groupSyndrome(symbols, (g - 1) * GROUP_SIZE);
  const swapped: [number, number][] = [];
  for (const g of wrong) {
    const other = syndrome(g);
    if (other > g && wrong.includes(other) && syndrome(other) === g) swapped.push([g, other]);
  }
  const inSwap = new Set(swapped.flat());
  const rest = wrong.filter((g) => !inSwap.has(g));
  const parts = swapped.map(([a, b]) => t('codes.failure.swapped', { a, b }));
  if (rest.length) parts.push(t('codes.failure.mistyped', { count: rest.length, groups: list(rest) }));
  if (rest.length >= 3 && rest.at(-1)! - rest[0]! === rest.length - 1) parts.push(t('codes.failure.shifted', { first: rest[0], last: rest.at(-1) }));
  return parts.join(' ');
}

/** The request code was made for another System ID (lib/request-check.ts, mismatch). */
export const requestMismatchMessage = (systemId: string) => t('codes.mismatch', { id: systemId.trim() });

/** An association request made to replace another System ID than the one typed. */
export const replacedMismatchMessage = (systemId: string) => t('codes.replacedMismatch', { id: systemId.trim() });
