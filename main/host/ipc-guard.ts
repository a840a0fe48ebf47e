// Which IPC senders the Electron host trusts: the top frame of the app's own page, nothing else
// (not a sub-frame, not a page that somehow navigated elsewhere). Kept apart from the Electron
// host so it can be tested without Electron.
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
