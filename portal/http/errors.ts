// Refusals the portal's services throw; the HTTP layer turns each into its status and the
// `{ error: { code, message, issues? } }` body of shared/portal/errors.ts.
import type { z } from 'zod';
import type { PortalError, PortalErrorCode } from '../../shared/portal/errors.js';
import { clip } from '../../shared/text.js';
import { INVISIBLE_CLASS } from '../../shared/text-safety.js';
import { say } from '../../shared/messages/say.js';

export interface FieldIssue {
  path: string;
  message: string;
}

const STATUS: Record<PortalErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  mfa_required: 401,
  mfa_enrolment_required: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export class PortalHttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: PortalErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PortalHttpError';
    this.status = STATUS[code];
  }
}

const join = (...parts: (string | number | symbol)[]) => parts.map(String).filter(Boolean).join('.');

/** One issue per field; an unknown field is named by its own path so the caller sees which to drop. */
export const issuesOf = (error: z.ZodError, prefix = ''): FieldIssue[] =>
  error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: join(prefix, ...i.path, key), message: say('portal.unknownField', { field: key }) }))
      : [{ path: join(prefix, ...i.path), message: i.message }],
  );

export const invalid = (message: string, issues: FieldIssue[]) => new PortalHttpError('invalid_input', message, issues);

const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');

/**
 * Something the caller sent, fit to be said back in a message: control and invisible characters
 * shown as "?", and at most `max` characters, so a refusal never echoes a 10 kB URL or a terminal
 * escape.
 */
export const echo = (text: string, max = 100) => clip(text.replace(INVISIBLE, '?'), max);

/** Bounds on a refusal body: a message, and the issues a person can read through (the first ones name the fix). */
const MESSAGE_MAX = 1000;
const ISSUES_MAX = 100;
const ISSUE_TEXT_MAX = 300;

/** The one error body every refusal leaves in (README, Refusals), bounded whatever went into it. */
export function errorBody(refusal: PortalHttpError): PortalError {
  const issues = refusal.issues?.slice(0, ISSUES_MAX).map((i) => ({ path: echo(i.path, ISSUE_TEXT_MAX), message: echo(i.message, ISSUE_TEXT_MAX) }));
  if (issues && refusal.issues!.length > ISSUES_MAX) issues.push({ path: '', message: say('portal.moreIssues', { count: refusal.issues!.length - ISSUES_MAX }) });
  return { error: { code: refusal.code, message: echo(refusal.message, MESSAGE_MAX), ...(issues ? { issues } : {}) } };
}
