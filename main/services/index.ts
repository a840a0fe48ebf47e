// Builds the app's services from plain Node parts. Both hosts (Electron and browser mode), the
// tests and the benchmarks start the app through here; nothing below imports electron.
import path from 'node:path';
import type { CallName, EventName } from '../../shared/contract/names.js';
import type { CallOutput, EventPayload, callSchemas } from '../../shared/contract/schemas.js';
import type { z } from 'zod';
import { openDatabase } from '../../shared/node/sqlite.js';
import { EwsConnector } from './connectors/ews/ews-connector.js';
import type { SiteConnector } from './connectors/connector.js';
import { SiteService } from './site/site-service.js';
import { SiteStore } from './store/site-store.js';
import { companionMigrations } from './store/migrations/index.js';

export type Handlers = {
  [N in CallName]: (input: z.output<(typeof callSchemas)[N]['input']>) => Promise<CallOutput<N>> | CallOutput<N>;
};
export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface CompanionOptions {
  dataDir: string;
  version: string;
  emit: Emit;
  connector?: SiteConnector;
}

export interface Companion {
  handlers: Handlers;
  close(): void;
}

export function createCompanion(options: CompanionOptions): Companion {
  const db = openDatabase(path.join(options.dataDir, 'companion.sqlite'), companionMigrations);
  const site = new SiteService({
    connector: options.connector ?? new EwsConnector(),
    store: new SiteStore(db),
    onChanged: (snapshot) => options.emit('site.changed', snapshot),
  });
  const handlers: Handlers = {
    'app.info': () => ({ name: 'BMS Companion', version: options.version }),
    'site.servers': () => site.snapshot(),
    'site.read': ({ address }) => site.read(address),
  };
  return { handlers, close: () => db.close() };
}
