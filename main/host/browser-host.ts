// Browser mode: serves the built renderer on 127.0.0.1 and binds the contract to a WebSocket.
// A per-launch token in the URL admits the page; a WebSocket without it, or from another origin,
// is refused before the upgrade. The page gets `window.companion` from a small bridge script, so
// the renderer cannot tell this from Electron.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName } from '../../shared/contract/names.js';
import { fail } from '../../shared/contract/result.js';
import type { Dispatch } from './dispatch.js';
import { containedPath, contentSecurityPolicy, MIME_TYPES } from './security.js';

export const WS_PATH = '/__companion/ws';
export const BRIDGE_PATH = '/__companion/bridge.js';
const MAX_MESSAGE_BYTES = 1024 * 1024;

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
    const url = new URL(req.url ?? '/', 'http://host');
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
    let file: string | null;
    if (url.pathname === BRIDGE_PATH) file = options.bridgeFile;
    else if (url.pathname === '/' || url.pathname === '/index.html') file = indexFile;
    else file = containedPath(root, url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    let body = fs.readFileSync(file);
    if (file === indexFile) {
      // The bridge runs before the renderer's module scripts, which are deferred.
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`));
    }
    res.writeHead(200, { ...headers, 'content-type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const refuse = (status: number, reason: string) => {
      log(`[browser-host] refused WebSocket: ${reason}`);
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH) return refuse(404, `path ${url.pathname}`);
    if (req.headers.origin !== origin) return refuse(403, `origin ${req.headers.origin ?? '(none)'}`);
    if (!sameToken(url.searchParams.get('token') ?? '', token)) return refuse(401, 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  const serve = (ws: WebSocket) => {
    ws.on('message', async (data, isBinary) => {
      let message: { id?: unknown; call?: unknown; input?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: null, result: fail('invalid_input', 'A message must be JSON text.') }));
        return;
      }
      const result = await options.dispatch(message.call, message.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id ?? null, result }));
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    broadcast(name, payload) {
      const text = JSON.stringify({ event: name, payload });
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
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
