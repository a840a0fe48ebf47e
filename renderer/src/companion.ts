// The renderer's only way to main: `window.companion`, put there by the Electron preload or the
// browser-mode bridge. Typed from the shared contract.
import type { CompanionApi } from '../../shared/contract/api.js';
import type { CallName, ContractError } from '../../shared/contract/index.js';
import type { CallInput, CallOutput } from '../../shared/contract/schemas.js';

declare global {
  interface Window {
    companion: CompanionApi;
  }
}

export class CallError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

/** Calls main and returns the value, or throws a CallError carrying the contract's error. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await window.companion.call(name, input);
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

export const companion = () => window.companion;
