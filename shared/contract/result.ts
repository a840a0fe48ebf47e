// Errors cross the contract as values, not exceptions: Electron's ipcMain.handle keeps only an
// exception's message, and a WebSocket keeps nothing. Every failure carries a code a program can
// branch on and a message a person can act on.

export const ERROR_CODES = [
  'invalid_input', // the input did not match the call's schema; `issues` says which field
  'unknown_call', // no such call in the contract
  'forbidden', // the caller is not the app's own page, or the portal refused the account
  'unauthorized', // not logged on to the portal, or the session expired: log on again
  'mfa_required', // the portal wants the authenticator code as well
  'not_found',
  'conflict',
  'unreachable', // a server or the portal could not be reached
  'timeout',
  'busy', // the same long-running work is already under way
  'cancelled',
  'internal', // a bug: the message says what failed, the log has the stack
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field, '' for the input as a whole. */
  path: string;
  message: string;
}

export interface ContractError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Thrown by services for expected failures; the dispatcher turns it into a Result. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
