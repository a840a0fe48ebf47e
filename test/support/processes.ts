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
/**
 * A TypeScript entry run as `node --import tsx FILE`: the child is the program itself (the tsx
 * command would run it as a grandchild, which a SIGKILL to the child would leave running).
 */
export const tsNode = (file: string, args: string[]): [string, string[]] => [process.execPath, ['--import', 'tsx', file, ...args]];

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
  startProcess<{ url: string; servers: number }>(...tsNode('sim/cli.ts', args), 'SIM_READY', { cwd: ROOT });

/**
 * The engine the portals of this test process use: SQLite in their data folder (the default), or,
 * with PORTAL_TEST_ENGINE=postgres, a fresh database each on the test process's throwaway
 * PostgreSQL cluster (pg-cluster.ts).
 */
export const PORTAL_TEST_ENGINE: 'sqlite' | 'postgres' = process.env.PORTAL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

// Under postgres: each data folder's database, so a portal started again on a folder finds its data.
const databases = new Map<string, string>();

/** The PostgreSQL database of the portal on `dataDir` (made on first use); null under SQLite. */
export async function portalDatabaseUrl(dataDir: string): Promise<string | null> {
  if (PORTAL_TEST_ENGINE !== 'postgres') return null;
  const key = path.resolve(dataDir);
  let url = databases.get(key);
  if (!url) {
    const { sharedPgCluster } = await import('./pg-cluster.js');
    url = await (await sharedPgCluster()).createDatabase('portal');
    databases.set(key, url);
  }
  return url;
}

/** The PostgreSQL database of the portal started on `dataDir`, if one was; null under SQLite. */
export const startedPortalDatabaseUrl = (dataDir: string): string | null => databases.get(path.resolve(dataDir)) ?? null;

/** The flags that point a portal command (the portal, `portal admin ...`) at the data folder and its database. */
export async function portalDataArgs(dataDir: string): Promise<string[]> {
  const url = await portalDatabaseUrl(dataDir);
  return ['--data-dir', dataDir, ...(url ? ['--database', url] : [])];
}

export const startPortal = async (dataDir = tempDir('portal'), args: string[] = [], env: Record<string, string> = {}) =>
  startProcess<{ url: string; dataDir: string; outboxDir: string }>(...tsNode('portal/cli.ts', ['--port', '0', ...(await portalDataArgs(dataDir)), ...args]), 'PORTAL_READY', {
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
