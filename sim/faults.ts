// Faults a simulated server can have, each behaving as a real broken server would. Which servers
// are faulty, with what, and when a flaky one fails are all drawn from the seed.

export const FAULT_KINDS = ['latency', 'timeout', 'http-500', 'reset', 'malformed-xml', 'soap-fault'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** The kinds that make a read fail: what `--faulty` mixes unless told otherwise. */
export const FAILING_KINDS: readonly FaultKind[] = ['timeout', 'http-500', 'reset', 'malformed-xml', 'soap-fault'];

export interface Fault {
  kind: FaultKind;
  /** Added delay for kind "latency", in ms. */
  latencyMs?: number;
  /** Share of requests that fail, 0 < rate <= 1; 1 (every request) unless set. */
  rate: number;
  /** How a malformed answer is broken. */
  variant?: 'truncated' | 'broken-markup';
}

export const DEFAULT_FAULT_LATENCY_MS = 2000;

/** Validates a fault as the admin API and the CLI take it; the message says what to fix. */
export function parseFault(input: unknown): { ok: true; fault: Fault } | { ok: false; message: string } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, message: 'A fault is {"kind": "...", "latencyMs"?: number, "rate"?: number, "variant"?: "truncated" | "broken-markup"}.' };
  const { kind, latencyMs, rate, variant, ...rest } = input as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return { ok: false, message: `Unknown fault field ${extra.map((k) => `"${k}"`).join(', ')}; a fault has kind, latencyMs, rate, variant.` };
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `"kind" must be one of ${FAULT_KINDS.join(', ')}; got ${JSON.stringify(kind)}.` };
  const fault: Fault = { kind: kind as FaultKind, rate: 1 };
  if (rate !== undefined) {
    if (typeof rate !== 'number' || !(rate > 0 && rate <= 1)) return { ok: false, message: `"rate" must be a number above 0 and at most 1 (the share of requests that fail); got ${JSON.stringify(rate)}.` };
    fault.rate = rate;
  }
  if (latencyMs !== undefined && kind !== 'latency') return { ok: false, message: '"latencyMs" belongs to kind "latency" only.' };
  if (kind === 'latency') {
    const ms = latencyMs ?? DEFAULT_FAULT_LATENCY_MS;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > 600_000) return { ok: false, message: `"latencyMs" must be a whole number of milliseconds from 1 to 600000; got ${JSON.stringify(latencyMs)}.` };
    fault.latencyMs = ms;
  }
  if (variant !== undefined && kind !== 'malformed-xml') return { ok: false, message: '"variant" belongs to kind "malformed-xml" only.' };
  if (kind === 'malformed-xml') {
    const v = variant ?? 'truncated';
    if (v !== 'truncated' && v !== 'broken-markup') return { ok: false, message: `"variant" must be "truncated" or "broken-markup"; got ${JSON.stringify(variant)}.` };
    fault.variant = v;
  }
  return { ok: true, fault };
}

/** Breaks a well-formed answer the way the fault says, still sent with HTTP 200. */
export function breakXml(body: string, variant: 'truncated' | 'broken-markup'): string {
  if (variant === 'truncated') return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  // A lost '<' on the first element inside the answer: the markup around it no longer nests, as
  // from a server that wrote a corrupt buffer. (Mismatched closing tags alone are not enough:
  // lenient parsers accept them and find the data.)
  const start = body.indexOf('Response');
  const open = start < 0 ? -1 : body.indexOf('<', body.indexOf('>', start));
  return open < 0 ? `${body}<` : body.slice(0, open) + body.slice(open + 1);
}
