// Browser mode: serves the built renderer on 127.0.0.1 and binds the contract to a WebSocket.
// A per-launch token in the URL admits the page; a WebSocket without it, or from another origin,
// is refused before the upgrade. The page gets `window.companion` from a small bridge script, so
// the renderer cannot tell this from Electron.
//
// Whatever a client sends, the process stays up and other clients are answered: every socket and
// server has an error listener, every message is checked before use, refusals are short, and a
// client that sends faster than its calls finish (or reads slower than they are answered) stops
// being read until it catches up.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventName } from '../../shared/contract/names.js';
import { fail, type Result } from '../../shared/contract/result.js';
import type { Dispatch } from './dispatch.js';
import { containedPath, contentSecurityPolicy, MIME_TYPES } from './security.js';
import { clip } from '../../shared/text.js';

export const WS_PATH = '/__companion/ws';
export const BRIDGE_PATH = '/__companion/bridge.js';
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Calls in flight on one socket past which it is not read until some finish. */
const PAUSE_IN_FLIGHT = 256;
/** Frames read before the pause took hold are still answered, with `busy` past this many. */
const MAX_IN_FLIGHT = 1024;
/** Answers written but not yet taken by the client past which its socket is not read. */
const MAX_UNSENT_BYTES = 16 * 1024 * 1024;
const MAX_ID_LENGTH = 100;

/** ws closes a socket that breaks the protocol with the right code but no reason; the page can show one. */
const CLOSE_REASONS: Record<number, string> = {
  1002: 'Not a valid WebSocket frame.',
  1007: 'Text that is not valid UTF-8.',
  1008: 'A message in too many parts.',
  1009: 'A message over 1 MiB.',
};

interface Call {
  id: number | string;
  call: string;
  input: unknown;
}

/** A message as a call, or why it is not one. Never throws and never repeats what was sent. */
function readCall(data: RawData, isBinary: boolean): Call | { problem: string; id: Call['id'] | null } {
  if (isBinary) return { problem: 'A message must be JSON text, not binary.', id: null };
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return { problem: 'A message must be JSON text.', id: null };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { problem: 'A message must be a JSON object with an id, a call and its input.', id: null };
  }
  const { id, call, input } = message as Record<string, unknown>;
  if (!((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= MAX_ID_LENGTH))) {
    return { problem: `A message needs an id: a number, or text of at most ${MAX_ID_LENGTH} characters.`, id: null };
  }
  if (typeof call !== 'string') return { problem: 'A message needs the name of its call as text.', id };
  return { id, call, input };
}

/** A refusal as sent: its texts clipped, so nothing a client sent comes back at length. */
function bounded(result: Result<unknown>): Result<unknown> {
  if (result.ok) return result;
  const { code, message, issues } = result.error;
  return fail(code, clip(message, 2000), issues?.slice(0, 50).map((i) => ({ path: clip(i.path, 200), message: clip(i.message, 500) })));
}

/** The request's URL, or null when its target is not one (an absolute-form target can be anything). */
function urlOf(req: http.IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://host');
  } catch {
    return null;
  }
}

export interface BrowserHostOptions {
  rendererDir: string;
  bridgeFile: string;
  dispatch: Dispatch;
  port?: number;
  token?: string;
  log?: (message: string) => void;
}

export interface BrowserHost {
  /** The URL to open, with the token. */
  url: string;
  origin: string;
  token: string;
  broadcast(name: EventName, payload: unknown): void;
  close(): Promise<void>;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const log = options.log ?? (() => {});
  const root = path.resolve(options.rendererDir);
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`No built renderer at ${root}: run "npm run build" first.`);
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = urlOf(req);
    const headers = {
      'content-security-policy': contentSecurityPolicy([origin.replace(/^http/, 'ws')]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (!url) {
      res.writeHead(400, { ...headers, 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    let file: string | null;
    if (url.pathname === BRIDGE_PATH) file = options.bridgeFile;
    else if (url.pathname === '/' || url.pathname === '/index.html') file = indexFile;
    else file = containedPath(root, url.pathname);
    let body: Buffer;
    try {
      if (!file || !fs.statSync(file).isFile()) throw new Error('not a file');
      body = fs.readFileSync(file);
    } catch {
      // Missing, a folder, or gone since the build: a 404 either way, never a thrown handler.
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (file === indexFile) {
      // The bridge runs before the renderer's module scripts, which are deferred.
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`));
    }
    res.writeHead(200, { ...headers, 'content-type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  // Node leaves an upgrade socket without an error listener: a reset during a refusal would end the process.
  const onSocketError = (error: Error) => log(`[browser-host] connection failed: ${error.message}`);
  // Messages one macrotask apart: calls that finish at once do so before the next is read.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, allowSynchronousEvents: false });
  wss.on('error', (error) => log(`[browser-host] WebSocket server: ${error.message}`));
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', onSocketError);
    const url = urlOf(req);
    const refuse = (status: number, reason: string) => {
      log(`[browser-host] refused WebSocket: ${clip(reason, 200)}`);
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!url) return refuse(400, 'not a URL');
    if (url.pathname !== WS_PATH) return refuse(404, `path ${url.pathname}`);
    if (req.headers.origin !== origin) return refuse(403, `origin ${req.headers.origin ?? '(none)'}`);
    if (!sameToken(url.searchParams.get('token') ?? '', token)) return refuse(401, 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('error', onSocketError); // ws has its own from here on
      serve(ws);
    });
  });

  const serve = (ws: WebSocket) => {
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => close(code, reason ?? (code === undefined ? undefined : CLOSE_REASONS[code]));
    // With a listener, ws answers a bad frame by closing that socket (1009, 1007, 1002) instead of throwing.
    ws.on('error', (error) => log(`[browser-host] closed a WebSocket: ${error.message}`));

    let inFlight = 0;
    let unsent = 0;
    const throttle = () => {
      if (inFlight >= PAUSE_IN_FLIGHT || unsent >= MAX_UNSENT_BYTES) ws.pause();
      else if (ws.isPaused) ws.resume();
    };
    const reply = (id: Call['id'] | null, result: Result<unknown>) => {
      if (ws.readyState !== ws.OPEN) return;
      const text = JSON.stringify({ id, result: bounded(result) });
      unsent += text.length;
      throttle();
      ws.send(text, () => {
        unsent -= text.length;
        throttle();
      });
    };
    const answer = async ({ id, call, input }: Call) => {
      inFlight++;
      throttle();
      let result: Result<unknown>;
      try {
        result = await options.dispatch(call, input);
      } catch (error) {
        log(`[browser-host] ${clip(call, 80)} failed: ${(error as Error)?.stack ?? String(error)}`);
        result = fail('internal', 'The companion could not answer this call. This is a bug; please report it.');
      } finally {
        inFlight--;
        throttle();
      }
      reply(id, result);
    };

    ws.on('message', (data, isBinary) => {
      const call = readCall(data, isBinary);
      if ('problem' in call) return reply(call.id, fail('invalid_input', call.problem));
      if (inFlight >= MAX_IN_FLIGHT) return reply(call.id, fail('busy', `Over ${MAX_IN_FLIGHT} calls are waiting on this connection: wait for their answers, then try again.`));
      answer(call).catch((error: unknown) => log(`[browser-host] could not send an answer: ${String(error)}`));
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => log(`[browser-host] HTTP server: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    broadcast(name, payload) {
      const text = JSON.stringify({ event: name, payload });
      // A page that does not read its events is not fed without end: it can ask for the state again.
      for (const client of wss.clients) if (client.readyState === client.OPEN && client.bufferedAmount < MAX_UNSENT_BYTES) client.send(text);
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
