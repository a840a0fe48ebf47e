// The site as the CLI builds it: full size with the right counts, repeatable from a seed, clear
// errors for bad options; and the admin CLI against a running simulator process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { SimSite } from '../../sim/model.js';
import { parseStartOptions } from '../../sim/start-options.js';
import { ROOT, startSim, type Started } from '../support/processes.js';
import { EwsConnector } from '../../main/services/connectors/ews/ews-connector.js';
import { envelope, ewsUrl, post } from './ews-client.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(TSX, ['sim/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

interface ServerInfo {
  key: string;
  address: string;
  kind: string;
  parent: string | null;
  children: number;
  systemId: string;
  fault: { kind: string } | null;
}

let full: Started<{ url: string; servers: number; faulty: number; latencyMs: number }>;
before(async () => {
  full = (await startSim(['--ec', '--es', '10', '--as', '250', '--seed', '21', '--faulty', '0.1', '--latency', '1', '--auth', 'none'])) as typeof full;
});
after(() => full?.stop());

test('the full-size site: 1 EC + 10 ES + 2,500 automation servers on one port, with the right hierarchy', async () => {
  assert.equal(full.info.servers, 2511);
  assert.equal(full.info.faulty, 251);
  assert.equal(full.info.latencyMs, 1);
  const servers = (await (await fetch(`${full.info.url}/_sim/servers`)).json()) as ServerInfo[];
  assert.equal(servers.length, 2511);
  const count = (kind: string) => servers.filter((s) => s.kind === kind).length;
  assert.deepEqual([count('enterprise-central'), count('enterprise-server'), count('automation-server')], [1, 10, 2500]);
  const ec = servers.find((s) => s.key === '_top')!;
  assert.equal(ec.address, full.info.url);
  assert.equal(ec.children, 10);
  for (const es of servers.filter((s) => s.kind === 'enterprise-server')) {
    assert.equal(es.parent, '');
    assert.equal(es.children, 250);
  }
  assert.equal(new Set(servers.map((s) => s.address)).size, 2511, 'every server has its own address');
  assert.equal(new Set(servers.map((s) => s.systemId)).size, 2511, 'and its own System ID');
  // The EC lists the ES; an ES lists its 250 automation servers (over three pages); the last one answers.
  const connector = new EwsConnector({ timeoutMs: 5000 });
  try {
    const esList = await connector.readChildren(full.info.url);
    assert.deepEqual(esList.children.map((c) => c.address), Array.from({ length: 10 }, (_, i) => `${full.info.url}/es-${i + 1}`));
    const asList = await connector.readChildren(`${full.info.url}/es-10`);
    assert.equal(asList.children.length, 250);
    assert.equal(new Set(asList.children.map((c) => c.address)).size, 250);
  } finally {
    connector.close();
  }
  const last = servers.find((s) => s.key === 'es-10-as-250')!;
  if (!last.fault) assert.match((await post(ewsUrl(last.address), envelope('GetWebServiceInformation'))).body, new RegExp(last.systemId));
  const faults = (await (await fetch(`${full.info.url}/_sim/faults`)).json()) as { key: string }[];
  assert.deepEqual(faults.map((f) => f.key).sort(), servers.filter((s) => s.fault).map((s) => s.key).sort());
});

test('the same seed builds the same site; another seed another one', async () => {
  const served = ((await (await fetch(`${full.info.url}/_sim/servers`)).json()) as ServerInfo[]).map((s) => [s.key, s.systemId, s.fault?.kind ?? null]);
  const { spec } = parseStartOptions(['--ec', '--es', '10', '--as', '250', '--seed', '21', '--faulty', '0.1']);
  const local = new SimSite(spec);
  assert.deepEqual([...local.servers.values()].map((s) => [s.key === '' ? '_top' : s.key, s.systemId, s.fault?.kind ?? null]), served);
  const other = new SimSite({ ...spec, seed: 22 });
  assert.notEqual(other.require('es-1-as-1').systemId, local.require('es-1-as-1').systemId);
});

test('stand-alone servers, and an ES without an EC at the root', () => {
  const site = new SimSite({ es: 1, asPerEs: 3, standalone: 2 });
  assert.equal(site.require('').kind, 'enterprise-server');
  assert.deepEqual(site.children('').map((s) => s.key), ['es-1-as-1', 'es-1-as-2', 'es-1-as-3']);
  assert.deepEqual([site.require('sa-1').parent, site.require('sa-2').parent], [null, null]);
});

test('bad start options are refused with a message that says what to give', () => {
  const cases: [string[], RegExp][] = [
    [['--es', '11'], /--es must be a whole number from 0 to 10; got "11"/],
    [['--as', 'many'], /--as must be a whole number from 0 to 250/],
    [['--faulty', '10%'], /--faulty must be a fraction from 0 to 1/],
    [['--fault-kinds', 'reset,fire'], /"fire" is not one/],
    [['--auth', 'basic'], /--auth must be "none" or "digest"/],
    [['--auth', 'none', '--user', 'u'], /--user needs --auth digest/],
    [['--auth', 'digest', '--algorithm', 'SHA-1'], /"SHA-1" is not supported; use MD5, SHA-256/],
    [['--es', '0'], /The site has no server/],
    [['--colour', 'red'], /Unknown option '--colour'/],
  ];
  for (const [args, message] of cases) assert.throws(() => parseStartOptions(args), message, args.join(' '));
  const { spec } = parseStartOptions(['--auth', 'digest', '--algorithm', 'md5,SHA-256']);
  assert.deepEqual(spec.auth?.algorithms, ['MD5', 'SHA-256']);
  assert.equal(spec.auth?.user, 'admin');
  // Through the real process: exit code 2 and the message on stderr.
  const r = cli(['--es', '11']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--es must be a whole number from 0 to 10/);
});

test('the admin CLI drives a running simulator, with clear errors for bad arguments', async () => {
  const sim = await startSim(['--es', '1', '--as', '2', '--standalone', '1', '--auth', 'digest', '--user', 'op', '--password', 'pw', '--algorithm', 'MD5']);
  try {
    const url = sim.info.url;
    const wipe = cli(['admin', 'wipe', 'es-1-as-1', '--url', url]);
    assert.equal(wipe.code, 0, wipe.err);
    const wiped = JSON.parse(wipe.out) as ServerInfo;
    assert.equal(wiped.key, 'es-1-as-1');
    const attach = cli(['admin', 'attach', 'sa-1', '--to', '_top'], { SIM_URL: url });
    assert.equal(attach.code, 0, attach.err);
    assert.equal((JSON.parse(attach.out) as ServerInfo).parent, '');
    const fault = cli(['admin', 'fault', 'es-1-as-2', 'malformed-xml', '--variant', 'broken-markup', '--url', url]);
    assert.equal(fault.code, 0, fault.err);
    const registration = cli(['admin', 'registration', '_top', '--set', 'state=registered', '--set', 'siteName=Plant 4', '--url', url]);
    assert.equal(registration.code, 0, registration.err);
    const servers = (await (await fetch(`${url}/_sim/servers`)).json()) as (ServerInfo & { registration: { siteName: string }; auth: { user: string } })[];
    assert.equal(servers.find((s) => s.key === 'es-1-as-1')!.systemId, wiped.systemId);
    assert.equal(servers.find((s) => s.key === 'es-1-as-2')!.fault!.kind, 'malformed-xml');
    assert.equal(servers.find((s) => s.key === '_top')!.registration.siteName, 'Plant 4');
    assert.equal(servers.find((s) => s.key === '_top')!.auth.user, 'op');

    const errors: [string[], number, RegExp][] = [
      [['admin', 'wipe', 'es-1-as-1'], 2, /Give the simulator's URL with --url/],
      [['admin', 'wipe', '--url', 'http://10.0.0.5:80'], 2, /must be http:\/\/127\.0\.0\.1:PORT/],
      [['admin', 'attach', 'sa-1', '--url', url], 2, /"attach" needs --to/],
      [['admin', 'frobnicate', '--url', url], 2, /Unknown admin command "frobnicate"/],
      [['admin', 'wipe', 'nope', '--url', url], 1, /refused \(HTTP 404\): No simulated server "nope"/],
      [['admin', 'fault', 'sa-1', 'fire', '--url', url], 1, /"kind" must be one of/],
    ];
    for (const [args, code, message] of errors) {
      const r = cli(args);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
  } finally {
    await sim.stop();
  }
});
