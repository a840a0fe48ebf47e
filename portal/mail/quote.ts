// What people typed, as mail may carry it: never in a subject; in a body only as a bounded,
// one-line value after a label the portal wrote, so a recipient can tell the portal's words from
// the caller's and nobody can write a paragraph (or a fake link line) into someone else's mail.
const MAX_CHARS = 200;

/** Control, format (bidi, zero-width) and line-separator characters out; white space collapsed; at most 200 characters. */
export function clean(value: string): string {
  const text = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('')}…` : text;
}

/** `  Label: "value"`: a typed value on its own line, quoted, after the portal's label. */
export const quoted = (label: string, value: string | null | undefined, indent = '  ') => `${indent}${label}: ${value ? `"${clean(value)}"` : '(none)'}`;
