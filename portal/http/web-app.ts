// Serves the portal's web app (portal/web/, built by `npm run build` into dist/portal-web): each
// of the app's addresses answers its index.html, /assets/* the built files (hashed names, cached
// for a year). Every HTML answer carries a strict Content-Security-Policy: the app's own scripts,
// styles and images only, nothing from the network, no framing, and no referrer (an invitation's
// token is in its address). Without a build, the app's addresses answer a short 503 page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { WEB_APP_PATHS } from '../../shared/portal/web-paths.js';

export const WEB_APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'portal-web');

export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** A built file's name: one path segment, no dot first (no "..", no hidden file), a known type. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Registration Portal: web app not built</title></head>
<body><main><h1>The web app is not built</h1>
<p>This portal has no built web app to serve. Run <code>npm run build</code> where the portal is installed, then reload this page. The API (/api/v1/) works without it.</p>
</main></body></html>`;

function htmlHeaders(reply: FastifyReply) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', WEB_APP_CSP)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer');
}

/** A built file, or null when there is none by that name. */
async function builtFile(dir: string, name: string): Promise<Buffer | null> {
  if (!FILE_NAME.test(name) || !TYPES[path.extname(name)]) return null;
  const file = path.join(dir, name);
  // The name has no separator, so the file is in `dir`; checked again all the same.
  if (path.dirname(file) !== dir) return null;
  try {
    return await fs.promises.readFile(file);
  } catch {
    return null;
  }
}

export function registerWebApp(app: FastifyInstance, dir = WEB_APP_DIR) {
  const assets = path.join(dir, 'assets');
  void app.register(async (web) => {
    // After the portal's own onSend hook (no-store on everything): built files are immutable.
    web.addHook('onSend', async (request, reply) => {
      if (reply.statusCode === 200 && (request.url.startsWith('/assets/') || request.url === '/favicon.svg')) {
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      }
    });

    const page = async (_request: unknown, reply: FastifyReply) => {
      let index: Buffer;
      try {
        // Read each time: a build made while the portal runs is served at once, with its new asset names.
        index = await fs.promises.readFile(path.join(dir, 'index.html'));
      } catch {
        return htmlHeaders(reply).code(503).header('retry-after', '60').send(NOT_BUILT);
      }
      return htmlHeaders(reply).code(200).send(index);
    };
    for (const url of WEB_APP_PATHS) web.get(url, page);

    web.get<{ Params: { '*': string } }>('/assets/*', async (request, reply) => {
      const name = request.params['*'];
      const body = await builtFile(assets, name);
      if (!body) return htmlHeaders(reply).code(404).send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>No such file.</p></body></html>');
      return reply.code(200).header('content-type', TYPES[path.extname(name)]!).send(body);
    });
    web.get('/favicon.svg', async (_request, reply) => {
      const body = await builtFile(dir, 'favicon.svg');
      if (!body) return reply.code(404).send();
      return reply.code(200).header('content-type', TYPES['.svg']!).send(body);
    });
  });
}
