// Why a code was refused: a reason a program can branch on and a message a person can act on.
// Failures are values, not exceptions, so they cross the contract and reach the input box intact.

export const CODE_FAILURE_REASONS = [
  'bad_character', // a character that is not in the alphabet; `groups` says where
  'wrong_length', // too few or too many characters
  'bad_group', // a group's check character does not match; `groups` names them
  'unsupported_version', // a format, version or kind this build does not know
  'damaged', // every group checks, but the code's own integrity check does not (request codes)
  'bad_file', // a request file that is not one
  'unknown_key', // made with a portal key this build does not hold
  'not_for_this_request', // made for another request or another machine
  'tampered', // a signed token whose signature does not verify
  'expired',
  'not_yet_valid',
  'clock_went_backwards', // this computer's clock is behind a time it has already seen
] as const;
export type CodeFailureReason = (typeof CODE_FAILURE_REASONS)[number];

export interface CodeFailure {
  reason: CodeFailureReason;
  message: string;
  /** 1-based groups the failure is in, when it is in particular groups. */
  groups?: number[];
}

export type CodeResult<T> = { ok: true; value: T } | { ok: false; failure: CodeFailure };

export const codeFailure = (reason: CodeFailureReason, message: string, groups?: number[]): { ok: false; failure: CodeFailure } => ({
  ok: false,
  failure: groups ? { reason, message, groups } : { reason, message },
});

/** Thrown where a caller passed something that cannot become a code (a programming error, not a typo). */
export class CodeInputError extends Error {
  override name = 'CodeInputError';
}
