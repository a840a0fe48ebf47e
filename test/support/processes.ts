// Starts the project's real processes (simulator, portal, browser-mode companion) for tests and
// waits for their READY line. A test stops what it started in its after() hook.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type Started } from '../../scripts/lib/processes.mjs';

export type { Started };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const madeDirs: string[] = [];
process.once('exit', () => {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bms-${prefix}-`));
  madeDirs.push(dir);
  return dir;
}

/** The credentials the simulator's servers ask for unless told otherwise (sim/start-options.ts). */
export const SIM_LOGIN = { username: 'admin', password: 'sim-password' } as const;

export const startSim = (args: string[] = []) =>
  startProcess<{ url: string; servers: number }>(TSX, ['sim/cli.ts', ...args], 'SIM_READY', { cwd: ROOT });

export const startPortal = (dataDir = tempDir('portal'), args: string[] = [], env: Record<string, string> = {}) =>
  startProcess<{ url: string; dataDir: string; outboxDir: string }>(TSX, ['portal/cli.ts', '--port', '0', '--data-dir', dataDir, ...args], 'PORTAL_READY', {
    cwd: ROOT,
    env,
  });

/** The companion in browser mode, from the built dist/ (npm test builds first). */
export const startCompanion = (dataDir = tempDir('companion')) =>
  startProcess<{ url: string; origin: string; token: string }>(process.execPath, ['dist/main/browser-main.mjs', '--port', '0', '--data-dir', dataDir], 'COMPANION_READY', { cwd: ROOT });

/** A process's resident memory and its peak so far, in MiB, from /proc (Linux); null elsewhere or once it is gone. */
export function memoryOf(pid: number | undefined): { rssMiB: number; peakMiB: number } | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
