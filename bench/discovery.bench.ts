// Reading a full-size site (1 EC + 10 ES + 2,500 automation servers = 2,511) from the simulator
// with 5 ms added to every request, then the same site with 10% of its servers faulty.
//   figure discovery.cold_seconds the first read in a fresh process (JIT and module loading included)
//   figure discovery.seconds      wall time of the healthy read, warm (the median of three reads after the first)
//   figure discovery.requests     HTTP requests it made
//   figure discovery.ratio        seconds / (requests x 5 ms / concurrency): 1.0 is the latency bound
//   figure discovery.peak_mb      peak resident memory of the companion side during the read
//   figure discovery.faulty_seconds, discovery.faulty_unreported (servers the simulator made faulty
//                                 that the read did not report; must be 0)
import { EwsConnector } from '../main/services/connectors/ews/ews-connector.js';
import { createCompanion } from '../main/services/index.js';
import { SIM_LOGIN, startSim, tempDir } from '../test/support/processes.js';

const LATENCY_MS = 5;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const figure = (name: string, value: number, unit: string) => console.log(`figure discovery.${name} ${Number(value.toFixed(3))} ${unit}`);

async function readSite(simArgs: string[], timeoutSeconds: number, reads = 1) {
  const sim = await startSim(['--ec', '--es', '10', '--as', '250', '--latency', String(LATENCY_MS), '--seed', '5', ...simArgs]);
  let connector: EwsConnector | undefined;
  const companion = createCompanion({ dataDir: tempDir('bench'), version: 'bench', emit: () => {}, connectorFactory: (o) => (connector = new EwsConnector(o)) });
  try {
    companion.site.saveConnection({ targets: sim.info.url, ...SIM_LOGIN, concurrency: CONCURRENCY, timeoutSeconds });
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const runs = [];
    for (let i = 0; i < reads; i++) {
      const before = connector?.requests ?? 0;
      const started = performance.now();
      const snapshot = await companion.site.discover();
      runs.push({ snapshot, seconds: (performance.now() - started) / 1000, requests: connector!.requests - before });
    }
    clearInterval(sampler);
    const faulty = (await (await fetch(`${sim.info.url}/_sim/faults`)).json()) as { address: string }[];
    return { runs, peakMb: peak / 1024 / 1024, faulty };
  } finally {
    companion.close();
    await sim.stop();
  }
}

// This machine is noisy (a run varies by +-10%): the warm figure is the median of three reads.
const healthy = await readSite([], 10, 4);
const cold = healthy.runs[0]!;
const warm = healthy.runs.slice(1).sort((a, b) => a.seconds - b.seconds)[1]!;
if (process.env.BENCH_VERBOSE) console.log('warm reads', healthy.runs.slice(1).map((r) => r.seconds.toFixed(3)).join(' '));
for (const run of healthy.runs) {
  const failures = run.snapshot.failures.length + run.snapshot.servers.filter((s) => s.statusReason).length;
  if (run.snapshot.servers.length !== 2511 || failures) throw new Error(`A healthy read found ${run.snapshot.servers.length} servers and ${failures} failures.`);
}
const requests = warm.requests;
figure('servers', warm.snapshot.servers.length, 'servers');
figure('concurrency', CONCURRENCY, 'requests');
figure('cold_seconds', cold.seconds, 's');
figure('seconds', warm.seconds, 's');
figure('requests', requests, 'requests');
figure('ratio', warm.seconds / ((requests * LATENCY_MS) / 1000 / CONCURRENCY), 'x');
figure('peak_mb', healthy.peakMb, 'MB');

// Faulty servers: a timeout costs the per-server timeout, so it is set to 2 s here.
const faulty = await readSite(['--faulty', '0.1'], 2);
const faultyRead = faulty.runs[0]!;
const reported = new Set([...faultyRead.snapshot.failures.map((f) => f.address), ...faultyRead.snapshot.servers.filter((s) => s.statusReason).map((s) => s.address)]);
const unreported = faulty.faulty.filter((f) => !reported.has(f.address));
figure('faulty_servers', faulty.faulty.length, 'servers');
figure('faulty_seconds', faultyRead.seconds, 's');
figure('faulty_unreported', unreported.length, 'servers');
if (unreported.length) console.log(`unreported: ${unreported.slice(0, 5).map((f) => f.address).join(', ')}`);
