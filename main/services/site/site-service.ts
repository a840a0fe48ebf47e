// The Site screen's service: the connection, discovery with progress and cancel, the tree with
// each server's status, and the lead/shadow relationships the user sets up.
import { setMaxListeners } from 'node:events';
import { ConnectionInput, type CertificateView, type ConnectionView } from '../../../shared/domain/connection.js';
import { normalizeServerAddress } from '../../../shared/domain/address.js';
import { leadChangeProblem } from '../../../shared/domain/leads.js';
import type { DiscoveryProgress, OverwriteWarning, Registration, ServerDetail, SiteSnapshot } from '../../../shared/domain/server.js';
import { parseTargets } from '../../../shared/domain/targets.js';
import { ServiceError, type FieldIssue } from '../../../shared/contract/result.js';
import type { SiteConnector } from '../connectors/connector.js';
import type { TransportOptions } from '../connectors/ews/http-transport.js';
import { probeCertificate, type PeerCertificate } from '../connectors/ews/http-transport.js';
import type { ConnectionStore } from '../store/connection-store.js';
import type { SiteStore } from '../store/site-store.js';
import { discover } from './discovery.js';
import { clip } from '../../../shared/text.js';
import { say } from '../../../shared/messages/say.js';

export type ConnectorFactory = (options: TransportOptions) => SiteConnector & { close(): void };

export interface SiteServiceOptions {
  site: SiteStore;
  connection: ConnectionStore;
  connectorFactory: ConnectorFactory;
  onChanged(snapshot: SiteSnapshot): void;
  onProgress(progress: DiscoveryProgress): void;
  now?: () => Date;
}

const IDLE: DiscoveryProgress = { running: false, done: 0, total: 0, failed: 0, current: null, cancelled: false };

export class SiteService {
  private running: AbortController | null = null;
  private lastProgress: DiscoveryProgress = IDLE;
  private readonly probed = new Map<string, PeerCertificate>();
  /** Kept between reads so its connections and Digest nonces are reused; replaced when the connection changes. */
  private connector: (SiteConnector & { close(): void }) | null = null;

  constructor(private readonly options: SiteServiceOptions) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  connection(): ConnectionView {
    return this.options.connection.view();
  }

  saveConnection(raw: ConnectionInput): ConnectionView {
    const input = ConnectionInput.parse(raw);
    // Whatever is pasted, the answer stays short: entries and messages clipped, issues counted past a few.
    const issues: FieldIssue[] = [];
    const targets = parseTargets(input.targets);
    if (!targets.ok) {
      for (const i of targets.issues) issues.push({ path: 'targets', message: clip(i.entry ? `Line ${i.line} (${clip(i.entry, 60)}): ${i.message}` : i.message, 300) });
    }
    const username = input.username?.trim() || null;
    if (input.password && !username) issues.push({ path: 'username', message: say('site.passwordWithoutUser') });
    const perServer = input.perServer.map((p, index) => {
      const normal = normalizeServerAddress(p.address);
      if (!normal.ok) issues.push({ path: `perServer.${index}.address`, message: clip(normal.message, 300) });
      return { address: normal.ok ? normal.baseUrl : p.address, username: p.username.trim(), password: p.password };
    });
    const addresses = new Set<string>();
    const dup = perServer.find((p) => addresses.size === addresses.add(p.address).size);
    if (dup) issues.push({ path: 'perServer', message: say('site.credentialsTwice', { address: clip(dup.address, 100) }) });
    if (issues.length) {
      // The targets' last issue may stand for many more problems than itself.
      const total = issues.length + (targets.ok ? 0 : (targets.issues.at(-1)?.more ?? 1) - 1);
      const more = (shown: number) => (total - shown === 1 ? say('site.oneMoreProblem') : say('site.moreProblems', { n: (total - shown).toLocaleString('en') }));
      const message = [...issues.slice(0, 5).map((i) => i.message), ...(total > 5 ? [more(5)] : [])].join(' ');
      throw new ServiceError('invalid_input', message, issues.length > 50 ? [...issues.slice(0, 49), { path: '', message: more(49) }] : issues);
    }
    try {
      this.options.connection.save({ targets: input.targets.trim(), username, password: input.password, concurrency: input.concurrency, timeoutMs: Math.round(input.timeoutSeconds * 1000), perServer });
    } catch (error) {
      throw new ServiceError('invalid_input', (error as Error).message, [{ path: 'perServer', message: (error as Error).message }]);
    }
    this.resetConnector();
    this.options.site.audit('site.connection-saved', { targets: input.targets.trim(), username, perServer: perServer.map((p) => p.address) }, this.now());
    return this.connection();
  }

  progress(): DiscoveryProgress {
    return this.lastProgress;
  }

  /** Reads the whole site. Resolves when the read is done or cancelled, with what is stored. */
  async discover(): Promise<SiteSnapshot> {
    if (this.running) throw new ServiceError('busy', say('site.readUnderWay'));
    const targets = parseTargets(this.options.connection.targets());
    if (!targets.ok) throw new ServiceError('invalid_input', say('site.addressesFirst'), [{ path: 'targets', message: targets.issues[0]!.message }]);
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // one listener per request in flight
    this.running = controller;
    const connector = this.siteConnector();
    try {
      const outcome = await discover({
        roots: targets.addresses,
        connector,
        concurrency: this.options.connection.concurrency(),
        signal: controller.signal,
        knownKinds: this.options.site.knownKinds(),
        onProgress: (p) => {
          this.lastProgress = p;
          this.options.onProgress(p);
        },
      });
      const at = this.now();
      this.options.site.saveRead(at, { roots: targets.addresses, ...outcome });
      this.options.site.audit('site.read', { servers: outcome.servers.length, failures: outcome.failures.length, cancelled: outcome.cancelled }, at);
      const snapshot = this.options.site.snapshot();
      this.options.onChanged(snapshot);
      return snapshot;
    } finally {
      this.running = null;
    }
  }

  /** The connector with the saved connection's settings, made once and kept. */
  siteConnector(): SiteConnector & { close(): void } {
    return (this.connector ??= this.options.connectorFactory({
      timeoutMs: this.options.connection.timeoutMs(),
      credentialsFor: this.options.connection.credentialsResolver(),
      pinFor: this.options.connection.pinResolver(),
      maxSockets: this.options.connection.concurrency(),
    }));
  }

  /** Drops the connector: the next read opens new connections with the settings saved now. */
  private resetConnector(): void {
    this.connector?.close();
    this.connector = null;
  }

  close(): void {
    this.running?.abort();
    this.resetConnector();
  }

  cancel(): { cancelled: boolean } {
    if (!this.running) return { cancelled: false };
    this.running.abort();
    return { cancelled: true };
  }

  snapshot(): SiteSnapshot {
    return this.options.site.snapshot();
  }

  detail(address: string): ServerDetail {
    const detail = this.options.site.detail(address);
    if (!detail) throw new ServiceError('not_found', say('common.notInLastRead', { address }));
    return detail;
  }

  /** What making `shadow` a shadow of `lead` would overwrite. */
  previewLead(shadow: string, lead: string): OverwriteWarning[] {
    const snapshot = this.options.site.snapshot();
    const problem = leadChangeProblem(snapshot.servers, shadow, lead);
    if (problem) throw new ServiceError('conflict', problem);
    const server = snapshot.servers.find((s) => s.address === shadow)!;
    const leadServer = snapshot.servers.find((s) => s.address === lead)!;
    const registration = server.registration;
    if (server.role !== 'lead' || registration?.state !== 'registered') return [];
    const who = [registration.organization, registration.siteName].filter(Boolean).join(', ') || say('site.ownRegistration');
    return [
      {
        address: server.address,
        name: server.name,
        systemId: server.systemId,
        registration,
        message: overwriteWarning(server.name, who, registration, leadServer.name),
      },
    ];
  }

  setLead(shadow: string, lead: string | null, confirmOverwrite: boolean): SiteSnapshot {
    if (lead !== null) {
      const warnings = this.previewLead(shadow, lead);
      if (warnings.length && !confirmOverwrite) throw new ServiceError('conflict', say('site.confirmToGoAhead', { warning: warnings[0]!.message }));
    } else if (!this.options.site.overrides().has(shadow)) {
      throw new ServiceError('not_found', say('site.noOverride'));
    }
    this.options.site.setOverride(shadow, lead, this.now());
    const snapshot = this.options.site.snapshot();
    this.options.onChanged(snapshot);
    return snapshot;
  }

  async probeCertificate(hostPort: string): Promise<CertificateView> {
    const cert = await probeCertificate(hostPort, this.options.connection.timeoutMs()).catch((error: Error) => {
      throw new ServiceError('unreachable', error.message);
    });
    this.probed.set(hostPort, cert);
    return { hostPort, fingerprint256: cert.fingerprint256, subject: cert.subject, issuer: cert.issuer, validTo: cert.validTo };
  }

  /** Trusts exactly the certificate the user was shown: the fingerprint must match what was probed. */
  trustCertificate(hostPort: string, fingerprint256: string): ConnectionView {
    const cert = this.probed.get(hostPort);
    if (!cert) throw new ServiceError('not_found', say('site.fetchCertificateFirst', { hostPort }));
    if (cert.fingerprint256 !== fingerprint256) throw new ServiceError('conflict', say('site.fingerprintMismatch'));
    this.options.connection.trust(hostPort, cert);
    this.resetConnector();
    this.options.site.audit('site.certificate-trusted', { hostPort, fingerprint256 }, this.now());
    return this.connection();
  }

  distrustCertificate(hostPort: string): ConnectionView {
    if (!this.options.connection.distrust(hostPort)) throw new ServiceError('not_found', say('site.noTrustedCertificate', { hostPort }));
    this.resetConnector();
    this.options.site.audit('site.certificate-distrusted', { hostPort }, this.now());
    return this.connection();
  }
}

/** The warning that a shadow's own registration will be overwritten: one sentence per way it was registered. */
function overwriteWarning(name: string, who: string, registration: Registration, lead: string): string {
  const { method, code } = registration;
  if (method === 'online') return code ? say('site.overwriteOnlineCode', { name, who, code, lead }) : say('site.overwriteOnline', { name, who, lead });
  if (method === 'offline') return code ? say('site.overwriteOfflineCode', { name, who, code, lead }) : say('site.overwriteOffline', { name, who, lead });
  return say('site.overwrite', { name, who, lead });
}
