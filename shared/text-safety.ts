// Characters that make two identifiers look alike, or one look like another: control characters,
// format characters (bidi overrides and isolates, zero-width spaces and joiners, the BOM, tag
// characters), lone surrogates and line or paragraph separators. One definition for every place
// that takes an identifier a person compares by eye (System IDs from servers and from people).

/** Source of the character class, usable in a JSON Schema `pattern` (ECMA-262, unicode mode). */
export const INVISIBLE_CLASS = '\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}';

export const INVISIBLE_CHARACTER = new RegExp(`[${INVISIBLE_CLASS}]`, 'u');

/** The first such character, as U+XXXX, and its 1-based place among the text's characters; null when there is none. */
export function invisibleCharacterIn(text: string): { codePoint: string; position: number } | null {
  let position = 0;
  for (const char of text) {
    position += 1;
    if (INVISIBLE_CHARACTER.test(char)) return { codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, position };
  }
  return null;
}
