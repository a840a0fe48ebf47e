// Builds the app's services from plain Node parts. Both hosts (Electron and browser mode), the
// tests and the benchmarks start the app through here; nothing below imports electron.
import path from 'node:path';
import type { z } from 'zod';
import type { CallName, EventName } from '../../shared/contract/names.js';
import type { CallOutput, EventPayload, callSchemas } from '../../shared/contract/schemas.js';
import { openDatabase } from '../../shared/node/sqlite.js';
import { EwsConnector } from './connectors/ews/ews-connector.js';
import { fileSecretBox, type SecretBox } from './secrets/secret-box.js';
import { SiteService, type ConnectorFactory } from './site/site-service.js';
import { ConnectionStore } from './store/connection-store.js';
import { companionMigrations } from './store/migrations/index.js';
import { SiteStore } from './store/site-store.js';

export type Handlers = {
  [N in CallName]: (input: z.output<(typeof callSchemas)[N]['input']>) => Promise<CallOutput<N>> | CallOutput<N>;
};
export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface CompanionOptions {
  dataDir: string;
  version: string;
  emit: Emit;
  /** The Electron host passes one backed by safeStorage; otherwise a 0600 key file is used. */
  secrets?: SecretBox;
  connectorFactory?: ConnectorFactory;
}

export interface Companion {
  handlers: Handlers;
  site: SiteService;
  close(): void;
}

export function createCompanion(options: CompanionOptions): Companion {
  const db = openDatabase(path.join(options.dataDir, 'companion.sqlite'), companionMigrations);
  const secrets = options.secrets ?? fileSecretBox(options.dataDir);
  const site = new SiteService({
    site: new SiteStore(db),
    connection: new ConnectionStore(db, secrets),
    connectorFactory: options.connectorFactory ?? ((transport) => new EwsConnector(transport)),
    onChanged: (snapshot) => options.emit('site.changed', snapshot),
    onProgress: (progress) => options.emit('site.progress', progress),
  });
  const handlers: Handlers = {
    'app.info': () => ({ name: 'BMS Companion', version: options.version }),
    'site.connection': () => site.connection(),
    'site.connection.save': (input) => site.saveConnection(input),
    'site.discover': () => site.discover(),
    'site.cancel': () => site.cancel(),
    'site.progress': () => site.progress(),
    'site.tree': () => site.snapshot(),
    'site.server': ({ address }) => site.detail(address),
    'site.lead.preview': ({ shadow, lead }) => site.previewLead(shadow, lead),
    'site.lead.set': ({ shadow, lead, confirmOverwrite }) => site.setLead(shadow, lead, confirmOverwrite),
    'site.certificate.probe': ({ hostPort }) => site.probeCertificate(hostPort),
    'site.certificate.trust': ({ hostPort, fingerprint256 }) => site.trustCertificate(hostPort, fingerprint256),
    'site.certificate.distrust': ({ hostPort }) => site.distrustCertificate(hostPort),
  };
  return {
    handlers,
    site,
    close: () => {
      site.close();
      db.close();
    },
  };
}
