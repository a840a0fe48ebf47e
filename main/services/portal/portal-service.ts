// The companion's side of the Registration Portal on a connected computer: where the portal is,
// the log-on (its session token stays here, in the main process, and only in memory), and the
// calls the portal screens make. The portal's refusals come through with its messages.
import type { z } from 'zod';
import type { PortalSessionView } from '../../../shared/domain/portal-session.js';
import { ServiceError, type ErrorCode } from '../../../shared/contract/result.js';
import { say } from '../../../shared/messages/say.js';
import type { LogOnInput } from '../../../shared/portal/accounts.js';
import type { PortalRouteName } from '../../../shared/portal/api.js';
import type { AccountView } from '../../../shared/portal/accounts.js';
import type { SiteStore } from '../store/site-store.js';
import { PortalClient, PortalRequestError, type PortalAnswer, type PortalCallArgs, type PortalPin } from './portal-client.js';

const URL_SETTING = 'portal.url';

const CODES: Record<PortalRequestError['code'], ErrorCode> = {
  invalid_input: 'invalid_input',
  unauthorized: 'unauthorized',
  mfa_required: 'mfa_required',
  mfa_enrolment_required: 'forbidden',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  rate_limited: 'busy',
  unavailable: 'busy',
  payload_too_large: 'invalid_input',
  unsupported_media_type: 'invalid_input',
  internal: 'internal',
  unreachable: 'unreachable',
  bad_answer: 'internal',
  cancelled: 'cancelled',
  untrusted_certificate: 'conflict',
};

export class PortalService {
  private client: PortalClient | null = null;
  private account: AccountView | null = null;
  private expiresAt: string | null = null;
  /** Requests in flight, so Cancel can stop them all. */
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly site: SiteStore,
    /** The certificates the user trusted by fingerprint, by host:port: the site's servers' trust store. */
    private readonly pinFor: (hostPort: string) => PortalPin | null = () => null,
    defaultUrl?: string,
  ) {
    const url = site.setting(URL_SETTING) ?? defaultUrl ?? null;
    if (url) this.client = this.clientFor(url);
  }

  private clientFor(url: string, timeoutMs?: number): PortalClient {
    return new PortalClient({ baseUrl: url, pin: this.pinFor(new URL(url).host), ...(timeoutMs ? { timeoutMs } : {}) });
  }

  session(): PortalSessionView {
    if (this.expiresAt && Date.parse(this.expiresAt) <= Date.now()) this.forget();
    return { url: this.site.setting(URL_SETTING) ?? null, account: this.account, expiresAt: this.expiresAt };
  }

  /**
   * Points the companion at a portal and checks that it answers. Its keys are not trusted from
   * here: a site trusts keys only from a key file a person imports and checks.
   */
  async connect(url: string): Promise<PortalSessionView> {
    const client = this.clientFor(url);
    await this.request(client, 'health');
    if (this.client?.token) await this.logOff();
    this.site.setSetting(URL_SETTING, url);
    this.client?.close();
    this.client = client;
    this.forget();
    this.site.audit('portal.connected', { url });
    return this.session();
  }

  async logOn(input: z.output<typeof LogOnInput>): Promise<PortalSessionView> {
    const client = this.connected();
    // A session this companion still holds is ended on the portal, not just dropped here.
    if (client.token) await this.logOff();
    const session = await this.request(client, 'logOn', { body: input });
    client.token = session.token;
    this.account = session.account;
    this.expiresAt = session.expiresAt;
    this.site.audit('portal.logon', { email: session.account.email });
    return this.session();
  }

  async logOff(): Promise<PortalSessionView> {
    const client = this.connected();
    if (client.token) await this.request(client, 'logOff').catch(() => undefined);
    this.forget();
    return this.session();
  }

  /**
   * An unverified account: sends the verification link again when asked, then reads the account
   * again (the person may have followed the link in a browser meanwhile).
   */
  async verification(resend: boolean): Promise<PortalSessionView> {
    if (resend) await this.call('resendVerification', { body: {} });
    this.account = await this.call('me');
    return this.session();
  }

  /** A call that needs the session; an expired one is forgotten so the screen asks to log on. */
  async call<N extends PortalRouteName>(name: N, args?: PortalCallArgs<N>): Promise<PortalAnswer<N>> {
    const client = this.connected();
    if (!client.token) throw new ServiceError('unauthorized', say('registration.logOnFirst'));
    const answer = await this.request(client, name, args);
    if (name === 'mfaConfirm' && this.account) this.account = { ...this.account, mfaEnabled: true };
    return answer;
  }

  /** Whether the portal answers within `timeoutMs`: health, with no session. */
  async health(timeoutMs: number): Promise<void> {
    const url = this.site.setting(URL_SETTING);
    if (!url) throw new ServiceError('conflict', say('registration.portalAddressFirst'));
    const client = this.clientFor(url, timeoutMs);
    try {
      await this.request(client, 'health');
    } finally {
      client.close();
    }
  }

  /** Calls that need no session: the address lists. */
  async publicCall<N extends PortalRouteName>(name: N, args?: PortalCallArgs<N>): Promise<PortalAnswer<N>> {
    return this.request(this.connected(), name, args);
  }

  private connected(): PortalClient {
    if (!this.client) throw new ServiceError('conflict', say('registration.portalAddressFirst'));
    // A certificate trusted (or distrusted) since: the same session over the new trust.
    const pin = this.pinFor(new URL(this.client.url('health')).host);
    if ((pin?.fingerprint256 ?? null) !== (this.client.pin?.fingerprint256 ?? null)) {
      const token = this.client.token;
      this.client.close();
      this.client = this.clientFor(this.site.setting(URL_SETTING)!);
      this.client.token = token;
    }
    return this.client;
  }

  private forget() {
    if (this.client) this.client.token = undefined;
    this.account = null;
    this.expiresAt = null;
  }

  /** Stops every request to the portal in flight; each ends with a "cancelled" error. */
  cancel(): { cancelled: number } {
    const cancelled = this.inFlight.size;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
    return { cancelled };
  }

  private async request<N extends PortalRouteName>(client: PortalClient, name: N, args?: PortalCallArgs<N>): Promise<PortalAnswer<N>> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      return await client.send(name, args, controller.signal);
    } catch (error) {
      if (!(error instanceof PortalRequestError)) throw error;
      if (error.code === 'unauthorized' && name !== 'logOn') this.forget();
      throw new ServiceError(CODES[error.code], error.message, error.issues.length ? error.issues : undefined);
    } finally {
      this.inFlight.delete(controller);
    }
  }
}
