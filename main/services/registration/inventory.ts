// The site's servers as the portal is told of them (shared/portal/inventory.ts): the lead first,
// then every shadow, as the last read found them. EWS names no model or serial number, so those
// stay null until a connector can read them.
import type { ServerView } from '../../../shared/domain/server.js';
import type { InventoryServer } from '../../../shared/portal/inventory.js';

const hostOf = (address: string): string | null => {
  try {
    return new URL(address).hostname.replace(/^\[|\]$/g, '') || null;
  } catch {
    return null;
  }
};

const row = (server: ServerView, role: 'lead' | 'shadow'): InventoryServer => ({
  name: server.name.slice(0, 200) || server.address.slice(0, 200),
  kind: server.kind,
  model: server.model ? server.model.slice(0, 100) : null,
  serialNumber: null,
  firmwareVersion: server.version ? server.version.slice(0, 100) : null,
  ipAddress: hostOf(server.address),
  systemId: server.systemId,
  role,
});

/** The lead at `leadAddress` and its shadows, lead first. */
export function inventoryOf(servers: readonly ServerView[], leadAddress: string): InventoryServer[] {
  const lead = servers.find((s) => s.address === leadAddress);
  if (!lead) return [];
  const shadows = servers.filter((s) => s.role === 'shadow' && s.leadAddress === leadAddress);
  return [row(lead, 'lead'), ...shadows.map((s) => row(s, 'shadow'))];
}
