// A throwaway PostgreSQL cluster for tests: Debian's binaries (found through `pg_config --bindir`
// or /usr/lib/postgresql/*/bin, never PATH), initdb in a temp folder, trust authentication,
// listening on 127.0.0.1 on a free port. Started once per test process, on first use, and stopped
// (and its folder removed) when the process exits, also after a failure; if the process is killed,
// the server gets SIGINT from the kernel (setpriv --pdeathsig) and stops itself. initdb and the
// server refuse to run as root: as root (CI), they run as `nobody`.
//
// A test process given PORTAL_TEST_PG_URL (the address of a running cluster's `postgres`
// database, as portal-postgres.test.ts passes to the files it runs) uses that cluster instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** The address of the cluster's `postgres` database, as the superuser. */
  adminUrl: string;
  /** Makes an empty database and returns its address. */
  createDatabase(prefix?: string): Promise<string>;
}

/** The folder with initdb, pg_ctl and postgres. */
export function postgresBinDir(): string | null {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [
    ...(fromConfig.status === 0 ? [fromConfig.stdout.trim()] : []),
    ...(fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) ?? null;
}

const freePort = async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/**
 * How the server's programs are run: through setpriv (util-linux), as `nobody` when this process is
 * root (initdb and postgres refuse root), and with a parent-death signal for the server.
 */
function asServerUser(): { run: (program: string, args: string[], options?: { pdeathsig?: boolean }) => [string, string[]]; uid?: number; gid?: number } {
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  if (process.getuid?.() !== 0) {
    return { run: (program, args, options) => (setpriv && options?.pdeathsig ? ['setpriv', ['--pdeathsig', 'INT', '--', program, ...args]] : [program, args]) };
  }
  if (!setpriv) throw new Error('Running the tests as root needs setpriv (util-linux) to run PostgreSQL as an unprivileged user.');
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  const user = ['--reuid', String(uid), '--regid', String(gid), '--clear-groups'];
  return { run: (program, args, options) => ['setpriv', [...user, ...(options?.pdeathsig ? ['--pdeathsig', 'INT'] : []), '--', program, ...args]], uid, gid };
}

let started: Promise<PgCluster> | null = null;

/** The cluster of this test process (or the one PORTAL_TEST_PG_URL names). */
export function sharedPgCluster(): Promise<PgCluster> {
  started ??= process.env.PORTAL_TEST_PG_URL ? Promise.resolve(clusterAt(process.env.PORTAL_TEST_PG_URL)) : startPgCluster();
  return started;
}

let made = 0;
function clusterAt(adminUrl: string): PgCluster {
  return {
    adminUrl,
    async createDatabase(prefix = 'portal') {
      const name = `${prefix}_${process.pid}_${++made}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

/**
 * Starts a cluster of its own, stopped when this process exits. Tests run it without fsync (a
 * throwaway cluster); `durable` keeps PostgreSQL's defaults (fsync, synchronous commit, full page
 * writes, 128 MB of shared buffers), as the benchmarks measure it. `settings` are more server
 * settings (`name=value`), e.g. shared_preload_libraries=pg_stat_statements.
 */
export interface OwnPgCluster extends PgCluster {
  /** The postmaster's pid (to measure its CPU with its backends). */
  serverPid(): number;
  /** The folder of the server's Unix socket. */
  socketDir: string;
  /** Stops the server at once (immediate shutdown: as if it crashed), keeping its data. */
  stopServer(): void;
  /** Starts the stopped server again, on the same port. */
  startServer(): Promise<void>;
}

export async function startPgCluster(options: { durable?: boolean; settings?: readonly string[] } = {}): Promise<OwnPgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under pg_config --bindir or /usr/lib/postgresql/*/bin): apt-get install postgresql.');
  const user = asServerUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bms-pg-'));
  const data = path.join(dir, 'data');
  let server: ChildProcess | null = null;
  let output = '';
  const stopServer = () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      // Immediate shutdown, waited for.
      spawnSync(...user.run(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '20']), { stdio: 'ignore' });
      server.kill('SIGKILL');
    }
  };
  const stop = () => {
    stopServer();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid!);
  const init = spawnSync(...user.run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']), { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);

  /** Starts the server on `port`; false if it did not get ready (the port taken meanwhile, or worse: see `output`). */
  const launch = async (port: number): Promise<boolean> => {
    server = spawn(
      ...user.run(
        path.join(bin, 'postgres'),
        [
          '-D',
          data,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          `unix_socket_directories=${dir}`,
          '-c',
          'max_connections=300',
          // Throwaway data (tests): no need to survive a power cut.
          ...(options.durable ? ['-c', 'shared_buffers=128MB'] : ['-c', 'shared_buffers=32MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
          ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
        ],
        // If this process dies without stopping the server, the kernel tells the server to stop (fast shutdown).
        { pdeathsig: true },
      ),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const started = server;
    output = '';
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 30_000);
      const check = () => {
        if (/ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      started.stderr!.on('data', check);
      started.stdout!.on('data', check);
      started.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) {
      started.unref();
      (started.stdout as unknown as { unref?: () => void }).unref?.();
      (started.stderr as unknown as { unref?: () => void }).unref?.();
    } else if (started.exitCode === null) started.kill('SIGKILL');
    return ready;
  };

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    if (await launch(port)) {
      return {
        ...clusterAt(`postgres://postgres@127.0.0.1:${port}/postgres`),
        serverPid: () => server!.pid!,
        socketDir: dir,
        stopServer,
        async startServer() {
          if (!(await launch(port))) throw new Error(`PostgreSQL did not start again on port ${port}:\n${output}`);
        },
      };
    }
    // Another process took the port between the probe and the start: try another.
    if (attempt >= 3 || !/could not bind|Address already in use/.test(output)) throw new Error(`PostgreSQL did not start:\n${output}`);
  }
}
