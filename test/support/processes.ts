// Starts the project's real processes (simulator, portal, browser-mode companion) for tests and
// waits for their READY line. Every process is killed when the test that started it ends.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Started<T> {
  info: T;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bms-${prefix}-`));
}

export async function startProcess<T>(command: string, args: string[], readyTag: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Started<T>> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const info = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not print ${readyTag} within ${options.timeoutMs ?? 20000} ms:\n${output}`)), options.timeoutMs ?? 20000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith(`${readyTag} `));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(readyTag.length + 1)) as T);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before ${readyTag}:\n${output}`));
    });
  });
  return {
    info,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export const startSim = (args: string[] = []) =>
  startProcess<{ url: string; servers: number }>(TSX, ['sim/cli.ts', ...args], 'SIM_READY');

export const startPortal = (dataDir = tempDir('portal'), args: string[] = []) =>
  startProcess<{ url: string; dataDir: string }>(TSX, ['portal/cli.ts', '--port', '0', '--data-dir', dataDir, ...args], 'PORTAL_READY');

/** The companion in browser mode, from the built dist/ (npm test builds first). */
export const startCompanion = (dataDir = tempDir('companion')) =>
  startProcess<{ url: string; origin: string; token: string }>(process.execPath, ['dist/main/browser-main.mjs', '--port', '0', '--data-dir', dataDir], 'COMPANION_READY');

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
