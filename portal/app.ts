// The Registration Portal as a Fastify app over an open database. `portal/cli.ts` runs it as a
// process; tests start that process, never this function, so they test what ships.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../shared/node/sqlite.js';

export interface PortalDeps {
  db: Db;
  version: string;
}

export function buildPortal({ db, version }: PortalDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });

  app.get('/api/v1/health', async () => {
    const schema = db.pragma('user_version', { simple: true }) as number;
    db.prepare('SELECT 1').get();
    return { status: 'ok', version, database: 'sqlite', schema };
  });

  return app;
}
