// Waiting for another program's lock on the SQLite file without stopping the event loop. SQLite's
// busy timeout waits by sleeping in the thread that asked: on the portal's one event loop, every
// request (liveness and reads too) would stand still for as long as the lock is held, up to the
// timeout. So the portal's connection does not wait (busy_timeout 0), and a store method that finds
// the file locked runs again after a pause on a timer, while the event loop serves everything else,
// until the same timeout has passed; then the lock's error goes up, as before (503 unavailable).
// Running a method again is safe: each is one transaction or one statement, which SQLite rolls back
// whole when it cannot take the lock, and the work `decide` is given may run more than once (it
// does on PostgreSQL too).
import { BUSY_TIMEOUT_MS, type Db } from '../../shared/node/sqlite.js';
import type { PortalStore } from './store.js';

const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT: a read transaction that cannot become a write one, run again whole). */
const isLocked = (error: unknown) => typeof (error as { code?: unknown } | null)?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');

export function waitingForLocks(db: Db, store: PortalStore, timeoutMs = BUSY_TIMEOUT_MS): PortalStore {
  db.pragma('busy_timeout = 0');
  const waiting: Record<string, unknown> = { ...store };
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function' || name === 'close') continue;
    waiting[name] = async (...args: unknown[]) => {
      const giveUpAt = Date.now() + timeoutMs;
      for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
        try {
          return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          const left = giveUpAt - Date.now();
          if (!isLocked(error) || left <= 0) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
        }
      }
    };
  }
  return waiting as unknown as PortalStore;
}
