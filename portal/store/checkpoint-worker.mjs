// SQLite's WAL checkpoints for the portal, in a worker thread with a connection of its own
// (wal-checkpointer.ts starts it). Plain JavaScript: a worker thread does not get tsx's loader.
// A PASSIVE checkpoint copies what it can of the WAL into the database file without waiting for
// the portal's readers or writers, and never blocks them.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 1000');

const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};

const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
