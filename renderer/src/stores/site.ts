import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/result.js';
import type { CertificateView, ConnectionInput, ConnectionView } from '../../../shared/domain/connection.js';
import type { DiscoveryProgress, OverwriteWarning, ServerDetail, SiteSnapshot } from '../../../shared/domain/server.js';
import { call, CallError, companion } from '../companion.js';

export interface LeadChange {
  shadow: string;
  lead: string | null;
  warnings: OverwriteWarning[];
}

interface SiteState {
  snapshot: SiteSnapshot | null;
  connection: ConnectionView | null;
  progress: DiscoveryProgress | null;
  selected: string | null;
  detail: ServerDetail | null;
  /** A lead change waiting for the user to confirm what it overwrites. */
  pendingLead: LeadChange | null;
  /** What writing a lead's registration to a wiped shadow again came to, for the shadow shown (worded by the panel; the error is main's). */
  rewrite: { address: string; written: boolean; error: string | null } | null;
  probed: CertificateView | null;
  error: ContractError | null;
  connectionError: ContractError | null;
  load(): Promise<void>;
  /** Saves where the site is and how to log on; false (and `connectionError`) when refused. */
  saveConnection(input: ConnectionInput): Promise<boolean>;
  /** Reads the site; resolves when the read is over (done, failed or cancelled). */
  discover(): Promise<void>;
  cancel(): Promise<void>;
  select(address: string | null): Promise<void>;
  proposeLead(shadow: string, lead: string | null): Promise<void>;
  confirmLead(): Promise<void>;
  dismissLead(): void;
  rewriteShadow(address: string): Promise<void>;
  probeCertificate(hostPort: string): Promise<void>;
  trustCertificate(): Promise<void>;
  distrustCertificate(hostPort: string): Promise<void>;
}

const asError = (e: unknown): ContractError => (e instanceof CallError ? e.error : { code: 'internal', message: (e as Error).message });

export const useSite = create<SiteState>((set, get) => ({
  snapshot: null,
  connection: null,
  progress: null,
  selected: null,
  detail: null,
  pendingLead: null,
  rewrite: null,
  probed: null,
  error: null,
  connectionError: null,

  async load() {
    try {
      const [snapshot, connection, progress] = await Promise.all([call('site.tree', {}), call('site.connection', {}), call('site.progress', {})]);
      set({ snapshot, connection, progress: progress.running ? progress : null });
    } catch (e) {
      set({ error: asError(e) });
    }
  },

  async saveConnection(input) {
    try {
      set({ connection: await call('site.connection.save', input), connectionError: null });
      return true;
    } catch (e) {
      set({ connectionError: asError(e) });
      return false;
    }
  },

  async discover() {
    set({ error: null, progress: { running: true, done: 0, total: 0, failed: 0, current: null, cancelled: false } });
    try {
      const snapshot = await call('site.discover', {});
      set({ snapshot });
      await get().select(get().selected);
    } catch (e) {
      set({ error: asError(e), progress: null });
    }
  },

  async cancel() {
    await call('site.cancel', {}).catch(() => undefined);
  },

  async select(address) {
    if (!address) return set({ selected: null, detail: null });
    set({ selected: address });
    try {
      const detail = await call('site.server', { address });
      if (get().selected === address) set({ detail });
    } catch {
      set({ selected: null, detail: null });
    }
  },

  async proposeLead(shadow, lead) {
    set({ error: null });
    try {
      const warnings = lead ? await call('site.lead.preview', { shadow, lead }) : [];
      if (warnings.length) return set({ pendingLead: { shadow, lead, warnings } });
      set({ snapshot: await call('site.lead.set', { shadow, lead, confirmOverwrite: false }) });
      await get().select(shadow);
    } catch (e) {
      set({ error: asError(e) });
    }
  },

  async confirmLead() {
    const pending = get().pendingLead;
    if (!pending) return;
    try {
      set({ snapshot: await call('site.lead.set', { shadow: pending.shadow, lead: pending.lead, confirmOverwrite: true }), pendingLead: null });
      await get().select(pending.shadow);
    } catch (e) {
      set({ error: asError(e), pendingLead: null });
    }
  },

  dismissLead() {
    set({ pendingLead: null });
  },

  async rewriteShadow(address) {
    set({ error: null, rewrite: null });
    try {
      const result = await call('site.shadow.rewrite', { address });
      set({
        snapshot: await call('site.tree', {}),
        rewrite: { address, written: result.written, error: result.error ?? null },
      });
      await get().select(address);
    } catch (e) {
      set({ error: asError(e) });
    }
  },

  async probeCertificate(hostPort) {
    set({ probed: null, connectionError: null });
    try {
      set({ probed: await call('site.certificate.probe', { hostPort }) });
    } catch (e) {
      set({ connectionError: asError(e) });
    }
  },

  async trustCertificate() {
    const probed = get().probed;
    if (!probed) return;
    try {
      set({ connection: await call('site.certificate.trust', { hostPort: probed.hostPort, fingerprint256: probed.fingerprint256 }), probed: null });
    } catch (e) {
      set({ connectionError: asError(e) });
    }
  },

  async distrustCertificate(hostPort) {
    try {
      set({ connection: await call('site.certificate.distrust', { hostPort }) });
    } catch (e) {
      set({ connectionError: asError(e) });
    }
  },
}));

/** Keeps the store in step with what main pushes: reads finishing, progress while reading. */
export function followSiteEvents(): () => void {
  const offChanged = companion().on('site.changed', (snapshot) => {
    useSite.setState({ snapshot });
    const { selected, select } = useSite.getState();
    if (selected) void select(selected);
  });
  const offProgress = companion().on('site.progress', (progress) => useSite.setState({ progress: progress.running ? progress : null }));
  return () => {
    offChanged();
    offProgress();
  };
}
