// Admin API on the simulator's loopback port, for tests, demos and trainers:
//   GET  /_sim/servers                 every server with its key, address and System ID
//   POST /_sim/servers/<key>/wipe      database wipe: a new System ID
//   PUT  /_sim/servers/<key>/system-id body {"systemId": "..."}: set a System ID exactly
// The key of the top server is "_top" in these paths.
import type http from 'node:http';
import type { SimSite } from './model.js';
import { send } from './http-util.js';

export function handleAdmin(site: SimSite, req: http.IncomingMessage, res: http.ServerResponse, url: URL, addressOf: (k: string) => string): void {
  const json = (status: number, value: unknown) => send(res, status, 'application/json', JSON.stringify(value));
  const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "_sim"
  const view = (key: string) => {
    const s = site.require(key);
    return { key: key === '' ? '_top' : key, address: addressOf(key), systemId: s.systemId, name: s.name, kind: s.kind, parent: s.parent, ewsEnabled: s.ewsEnabled };
  };
  if (req.method === 'GET' && parts.length === 1 && parts[0] === 'servers') {
    return json(200, [...site.servers.keys()].map(view));
  }
  if (parts[0] !== 'servers' || parts.length !== 3) return json(404, { error: 'Unknown admin route.' });
  const key = parts[1] === '_top' ? '' : decodeURIComponent(parts[1]!);
  if (!site.get(key)) return json(404, { error: `No server "${parts[1]}".` });
  if (req.method === 'POST' && parts[2] === 'wipe') {
    site.wipe(key);
    return json(200, view(key));
  }
  if (req.method === 'PUT' && parts[2] === 'system-id') {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      try {
        const { systemId } = JSON.parse(body) as { systemId?: unknown };
        if (typeof systemId !== 'string' || systemId.trim() === '') return json(400, { error: 'Body must be {"systemId": "<non-empty string>"}.' });
        site.require(key).systemId = systemId.trim();
        return json(200, view(key));
      } catch {
        return json(400, { error: 'Body is not JSON.' });
      }
    });
    return;
  }
  return json(405, { error: 'Method not allowed on this admin route.' });
}
