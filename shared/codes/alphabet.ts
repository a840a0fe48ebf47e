// Crockford Base32: the 32 symbols people can read aloud and type without confusing them. Input is
// forgiving in the ways Crockford defines (any case; O reads as 0, I and L as 1) and ignores the
// dashes and spaces that only help the eye; everything else is refused so a typo is never guessed.

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Symbol value (0..31) of each accepted character code, or -1. */
const VALUES = new Int8Array(128).fill(-1);
for (let value = 0; value < ALPHABET.length; value++) {
  VALUES[ALPHABET.charCodeAt(value)] = value;
  VALUES[ALPHABET.toLowerCase().charCodeAt(value)] = value;
}
for (const [alias, value] of [['O', 0], ['I', 1], ['L', 1]] as const) {
  VALUES[alias.charCodeAt(0)] = value;
  VALUES[alias.toLowerCase().charCodeAt(0)] = value;
}

/** The symbol a typed character stands for, or -1 when it is not a code character. */
export function symbolOf(character: string): number {
  const code = character.charCodeAt(0);
  return character.length === 1 && code < 128 ? VALUES[code]! : -1;
}

/** Dashes (including the typographic ones word processors substitute) and white space. */
export const isSeparator = (character: string) => /^[\s\u002D\u2010-\u2015\u2212]$/u.test(character);

/** How a refused character is shown in a message: itself if printable, else its code point. */
export function showCharacter(character: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character) ? `'${character}'` : `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
