// The registration items a simulated server holds, read with GetValues and written with SetValues.
// Ids and value rules are documented in sim/README.md; the companion depends on them.
import type { Registration } from '../shared/domain/server.js';

export type RegistrationField = keyof Registration;

export interface ValueItemSpec {
  id: string;
  /** The registration field it holds; null for a read-only item of the server itself. */
  field: RegistrationField | null;
  /** What a valid value looks like, for the fault message. */
  rule: string;
  /** Returns the value to store (null for empty), or an error message. */
  parse(value: string): { ok: true; value: string | null } | { ok: false; message: string };
}

const PREFIX = '/System/Registration/';
export const SYSTEM_ID_ITEM = '/System/Id';

// Printable text without control characters; empty means "not set".
const CONTROL = /[\u0000-\u001f\u007f]/;
const text = (max: number) => (value: string) => {
  if (value === '') return { ok: true as const, value: null };
  if (value.length > max) return { ok: false as const, message: `is ${value.length} characters; at most ${max} are allowed` };
  if (CONTROL.test(value)) return { ok: false as const, message: 'contains a control character' };
  return { ok: true as const, value };
};
const oneOf = (allowed: readonly string[], emptyAllowed: boolean) => (value: string) => {
  if (value === '' && emptyAllowed) return { ok: true as const, value: null };
  return allowed.includes(value) ? { ok: true as const, value } : { ok: false as const, message: `must be ${allowed.map((a) => `"${a}"`).join(' or ')}${emptyAllowed ? ' or empty' : ''}` };
};
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const instant = (value: string) => {
  if (value === '') return { ok: true as const, value: null };
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) return { ok: false as const, message: 'must be an ISO 8601 date and time with a zone, like 2026-11-22T10:00:00Z, or empty' };
  return { ok: true as const, value };
};
const CODE = /^[0-9A-Za-z][0-9A-Za-z -]*$/;
const code = (value: string) => {
  if (value === '') return { ok: true as const, value: null };
  if (value.length > 128 || !CODE.test(value)) return { ok: false as const, message: 'must be 1 to 128 letters, digits, hyphens or spaces, or empty' };
  return { ok: true as const, value };
};

export const REGISTRATION_ITEMS: readonly ValueItemSpec[] = [
  { id: `${PREFIX}State`, field: 'state', rule: 'registered | unregistered', parse: oneOf(['registered', 'unregistered'], false) },
  { id: `${PREFIX}Method`, field: 'method', rule: 'online | offline | empty', parse: oneOf(['online', 'offline'], true) },
  { id: `${PREFIX}Code`, field: 'code', rule: 'letters, digits, hyphens, spaces (1-128) | empty', parse: code },
  { id: `${PREFIX}Organization`, field: 'organization', rule: 'text up to 200 | empty', parse: text(200) },
  { id: `${PREFIX}SiteName`, field: 'siteName', rule: 'text up to 200 | empty', parse: text(200) },
  { id: `${PREFIX}RegisteredAt`, field: 'registeredAt', rule: 'ISO 8601 date-time with zone | empty', parse: instant },
  { id: `${PREFIX}LeadSystemId`, field: 'leadSystemId', rule: 'text up to 128 | empty', parse: text(128) },
];

const BY_ID = new Map(REGISTRATION_ITEMS.map((item) => [item.id, item]));
const BY_FIELD = new Map(REGISTRATION_ITEMS.map((item) => [item.field!, item]));
export const READ_ONLY_ITEMS = [SYSTEM_ID_ITEM] as const;

export function itemSpec(id: string): ValueItemSpec | undefined {
  return BY_ID.get(id);
}

export function isKnownItem(id: string): boolean {
  return BY_ID.has(id) || (READ_ONLY_ITEMS as readonly string[]).includes(id);
}

export const emptyRegistration = (): Registration => ({
  state: 'unregistered',
  method: null,
  code: null,
  organization: null,
  siteName: null,
  registeredAt: null,
  leadSystemId: null,
});

/** The value of an item as GetValues writes it: empty for null. */
export function itemValue(registration: Registration, systemId: string, id: string): string {
  if (id === SYSTEM_ID_ITEM) return systemId;
  const field = BY_ID.get(id)?.field;
  return field ? (registration[field] ?? '') : '';
}

export interface ValueProblem {
  id: string;
  message: string;
}

/**
 * Checks a set of writes as a whole; returns the new registration, or every problem found.
 * Nothing is applied unless every write is valid.
 */
export function applyWrites(current: Registration, writes: readonly { id: string; value: string }[]): { ok: true; value: Registration } | { ok: false; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  const next: Record<string, string | null> = { ...current };
  const seen = new Set<string>();
  for (const { id, value } of writes) {
    if (seen.has(id)) problems.push({ id, message: 'is written twice in one request' });
    seen.add(id);
    if ((READ_ONLY_ITEMS as readonly string[]).includes(id)) {
      problems.push({ id, message: 'is read-only' });
      continue;
    }
    const spec = BY_ID.get(id);
    if (!spec) {
      problems.push({ id, message: `is not an item of this server (registration items: ${REGISTRATION_ITEMS.map((i) => i.id).join(', ')})` });
      continue;
    }
    const parsed = spec.parse(value);
    if (!parsed.ok) problems.push({ id, message: `${parsed.message}; got "${value.slice(0, 60)}"` });
    else next[spec.field!] = parsed.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: next as unknown as Registration };
}

/** One SetValues item, checked on its own as a server answers per item. */
export function applyWrite(current: Registration, id: string, value: string): { ok: true; value: Registration } | { ok: false; message: string } {
  const result = applyWrites(current, [{ id, value }]);
  return result.ok ? result : { ok: false, message: result.problems[0]!.message };
}

/** The same rules for the admin API, which takes {field: value} with null for empty. */
export function applyFields(current: Registration, fields: Record<string, unknown>): { ok: true; value: Registration } | { ok: false; problems: ValueProblem[] } {
  const writes: { id: string; value: string }[] = [];
  const problems: ValueProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const spec = BY_FIELD.get(field as RegistrationField);
    if (!spec) problems.push({ id: field, message: `is not a registration field (fields: ${[...BY_FIELD.keys()].join(', ')})` });
    else if (value !== null && typeof value !== 'string') problems.push({ id: field, message: 'must be a string or null' });
    else writes.push({ id: spec.id, value: value ?? '' });
  }
  if (problems.length) return { ok: false, problems };
  return applyWrites(current, writes);
}
