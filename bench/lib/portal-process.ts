// The real portal process for benchmarks that seed its database file first (systems, partners):
// started on a data folder, stopped with the rest on exit or Ctrl-C.
import { startProcess, type Started } from '../../scripts/lib/processes.mjs';
import { ROOT } from '../../test/support/processes.js';
import { percentile } from './load.js';

const children: Started<unknown>[] = [];

/** Stops every process started here. */
export const stopAll = () => Promise.all(children.splice(0).map((c) => c.stop()));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().then(() => process.exit(130)));

export async function startPortal(dataDir: string): Promise<Started<{ url: string }>> {
  const started = await startProcess<{ url: string }>(process.execPath, ['--import', 'tsx', 'portal/cli.ts', '--port', '0', '--data-dir', dataDir], 'PORTAL_READY', {
    cwd: ROOT,
    echoErrors: true,
    timeoutMs: 60_000,
  });
  children.push(started as Started<unknown>);
  return started;
}

/** The 95th percentile of the samples. */
export const p95 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 95);
