// The groups of a code as the person typed them, for the chips under a code box.
//
// shared/codes cuts the characters every 6, which is right for reading a whole code but wrong for
// showing one being typed: with one character missing in group 2, every group after it would be
// cut one character early and look wrong although it was typed right. Here the dashes or spaces
// the person typed are kept as group boundaries: a group typed short is named as short, and the
// groups after it are checked where the person put them. A run typed without separators (a
// paste) is cut every 6, as before. The whole code is still read by shared/codes when applied.
import { ALPHABET, isSeparator, symbolOf } from '../../../shared/codes/alphabet.js';
import { GROUP_SIZE, groupSyndrome } from '../../../shared/codes/check.js';

/** `short`: a group closed by a separator with fewer than 6 characters (one went missing). */
export type TypedGroupState = 'ok' | 'wrong' | 'incomplete' | 'short';

export interface TypedGroup {
  /** 1-based, in the order typed. */
  group: number;
  /** Canonical characters (O shown as 0, I and L as 1); refused ones as typed. */
  characters: string;
  state: TypedGroupState;
  /** Characters that are not in the alphabet, with their 1-based position in this group. */
  refused: { character: string; position: number }[];
}

/** The runs between separators, and whether the text ends inside one (still being typed). */
function runsOf(text: string): { runs: string[][]; open: boolean } {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const character of text) {
    if (isSeparator(character)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(character);
  }
  if (run.length) runs.push(run);
  return { runs, open: run.length > 0 };
}

export function typedGroups(text: string): TypedGroup[] {
  const { runs, open } = runsOf(text);
  const groups: TypedGroup[] = [];
  runs.forEach((run, r) => {
    for (let start = 0; start < run.length; start += GROUP_SIZE) {
      const characters = run.slice(start, start + GROUP_SIZE);
      const symbols = characters.map(symbolOf);
      const position = groups.length + 1;
      const refused = characters.flatMap((character, i) => (symbols[i]! < 0 ? [{ character, position: i + 1 }] : []));
      const last = r === runs.length - 1 && start + GROUP_SIZE >= run.length;
      let state: TypedGroupState;
      if (refused.length) state = 'wrong';
      else if (characters.length < GROUP_SIZE) state = last && open ? 'incomplete' : 'short';
      else state = groupSyndrome(symbols) === position ? 'ok' : 'wrong';
      groups.push({ group: position, characters: symbols.map((s, i) => (s < 0 ? characters[i]! : ALPHABET[s]!)).join(''), state, refused });
    }
  });
  return groups;
}
