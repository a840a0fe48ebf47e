// What a site reports of itself when it registers: one row per server (the lead and every shadow),
// as the companion read it. Sent with an online registration, or carried in the offline request
// file under a MAC only the portal can check. The portal keeps the latest report per system.
import { z } from 'zod';
import { SERVER_KINDS } from '../domain/server.js';
import { SystemId } from './systems.js';

/** The most servers one report may list: an Enterprise Central with its servers, with room. */
export const INVENTORY_MAX_SERVERS = 2000;

const text = (label: string, max: number) => z.string({ error: `Give the ${label} as text.` }).max(max, `The ${label} is at most ${max} characters.`);
const optional = (label: string, max: number) => text(label, max).nullable();

export const InventoryServer = z.strictObject({
  name: text('server name', 200).min(1, 'Give the server name.'),
  kind: z.enum(SERVER_KINDS, { error: 'The kind is enterprise-central, enterprise-server or automation-server.' }),
  /** Where the server tells them; EWS names neither, so mostly null. */
  model: optional('model', 100),
  serialNumber: optional('serial number', 100),
  firmwareVersion: optional('firmware version', 100),
  /** The host the companion reached it at: an IP address or a name. */
  ipAddress: optional('IP address', 300),
  systemId: SystemId,
  role: z.enum(['lead', 'shadow'], { error: 'The role is lead or shadow.' }),
});
export type InventoryServer = z.output<typeof InventoryServer>;

export const InventoryInput = z.strictObject({
  servers: z
    .array(InventoryServer, { error: 'Give the servers as a list.' })
    .min(1, 'List the lead at least.')
    .max(INVENTORY_MAX_SERVERS, `A report lists at most ${INVENTORY_MAX_SERVERS} servers.`),
});
export type InventoryInput = z.output<typeof InventoryInput>;

export const InventoryView = z.strictObject({
  reportedAt: z.string(),
  /** Online: sent by a logged-on companion; offline: carried in a request file and checked with its MAC. */
  source: z.enum(['online', 'offline']),
  servers: z.array(InventoryServer),
});
export type InventoryView = z.output<typeof InventoryView>;
