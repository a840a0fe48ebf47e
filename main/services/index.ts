// Builds the app's services from plain Node parts. Both hosts (Electron and browser mode), the
// tests and the benchmarks start the app through here; nothing below imports electron.
import path from 'node:path';
import type { z } from 'zod';
import type { CallName, EventName } from '../../shared/contract/names.js';
import type { CallOutput, EventPayload, callSchemas } from '../../shared/contract/schemas.js';
import { openDatabase } from '../../shared/node/sqlite.js';
import { EwsConnector } from './connectors/ews/ews-connector.js';
import { loadInstallation } from './offline/installation.js';
import { OfflineService } from './offline/offline-service.js';
import { OfflineStore } from './offline/offline-store.js';
import { PortalKeyring } from './offline/portal-keys.js';
import { OnlineService } from './online/online-service.js';
import { OnlineStore } from './online/online-store.js';
import { customerRegistration, customerRegistrations, customerSystems, editCustomerRegistration, listCustomers } from './portal/customers.js';
import { exportSystems, listSystems, systemInformation } from './portal/my-systems.js';
import { PortalService } from './portal/portal-service.js';
import { Propagation } from './registration/propagation.js';
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
  offline: OfflineService;
  online: OnlineService;
  close(): void;
}

export function createCompanion(options: CompanionOptions): Companion {
  const db = openDatabase(path.join(options.dataDir, 'companion.sqlite'), companionMigrations);
  const secrets = options.secrets ?? fileSecretBox(options.dataDir);
  const siteStore = new SiteStore(db);
  const connection = new ConnectionStore(db, secrets);
  const site = new SiteService({
    site: siteStore,
    connection,
    connectorFactory: options.connectorFactory ?? ((transport) => new EwsConnector(transport)),
    onChanged: (snapshot) => options.emit('site.changed', snapshot),
    onProgress: (progress) => options.emit('site.progress', progress),
  });
  const keyring = new PortalKeyring(siteStore);
  const propagation = new Propagation(db);
  const offlineStore = new OfflineStore(db);
  const offline = new OfflineService({
    store: offlineStore,
    site: siteStore,
    siteService: site,
    propagation,
    keyring,
    installation: loadInstallation(siteStore, secrets),
    onChanged: (status) => options.emit('offline.changed', status),
    onSiteChanged: () => options.emit('site.changed', site.snapshot()),
  });
  // The portal's self-signed certificate goes through the same fingerprint trust as the servers'.
  const portal = new PortalService(siteStore, (hostPort) => connection.pinFor(hostPort));
  const online = new OnlineService({
    store: new OnlineStore(db),
    site: siteStore,
    portal,
    propagation,
    // One outbox, one writer: offline registration's, which also schedules the retries.
    flush: () => offline.flush(),
    onChanged: (status) => options.emit('online.changed', status),
    onSiteChanged: () => options.emit('site.changed', site.snapshot()),
  });
  // Offline retries that nobody waits for may finish an online registration's writes too.
  offline.onFlushed = () => void online.notify();
  const appliedSerials = (systemIds: string[]) =>
    offlineStore
      .list(500)
      .filter((r) => r.state === 'applied' && r.grant && systemIds.includes(r.systemId))
      .map((r) => ({ serial: r.grant!.serial, appliedAt: r.appliedAt! }));
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
    'site.shadow.rewrite': ({ address }) => offline.rewriteShadow(address),
    'offline.status': () => offline.status(),
    'offline.request.create': ({ leadAddress, kind }) => offline.create(leadAddress, kind),
    'offline.request.cancel': ({ id }) => offline.cancel(id),
    'offline.code.apply': ({ requestId, code }) => offline.apply(requestId, code),
    'offline.retry': ({ requestId }) => offline.retry(requestId),
    'offline.keys.import': ({ json }) => offline.importKeys(json),
    'portal.session': () => portal.session(),
    'portal.connect': ({ url }) => portal.connect(url),
    'portal.logon': (input) => portal.logOn(input),
    'portal.logoff': () => portal.logOff(),
    'portal.verification': ({ resend }) => portal.verification(resend),
    'portal.mfa.enrol': () => portal.call('mfaEnrol', { body: {} }),
    'portal.mfa.confirm': ({ code }) => portal.call('mfaConfirm', { body: { code } }),
    'portal.system.access': ({ systemId }) => portal.call('systemAccess', { params: { systemId } }),
    'portal.system.get': ({ systemId }) => portal.call('getSystem', { params: { systemId } }),
    'portal.system.register': ({ systemId, registration }) => portal.call('registerSystem', { params: { systemId }, body: registration }),
    'portal.system.invite': ({ systemId, email }) => portal.call('inviteToSystem', { params: { systemId }, body: { email } }),
    'portal.code.issue': ({ systemId, ...body }) => portal.call('issueCode', { params: { systemId }, body }),
    'portal.cancel': () => portal.cancel(),
    'portal.systems.list': (query) => listSystems(portal, query),
    'portal.systems.export': (query) => exportSystems(portal, query),
    'portal.system.information': ({ systemId }) => systemInformation(portal, siteStore, appliedSerials, systemId),
    'portal.customers.list': () => listCustomers(portal),
    'portal.customers.systems': ({ customerId }) => customerSystems(portal, customerId),
    'portal.customers.registrations': ({ customerId }) => customerRegistrations(portal, customerId),
    'portal.customers.registration': ({ customerId, systemId }) => customerRegistration(portal, customerId, systemId),
    'portal.customers.edit': ({ customerId, systemId, registration }) => editCustomerRegistration(portal, customerId, systemId, registration),
    'online.check': () => online.check(),
    'online.status': () => online.status(),
    'online.register': ({ leadAddress, registration }) => online.register(leadAddress, registration),
    'online.associate': ({ address, systemId }) => online.associate(address, systemId),
    'online.retry': ({ id }) => online.retry(id),
    'portal.geo.countries': () => portal.publicCall('countries'),
    'portal.geo.states': ({ country }) => portal.publicCall('states', { params: { country } }),
    'portal.geo.cities': ({ country, state }) => portal.publicCall('cities', { params: { country, state } }),
  };
  return {
    handlers,
    site,
    offline,
    online,
    close: () => {
      offline.close();
      site.close();
      db.close();
    },
  };
}
