// One measured load phase with autocannon, shared by the portal benchmarks: a warm-up whose
// figures are dropped, then the measured run. Several target addresses (instances of one service)
// share the connections evenly and run at the same time; their answers add up, and the phase's
// p99 is the worst instance's (conservative: percentiles cannot be merged exactly).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';

export const WARMUP_SECONDS = 1;

export interface Phase {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** non-2xx + errors + timeouts, warm-up included. */
  failures: number;
  samples: string[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** `next()` gives each request (called by autocannon before every send). */
export async function measure(name: string, urls: string | string[], connections: number, seconds: number, next: () => autocannon.Request): Promise<Phase> {
  const targets = Array.isArray(urls) ? urls : [urls];
  const samples: string[] = [];
  const request: autocannon.Request = {
    setupRequest: (req) => Object.assign(req, next()),
    onResponse: (status, body) => {
      if ((status < 200 || status >= 300) && samples.length < 5) samples.push(`HTTP ${status} ${body.slice(0, 400)}`);
    },
  };
  const share = Math.max(1, Math.floor(connections / targets.length));
  const run = (duration: number) => Promise.all(targets.map((url) => autocannon({ url, connections: share, duration, timeout: 10, requests: [request] })));
  const failed = (results: autocannon.Result[]) => results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  global.gc?.();
  const warm = await run(WARMUP_SECONDS);
  // This process generates the load: a stall here would show as server latency.
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const results = await run(seconds);
  stalls.disable();
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const duration = Math.max(...results.map((r) => r.duration));
  const phase: Phase = {
    name,
    perSecond: total / duration,
    p50: Math.round(results.reduce((sum, r) => sum + r.latency.p50 * r.requests.total, 0) / Math.max(1, total)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    requests: total,
    failures: failed(warm) + failed(results),
    samples,
  };
  const codes = new Map<string, number>();
  for (const r of results) for (const [code, { count }] of Object.entries(r.statusCodeStats)) codes.set(code, (codes.get(code) ?? 0) + count);
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((s, r) => s + pick(r), 0) + warm.reduce((s, r) => s + pick(r), 0);
  console.log(
    `${name}: ${int(phase.perSecond)}/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms, max ${Math.max(...results.map((r) => r.latency.max))} ms ` +
      `(${int(total)} answers in ${duration} s${targets.length > 1 ? ` over ${targets.length} instances` : ''}; ${[...codes].map(([c, n]) => `${c}: ${int(n)}`).join(', ')}; ` +
      `errors ${sum((r) => r.errors)}, timeouts ${sum((r) => r.timeouts)}; failures incl. warm-up ${phase.failures}; load generator's event-loop delay max ${(stalls.max / 1e6).toFixed(0)} ms)`,
  );
  for (const sample of samples) console.log(`  ${name} refused: ${sample}`);
  return phase;
}

/**
 * An open load: `rate` requests a second, each sent when due whatever the answers before it (round
 * robin over `urls`), for `seconds` after a second of warm-up; a latency counts from when the
 * request was due, so queueing shows. autocannon's own rate sends each second's share in a burst
 * at its start, which measures bursts, not a steady rate.
 */
export async function paced(name: string, urls: string[], rate: number, seconds: number, next: () => autocannon.Request): Promise<Phase> {
  const latencies: number[] = [];
  let failures = 0;
  const samples: string[] = [];
  const send = async (due: number, measured: boolean, url: string) => {
    const { method = 'GET', path = '/', headers, body } = next();
    try {
      // As autocannon's phases: an answer later than 10 s counts as a failure, not a hang.
      const response = await fetch(`${url}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
      const text = await response.text();
      if (!response.ok) {
        failures++;
        if (samples.length < 5) samples.push(`HTTP ${response.status} ${text.slice(0, 400)}`);
      }
    } catch (error) {
      failures++;
      if (samples.length < 5) samples.push(String(error));
    }
    if (measured) latencies.push(performance.now() - due);
  };
  const started = performance.now();
  const warmEnd = started + WARMUP_SECONDS * 1000;
  const end = warmEnd + seconds * 1000;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; ; i++) {
    const due = started + (i * 1000) / rate;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(due, due >= warmEnd, urls[i % urls.length]!));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(latencies, p));
  const phase: Phase = { name, perSecond: latencies.length / seconds, p50: at(50), p99: at(99), requests: latencies.length, failures, samples };
  console.log(`${name}: ${int(phase.perSecond)}/s sent at a steady rate, p50 ${phase.p50} ms, p99 ${phase.p99} ms, max ${Math.round(latencies.at(-1) ?? NaN)} ms (${int(latencies.length)} answers; failures incl. warm-up ${failures})`);
  for (const sample of samples) console.log(`  ${name} refused: ${sample}`);
  return phase;
}

/**
 * The portal's own time for the `method` requests it answered between `from` and `to` (epoch ms),
 * sorted ascending: from its request log (one JSON line per request; `ms` is Fastify's time from
 * the request's arrival in the portal to its answer). What a phase measures on top of it is the
 * time before the portal read the request (its one event loop busy with the ones before) and in
 * the load generator, which shares the machine's cores.
 */
export function portalTimes(log: string, method: string, from: number, to: number): number[] {
  const times: number[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes(`"method":"${method}"`)) continue;
    let entry: { time: string; ms: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      // The kept output starts where its oldest chunk did (scripts/lib/processes.mjs): maybe mid-line.
      continue;
    }
    const at = Date.parse(entry.time);
    if (at >= from && at <= to) times.push(entry.ms);
  }
  return times.sort((a, b) => a - b);
}

/** The p-th percentile (0-100) of samples sorted ascending: the smallest that p % of them do not exceed. */
export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Runs `work` over `items` with at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let at = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (at < items.length) {
        const index = at++;
        await work(items[index]!, index);
      }
    }),
  );
}
