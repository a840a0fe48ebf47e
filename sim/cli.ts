// Start a simulated site: `npm run sim -- --es 1 --as 3 --port 8081` (all options: --help).
// Prints one line `SIM_READY {json}` when listening, so scripts and tests can wait for it.
// `tsx sim/cli.ts admin <command>` drives a running simulator through its admin API.
import { runAdmin } from './admin-cli.js';
import { startSimulator } from './ews-server.js';
import { SimError, SimSite } from './model.js';
import { parseStartOptions, START_USAGE } from './start-options.js';

const args = process.argv.slice(2);
if (args[0] === 'admin') {
  process.exit(await runAdmin(args.slice(1), (line) => console.log(line), (line) => console.error(line)));
}
if (args.includes('--help')) {
  console.log(START_USAGE);
  process.exit(0);
}

let options: ReturnType<typeof parseStartOptions>;
try {
  options = parseStartOptions(args);
} catch (e) {
  if (!(e instanceof SimError)) throw e;
  console.error(e.message);
  process.exit(2);
}

const site = new SimSite(options.spec);
let sim;
try {
  sim = await startSimulator(site, { port: options.port });
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${options.port} on 127.0.0.1 is in use: pick another with --port, or --port 0 for a free one.` : `Could not listen: ${(e as Error).message}`);
  process.exit(1);
}
console.log(
  `SIM_READY ${JSON.stringify({
    url: sim.url,
    servers: site.servers.size,
    auth: site.siteCredentials ? 'digest' : 'none',
    latencyMs: site.latencyMs,
    faulty: site.faulty().length,
    seed: site.seed,
  })}`,
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
