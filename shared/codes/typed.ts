// Reading what a person typed or pasted: normalising it, checking each group on its own so the
// message can point at the group that is wrong, and measuring it against a format's fixed length.
import { ALPHABET, isSeparator, showCharacter, symbolOf } from './alphabet.js';
import { checkSymbol, GROUP_DATA, GROUP_SIZE, groupSyndrome, MAX_GROUPS } from './check.js';
import { codeFailure, type CodeResult } from './failure.js';
import { CODE_FORMATS, type CodeFormat } from './formats.js';

interface Typed {
  /** Symbol per typed character (separators dropped); -1 for a refused character. */
  symbols: number[];
  /** Each non-separator character as typed, aligned with `symbols`. */
  characters: string[];
  /** Lengths of the runs between separators, to say which group as typed is short. */
  runs: number[];
}

function readTyped(text: string): Typed {
  const typed: Typed = { symbols: [], characters: [], runs: [] };
  let run = 0;
  for (const character of text) {
    if (isSeparator(character)) {
      if (run) typed.runs.push(run);
      run = 0;
      continue;
    }
    typed.symbols.push(symbolOf(character));
    typed.characters.push(character);
    run++;
  }
  if (run) typed.runs.push(run);
  return typed;
}

const groupOf = (index: number) => Math.floor(index / GROUP_SIZE) + 1;
const words = (groups: number[]) => (groups.length === 1 ? `${groups[0]}` : `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`);

export type GroupState = 'ok' | 'wrong' | 'incomplete';

export interface GroupStatus {
  /** 1-based. */
  group: number;
  /** The group as read: canonical characters (O shown as 0, I and L as 1), refused ones as typed. */
  characters: string;
  state: GroupState;
}

export interface BadCharacter {
  character: string;
  group: number;
  /** 1-based position inside the group. */
  position: number;
}

export interface GroupsCheck {
  /** One entry per expected group, then one per group typed beyond them. */
  groups: GroupStatus[];
  characters: number;
  expectedCharacters: number;
  badCharacters: BadCharacter[];
  /** Exactly the expected number of characters, and every group checks. */
  complete: boolean;
}

/** As the user types: the state of every group, so the input can point at the wrong one live. */
export function checkGroups(text: string, expectedGroups: number): GroupsCheck {
  const { symbols, characters } = readTyped(text);
  const count = Math.max(expectedGroups, Math.ceil(symbols.length / GROUP_SIZE));
  const groups: GroupStatus[] = [];
  for (let g = 0; g < count; g++) {
    const start = g * GROUP_SIZE;
    const own = symbols.slice(start, start + GROUP_SIZE);
    const shown = own.map((symbol, i) => (symbol < 0 ? characters[start + i]! : ALPHABET[symbol]!)).join('');
    // A refused character makes its group wrong at once, before the group is complete.
    const state: GroupState = own.includes(-1) ? 'wrong' : own.length < GROUP_SIZE ? 'incomplete' : groupSyndrome(own) !== g + 1 ? 'wrong' : 'ok';
    groups.push({ group: g + 1, characters: shown, state });
  }
  const badCharacters = symbols.flatMap((symbol, i) => (symbol < 0 ? [{ character: characters[i]!, group: groupOf(i), position: (i % GROUP_SIZE) + 1 }] : []));
  const expectedCharacters = expectedGroups * GROUP_SIZE;
  const complete = symbols.length === expectedCharacters && groups.every((g) => g.state === 'ok');
  return { groups, characters: symbols.length, expectedCharacters, badCharacters, complete };
}

/** The code as shown: each group of 5 data symbols followed by its check character, joined by dashes. */
export function formatCode(format: CodeFormat, payload: ArrayLike<number>): string {
  const data = [...(format.marker ? [...format.marker].map(symbolOf) : []), ...Array.from(payload)];
  if (data.length !== format.groups * GROUP_DATA || format.groups > MAX_GROUPS) throw new RangeError(`A ${format.label} holds ${format.groups * GROUP_DATA} data symbols, not ${data.length}.`);
  const groups: string[] = [];
  for (let g = 0; g < format.groups; g++) {
    const offset = g * GROUP_DATA;
    const symbols = [...data.slice(offset, offset + GROUP_DATA), checkSymbol(data, g + 1, offset)];
    groups.push(symbols.map((s) => ALPHABET[s]).join(''));
  }
  return groups.join('-');
}

function lengthMessage(format: CodeFormat, typed: Typed): string {
  const expected = format.groups * GROUP_SIZE;
  const count = typed.symbols.length;
  if (!count) return `Enter the ${format.label}: ${expected} characters in ${format.groups} groups.`;
  let message = `The ${format.label} has ${count} characters; it should have ${expected} (${format.groups} groups of ${GROUP_SIZE}).`;
  // Typed with dashes: the first run that is not whole groups is where a character went missing or extra.
  const odd = typed.runs.length > 1 ? typed.runs.findIndex((run) => run % GROUP_SIZE !== 0) : -1;
  const run = typed.runs[odd] ?? 0;
  if (run && run < 2 * GROUP_SIZE) {
    const group = groupOf(typed.runs.slice(0, odd).reduce((a, b) => a + b, 0));
    message += ` Group ${group} as typed has ${run} character${run === 1 ? '' : 's'}.`;
  }
  // Another version of the same code is not "another code": readCodeIn names the versions itself.
  const other = CODE_FORMATS.find((f) => f.id !== format.id && f.groups * GROUP_SIZE === count);
  if (other) message += ` It looks like a ${other.label}.`;
  return message;
}

function groupsMessage(wrong: number[], syndromes: Map<number, number>): string {
  // A group valid at another wrong group's place, and that group valid here: the two were swapped.
  const swapped: [number, number][] = [];
  for (const g of wrong) {
    const other = syndromes.get(g)!;
    if (other > g && syndromes.get(other) === g) swapped.push([g, other]);
  }
  const inSwap = new Set(swapped.flat());
  const rest = wrong.filter((g) => !inSwap.has(g));
  const parts = swapped.map(([a, b]) => `Groups ${a} and ${b} are in each other's place.`);
  if (rest.length) parts.push(`${rest.length === 1 ? 'Group' : 'Groups'} ${words(rest)} ${rest.length === 1 ? 'is' : 'are'} mistyped: compare ${rest.length === 1 ? 'it' : 'them'} with the original.`);
  const run = rest.length >= 3 && rest.at(-1)! - rest[0]! === rest.length - 1;
  if (run) parts.push(`A character may be missing in group ${rest[0]} and one extra in group ${rest.at(-1)}.`);
  return parts.join(' ');
}

/** A whole typed code, checked: the payload's data symbols (marker group removed), or why not. */
export function readCode(text: string, format: CodeFormat): CodeResult<Uint8Array> {
  const typed = readTyped(text);
  const bad = typed.symbols.flatMap((symbol, i) => (symbol < 0 ? [i] : []));
  if (bad.length) {
    const first = bad[0]!;
    const groups = [...new Set(bad.map(groupOf))];
    return codeFailure(
      'bad_character',
      `${showCharacter(typed.characters[first]!)} (group ${groupOf(first)}, character ${(first % GROUP_SIZE) + 1}) is not used in codes. ` +
        'Codes use the digits 0-9 and the letters A-Z except U; I and L read as 1, O as 0.',
      groups,
    );
  }
  if (typed.symbols.length !== format.groups * GROUP_SIZE) return codeFailure('wrong_length', lengthMessage(format, typed));
  const syndromes = new Map<number, number>();
  for (let g = 0; g < format.groups; g++) {
    const syndrome = groupSyndrome(typed.symbols, g * GROUP_SIZE);
    if (syndrome !== g + 1) syndromes.set(g + 1, syndrome);
  }
  if (syndromes.size) {
    const wrong = [...syndromes.keys()];
    return codeFailure('bad_group', groupsMessage(wrong, syndromes), wrong);
  }
  const data = new Uint8Array(format.groups * GROUP_DATA);
  for (let g = 0; g < format.groups; g++) data.set(typed.symbols.slice(g * GROUP_SIZE, g * GROUP_SIZE + GROUP_DATA), g * GROUP_DATA);
  if (format.marker) {
    const marker = Array.from(data.subarray(0, GROUP_DATA), (s) => ALPHABET[s]).join('');
    if (marker !== format.marker) return codeFailure('unsupported_version', `This is not a ${format.label}: those start with ${format.marker}.`, [1]);
    return { ok: true, value: data.slice(GROUP_DATA) };
  }
  return { ok: true, value: data };
}

/**
 * A code that comes in several versions of different lengths (the request code): the version is
 * chosen by length, then read as readCode does. A length that fits none is measured against the
 * first (newest) format, and the message names the other lengths too.
 */
export function readCodeIn(text: string, formats: readonly CodeFormat[]): CodeResult<{ format: CodeFormat; payload: Uint8Array }> {
  const count = readTyped(text).symbols.length;
  const format = formats.find((f) => f.groups * GROUP_SIZE === count) ?? formats[0]!;
  const read = readCode(text, format);
  if (read.ok) return { ok: true, value: { format, payload: read.value } };
  if (read.failure.reason !== 'wrong_length' || count === 0 || formats.length < 2) return read;
  const others = formats.filter((f) => f !== format).map((f) => `${f.groups * GROUP_SIZE} characters (${f.groups} groups)`);
  return codeFailure('wrong_length', `${read.failure.message} One made by an older BMS Companion has ${others.join(' or ')}.`);
}

/** Which kind of code this looks like, for an input box that takes more than one: by marker, then by length. */
export function identifyCode(text: string): CodeFormat | null {
  const { symbols } = readTyped(text);
  const head = symbols.slice(0, GROUP_DATA).map((s) => ALPHABET[s] ?? '?').join('');
  return CODE_FORMATS.find((f) => f.marker === head) ?? CODE_FORMATS.find((f) => !f.marker && f.groups * GROUP_SIZE === symbols.length) ?? null;
}

/**
 * Which of `formats` a code is being typed in, before it is complete, so the input box counts the
 * right number of groups: a (partly typed) marker, then the version its first character stands
 * for, then its length; else the first format.
 */
export function typingFormat(text: string, formats: readonly CodeFormat[]): CodeFormat {
  const { symbols } = readTyped(text);
  const head = symbols.slice(0, GROUP_DATA).map((s) => ALPHABET[s] ?? '?').join('');
  const byMarker = formats.find((f) => f.marker && head.length >= 3 && f.marker.startsWith(head.slice(0, Math.min(head.length, f.marker.length))));
  const byLeading = head ? formats.filter((f) => f.leading?.includes(head[0]!)) : [];
  const byLength = formats.find((f) => !f.marker && f.groups * GROUP_SIZE === symbols.length);
  return byMarker ?? (byLeading.length === 1 ? byLeading[0] : undefined) ?? byLength ?? formats[0]!;
}
