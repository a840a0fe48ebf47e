// The command line of `tsx sim/cli.ts [options]`, turned into a site spec. Every mistake gets a
// message that names the option and what it takes.
import { parseArgs } from 'node:util';
import { algorithmsFrom } from './admin.js';
import { FAULT_KINDS, type FaultKind } from './faults.js';
import { DEFAULT_HANG_MS, SimError, type SiteSpec } from './model.js';

/**
 * Whether servers ask for HTTP Digest when the command line does not say. Switch to 'digest'
 * once every caller passes credentials; DEFAULT_USER and DEFAULT_PASSWORD are then used.
 */
export const DEFAULT_AUTH: 'none' | 'digest' = 'digest';
export const DEFAULT_USER = 'admin';
export const DEFAULT_PASSWORD = 'sim-password';

export const START_USAGE = `Usage: tsx sim/cli.ts [options]
  --port N               listen on 127.0.0.1:N (0 picks a free port; default 0)
  --ec                   an Enterprise Central at the top
  --es N                 Enterprise Servers (0-10, default 1)
  --as N                 automation servers per Enterprise Server (0-250, default 3)
  --standalone N         stand-alone automation servers (0-2500, default 0)
  --seed N               seed for System IDs and faults (default 1)
  --latency MS           added to every EWS request (default 0)
  --auth none|digest     HTTP Digest on every server (default ${DEFAULT_AUTH})
  --user U --password P  Digest credentials (default ${DEFAULT_USER} / ${DEFAULT_PASSWORD})
  --algorithm LIST       Digest algorithms offered, comma-separated: MD5, SHA-256, MD5-sess, SHA-256-sess (default SHA-256)
  --nonce-lifetime-ms MS after this a nonce is stale (default 300000)
  --faulty FRACTION      share of all servers made faulty, 0-1, chosen among automation servers (default 0)
  --fault-kinds LIST     kinds mixed over them (default timeout,http-500,reset,malformed-xml,soap-fault)
  --fault-latency-ms MS  delay of a "latency" fault (default 2000)
  --hang-ms MS           a "timeout" server closes the socket after this (default ${DEFAULT_HANG_MS})
Admin commands against a running simulator: tsx sim/cli.ts admin help`;

export function parseStartOptions(args: string[]): { spec: SiteSpec; port: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '0' },
        ec: { type: 'boolean', default: false },
        es: { type: 'string', default: '1' },
        as: { type: 'string', default: '3' },
        standalone: { type: 'string', default: '0' },
        seed: { type: 'string', default: '1' },
        latency: { type: 'string', default: '0' },
        auth: { type: 'string', default: DEFAULT_AUTH },
        user: { type: 'string' },
        password: { type: 'string' },
        algorithm: { type: 'string' },
        'nonce-lifetime-ms': { type: 'string', default: '300000' },
        faulty: { type: 'string', default: '0' },
        'fault-kinds': { type: 'string' },
        'fault-latency-ms': { type: 'string', default: '2000' },
        'hang-ms': { type: 'string', default: String(DEFAULT_HANG_MS) },
      },
    }));
  } catch (e) {
    throw new SimError(400, `${(e as Error).message}\n${START_USAGE}`);
  }
  const int = (name: string, text: string, min: number, max: number): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new SimError(400, `--${name} must be a whole number from ${min} to ${max}; got "${text}".`);
    return n;
  };
  if (values.auth !== 'none' && values.auth !== 'digest') throw new SimError(400, `--auth must be "none" or "digest"; got "${values.auth}".`);
  const digest = values.auth === 'digest';
  for (const name of ['user', 'password', 'algorithm'] as const) {
    if (!digest && values[name] !== undefined) throw new SimError(400, `--${name} needs --auth digest (without it the servers ask for no credentials).`);
  }
  if (digest && values.user !== undefined && (values.user === '' || values.user.includes(':'))) throw new SimError(400, '--user must be a non-empty name without a colon.');
  if (digest && values.password === '') throw new SimError(400, '--password cannot be empty.');
  const faulty = Number(values.faulty);
  if (values.faulty.trim() === '' || !(faulty >= 0 && faulty <= 1)) throw new SimError(400, `--faulty must be a fraction from 0 to 1 (0.1 makes 10% of the servers faulty); got "${values.faulty}".`);
  let faultKinds: FaultKind[] | undefined;
  if (values['fault-kinds'] !== undefined) {
    faultKinds = values['fault-kinds'].split(',').map((k) => k.trim()) as FaultKind[];
    const bad = faultKinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
    if (bad.length || !faultKinds.length) throw new SimError(400, `--fault-kinds takes a comma-separated list of ${FAULT_KINDS.join(', ')}; "${bad.join(', ')}" is not one.`);
  }
  const spec: SiteSpec = {
    ec: values.ec,
    es: int('es', values.es, 0, 10),
    asPerEs: int('as', values.as, 0, 250),
    standalone: int('standalone', values.standalone, 0, 2500),
    seed: int('seed', values.seed, 0, 2 ** 31),
    latencyMs: int('latency', values.latency, 0, 600_000),
    faulty,
    faultKinds,
    faultLatencyMs: int('fault-latency-ms', values['fault-latency-ms'], 1, 600_000),
    hangMs: int('hang-ms', values['hang-ms'], 1, 3_600_000),
    auth: digest
      ? {
          user: values.user ?? DEFAULT_USER,
          password: values.password ?? DEFAULT_PASSWORD,
          algorithms: values.algorithm === undefined ? ['SHA-256'] : algorithmsFrom(values.algorithm),
          nonceLifetimeMs: int('nonce-lifetime-ms', values['nonce-lifetime-ms'], 1, 86_400_000),
        }
      : null,
  };
  if (spec.es === 0 && spec.ec) throw new SimError(400, '--ec needs at least one Enterprise Server (--es 1 or more).');
  if (spec.es === 0 && !spec.standalone) throw new SimError(400, 'The site has no server: give --es 1 or more, or --standalone 1 or more.');
  return { spec, port: int('port', values.port, 0, 65535) };
}
