// `tsx sim/cli.ts admin <command> ...`: the admin API from a terminal, for trainers and scripts.
// Prints the simulator's JSON answer; exits 2 for a bad command line, 1 when the simulator refuses.
import { parseArgs } from 'node:util';
import { FAULT_KINDS } from './faults.js';

export const ADMIN_USAGE = `Usage: tsx sim/cli.ts admin <command> [arguments] --url http://127.0.0.1:PORT
  (--url may be left out when SIM_URL is set; the key of the top server is _top)
  site                                   site summary
  servers                                every server
  show <key>                             one server with its registration values
  faults                                 the servers that are faulty, with their faults
  wipe <key>                             database wipe: new System ID, registration cleared
  system-id <key> <id>                   set a System ID exactly
  attach <key> --to <es-key>             attach a stand-alone automation server to an ES
  detach <key>                           make an attached automation server stand-alone
  disable-ews <key> | enable-ews <key>   switch a server's EWS server off or on
  credentials <key> --user U --password P    own credentials for one server
  credentials <key> --clear              back to the site's credentials
  auth --user U --password P [--algorithm LIST]   Digest on every server
  auth --off                             no Digest (servers with own credentials keep them)
  expire-nonces                          every nonce issued so far becomes stale
  latency <ms>                           added to every EWS request
  fault <key> <kind> [--latency-ms N] [--rate R] [--variant truncated|broken-markup]
  fault <key> --clear
  registration <key> --set field=value [--set field=value ...]   (empty value clears)
fault kinds: ${FAULT_KINDS.join(', ')}`;

export class UsageError extends Error {}

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

/** Turns an admin command line into one admin API request. */
export function adminRequest(args: string[]): { url: string; request: Request } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        to: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        algorithm: { type: 'string' },
        clear: { type: 'boolean' },
        off: { type: 'boolean' },
        'latency-ms': { type: 'string' },
        rate: { type: 'string' },
        variant: { type: 'string' },
        set: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const url = checkUrl(values.url ?? process.env.SIM_URL);
  const want = (count: number, names: string) => {
    if (rest.length !== count) throw new UsageError(`"${command}" takes ${count === 0 ? 'no arguments' : names}; got ${rest.length ? rest.map((r) => `"${r}"`).join(' ') : 'none'}.`);
  };
  const key = () => encodeURIComponent(rest[0]!);
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} takes a number; got "${text}".`);
    return n;
  };
  const request = ((): Request => {
    switch (command) {
      case 'site':
      case 'servers':
      case 'faults':
        want(0, '');
        return { method: 'GET', path: `/_sim/${command}` };
      case 'show':
        want(1, 'a server key');
        return { method: 'GET', path: `/_sim/servers/${key()}` };
      case 'wipe':
      case 'detach':
        want(1, 'a server key');
        return { method: 'POST', path: `/_sim/servers/${key()}/${command}` };
      case 'system-id':
        want(2, 'a server key and the new System ID');
        return { method: 'PUT', path: `/_sim/servers/${key()}/system-id`, body: { systemId: rest[1] } };
      case 'attach':
        want(1, 'a server key');
        if (!values.to) throw new UsageError('"attach" needs --to <key of an Enterprise Server>.');
        return { method: 'POST', path: `/_sim/servers/${key()}/attach`, body: { to: values.to } };
      case 'disable-ews':
      case 'enable-ews':
        want(1, 'a server key');
        return { method: 'PUT', path: `/_sim/servers/${key()}/ews`, body: { enabled: command === 'enable-ews' } };
      case 'credentials':
        want(1, 'a server key');
        if (values.clear) return { method: 'DELETE', path: `/_sim/servers/${key()}/credentials` };
        if (values.user === undefined || values.password === undefined) throw new UsageError('"credentials" needs --user and --password, or --clear.');
        return { method: 'PUT', path: `/_sim/servers/${key()}/credentials`, body: { user: values.user, password: values.password } };
      case 'auth':
        want(0, '');
        if (values.off) return { method: 'DELETE', path: '/_sim/auth' };
        if (values.user === undefined || values.password === undefined) throw new UsageError('"auth" needs --user and --password (and optionally --algorithm), or --off.');
        return { method: 'PUT', path: '/_sim/auth', body: { user: values.user, password: values.password, ...(values.algorithm ? { algorithms: values.algorithm } : {}) } };
      case 'expire-nonces':
        want(0, '');
        return { method: 'POST', path: '/_sim/auth/expire-nonces' };
      case 'latency':
        want(1, 'the added latency in ms');
        return { method: 'PUT', path: '/_sim/latency', body: { ms: number('latency', rest[0]) } };
      case 'fault':
        if (values.clear) {
          want(1, 'a server key');
          return { method: 'DELETE', path: `/_sim/servers/${key()}/fault` };
        }
        want(2, `a server key and a fault kind (${FAULT_KINDS.join(', ')})`);
        return {
          method: 'PUT',
          path: `/_sim/servers/${key()}/fault`,
          body: { kind: rest[1], latencyMs: number('latency-ms', values['latency-ms']), rate: number('rate', values.rate), variant: values.variant },
        };
      case 'registration': {
        want(1, 'a server key');
        if (!values.set?.length) return { method: 'GET', path: `/_sim/servers/${key()}` };
        const fields: Record<string, string | null> = {};
        for (const pair of values.set) {
          const at = pair.indexOf('=');
          if (at < 1) throw new UsageError(`--set takes field=value (like state=registered); got "${pair}".`);
          const value = pair.slice(at + 1);
          fields[pair.slice(0, at)] = value === '' ? null : value;
        }
        return { method: 'PUT', path: `/_sim/servers/${key()}/registration`, body: fields };
      }
      case undefined:
        throw new UsageError('Give an admin command.');
      default:
        throw new UsageError(`Unknown admin command "${command}".`);
    }
  })();
  return { url, request };
}

function checkUrl(text: string | undefined): string {
  if (!text) throw new UsageError('Give the simulator\'s URL with --url http://127.0.0.1:PORT (it is printed in the SIM_READY line), or set SIM_URL.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url "${text}" is not a URL; use http://127.0.0.1:PORT.`);
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') throw new UsageError(`--url must be http://127.0.0.1:PORT: the simulator listens on loopback only; got "${text}".`);
  return url.origin;
}

/** Runs one admin command; returns the exit code. */
export async function runAdmin(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  if (args[0] === 'help' || args.includes('--help')) {
    out(ADMIN_USAGE);
    return 0;
  }
  let url: string;
  let request: Request;
  try {
    ({ url, request } = adminRequest(args));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n\n${ADMIN_USAGE}`);
    return 2;
  }
  let response: Response;
  try {
    response = await fetch(url + request.path, {
      method: request.method,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    err(`No simulator answers at ${url} (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}). Is it running, and is the port the one in its SIM_READY line?`);
    return 1;
  }
  const text = await response.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    err(`The answer from ${url} is not the simulator's JSON (HTTP ${response.status}): ${text.slice(0, 200)}`);
    return 1;
  }
  if (!response.ok) {
    err(`The simulator refused (HTTP ${response.status}): ${(value as { error?: string }).error ?? text}`);
    return 1;
  }
  out(JSON.stringify(value, null, 2));
  return 0;
}
