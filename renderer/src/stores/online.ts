// Which path a registration from the Site screen takes: the portal is asked whether it answers
// (online.check); when it does, the Portal screen goes on with the lead filled in; when it does
// not, the Site screen says why and offers the offline path with the lead already chosen.
import { create } from 'zustand';
import type { ServerView } from '../../../shared/domain/server.js';
import { call } from '../companion.js';
import { asError } from '../lib/errors.js';
import { useNav } from './nav.js';
import { useOffline } from './offline.js';
import { usePortal, type PortalKind } from './portal.js';

export interface OfflineOffer {
  address: string;
  kind: PortalKind;
  message: string;
}

interface OnlineState {
  /** The server being checked for. */
  checking: string | null;
  offer: OfflineOffer | null;
  /** Checks the portal, then goes on online or offers offline. */
  start(server: ServerView, servers: ServerView[], kind: PortalKind): Promise<void>;
  /** Opens Offline registration with the lead chosen. */
  goOffline(address: string, kind: PortalKind): void;
  dismiss(): void;
}

export const useOnline = create<OnlineState>((set, get) => ({
  checking: null,
  offer: null,

  async start(server, servers, kind) {
    set({ checking: server.address, offer: null });
    let message: string;
    try {
      const check = await call('online.check', {});
      if (check.reachable) {
        const shadows = servers.filter((s) => s.role === 'shadow' && s.leadAddress === server.address).length;
        const site = { leadAddress: server.address, leadName: server.name, serverCount: shadows + 1 };
        if (kind === 'associate') usePortal.getState().startSiteWork({ kind, site, systemId: server.previousSystemId ?? '', newSystemId: server.systemId });
        else usePortal.getState().startSiteWork({ kind, site, systemId: server.systemId });
        set({ checking: null });
        useNav.getState().go('portal');
        return;
      }
      message = check.message;
    } catch (e) {
      message = asError(e).message;
    }
    if (get().checking === server.address) set({ checking: null, offer: { address: server.address, kind, message } });
  },

  goOffline(address, kind) {
    set({ offer: null });
    useOffline.getState().setTarget({ address, kind });
    // The screen opens on the request with this server chosen: focus on that choice, Make request next.
    useNav.getState().go('offline', () => document.getElementById('request-target'));
  },

  dismiss() {
    set({ offer: null });
  },
}));
