// The shape of `window.companion`, the same under Electron and in browser mode.
import type { CallName, EventName } from './names.js';
import type { Result } from './result.js';
import type { CallInput, CallOutput, EventPayload } from './schemas.js';

export interface CompanionApi {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  /** Returns a function that removes the listener. */
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}
