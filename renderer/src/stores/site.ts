import { create } from 'zustand';
import type { SiteSnapshot } from '../../../shared/domain/server.js';
import type { ContractError } from '../../../shared/contract/result.js';
import { call, CallError, companion } from '../companion.js';

interface SiteState {
  snapshot: SiteSnapshot | null;
  reading: boolean;
  error: ContractError | null;
  load(): Promise<void>;
  read(address: string): Promise<void>;
}

const asContractError = (e: unknown): ContractError =>
  e instanceof CallError ? e.error : { code: 'internal', message: (e as Error).message };

export const useSite = create<SiteState>((set) => ({
  snapshot: null,
  reading: false,
  error: null,
  async load() {
    try {
      set({ snapshot: await call('site.servers', {}) });
    } catch (e) {
      set({ error: asContractError(e) });
    }
  },
  async read(address) {
    set({ reading: true, error: null });
    try {
      set({ snapshot: await call('site.read', { address }), reading: false });
    } catch (e) {
      set({ error: asContractError(e), reading: false });
    }
  },
}));

/** Keeps the store in step with reads started elsewhere (another window, a later discovery). */
export function followSiteEvents(): () => void {
  return companion().on('site.changed', (snapshot) => useSite.setState({ snapshot }));
}
