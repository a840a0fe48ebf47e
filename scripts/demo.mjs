// `npm run demo`: a simulated site (1 Enterprise Server + 3 automation servers), a Registration
// Portal with its own SQLite file in a temp folder, and the companion in browser mode, already
// pointed at the site. Prints the URLs; Ctrl+C stops everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import WebSocket from 'ws';
import { startProcess } from './lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bms-demo-'));
// The simulator's default Digest credentials (sim/README.md).
const SIM_USER = 'admin';
const SIM_PASSWORD = 'sim-password';
// An end-user account on the demo portal: end users may log on without an authenticator app.
const DEMO_ACCOUNT = { email: 'demo@example.com', password: 'demo-password-1', kind: 'end-user', name: 'Demo User' };

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const started = [];
const stopAll = async () => {
  await Promise.all(started.map((p) => p.stop()));
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(0)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)));

try {
  const options = { cwd: root, echoErrors: true };
  const [sim, portal, app] = await Promise.all([
    startProcess(tsx, ['sim/cli.ts', '--es', '1', '--as', '3', '--port', process.env.SIM_PORT ?? '0'], 'SIM_READY', options),
    startProcess(tsx, ['portal/cli.ts', '--port', process.env.PORTAL_PORT ?? '0', '--data-dir', path.join(work, 'portal')], 'PORTAL_READY', options),
    startProcess(process.execPath, ['dist/main/browser-main.mjs', '--port', process.env.BMS_PORT ?? '0', '--data-dir', path.join(work, 'companion')], 'COMPANION_READY', options),
  ]);
  started.push(sim, portal, app);
  await createDemoAccount(portal.info.url, portal.info.outboxDir);
  await readSite(app.info, sim.info.url, portal.info.url);
  console.log(`
BMS Companion demo
  Companion (open this):  ${app.info.url}
  Simulated site:         ${sim.info.url}  (1 Enterprise Server + 3 automation servers; user ${SIM_USER}, password ${SIM_PASSWORD})
  Registration Portal:    ${portal.info.url}  (log on as ${DEMO_ACCOUNT.email}, password ${DEMO_ACCOUNT.password}; mail lands in ${path.join(work, 'portal', 'outbox')})
  Demo data folder:       ${work} (delete it when done)
Press Ctrl+C to stop.`);
  console.log(`DEMO_READY ${JSON.stringify({ companion: app.info.url, sim: sim.info.url, portal: portal.info.url, work })}`);
} catch (error) {
  console.error(`The demo could not start: ${error.message}`);
  await stopAll();
  process.exit(1);
}

async function createDemoAccount(portalUrl, outboxDir) {
  const response = await fetch(`${portalUrl}/api/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_ACCOUNT) });
  if (!response.ok) throw new Error(`the demo account could not be made: ${await response.text()}`);
  await verifyDemoAccount(outboxDir);
}

/** Verifies the demo account's address as its owner would: the link in the mail in the portal's outbox, then the page's Verify button (a POST of its token). */
async function verifyDemoAccount(outboxDir) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const names = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((n) => n.endsWith('.eml')) : [];
    for (const name of names) {
      const mail = await simpleParser(fs.readFileSync(path.join(outboxDir, name)));
      const link = mail.subject === 'Verify your e-mail address' && mail.text?.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)?.[0];
      if (!link) continue;
      const page = new URL(link);
      const verified = await fetch(new URL(page.pathname, page), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: page.searchParams.toString() });
      if (!verified.ok) throw new Error(`the demo account's address could not be verified (${verified.status})`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`no verification mail for the demo account in ${outboxDir}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Points the companion at the simulated site and the demo portal, through the same contract the page uses. */
async function readSite({ origin, token }, siteUrl, portalUrl) {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/__companion/ws?token=${token}`, { origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const call = (name, input) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data) => {
        const message = JSON.parse(data.toString());
        if (message.id !== id) return;
        ws.off('message', onMessage);
        if (message.result.ok) resolve(message.result.value);
        else reject(new Error(message.result.error.message));
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, call: name, input }));
    });
  try {
    await call('site.connection.save', { targets: siteUrl, username: SIM_USER, password: SIM_PASSWORD });
    // The demo portal's address, and its public keys trusted as a site's person would import them.
    await call('portal.connect', { url: portalUrl });
    await call('offline.keys.import', { json: await (await fetch(`${portalUrl}/api/v1/keys`)).text() });
    await call('site.discover', {});
  } finally {
    ws.close();
  }
}
