// Start a simulated site: `npm run sim -- --es 1 --as 3 --port 8081`.
// Prints one line `SIM_READY {json}` when listening, so scripts and tests can wait for it.
import { parseArgs } from 'node:util';
import { SimSite } from './model.js';
import { startSimulator } from './ews-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    ec: { type: 'boolean', default: false },
    es: { type: 'string', default: '1' },
    as: { type: 'string', default: '3' },
    standalone: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
  },
});

const int = (name: string, text: string, max: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    console.error(`--${name} must be a whole number from 0 to ${max}; got "${text}".`);
    process.exit(2);
  }
  return n;
};

const site = new SimSite({
  ec: values.ec,
  es: int('es', values.es, 10),
  asPerEs: int('as', values.as, 250),
  standalone: int('standalone', values.standalone, 2500),
  seed: int('seed', values.seed, 2 ** 31),
});
const sim = await startSimulator(site, { port: int('port', values.port, 65535) });
console.log(`SIM_READY ${JSON.stringify({ url: sim.url, servers: site.servers.size })}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
