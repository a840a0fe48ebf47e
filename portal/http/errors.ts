// Refusals the portal's services throw; the HTTP layer turns each into its status and the
// `{ error: { code, message, issues? } }` body of shared/portal/errors.ts.
import type { z } from 'zod';
import type { PortalErrorCode } from '../../shared/portal/errors.js';

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
      ? i.keys.map((key) => ({ path: join(prefix, ...i.path, key), message: `Unknown field "${key}": leave it out.` }))
      : [{ path: join(prefix, ...i.path), message: i.message }],
  );

export const invalid = (message: string, issues: FieldIssue[]) => new PortalHttpError('invalid_input', message, issues);
