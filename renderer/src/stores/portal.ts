// The connected computer's side: the portal this companion talks to, who is logged on (the session
// itself stays in main), and the "Register or modify a system" work in progress. Everything typed
// lives here, so an error or a trip to another screen never loses it.
import { create } from 'zustand';
import type { PortalSessionView } from '../../../shared/domain/portal-session.js';
import type { IssuedCode } from '../../../shared/portal/codes.js';
import type { OnlineResultView } from '../../../shared/domain/online.js';
import type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
import { call, companion } from '../companion.js';
import { asError, type ContractError } from '../lib/errors.js';
import { emptyForm, formFromView, type RegistrationDraft } from '../lib/registration-draft.js';

export type PortalKind = 'register' | 'associate';
export type Access = 'unregistered' | 'yours' | 'claimable' | 'taken' | 'replaced';
export type Step = 'start' | 'access' | 'form' | 'code' | 'written';

/** Registering from the Site screen: the lead whose registration is asked for online, with no codes. */
export interface SiteWork {
  leadAddress: string;
  leadName: string;
  /** The lead and its shadows: how many servers get the registration. */
  serverCount: number;
}

export interface SystemWork {
  kind: PortalKind;
  /** The System ID to register; for associate, the one registered before the wipe. */
  systemId: string;
  /** For associate: the System ID the wiped server shows now. */
  newSystemId: string;
  /** The request code as typed or pasted, or the request file's whole content. */
  request: string;
  /** Set when `request` came from a file. */
  requestFile: string | null;
  step: Step;
  access: { access: Access; message: string } | null;
  view: RegistrationView | null;
  form: RegistrationDraft;
  /** The form differs from what the portal holds. */
  dirty: boolean;
  issued: IssuedCode | null;
  /** Set when the work came from the Site screen: online, written to the servers. */
  site: SiteWork | null;
  /** What registering online wrote to the site's servers. */
  online: OnlineResultView | null;
}

const freshWork = (): SystemWork => ({
  kind: 'register',
  systemId: '',
  newSystemId: '',
  request: '',
  requestFile: null,
  step: 'start',
  access: null,
  view: null,
  form: emptyForm(),
  dirty: true,
  issued: null,
  site: null,
  online: null,
});

interface PortalState {
  session: PortalSessionView | null;
  busy: string | null;
  error: ContractError | null;
  /** Which action the error belongs to, so it shows next to that action. */
  failed: string | null;
  work: SystemWork;
  /** Shown once after MFA enrolment, until the person says they wrote them down. */
  recoveryCodes: string[] | null;
  load(): Promise<void>;
  /** Runs a call with one busy label and one place for its error; returns null when it failed. */
  run<T>(label: string, action: () => Promise<T>): Promise<T | null>;
  connect(url: string): Promise<boolean>;
  logOn(input: { email: string; password: string; mfaCode?: string; recoveryCode?: string }): Promise<PortalSessionView | null>;
  logOff(): Promise<void>;
  refreshSession(): Promise<void>;
  edit(change: Partial<SystemWork>): void;
  editForm(change: (form: RegistrationDraft) => RegistrationDraft): void;
  startOver(): void;
  /**
   * Starts registering (or associating) a site's lead online: the System IDs filled in, no request
   * code. For associate, `systemId` is the registration's ID before the wipe (preselected where the
   * site's history knows it) and `newSystemId` the lead's ID now.
   */
  startSiteWork(input: { kind: PortalKind; site: SiteWork; systemId: string; newSystemId?: string }): void;
  /** Writes the registration to the site's servers through main; true when the portal took it. */
  registerOnline(registration: RegisterInput): Promise<boolean>;
  associateOnline(): Promise<boolean>;
  retryOnline(): Promise<void>;
  onlineChanged(results: OnlineResultView[]): void;
  clearError(): void;
  afterAccess(access: SystemWork['access']): Promise<void>;
  registered(view: RegistrationView): void;
  /** Invites the account that may take the system's free place; true when the portal took it. */
  invite(email: string): Promise<boolean>;
  confirmMfa(code: string): Promise<boolean>;
  recoveryNoted(): void;
  /** An unverified account: the link sent again (resend) or the account read again; true when it is verified now. */
  checkVerification(resend: boolean): Promise<boolean>;
}

export const usePortal = create<PortalState>((set, get) => ({
  session: null,
  busy: null,
  error: null,
  failed: null,
  work: freshWork(),
  recoveryCodes: null,

  async load() {
    try {
      set({ session: await call('portal.session', {}) });
    } catch (e) {
      set({ error: asError(e), failed: 'load' });
    }
  },

  async run(label, action) {
    set({ busy: label, error: null, failed: null });
    try {
      const value = await action();
      set({ busy: null });
      return value;
    } catch (e) {
      const error = asError(e);
      set({ busy: null, error, failed: label });
      // A session that ended on the portal's side: show the log-on again, keep the work.
      if (error.code === 'unauthorized' && get().session?.account) void get().refreshSession();
      return null;
    }
  },

  async connect(url) {
    const session = await get().run('connect', () => call('portal.connect', { url }));
    if (session) set({ session });
    return !!session;
  },

  async logOn(input) {
    const session = await get().run('logon', () => call('portal.logon', input));
    if (session) set({ session });
    return session;
  },

  async checkVerification(resend) {
    const session = await get().run(resend ? 'verify-resend' : 'verify-check', () => call('portal.verification', { resend }));
    if (session) set({ session });
    return !!session?.account?.emailVerified;
  },

  async logOff() {
    const session = await get().run('logoff', () => call('portal.logoff', {}));
    // Work started from the Site screen stays, to go on after logging on again.
    if (session) set({ session, work: get().work.site ? { ...get().work, step: 'start', access: null, view: null } : freshWork() });
  },

  async refreshSession() {
    try {
      set({ session: await call('portal.session', {}) });
    } catch {
      /* keep what is shown */
    }
  },

  edit(change) {
    set({ work: { ...get().work, ...change }, error: null, failed: null });
  },

  editForm(change) {
    set({ work: { ...get().work, form: change(get().work.form), dirty: true } });
  },

  startOver() {
    set({ work: freshWork(), error: null, failed: null });
  },

  clearError() {
    set({ error: null, failed: null });
  },

  startSiteWork({ kind, site, systemId, newSystemId }) {
    set({ work: { ...freshWork(), kind, site, systemId, newSystemId: newSystemId ?? '' }, error: null, failed: null });
  },

  async registerOnline(registration) {
    const work = get().work;
    if (!work.site) return false;
    const result = await get().run('register', () => call('online.register', { leadAddress: work.site!.leadAddress, registration }));
    if (!result) return false;
    // The portal's record as it is now, so the form shows what was saved.
    const view = await call('portal.system.get', { systemId: result.systemId }).catch(() => null);
    set({ work: { ...get().work, online: result, step: 'written', ...(view ? { view, form: formFromView(view), dirty: false } : {}) } });
    return true;
  },

  async associateOnline() {
    const work = get().work;
    if (!work.site) return false;
    const result = await get().run('associate', () => call('online.associate', { address: work.site!.leadAddress, systemId: work.systemId.trim() }));
    if (result) set({ work: { ...get().work, online: result, step: 'written' } });
    return !!result;
  },

  async retryOnline() {
    const online = get().work.online;
    if (!online) return;
    const result = await get().run('retry', () => call('online.retry', { id: online.id }));
    if (result) set({ work: { ...get().work, online: result } });
  },

  onlineChanged(results) {
    const online = get().work.online;
    const fresh = online && results.find((r) => r.id === online.id);
    if (fresh) set({ work: { ...get().work, online: fresh } });
  },

  /** Proceed after the access check: load what the portal holds, or start an empty form. */
  async afterAccess(access) {
    const work = get().work;
    if (!access) return;
    if (work.kind === 'associate') return set({ work: { ...work, access, step: 'form' } });
    if (access.access === 'yours') {
      const view = await get().run('load', () => call('portal.system.get', { systemId: work.systemId }));
      if (view) set({ work: { ...get().work, access, view, form: formFromView(view), dirty: false, step: 'form' } });
      return;
    }
    set({ work: { ...work, access, step: 'form', view: null, dirty: true } });
  },

  registered(view) {
    set({ work: { ...get().work, view, form: formFromView(view), dirty: false } });
  },

  async invite(email) {
    const work = get().work;
    const view = await get().run('invite', () => call('portal.system.invite', { systemId: work.systemId, email }));
    if (view) set({ work: { ...get().work, view } });
    return !!view;
  },

  async confirmMfa(code) {
    const confirmed = await get().run('mfa', () => call('portal.mfa.confirm', { code }));
    if (!confirmed) return false;
    set({ recoveryCodes: confirmed.recoveryCodes });
    await get().refreshSession();
    return true;
  },

  recoveryNoted() {
    set({ recoveryCodes: null });
  },
}));

/** Main pushes the online registrations whenever a server's write changes (retries nobody waits for). */
export function followOnlineEvents(): () => void {
  return companion().on('online.changed', (status) => usePortal.getState().onlineChanged(status.results));
}
