// The token of a link, from a page's query string or form: base64url of 32 bytes, nothing else.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function tokenOf(source: unknown): string | null {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>).token : undefined;
  return typeof value === 'string' && TOKEN.test(value) ? value : null;
}

/** A form field as one string (a repeated or missing field is ''), at most `max` characters. */
export function fieldOf(source: unknown, name: string, max = 256): string {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.slice(0, max) : '';
}
