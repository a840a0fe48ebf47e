// The SQLite portal's WAL checkpoints, beside its event loop. By default SQLite checkpoints inside
// the commit that takes the WAL past 1,000 pages: that write copies megabytes into the database
// file and waits for the disk, and every request behind it on the one event loop waits too (the
// portal's tail latency under load). Here a worker thread checkpoints every `intervalMs` on a
// connection of its own, and the portal's own connection checkpoints only far past that, should
// the worker stop (a safety net, not the way).
import { Worker } from 'node:worker_threads';
import type { Db } from '../../shared/node/sqlite.js';

/** Pages of WAL after which the portal's connection checkpoints itself (about 40 MB): only if the worker cannot. */
const SAFETY_NET_PAGES = 10_000;
/** SQLite's default, restored if the worker stops. */
const DEFAULT_PAGES = 1_000;

export interface WalCheckpointer {
  /** Ends the worker (at once: a checkpoint cut short is safe, the WAL keeps every page). */
  stop(): void;
}

export function startWalCheckpointer(
  db: Db,
  file: string,
  options: { intervalMs?: number; log?: (message: string) => void; /** Tests: another worker script. */ workerFile?: URL } = {},
): WalCheckpointer {
  const log = options.log ?? ((message) => console.error(message));
  let stopping = false;
  const fallBack = (why: string) => {
    if (stopping) return;
    db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
    log(`The WAL checkpointer stopped (${why}); the portal's own connection checkpoints again.`);
  };
  let worker: Worker;
  try {
    worker = new Worker(options.workerFile ?? new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs: options.intervalMs ?? 250 } });
  } catch (error) {
    fallBack((error as Error).message);
    return { stop: () => undefined };
  }
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  worker.unref();
  let reported = false;
  worker.on('message', (message: { error?: string }) => {
    // A checkpoint that failed is tried again at the next tick; said once.
    if (message.error && !reported) {
      reported = true;
      log(`A WAL checkpoint failed: ${message.error}`);
    }
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit ${code}`));
  return {
    stop() {
      stopping = true;
      worker.postMessage('stop');
      void worker.terminate();
    },
  };
}
