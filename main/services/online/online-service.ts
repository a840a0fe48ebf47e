// Online registration from the site: the companion asks the portal itself (the Portal screen's
// session, kept in main), reports the site's servers, and writes the registration to the lead
// and every shadow through the propagation outbox, exactly as an applied offline code does. The
// path offered follows from whether the portal answers (check), never from a setting.
import type { OnlineCheck, OnlineResultView, OnlineStatus, OnlineKind } from '../../../shared/domain/online.js';
import type { Registration, ServerView } from '../../../shared/domain/server.js';
import type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
import { ServiceError } from '../../../shared/contract/result.js';
import { say } from '../../../shared/messages/say.js';
import type { PortalService } from '../portal/portal-service.js';
import { checkEligible } from '../registration/eligibility.js';
import { inventoryOf } from '../registration/inventory.js';
import type { Propagation } from '../registration/propagation.js';
import { writtenPhrase, writtenServers } from '../registration/written.js';
import type { SiteStore } from '../store/site-store.js';
import type { OnlineRow, OnlineStore } from './online-store.js';

export interface OnlineServiceOptions {
  store: OnlineStore;
  site: SiteStore;
  portal: PortalService;
  propagation: Propagation;
  /** Writes what the outbox holds that is due (shared with offline registration, so one writer runs at a time). */
  flush(): Promise<{ written: number; failed: number }>;
  onChanged(status: OnlineStatus): void;
  onSiteChanged(): void;
  now?: () => Date;
}

const isoDay = (at: string) => at.slice(0, 10);

export class OnlineService {
  constructor(private readonly o: OnlineServiceOptions) {}

  private now = () => (this.o.now ?? (() => new Date()))();

  /** Whether the portal answers now: what decides between the online and the offline path. */
  async check(): Promise<OnlineCheck> {
    const session = this.o.portal.session();
    if (!session.url) {
      return { url: null, reachable: false, loggedOn: false, message: say('registration.noPortalAddress') };
    }
    try {
      await this.o.portal.health(5_000);
    } catch (error) {
      const why = error instanceof ServiceError ? error.message : (error as Error).message;
      return { url: session.url, reachable: false, loggedOn: false, message: say('registration.portalSilent', { reason: why }) };
    }
    const loggedOn = !!this.o.portal.session().account;
    return {
      url: session.url,
      reachable: true,
      loggedOn,
      message: loggedOn ? say('registration.portalLoggedOn') : say('registration.portalLogOn'),
    };
  }

  status(): OnlineStatus {
    return { results: this.o.store.latest().map((row) => this.view(row)) };
  }

  /** Registers or modifies the lead's registration on the portal, then writes it to the lead and its shadows. */
  async register(leadAddress: string, input: RegisterInput): Promise<OnlineResultView> {
    const { lead, servers } = this.serverAt(leadAddress);
    checkEligible(lead, 'register', servers);
    const view = await this.o.portal.call('registerSystem', { params: { systemId: lead.systemId }, body: input });
    return this.deliver('register', lead, servers, view, null);
  }

  /**
   * After a wipe of a lead: the portal attaches its new System ID to the registration that had
   * `systemId` (the portal checks that it is the registration's current one), then the
   * registration is written to the lead and its shadows and the wipe flag clears.
   */
  async associate(address: string, systemId: string): Promise<OnlineResultView> {
    const { lead, servers } = this.serverAt(address);
    checkEligible(lead, 'associate', servers);
    if (systemId === lead.systemId) {
      throw new ServiceError('invalid_input', say('registration.chooseOldRegistration', { name: lead.name, systemId: lead.systemId }), [
        { path: 'systemId', message: say('registration.isNewSystemId') },
      ]);
    }
    const view = await this.o.portal.call('associateSystemId', { params: { systemId }, body: { newSystemId: lead.systemId } });
    return this.deliver('associate', lead, servers, view, systemId);
  }

  async retry(id: number): Promise<OnlineResultView> {
    const row = this.o.store.get(id);
    if (!row) throw new ServiceError('not_found', say('registration.noOnlineRegistration', { id }));
    this.o.propagation.retry(row.batchId);
    await this.o.flush();
    return this.changed(id);
  }

  /** After the portal said yes: report the inventory (best effort), queue the writes, write them. */
  private async deliver(kind: OnlineKind, lead: ServerView, servers: ServerView[], view: RegistrationView, previousSystemId: string | null): Promise<OnlineResultView> {
    const inventory = inventoryOf(servers, lead.address);
    let inventoryError: string | null = null;
    try {
      await this.o.portal.call('reportInventory', { params: { systemId: view.systemId }, body: { servers: inventory } });
    } catch (error) {
      // The registration stands without it; the next registration or modification reports it again.
      inventoryError = (error as Error).message;
    }
    const at = this.now().toISOString();
    const registration: Registration = {
      state: 'registered',
      method: 'online',
      code: null,
      organization: view.installation.siteCompany,
      siteName: view.installation.siteName,
      registeredAt: at,
      leadSystemId: lead.systemId,
    };
    const shadows = servers.filter((s) => s.role === 'shadow' && s.leadAddress === lead.address);
    const members = [lead, ...shadows].map((s) => ({ address: s.address, name: s.name, systemId: s.systemId }));
    const reason = kind === 'register' ? `online registration of ${view.systemId}` : `online association of ${lead.systemId} (was ${previousSystemId})`;
    const id = this.o.store.transaction(() => {
      const batchId = this.o.propagation.enqueue(
        { address: lead.address, systemId: lead.systemId },
        shadows.map((s) => ({ address: s.address, systemId: s.systemId })),
        registration,
        reason,
      );
      if (kind === 'associate') this.o.site.resolveReassociation(lead.address, lead.systemId, at);
      this.o.site.audit(kind === 'register' ? 'online.registered' : 'online.associated', { lead: lead.address, systemId: lead.systemId, previousSystemId, servers: members.length }, at);
      return this.o.store.add({
        kind,
        leadAddress: lead.address,
        leadName: lead.name,
        systemId: lead.systemId,
        previousSystemId,
        servers: members,
        batchId,
        inventoryReported: inventoryError === null,
        inventoryError,
        createdAt: at,
      });
    });
    const { written } = await this.o.flush();
    // The wipe flag is gone even when no server could be written yet.
    if (!written && kind === 'associate') this.o.onSiteChanged();
    return this.changed(id);
  }

  private serverAt(address: string): { lead: ServerView; servers: ServerView[] } {
    const servers = this.o.site.snapshot().servers;
    const lead = servers.find((s) => s.address === address);
    if (!lead) throw new ServiceError('not_found', say('common.notInLastRead', { address }));
    return { lead, servers };
  }

  /** Tells the screens what every online registration holds now (also after a retry nobody waited for). */
  notify(): OnlineStatus {
    const status = this.status();
    this.o.onChanged(status);
    return status;
  }

  /** Tells the screens, and answers with the row's view. */
  private changed(id: number): OnlineResultView {
    return this.notify().results.find((r) => r.id === id) ?? this.view(this.o.store.get(id)!);
  }

  private view(row: OnlineRow): OnlineResultView {
    const servers = writtenServers(row.servers, this.o.propagation.batch(row.batchId));
    return {
      id: row.id,
      kind: row.kind,
      leadAddress: row.leadAddress,
      leadName: row.leadName,
      systemId: row.systemId,
      previousSystemId: row.previousSystemId,
      servers,
      createdAt: row.createdAt,
      inventory: { reported: row.inventoryReported, error: row.inventoryError },
      summary: summary(row, servers),
    };
  }
}

function summary(row: OnlineRow, servers: OnlineResultView['servers']): string {
  const facts = { date: isoDay(row.createdAt), written: writtenPhrase(servers) };
  return row.kind === 'register'
    ? say('registration.registeredOnline', facts)
    : say('registration.associatedOnline', { ...facts, systemId: row.systemId, previous: String(row.previousSystemId) });
}
