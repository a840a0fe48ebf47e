// The ceiling for bench/portal.bench.ts: a bare Fastify app answering {"hello":"world"}, run as a
// process of its own the same way as the portal (node --import tsx). Prints `HELLO_READY {json}`.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(`HELLO_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}`);

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
