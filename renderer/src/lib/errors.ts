// Errors as the screens show them: the contract's { code, message, issues } from a CallError, or
// a plain Error turned into one. Field issues are looked up by dotted path.
import type { ContractError, FieldIssue } from '../../../shared/contract/result.js';
import { CallError } from '../companion.js';

export type { ContractError, FieldIssue };

export const asError = (e: unknown): ContractError => (e instanceof CallError ? e.error : { code: 'internal', message: e instanceof Error ? e.message : String(e) });

/**
 * The messages for one field. `prefixes` are dropped from issue paths first, so an issue the
 * companion raised on `registration.installation.city` and one the portal raised on
 * `installation.city` both land on the city field.
 */
export function fieldMessages(issues: FieldIssue[] | undefined, path: string, prefixes: string[] = []): string[] {
  if (!issues) return [];
  const strip = (p: string) => prefixes.reduce((acc, prefix) => (acc.startsWith(`${prefix}.`) ? acc.slice(prefix.length + 1) : acc), p);
  return [...new Set(issues.filter((i) => strip(i.path) === path).map((i) => i.message))];
}

/**
 * A dropdown's message: one that lists every option the list allows (zod's "expected one of
 * ...") tells the person nothing the list does not, so it says what to do instead.
 */
export function choiceMessage(message: string | undefined): string | undefined {
  if (!message) return message;
  return /expected one of|Invalid (option|enum)/i.test(message) || (message.match(/\|/g)?.length ?? 0) >= 2 ? 'Choose one from the list.' : message;
}

/** Issues from a zod error, in the contract's shape. */
export function zodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}
