// Which IPC senders the Electron host trusts: the top frame of the app's own page, nothing else
// (not a sub-frame, not a page that somehow navigated elsewhere). Kept apart from the Electron
// host so it can be tested without Electron.
import { fail, type Result } from '../../shared/contract/result.js';
import type { Dispatch } from './dispatch.js';

export const APP_ORIGIN = 'app://companion';

export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'companion';
  } catch {
    return false;
  }
}

/**
 * The handler the Electron host binds to `ipcMain.handle`: untrusted senders get a refusal,
 * everything else goes through the same dispatcher as browser mode.
 */
export function ipcCallHandler(dispatch: Dispatch) {
  return (event: { senderFrame: SenderFrame | null | undefined }, name: unknown, input: unknown): Promise<Result<unknown>> =>
    isTrustedSender(event.senderFrame) ? dispatch(name, input) : Promise.resolve(fail('forbidden', 'Calls are accepted only from the app’s own page.'));
}
