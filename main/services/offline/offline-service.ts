// Offline registration at an air-gapped site: a request for a lead and its shadows (or, after a
// database wipe, for the wiped server's new System ID, naming the one it replaces), shown as QR,
// grouped text and a file (which also carries the site's servers under a MAC); the
// Registration code, signed token or file that comes back is verified here against the pending
// request with the portal's public keys only, then written to every server through the
// propagation outbox, each server's result kept and failures retried.
import type { Registration, ServerView } from '../../../shared/domain/server.js';
import type { OfflineKind, OfflineRequestView, OfflineStatus } from '../../../shared/domain/offline.js';
import { ServiceError } from '../../../shared/contract/result.js';
import { say } from '../../../shared/messages/say.js';
import { dayStart, validityWindow, type Grant } from '../../../shared/codes/grant.js';
import { formatCode, identifyCode, readCode } from '../../../shared/codes/typed.js';
import { REGISTRATION_FORMAT, TOKEN_FORMAT } from '../../../shared/codes/formats.js';
import type { CodeResult } from '../../../shared/codes/failure.js';
import { createRegistrationVerifier, type RegistrationVerifier } from '../../../shared/node/codes/registration-code.js';
import { createRequestCode, decodeRequestCode, type RequestCode } from '../../../shared/node/codes/request-code.js';
import { answerCodeOf, isRequestFile } from '../../../shared/codes/files.js';
import { formatRequestFile, REQUEST_FILE_MAX_BYTES, type RequestFileInventory } from '../../../shared/node/codes/request-file.js';
import { inventoryBytes, inventoryMac } from '../../../shared/node/codes/inventory-mac.js';
import { INVENTORY_MAX_SERVERS } from '../../../shared/portal/inventory.js';
import { inventoryOf } from '../registration/inventory.js';
import { requestQrSvg } from '../../../shared/node/codes/request-qr.js';
import { verifyToken } from '../../../shared/node/codes/token.js';
import { checkEligible } from '../registration/eligibility.js';
import type { Propagation } from '../registration/propagation.js';
import { writtenPhrase, writtenServers } from '../registration/written.js';
import type { SiteService } from '../site/site-service.js';
import type { SiteStore } from '../store/site-store.js';
import type { Installation } from './installation.js';
import type { OfflineStore, OfflineRequestRow, StoredGrant } from './offline-store.js';
import type { PortalKeyring } from './portal-keys.js';

const HIGH_WATER = 'offline.highWaterMark';
const CONCURRENCY = 8;
/** Room in a request file for everything but the inventory line (the other lines take well under 1 KB). */
const FILE_LINES_BYTES = 4 * 1024;

export interface OfflineServiceOptions {
  store: OfflineStore;
  site: SiteStore;
  siteService: SiteService;
  propagation: Propagation;
  keyring: PortalKeyring;
  installation: Installation;
  onChanged(status: OfflineStatus): void;
  onSiteChanged(): void;
  now?: () => Date;
}

/** The code or token out of what was entered: typed groups, a paste, or a saved file's content. */
function entered(text: string): { format: 'code' | 'token'; value: string } {
  if (isRequestFile(text)) {
    throw new ServiceError('invalid_input', say('registration.requestFileEntered'), [{ path: 'code', message: say('registration.requestNotAnswer') }]);
  }
  const value = answerCodeOf(text);
  const format = identifyCode(value);
  return { format: format === TOKEN_FORMAT ? 'token' : 'code', value };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Why a request that is no longer pending cannot be cancelled, by its state. */
const CANNOT_CANCEL = {
  applied: 'registration.cannotCancelApplied',
  cancelled: 'registration.cannotCancelCancelled',
  pending: 'registration.cannotCancelPending',
} as const satisfies Record<OfflineRequestRow['state'], string>;

function canonicalCode(value: string, format: 'code' | 'token'): string {
  const codeFormat = format === 'code' ? REGISTRATION_FORMAT : TOKEN_FORMAT;
  const read = readCode(value, codeFormat);
  if (!read.ok) throw new Error(`A verified ${codeFormat.label} cannot be read again: ${read.failure.message}`);
  return formatCode(codeFormat, read.value);
}

export class OfflineService {
  private readonly verifiers = new Map<number, RegistrationVerifier>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ written: number; failed: number }> | null = null;
  private closed = false;

  constructor(private readonly o: OfflineServiceOptions) {
    // Writes left over from before a restart continue.
    if (this.o.propagation.nextDue()) void this.retryDue();
  }

  private now = () => this.o.now?.() ?? new Date();

  async status(): Promise<OfflineStatus> {
    return { portalKeys: this.o.keyring.views(), requests: await Promise.all(this.o.store.list().map((r) => this.view(r))) };
  }

  async create(leadAddress: string, kind: OfflineKind): Promise<OfflineRequestView> {
    const servers = this.o.site.snapshot().servers;
    const lead = servers.find((s) => s.address === leadAddress);
    if (!lead) throw new ServiceError('not_found', say('common.notInLastRead', { address: leadAddress }));
    checkEligible(lead, kind, servers);
    const shadows = servers.filter((s) => s.role === 'shadow' && s.leadAddress === lead.address);
    const members = [lead, ...shadows].map((s) => ({ address: s.address, name: s.name, systemId: s.systemId }));
    // After a wipe the lead's previous ID is the one its registration is under (docs/architecture.md, Wipes): the one replaced.
    const previousSystemId = kind === 'associate' ? lead.previousSystemId : null;
    const request = createRequestCode({
      systemId: lead.systemId,
      machineId: this.o.installation.machineId,
      serverSystemIds: shadows.map((s) => s.systemId),
      installationPublicKey: this.o.installation.publicKey,
      kind,
      replacesSystemId: previousSystemId,
    });
    const createdAt = this.now().toISOString();
    const inventory = this.inventoryFor(servers, lead, createdAt);
    const id = this.o.store.add({
      kind,
      leadAddress: lead.address,
      leadName: lead.name,
      systemId: lead.systemId,
      previousSystemId,
      servers: members,
      requestCode: request.code,
      inventoryJson: inventory,
      createdAt,
    });
    this.o.site.audit('offline.request-made', { id, kind, lead: lead.address, systemId: lead.systemId, servers: members.length, inventory: inventory !== null }, createdAt);
    return this.changed(id);
  }

  /** The lead and its shadows as the request file carries them, kept as they are now; null (and noted) when the list cannot go in a file. */
  private inventoryFor(servers: ServerView[], lead: ServerView, at: string): string | null {
    const list = inventoryOf(servers, lead.address);
    const bytes = inventoryBytes(list);
    const encoded = Math.ceil(bytes.length / 3) * 4;
    if (list.length > INVENTORY_MAX_SERVERS || encoded + FILE_LINES_BYTES > REQUEST_FILE_MAX_BYTES) {
      this.o.site.audit('offline.inventory-left-out', { lead: lead.address, servers: list.length, bytes: bytes.length }, at);
      return null;
    }
    return new TextDecoder().decode(bytes);
  }

  /**
   * The inventory and its MAC for the file, under the newest portal key trusted now (a key
   * imported after the request was made counts). Without one, the file carries the list unsigned
   * and the portal keeps nothing of it.
   */
  private fileInventory(row: OfflineRequestRow, request: RequestCode): RequestFileInventory | null {
    if (row.inventoryJson === null) return null;
    const bytes = new TextEncoder().encode(row.inventoryJson);
    const portalKey = this.o.keyring.keys().at(-1);
    const mac = portalKey ? inventoryMac({ request, inventory: bytes, installationPrivateKey: this.o.installation.privateKey, portalKey }) : null;
    return { bytes, mac };
  }

  async cancel(id: number): Promise<OfflineRequestView> {
    const row = this.row(id);
    if (!this.o.store.cancel(id)) throw new ServiceError('conflict', say(CANNOT_CANCEL[row.state], { id }));
    this.verifiers.delete(id);
    this.o.site.audit('offline.request-cancelled', { id }, this.now().toISOString());
    return this.changed(id);
  }

  /** Verifies what was entered against the pending request, then writes the registration to every server. */
  async apply(id: number, text: string): Promise<OfflineRequestView> {
    const row = this.row(id);
    if (row.state === 'applied') {
      throw new ServiceError('conflict', say('registration.answeredAlready', { id, date: isoDay(new Date(row.appliedAt!)), serial: String(row.grant?.serial) }));
    }
    if (row.state === 'cancelled') throw new ServiceError('conflict', say('registration.requestReplaced', { id }));
    const keys = this.o.keyring.keys();
    if (keys.length === 0) {
      throw new ServiceError('conflict', say('registration.noPortalKey'));
    }
    const request = this.requestOf(row);
    const input = entered(text);
    const now = this.now();
    const stored = this.o.site.setting(HIGH_WATER);
    const highWaterMark = stored ? new Date(stored) : null;
    let result: CodeResult<Grant>;
    if (input.format === 'token') {
      result = verifyToken({ token: input.value, request, portalPublicKeys: keys, now, highWaterMark });
    } else {
      let verifier = this.verifiers.get(id);
      if (!verifier) this.verifiers.set(id, (verifier = createRegistrationVerifier({ request, installationPrivateKey: this.o.installation.privateKey, portalPublicKeys: keys })));
      result = verifier.verify({ code: input.value, now, highWaterMark });
    }
    if (!result.ok) {
      this.o.site.audit('offline.code-refused', { id, reason: result.failure.reason }, now.toISOString());
      throw new ServiceError('invalid_input', result.failure.message, [{ path: 'code', message: result.failure.message }]);
    }
    const grant = result.value;
    if (grant.kind !== row.kind) {
      throw new ServiceError('invalid_input', say(grant.kind === 'register' ? 'registration.codeForRegistering' : 'registration.codeForAssociating'), [
        { path: 'code', message: say('registration.otherKind') },
      ]);
    }
    // As the portal printed it, whatever case, separators or look-alike letters were typed.
    const canonical = canonicalCode(input.value, input.format);
    const code = input.format === 'code' ? canonical : `Token serial ${grant.serial}`;
    const storedGrant: StoredGrant = {
      serial: grant.serial,
      issuedOn: isoDay(dayStart(grant.issueDay)),
      validUntil: validityWindow(grant).until.toISOString(),
      code: canonical,
      via: input.format,
    };
    const at = now.toISOString();
    const registration: Registration = {
      state: 'registered',
      method: 'offline',
      code,
      organization: null,
      siteName: null,
      registeredAt: at,
      leadSystemId: row.systemId,
    };
    const [lead, ...shadows] = row.servers.map((s) => ({ address: s.address, systemId: s.systemId }));
    this.o.store.transaction(() => {
      const batch = this.o.propagation.enqueue(lead!, shadows, registration, `offline ${row.kind} (request ${id}, serial ${grant.serial})`);
      if (!this.o.store.markApplied(id, storedGrant, at, batch)) throw new ServiceError('conflict', say('registration.answeredMeanwhile', { id }));
      if (!highWaterMark || now > highWaterMark) this.o.site.setSetting(HIGH_WATER, at);
      if (row.kind === 'associate') this.o.site.resolveReassociation(row.leadAddress, row.systemId, at);
      this.o.site.audit('offline.code-applied', { id, kind: row.kind, serial: grant.serial, via: input.format }, at);
    });
    this.verifiers.delete(id);
    const { written } = await this.writeDue();
    // The flag a wipe left in the tree is gone even when no server could be written yet.
    if (!written && row.kind === 'associate') this.o.onSiteChanged();
    return this.changed(id);
  }

  /**
   * A wiped shadow carries no registration of its own: its lead's registration is written to it
   * again through the outbox, with no portal call, and its flag clears (docs/architecture.md, Wipes).
   */
  async rewriteShadow(address: string): Promise<{ written: boolean; error: string | null }> {
    const servers = this.o.site.snapshot().servers;
    const server = servers.find((s) => s.address === address);
    if (!server) throw new ServiceError('not_found', say('common.notInLastRead', { address }));
    const lead = servers.find((s) => s.address === server.leadAddress);
    if (server.role !== 'shadow' || !lead) throw new ServiceError('conflict', say('registration.rewriteLeadsOwn', { name: server.name }));
    if (!server.previousSystemId) throw new ServiceError('conflict', say('registration.rewriteKeptSystemId', { name: server.name }));
    if (lead.previousSystemId) throw new ServiceError('conflict', say('registration.rewriteLeadWiped', { lead: lead.name }));
    if (lead.registration?.state !== 'registered') throw new ServiceError('conflict', say('registration.rewriteLeadUnregistered', { lead: lead.name, name: server.name }));
    const registration: Registration = { ...lead.registration, leadSystemId: lead.systemId };
    const at = this.now().toISOString();
    const batch = this.o.store.transaction(() => {
      const id = this.o.propagation.enqueue({ address, systemId: server.systemId }, [], registration, `written again from ${lead.name} after a wipe`);
      this.o.site.resolveReassociation(address, server.systemId, at);
      this.o.site.audit('site.shadow-rewritten', { address, systemId: server.systemId, lead: lead.address }, at);
      return id;
    });
    await this.writeDue();
    this.o.onSiteChanged();
    const row = this.o.propagation.batch(batch)?.rows[0];
    return { written: row?.state === 'done', error: row?.state === 'done' ? null : (row?.lastError ?? null) };
  }

  async retry(id: number): Promise<OfflineRequestView> {
    const row = this.row(id);
    if (row.batchId === null) throw new ServiceError('conflict', say('registration.notAnsweredYet', { id }));
    this.o.propagation.retry(row.batchId);
    await this.writeDue();
    return this.changed(id);
  }

  importKeys(json: string): Promise<OfflineStatus> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new ServiceError('invalid_input', say('registration.keyFileNotJson'), [{ path: 'json', message: say('portal.notJson') }]);
    }
    this.o.keyring.import(parsed, 'file');
    this.verifiers.clear();
    return this.statusChanged();
  }

  /** Told after retries nobody waits for: online registrations share the outbox. */
  onFlushed: (() => void) | null = null;

  /** Writes what the outbox holds that is due, for offline and online registrations alike. */
  flush(): Promise<{ written: number; failed: number }> {
    return this.writeDue();
  }

  /** Writes whatever the outbox holds that is due and schedules the next retry; the site tree is told of what was written. */
  private writeDue(): Promise<{ written: number; failed: number }> {
    if (this.running) return this.running;
    this.running = (async () => {
      const writer = this.o.siteService.siteConnector();
      if (!writer.writeRegistration) return { written: 0, failed: 0 };
      const outcome = await this.o.propagation.runDue(writer as Required<typeof writer>, CONCURRENCY, undefined, (address, registration) =>
        this.o.site.recordWritten(address, registration, this.now().toISOString()),
      );
      if (outcome.written) this.o.onSiteChanged();
      return outcome;
    })()
      .catch((error: unknown) => {
        console.error('[offline] writing registrations failed:', error);
        return { written: 0, failed: 0 };
      })
      .finally(() => {
        this.running = null;
        this.schedule();
      });
    return this.running;
  }

  /** The retries nobody waits for: the screens are told only when a server was tried. */
  private async retryDue() {
    const { written, failed } = await this.writeDue();
    if (written + failed) {
      void this.statusChanged();
      this.onFlushed?.();
    }
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.o.propagation.nextDue();
    if (!due || this.closed) return;
    this.timer = setTimeout(() => void this.retryDue(), Math.max(0, due.getTime() - Date.now()) + 50);
    this.timer.unref();
  }

  close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private row(id: number): OfflineRequestRow {
    const row = this.o.store.get(id);
    if (!row) throw new ServiceError('not_found', say('registration.noOfflineRequest', { id }));
    return row;
  }

  private requestOf(row: OfflineRequestRow): RequestCode {
    const decoded = decodeRequestCode(row.requestCode);
    if (!decoded.ok) throw new Error(`Stored request ${row.id} cannot be read back: ${decoded.failure.message}`);
    return decoded.value;
  }

  private async statusChanged(): Promise<OfflineStatus> {
    const status = await this.status();
    this.o.onChanged(status);
    return status;
  }

  /** Tells the screens, and answers with the request's view from that same status when it is listed. */
  private async changed(id: number): Promise<OfflineRequestView> {
    const status = await this.statusChanged();
    return status.requests.find((r) => r.id === id) ?? this.view(this.row(id));
  }

  private async view(row: OfflineRequestRow): Promise<OfflineRequestView> {
    const request = this.requestOf(row);
    const batch = row.batchId === null ? null : this.o.propagation.batch(row.batchId);
    const servers = writtenServers(row.servers, batch);
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      leadAddress: row.leadAddress,
      leadName: row.leadName,
      systemId: row.systemId,
      previousSystemId: row.previousSystemId,
      servers,
      requestCode: row.requestCode,
      // Only a pending request is still carried anywhere; the list keeps the others light.
      qrSvg: row.state === 'pending' ? await requestQrSvg(request) : '',
      fileName: `bms-request-${row.systemId.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60)}-${row.id}.txt`,
      // Only a pending request's file still travels: the others stay light, without the inventory.
      fileContent: formatRequestFile({
        request,
        systemId: row.systemId,
        createdAt: new Date(row.createdAt),
        replaces: row.kind === 'associate' ? row.previousSystemId : null,
        inventory: row.state === 'pending' ? this.fileInventory(row, request) : null,
      }),
      createdAt: row.createdAt,
      appliedAt: row.appliedAt,
      grant: row.grant,
      summary: summary(row, servers),
    };
  }
}

function summary(row: OfflineRequestRow, servers: OfflineRequestView['servers']): string {
  if (row.state === 'pending') return say('registration.waitingForCode', { id: row.id, date: isoDay(new Date(row.createdAt)) });
  if (row.state === 'cancelled') return say('registration.requestReplacedSummary', { id: row.id });
  const grant = row.grant!;
  const facts = { date: isoDay(new Date(row.appliedAt!)), written: writtenPhrase(servers) };
  if (row.kind === 'register') {
    return grant.via === 'code' ? say('registration.registeredOfflineCode', { ...facts, code: grant.code }) : say('registration.registeredOfflineToken', { ...facts, serial: grant.serial });
  }
  const systemId = row.systemId;
  return grant.via === 'code'
    ? say('registration.associatedOfflineCode', { ...facts, systemId, code: grant.code })
    : say('registration.associatedOfflineToken', { ...facts, systemId, serial: grant.serial });
}
