// Stopping a portal instance without dropping anyone's request (portal/README.md, Operations).
// On SIGTERM or SIGINT: readiness answers 503 at once, so a proxy stops sending new requests; after
// `drainDelayMs` (the time a proxy needs to see it) the listener closes, idle keep-alive
// connections are closed, and requests in flight run to their answer; then the mail being sent is
// finished and the database closed. `graceMs` after the listener closed, the process exits anyway
// (status 1), and a second signal exits at once: a stuck request must not keep a deploy waiting
// for ever. Mail left unsent stays in the queue in the database for the next instance (nothing is
// lost).
import type { FastifyInstance } from 'fastify';
import type { ShuttingDown } from './http/ops.js';

export interface Stoppable {
  app: FastifyInstance;
  shutdown: ShuttingDown;
  mail: { close(): Promise<void> };
  store: { close(): void | Promise<void> };
  drainDelayMs: number;
  graceMs: number;
}

export function stopOnSignals(parts: Stoppable): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      parts.app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    parts.shutdown.begin();
    parts.app.log.info({ signal, drainDelayMs: parts.drainDelayMs, graceMs: parts.graceMs }, 'shutting down: not ready, finishing requests in flight');
    void new Promise((resolve) => setTimeout(resolve, parts.drainDelayMs))
      .then(() => {
        // The grace period is the time requests in flight get once the listener closes.
        setTimeout(() => {
          parts.app.log.error({ graceMs: parts.graceMs }, 'requests still running after the grace period: exiting');
          process.exit(1);
        }, parts.graceMs).unref();
        // close() ends the connections idle now; a request in flight leaves its connection idle
        // later (an answer sent before the signal kept it alive), so those are ended as they come.
        const reaper = setInterval(() => parts.app.server.closeIdleConnections(), 100);
        return parts.app.close().finally(() => clearInterval(reaper));
      })
      .then(() => parts.mail.close())
      .then(() => parts.store.close())
      .then(
        () => {
          parts.app.log.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          parts.app.log.error({ err: error }, 'stopping failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
