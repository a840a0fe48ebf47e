// How a companion service refused: the contract's error code and words a person reads.
import assert from 'node:assert/strict';
import { ServiceError } from '../../shared/contract/result.js';

/** Runs a handler (which may throw before it returns a promise), checks how it refused, and returns the refusal. */
export async function failsWith(run: () => unknown, code: string, pattern: RegExp): Promise<ServiceError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
  assert.ok(error instanceof ServiceError, String(error));
  assert.equal(error.code, code, error.message);
  assert.match(error.message, pattern);
  return error;
}
