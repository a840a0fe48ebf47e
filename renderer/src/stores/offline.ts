// The site side of offline registration: the portal keys this companion accepts codes from and the
// requests (pending ones survive a restart: they live in main). What the person typed into a code
// box is kept here per request, so switching screens or an error never loses it.
import { create } from 'zustand';
import type { OfflineKind, OfflineRequestView, OfflineStatus } from '../../../shared/domain/offline.js';
import { call, companion } from '../companion.js';
import { asError, type ContractError } from '../lib/errors.js';

export interface OfflineTarget {
  address: string;
  kind: OfflineKind;
}

interface OfflineState {
  status: OfflineStatus | null;
  loadError: ContractError | null;
  /** Preselected in "Make a request", e.g. from a server's detail panel. */
  target: OfflineTarget | null;
  creating: boolean;
  createError: ContractError | null;
  keysError: ContractError | null;
  /** Per request id: what is typed in its code box, the last refusal, whether it is being applied. */
  drafts: Record<number, string>;
  codeErrors: Record<number, ContractError | null>;
  applying: Record<number, boolean>;
  requestErrors: Record<number, ContractError | null>;
  load(): Promise<void>;
  setTarget(target: OfflineTarget | null): void;
  create(target: OfflineTarget): Promise<OfflineRequestView | null>;
  cancel(id: number): Promise<void>;
  setDraft(id: number, text: string): void;
  apply(id: number, code: string): Promise<boolean>;
  retry(id: number): Promise<void>;
  importKeys(json: string): Promise<boolean>;
}

/** Replaces one request in the status with a fresher view of it. */
const withRequest = (status: OfflineStatus | null, view: OfflineRequestView): OfflineStatus | null => {
  if (!status) return status;
  const known = status.requests.some((r) => r.id === view.id);
  return { ...status, requests: known ? status.requests.map((r) => (r.id === view.id ? view : r)) : [...status.requests, view] };
};

export const useOffline = create<OfflineState>((set, get) => ({
  status: null,
  loadError: null,
  target: null,
  creating: false,
  createError: null,
  keysError: null,
  drafts: {},
  codeErrors: {},
  applying: {},
  requestErrors: {},

  async load() {
    try {
      set({ status: await call('offline.status', {}), loadError: null });
    } catch (e) {
      set({ loadError: asError(e) });
    }
  },

  setTarget(target) {
    set({ target, createError: null });
  },

  async create(target) {
    set({ creating: true, createError: null });
    try {
      const view = await call('offline.request.create', { leadAddress: target.address, kind: target.kind });
      set({ status: withRequest(get().status, view), creating: false, target: null });
      return view;
    } catch (e) {
      set({ createError: asError(e), creating: false });
      return null;
    }
  },

  async cancel(id) {
    try {
      const view = await call('offline.request.cancel', { id });
      set({ status: withRequest(get().status, view), requestErrors: { ...get().requestErrors, [id]: null } });
    } catch (e) {
      set({ requestErrors: { ...get().requestErrors, [id]: asError(e) } });
    }
  },

  setDraft(id, text) {
    set({ drafts: { ...get().drafts, [id]: text }, codeErrors: { ...get().codeErrors, [id]: null } });
  },

  async apply(id, code) {
    set({ applying: { ...get().applying, [id]: true }, codeErrors: { ...get().codeErrors, [id]: null } });
    try {
      const view = await call('offline.code.apply', { requestId: id, code });
      const drafts = { ...get().drafts };
      delete drafts[id];
      set({ status: withRequest(get().status, view), drafts, applying: { ...get().applying, [id]: false } });
      return true;
    } catch (e) {
      set({ codeErrors: { ...get().codeErrors, [id]: asError(e) }, applying: { ...get().applying, [id]: false } });
      return false;
    }
  },

  async retry(id) {
    set({ requestErrors: { ...get().requestErrors, [id]: null } });
    try {
      set({ status: withRequest(get().status, await call('offline.retry', { requestId: id })) });
    } catch (e) {
      set({ requestErrors: { ...get().requestErrors, [id]: asError(e) } });
    }
  },

  async importKeys(json) {
    set({ keysError: null });
    try {
      set({ status: await call('offline.keys.import', { json }) });
      return true;
    } catch (e) {
      set({ keysError: asError(e) });
      return false;
    }
  },
}));

/** Main pushes the whole status whenever a request or a server's write changes. */
export function followOfflineEvents(): () => void {
  return companion().on('offline.changed', (status) => useOffline.setState({ status }));
}
