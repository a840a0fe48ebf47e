// Writes a registration to a lead and every shadow through an outbox: each server is one row that
// stays until the server has it. Failures are retried with growing pauses, then left for the user
// to retry; every server's result can be shown.
import type { Db } from '../../../shared/node/sqlite.js';
import type { Registration } from '../../../shared/domain/server.js';
import { ConnectorError, type SiteConnector } from '../connectors/connector.js';
import { say } from '../../../shared/messages/say.js';

/** Pauses before attempts 2, 3, ...; after the last one a row is 'failed' until retried. */
export const RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000] as const;

export interface PropagationTarget {
  address: string;
  systemId: string;
}

export interface PropagationRow {
  address: string;
  systemId: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  lastError: string | null;
  doneAt: string | null;
}

export interface PropagationBatch {
  id: number;
  leadAddress: string;
  reason: string;
  createdAt: string;
  rows: PropagationRow[];
}

interface OutboxRow {
  batch_id: number;
  address: string;
  system_id: string;
  state: PropagationRow['state'];
  attempts: number;
  last_error: string | null;
  done_at: string | null;
}

export type RegistrationWriter = Required<Pick<SiteConnector, 'writeRegistration' | 'readIdentity'>>;

/** The server at the address is no longer the one the registration was made for. */
class ReplacedServerError extends Error {}

export class Propagation {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records what to write, to whom, in one transaction. Shadows carry the lead's System ID. */
  enqueue(lead: PropagationTarget, shadows: PropagationTarget[], registration: Registration, reason: string): number {
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO propagation_batches (lead_address, registration_json, reason, created_at) VALUES (?, ?, ?, ?)')
        .run(lead.address, JSON.stringify(registration), reason, at);
      const batch = Number(lastInsertRowid);
      // A newer registration for a server replaces whatever older one it still waited for.
      const superseded = this.db.prepare("DELETE FROM propagation_outbox WHERE address = ? AND state <> 'done' AND batch_id <> ?");
      const add = this.db.prepare("INSERT INTO propagation_outbox (batch_id, address, system_id, state, next_attempt_at) VALUES (?, ?, ?, 'pending', ?)");
      for (const target of [lead, ...shadows]) {
        superseded.run(target.address, batch);
        add.run(batch, target.address, target.systemId, at);
      }
      return batch;
    })();
  }

  /** What each server of a batch has: done, waiting, or failed with the reason. */
  batch(id: number): PropagationBatch | null {
    const head = this.db.prepare('SELECT id, lead_address, reason, created_at FROM propagation_batches WHERE id = ?').get(id) as
      | { id: number; lead_address: string; reason: string; created_at: string }
      | undefined;
    if (!head) return null;
    const rows = this.db.prepare('SELECT * FROM propagation_outbox WHERE batch_id = ? ORDER BY address').all(id) as OutboxRow[];
    return {
      id: head.id,
      leadAddress: head.lead_address,
      reason: head.reason,
      createdAt: head.created_at,
      rows: rows.map((r) => ({ address: r.address, systemId: r.system_id, state: r.state, attempts: r.attempts, lastError: r.last_error, doneAt: r.done_at })),
    };
  }

  /** Makes the rows of a batch that are not done due now: failed ones, and ones waiting for their next try. */
  retry(id: number): number {
    return this.db.prepare("UPDATE propagation_outbox SET state = 'pending', next_attempt_at = ? WHERE batch_id = ? AND state <> 'done'").run(this.now().toISOString(), id).changes;
  }

  /** When the next row is due, or null when nothing waits. */
  nextDue(): Date | null {
    const row = this.db.prepare("SELECT min(next_attempt_at) AS at FROM propagation_outbox WHERE state = 'pending'").get() as { at: string | null };
    return row.at ? new Date(row.at) : null;
  }

  /** Writes every due row, `concurrency` at a time. Returns how many were written. */
  async runDue(
    writer: RegistrationWriter,
    concurrency = 8,
    signal?: AbortSignal,
    onWritten?: (address: string, registration: Registration, batchId: number) => void,
  ): Promise<{ written: number; failed: number }> {
    const due = this.db
      .prepare(
        `SELECT o.*, b.registration_json FROM propagation_outbox o JOIN propagation_batches b ON b.id = o.batch_id
         WHERE o.state = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at`,
      )
      .all(this.now().toISOString()) as (OutboxRow & { registration_json: string })[];
    let written = 0;
    let failed = 0;
    let index = 0;
    const markDone = this.db.prepare("UPDATE propagation_outbox SET state = 'done', attempts = attempts + 1, last_error = NULL, done_at = ? WHERE batch_id = ? AND address = ?");
    const markFailed = this.db.prepare('UPDATE propagation_outbox SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE batch_id = ? AND address = ?');
    const work = async () => {
      while (index < due.length && !signal?.aborted) {
        const row = due[index++]!;
        const registration = JSON.parse(row.registration_json) as Registration;
        try {
          // A registration belongs to a System ID, not an address: after a wipe or a swap, writing would give it to another system.
          const { systemId } = await writer.readIdentity(row.address, signal);
          if (systemId !== row.system_id) {
            throw new ReplacedServerError(say('registration.serverReplaced', { address: row.address, systemId, expected: row.system_id }));
          }
          await writer.writeRegistration(row.address, registration, signal);
          markDone.run(this.now().toISOString(), row.batch_id, row.address);
          onWritten?.(row.address, registration, row.batch_id);
          written++;
        } catch (error) {
          const attempts = row.attempts + 1;
          // Trying again cannot help a server that is another system now.
          const delay = error instanceof ReplacedServerError ? undefined : RETRY_DELAYS_MS[attempts - 1];
          const reason = error instanceof ConnectorError || error instanceof ReplacedServerError ? error.message : say('common.unexpectedError', { error: (error as Error).message });
          const next = new Date(this.now().getTime() + (delay ?? 0)).toISOString();
          markFailed.run(delay === undefined ? 'failed' : 'pending', attempts, reason, next, row.batch_id, row.address);
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, work));
    return { written, failed };
  }
}
