// The contract: every call the renderer can make to main and every event main can push, each
// with the schema of what crosses. Both hosts (Electron IPC and the browser-mode WebSocket) bind
// this one table, and the renderer's types come from it.
import { z } from 'zod';
import { SiteSnapshot } from '../domain/server.js';
import type { CallName, EventName } from './names.js';

const NoInput = z.strictObject({});

/** Bounded so that a huge string is refused before any service sees it. */
const AddressInput = z
  .string({ error: 'Enter the server address as text.' })
  .max(2048, 'An address is at most 2,048 characters.');

export const callSchemas = {
  'app.info': {
    input: NoInput,
    output: z.strictObject({ name: z.string(), version: z.string() }),
  },
  'site.servers': {
    input: NoInput,
    output: SiteSnapshot,
  },
  'site.read': {
    input: z.strictObject({ address: AddressInput }),
    output: SiteSnapshot,
  },
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

export const eventSchemas = {
  'site.changed': SiteSnapshot,
} satisfies Record<EventName, z.ZodType>;

export type CallInput<N extends CallName> = z.input<(typeof callSchemas)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof callSchemas)[N]['output']>;
export type EventPayload<N extends EventName> = z.output<(typeof eventSchemas)[N]>;
