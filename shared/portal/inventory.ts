// What a site reports of itself when it registers: one row per server (the lead and every shadow),
// as the companion read it. Sent with an online registration, or carried in the offline request
// file under a MAC only the portal can check. The portal keeps the latest report per system.
import { z } from 'zod';
import { SERVER_KINDS } from '../domain/server.js';
import { say } from '../messages/say.js';
import { SystemId } from './systems.js';

/** The most servers one report may list: an Enterprise Central with its servers, with room. */
export const INVENTORY_MAX_SERVERS = 2000;

// Each field has its own sentences in the catalog: fields.<name>AsText and <name>TooLong.
type Field = 'serverName' | 'model' | 'serialNumber' | 'firmwareVersion' | 'ipAddress';
const text = (name: Field, max: number) => z.string({ error: say(`fields.${name}AsText`) }).max(max, say(`fields.${name}TooLong`, { max }));
const optional = (name: Field, max: number) => text(name, max).nullable();

export const InventoryServer = z.strictObject({
  name: text('serverName', 200).min(1, say('fields.serverNameEmpty')),
  kind: z.enum(SERVER_KINDS, { error: say('fields.serverKind') }),
  /** Where the server tells them; EWS names neither, so mostly null. */
  model: optional('model', 100),
  serialNumber: optional('serialNumber', 100),
  firmwareVersion: optional('firmwareVersion', 100),
  /** The host the companion reached it at: an IP address or a name. */
  ipAddress: optional('ipAddress', 300),
  systemId: SystemId,
  role: z.enum(['lead', 'shadow'], { error: say('fields.serverRole') }),
});
export type InventoryServer = z.output<typeof InventoryServer>;

export const InventoryInput = z.strictObject({
  servers: z
    .array(InventoryServer, { error: say('fields.serversAsList') })
    .min(1, say('fields.serversEmpty'))
    .max(INVENTORY_MAX_SERVERS, say('fields.serversTooMany', { max: INVENTORY_MAX_SERVERS })),
});
export type InventoryInput = z.output<typeof InventoryInput>;

export const InventoryView = z.strictObject({
  reportedAt: z.string(),
  /** Online: sent by a logged-on companion; offline: carried in a request file and checked with its MAC. */
  source: z.enum(['online', 'offline']),
  servers: z.array(InventoryServer),
});
export type InventoryView = z.output<typeof InventoryView>;
