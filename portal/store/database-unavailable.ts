// Errors that mean the portal cannot reach its database just now, not that anything is wrong with
// the request or the code: PostgreSQL down, restarting, failing over or out of connections, a
// connection dropped, or SQLite's file held locked longer than its busy timeout. The HTTP layer
// answers them 503 with Retry-After (error code `unavailable`), so clients and load balancers try
// again instead of reporting a bug.

/** Node's socket errors when the server cannot be reached or drops the connection. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * PostgreSQL's SQLSTATEs of the same kind: class 08 (connection exceptions, by prefix), the server
 * shutting down or starting (57P01-57P03), too many connections (53300), and a read-only server
 * (25006: a standby, during a failover).
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '25006']);

/** node-postgres's own words for a connection that ended or could not be had in time. */
const DRIVER_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /not queryable/, /^The connection broke during a rollback/];

/** SQLite: another connection held the file longer than the busy timeout (SQLITE_BUSY, SQLITE_LOCKED and their extended codes, such as SQLITE_BUSY_RECOVERY). */
const SQLITE = /^SQLITE_(BUSY|LOCKED)(_[A-Z]+)?$/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (NETWORK.has(code) || SQLITE.test(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message))) return true;
  // An AggregateError (several addresses tried) or a wrapped cause.
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
