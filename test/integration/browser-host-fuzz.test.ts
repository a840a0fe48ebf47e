// The browser-mode host against hostile input, over real WebSockets to the real process: frames
// over the limit, text that is not UTF-8 or not JSON, deep nesting, floods of calls, and address
// lists built to take time and memory. The process must stay up, answer other clients, and keep
// its memory bounded (measured from /proc).
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type WebSocket from 'ws';
import { startBrowserHost } from '../../main/host/browser-host.js';
import type { CompanionApi } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import { launchChromium } from '../support/browser.js';
import { memoryOf, ROOT, startCompanion, type Started } from '../support/processes.js';
import { callOver, closeOf, nextMessage, openSocket } from '../support/ws-client.js';

let app: Started<{ url: string; origin: string; token: string }>;
let baseline: { rssMiB: number; peakMiB: number } | null = null;
const wsUrl = () => `${app.info.origin.replace('http', 'ws')}/__companion/ws?token=${app.info.token}`;
const MiB = 1024 * 1024;

/** A socket to the companion that a reset cannot turn into an error in this test process. */
async function socket(): Promise<WebSocket> {
  const ws = await openSocket(wsUrl(), app.info.origin);
  ws.on('error', () => undefined);
  return ws;
}

/** The process is running and a fresh client is answered. */
async function assertUp() {
  assert.equal(app.child.exitCode, null, `the companion exited:\n${app.output()}`);
  assert.equal(app.child.signalCode, null);
  const ws = await socket();
  try {
    const info = await callOver(ws, 'app.info', {});
    assert.equal(info.ok, true);
  } finally {
    ws.close();
  }
}

type Reply = { id: unknown; result: Result<unknown> };

const nested = (depth: number, open: string, close: string, inner = '0') => open.repeat(depth) + inner + close.repeat(depth);

before(async () => {
  app = await startCompanion();
  // Warm up (the first calls open the database and load the schemas) before the baseline.
  const ws = await socket();
  for (let i = 0; i < 20; i++) await callOver(ws, 'site.tree', {});
  ws.close();
  baseline = memoryOf(app.child.pid);
});
after(() => app?.stop());

test('a frame over 1 MiB closes that socket with 1009 and a reason; other clients go on', async () => {
  const bystander = await socket();
  for (const frame of ['x'.repeat(MiB + 1), JSON.stringify({ id: 1, call: 'site.connection.save', input: { targets: '10.0.0.1\n'.repeat(130_000) } })]) {
    const ws = await socket();
    const closed = closeOf(ws);
    ws.send(frame);
    const { code, reason } = await closed;
    assert.equal(code, 1009);
    assert.match(reason, /over 1 MiB/);
  }
  assert.equal((await callOver(bystander, 'app.info', {})).ok, true, 'the other socket is still served');
  bystander.close();
  await assertUp();
});

test('a text frame that is not UTF-8 closes that socket with 1007', async () => {
  const ws = await socket();
  const closed = closeOf(ws);
  ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
  const { code, reason } = await closed;
  assert.equal(code, 1007);
  assert.match(reason, /UTF-8/);
  await assertUp();
});

test('messages that are not calls get invalid_input with id null; none ends the process or the socket', async () => {
  const ws = await socket();
  const frames: [string, string | Buffer][] = [
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['a number', '42'],
    ['an empty object', '{}'],
    ['not JSON', '{"id":1,'],
    ['an id nested 5,000 deep', `{"id":${nested(5000, '{"a":', '}')},"call":"app.info"}`],
    ['a 900 kB nested array', nested(450_000, '[', ']')],
    ['an id that is an infinite number', '{"id":1e400,"call":"app.info"}'],
    ['an id of 5,000 characters', JSON.stringify({ id: 'i'.repeat(5000), call: 'app.info' })],
    ['a binary frame', Buffer.from(JSON.stringify({ id: 1, call: 'app.info' }))],
  ];
  for (const [what, frame] of frames) {
    ws.send(frame, { binary: Buffer.isBuffer(frame) });
    const reply = (await nextMessage(ws)) as Reply;
    assert.equal(reply.id, null, what);
    assert.equal(!reply.result.ok && reply.result.error.code, 'invalid_input', what);
    assert.ok(!reply.result.ok && reply.result.error.message.length < 200, what);
  }

  // A good id is kept even when the rest is wrong, so the caller learns which call failed.
  ws.send('{"id":7,"call":{"name":"app.info"}}');
  const noCall = (await nextMessage(ws)) as Reply;
  assert.equal(noCall.id, 7);
  assert.equal(!noCall.result.ok && noCall.result.error.code, 'invalid_input');

  // Input nested 5,000 deep, or with 60,000 unknown keys, is refused without echoing it back.
  ws.send(`{"id":8,"call":"site.server","input":{"address":${nested(5000, '{"a":', '}')}}}`);
  const deep = (await nextMessage(ws)) as Reply;
  assert.equal(!deep.result.ok && deep.result.error.code, 'invalid_input');
  const keys = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`key${i}`, i]));
  const wide = JSON.stringify({ id: 9, call: 'app.info', input: keys });
  assert.ok(wide.length > 900_000 && wide.length < MiB);
  ws.send(wide);
  const refused = (await nextMessage(ws)) as Reply;
  assert.equal(refused.id, 9);
  assert.equal(!refused.result.ok && refused.result.error.code, 'invalid_input');
  const answer = JSON.stringify(refused);
  console.log(`60,000 unknown keys (${(wide.length / 1024).toFixed(0)} kB sent) got a ${answer.length}-character answer`);
  assert.ok(answer.length < 20_000, `the refusal is ${answer.length} characters`);

  assert.equal((await callOver(ws, 'app.info', {})).ok, true, 'the same socket still answers');
  ws.close();
  await assertUp();
});

test('1,000 calls sent at once on one socket are all answered', async () => {
  const ws = await socket();
  const replies = new Map<unknown, Result<unknown>>();
  const all = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as Reply;
      replies.set(reply.id, reply.result);
      if (replies.size === 1000) resolve();
    }),
  );
  const started = performance.now();
  for (let id = 0; id < 1000; id++) ws.send(JSON.stringify({ id, call: id % 2 ? 'app.info' : 'site.tree', input: {} }));
  await all;
  console.log(`1,000 calls at once answered in ${(performance.now() - started).toFixed(0)} ms`);
  for (let id = 0; id < 1000; id++) assert.equal(replies.get(id)?.ok, true, `call ${id}: ${JSON.stringify(replies.get(id))}`);
  ws.close();
});

test('while one client floods the host with hostile frames, another is still answered', async () => {
  let flooding = true;
  const hostile = (async () => {
    let frames = 0;
    while (flooding) {
      const ws = await socket();
      const closed = closeOf(ws).catch(() => null);
      for (let i = 0; i < 200; i++) ws.send(i % 3 ? `{"id":${nested(5000, '{"a":', '}')}}` : JSON.stringify({ id: i, call: 'site.tree', input: {} }));
      ws.send(Buffer.from([0x22, 0xc3, 0x28, 0x22]), { binary: false }); // not UTF-8: the host closes it
      await closed;
      ws.send(nested(400_000, '[', ']'), () => undefined); // after the close: dropped, never fatal
      frames += 202;
    }
    return frames;
  })();
  const ws = await socket();
  const latencies: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    const info = await callOver(ws, 'app.info', {});
    latencies.push(performance.now() - started);
    assert.equal(info.ok, true);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  flooding = false;
  const frames = await hostile;
  ws.close();
  latencies.sort((a, b) => a - b);
  console.log(`during a flood of ${frames} hostile frames, app.info took median ${latencies[15]!.toFixed(1)} ms, worst ${latencies.at(-1)!.toFixed(1)} ms`);
  assert.ok(latencies.at(-1)! < 2000, 'answered within 2 s');
  await assertUp();
});

test('an address list of 7,000 small ranges is refused at once, with a short message', async () => {
  const ws = await socket();
  // Each /20 holds 4,094 addresses: 28.7 million if expanded before the total is checked.
  const ranges = Array.from({ length: 7000 }, (_, i) => `${1 + (i % 100)}.${Math.floor(i / 100)}.0.0/20`).join('\n');
  assert.ok(ranges.length < 100_000, 'under the character limit');
  let started = performance.now();
  const result = await callOver(ws, 'site.connection.save', { targets: ranges });
  const ms = performance.now() - started;
  console.log(`7,000 ranges refused in ${ms.toFixed(0)} ms: ${!result.ok && result.error.message}`);
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  assert.equal(!result.ok && result.error.code, 'invalid_input');
  assert.match(!result.ok ? result.error.message : '', /28,658,000 addresses; at most 4,096/);

  for (const count of [10_000, 4_000]) {
    started = performance.now();
    const duplicates = await callOver(ws, 'site.connection.save', { targets: '10.0.0.5\n'.repeat(count) });
    const message = !duplicates.ok ? duplicates.error.message : '';
    console.log(`${count.toLocaleString('en')} duplicates refused in ${(performance.now() - started).toFixed(0)} ms with a ${message.length}-character message, ${JSON.stringify(duplicates).length} characters in all`);
    assert.equal(!duplicates.ok && duplicates.error.code, 'invalid_input');
    assert.ok(message.length > 0 && message.length < 2000, `${message.length} characters`);
    assert.ok(JSON.stringify(duplicates).length < 20_000);
  }
  const last = await callOver(ws, 'site.connection.save', { targets: '10.0.0.5\n'.repeat(4000) });
  assert.match(!last.ok ? last.error.message : '', /already listed on line 1\. .*…and 3,994 more problems\./);

  const saved = await callOver(ws, 'site.connection', {});
  assert.equal(saved.ok && (saved.value as { targets: string }).targets, '', 'nothing was saved');
  ws.close();
});

test('control characters in user names and passwords are refused when saved, naming the field', async () => {
  const ws = await socket();
  const cases: [object, string][] = [
    [{ username: 'admin\r\nX-Injected: 1' }, 'username'],
    [{ username: 'admin', password: 'secret\n' }, 'password'],
    [{ username: 'admin', password: 'sec\u0000ret' }, 'password'],
    [{ perServer: [{ address: '10.0.0.9', username: 'local\tadmin' }] }, 'perServer.0.username'],
    [{ perServer: [{ address: '10.0.0.9', username: 'admin', password: 'pw\u0085' }] }, 'perServer.0.password'],
  ];
  for (const [fields, field] of cases) {
    const result = await callOver(ws, 'site.connection.save', { targets: '10.0.0.5', ...fields });
    assert.equal(!result.ok && result.error.code, 'invalid_input', field);
    const issue = !result.ok ? result.error.issues?.find((i) => i.path === field) : undefined;
    assert.match(issue?.message ?? '', /(user name|password) contains a control character/, field);
    assert.match(!result.ok ? result.error.message : '', new RegExp(field.replace(/\./g, '\\.')));
  }
  assert.equal((await callOver(ws, 'site.connection.save', { targets: '10.0.0.5', username: 'admin', password: 'pässwörd with spaces' })).ok, true, 'ordinary text is still accepted');
  ws.close();
});

test('a request target that is not a URL gets 400, on a plain request and on an upgrade', async () => {
  const port = Number(new URL(app.info.origin).port);
  for (const extra of ['', `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n`]) {
    const answer = await new Promise<string>((resolve, reject) => {
      const tcp = net.connect(port, '127.0.0.1', () => tcp.write(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra || 'Connection: close\r\n'}\r\n`));
      let text = '';
      tcp.on('data', (chunk) => (text += chunk.toString()));
      tcp.on('close', () => resolve(text));
      tcp.on('error', reject);
      tcp.setTimeout(3000, () => tcp.destroy());
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
  }
  await assertUp();
});

test('memory stays bounded through all of it', async () => {
  // One more round of the largest frames the host accepts, on several sockets at once.
  const sockets = await Promise.all(Array.from({ length: 4 }, () => socket()));
  const big = JSON.stringify({ id: 1, call: 'site.server', input: { address: 'a'.repeat(MiB - 100) } });
  await Promise.all(
    sockets.map(async (ws) => {
      for (let i = 0; i < 25; i++) {
        ws.send(big);
        await nextMessage(ws);
      }
      ws.close();
    }),
  );
  await assertUp();
  const now = memoryOf(app.child.pid);
  if (!baseline || !now) {
    console.log('no /proc here: memory not measured');
    return;
  }
  console.log(
    `companion memory: ${baseline.rssMiB.toFixed(1)} MiB after warm-up, ${now.rssMiB.toFixed(1)} MiB after the fuzzing (peak ${now.peakMiB.toFixed(1)} MiB, growth ${(now.rssMiB - baseline.rssMiB).toFixed(1)} MiB)`,
  );
  assert.ok(now.rssMiB - baseline.rssMiB < 150, 'resident memory grew by less than 150 MiB');
  assert.ok(now.peakMiB - baseline.rssMiB < 300, 'the peak stayed within 300 MiB of the start');
});

test('a client whose calls do not finish stops being read; every call still gets one answer', async () => {
  // In process, with a dispatcher that holds every call until released, to count what is in flight.
  let inFlight = 0;
  let most = 0;
  const held: (() => void)[] = [];
  const host = await startBrowserHost({
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    bridgeFile: path.join(ROOT, 'dist', 'bridge', 'bridge.js'),
    dispatch: () => {
      most = Math.max(most, ++inFlight);
      return new Promise((resolve) =>
        held.push(() => {
          inFlight--;
          resolve({ ok: true, value: { name: 'held', version: '0' } });
        }),
      );
    },
  });
  try {
    const ws = await openSocket(`${host.origin.replace('http', 'ws')}/__companion/ws?token=${host.token}`, host.origin);
    const replies = new Map<unknown, Result<unknown>>();
    let duplicates = 0;
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as Reply;
      if (replies.has(reply.id)) duplicates++;
      replies.set(reply.id, reply.result);
    });
    for (let id = 0; id < 3000; id++) ws.send(JSON.stringify({ id, call: 'app.info', input: {}, pad: 'p'.repeat(200) }));
    // Let the host read all it will, then release what it holds until every call is answered.
    for (let round = 0; replies.size < 3000 && round < 200; round++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      held.splice(0).forEach((release) => release());
    }
    const busy = [...replies.values()].filter((r) => !r.ok && r.error.code === 'busy').length;
    console.log(`3,000 held calls: at most ${most} in flight at once, ${busy} answered busy`);
    assert.equal(replies.size, 3000, 'every call was answered');
    assert.equal(duplicates, 0, 'once');
    assert.ok(most <= 1024, `${most} calls were in flight at once`);
    ws.close();
  } finally {
    await host.close();
  }
});

test('in the page: over 1 MiB is refused before it is sent; a 1009 close says what to do and the next call reconnects', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Between the page and the host, close the page's socket with 1009 when a marked call passes.
    await page.routeWebSocket(/__companion\/ws/, (route) => {
      const host = route.connectToServer();
      route.onMessage((message) => (String(message).includes('cut-here') ? route.close({ code: 1009, reason: 'A message over 1 MiB.' }) : host.send(message)));
    });
    await page.goto(app.info.url);
    const call = (name: string, input: unknown) =>
      page.evaluate(([n, i]) => (globalThis as unknown as { companion: CompanionApi }).companion.call(n as 'site.server', i as never), [name, input] as const);

    // 600,000 characters, 1.2 MB as UTF-8: counted in bytes, refused in the page, the socket untouched.
    const big = await call('site.connection.save', { targets: 'é'.repeat(600_000) });
    assert.equal(!big.ok && big.error.code, 'invalid_input');
    assert.match(!big.ok ? big.error.message : '', /too much to send at once \(over 1 MiB\)\. Shorten it and try again\./);
    assert.equal((await call('app.info', {})).ok, true);

    const cut = await call('site.server', { address: 'cut-here' });
    assert.match(!cut.ok ? cut.error.message : '', /too much to send at once/);
    assert.doesNotMatch(!cut.ok ? cut.error.message : '', /Restart/);
    assert.equal((await call('app.info', {})).ok, true, 'the next call opened a new socket');
  } finally {
    await browser.close();
  }
});
