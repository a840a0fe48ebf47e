// Sends what the mail queue holds. Edits write their mail into the queue in the same transaction
// as the change, so a crash or a dead SMTP server loses nothing: unsent mail is retried with
// growing pauses. Without SMTP configured, each message is written to the outbox folder as an
// .eml file (works air-gapped; any mail client opens it).
//
// Several instances may drain one queue (PostgreSQL). Each takes a batch with a lease
// (store.pendingMail): no other instance takes those messages until the lease ends or they are
// recorded. Each message is recorded the moment its own send settles: sent once the SMTP server
// accepted it (or the .eml file is in place), failed with its next try otherwise. Delivery is at
// least once, and the window for twice is narrow: an instance killed between the server's
// acceptance and that one UPDATE (a few milliseconds) leaves a message that was delivered but not
// recorded, and it is sent again when its lease ends. SMTP has no exactly-once: a server that
// accepted a message whose acceptance never reached the client gets it again on any retry too.
// A send is started only in the first half of the lease, so one still under way when the lease
// ends (and another instance takes the message) needs an SMTP exchange stuck for half the lease:
// mail.leaseSeconds must stay well above the SMTP timeouts (portal/README.md, Several instances).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { PortalStore, QueuedMail } from '../store/store.js';

export interface MailOptions {
  from: string;
  /** Reply-To of every message: where objections reach a person. */
  support?: string;
  outboxDir: string;
  smtpUrl?: string;
  /** How long a batch taken from the queue is this instance's (store.pendingMail). Default: 900 s. */
  leaseSeconds?: number;
}

const RETRY_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];
const BATCH = 50;
/**
 * Sends in flight at once: SMTP's pooled connections, and as many .eml files when writing to the
 * outbox. Mail is background work: a whole batch of files at once (50) took about a quarter of the
 * portal's write throughput under load, and its write p99 past 50 ms (npm run bench -- portal).
 */
const SENDS_AT_ONCE = 4;
const DEFAULT_LEASE_SECONDS = 900;

type Failure = { id: number; error: string; nextTryAt: number };

/**
 * Records outcomes as they come: the first one of a turn of the event loop schedules a write, and
 * every outcome that settles before it runs (or while it runs) goes into it or the next one: one
 * transaction per group, written one group after the other.
 */
class OutcomeRecorder {
  private sent: number[] = [];
  private failed: Failure[] = [];
  private writing: Promise<void> | null = null;
  /** The first write that failed: the batch stops starting sends, and drain reports it. */
  error: unknown = null;

  constructor(private readonly store: PortalStore) {}

  add(outcome: { sent: number } | Failure) {
    if ('sent' in outcome) this.sent.push(outcome.sent);
    else this.failed.push(outcome);
    this.writing ??= this.write();
  }

  private async write() {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.sent.length || this.failed.length) {
      const sent = this.sent.splice(0);
      const failed = this.failed.splice(0);
      try {
        await this.store.mailOutcomes(sent, failed, new Date().toISOString());
      } catch (error) {
        // Those messages are sent again when their lease ends (or, failed ones, tried again then).
        this.error ??= error;
      }
    }
    this.writing = null;
  }

  /** Resolves once every outcome added so far is written (or its write failed: see error). */
  async settled() {
    while (this.writing) await this.writing;
  }
}

export class MailDispatcher {
  private readonly transport: Transporter;
  private readonly leaseMs: number;
  private running: Promise<void> | null = null;
  private again = false;
  private closing = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: PortalStore,
    private readonly options: MailOptions,
  ) {
    // Pooled: a batch shares a few SMTP connections instead of opening one per message.
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(`${options.smtpUrl}${options.smtpUrl.includes('?') ? '&' : '?'}pool=true&maxConnections=${SENDS_AT_ONCE}`)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    this.leaseMs = (options.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    if (!options.smtpUrl) fs.mkdirSync(options.outboxDir, { recursive: true });
    this.timer = setInterval(() => this.kick(), 5_000);
    this.timer.unref();
  }

  /** Sends what is due now; a kick during a run makes one more run after it. */
  kick(): Promise<void> {
    if (this.closing) return this.running ?? Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.closing);
    })()
      // A database error (disk full, locked) must not take the portal down: the queue is tried again on the next kick.
      .catch((error: unknown) => console.error('[mail] the mail queue could not be read or updated:', error))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /**
   * A batch at a time, sent a few side by side (as many as the SMTP pool has connections, so a send
   * starts when this code starts it, not later in the pool's queue), each recorded as it settles.
   */
  private async drain() {
    for (;;) {
      const takenAt = Date.now();
      const due = await this.store.pendingMail(takenAt, BATCH, this.leaseMs);
      const startBy = takenAt + this.leaseMs / 2;
      const recorder = new OutcomeRecorder(this.store);
      let next = 0;
      const sender = async () => {
        // Past half the lease, or once recording failed, the rest of the batch is left: it is taken
        // again when the lease ends, by this instance or another.
        while (next < due.length && Date.now() < startBy && recorder.error === null) {
          const mail = due[next++]!;
          try {
            await this.send(mail);
            recorder.add({ sent: mail.id });
          } catch (error) {
            recorder.add({ id: mail.id, error: (error as Error).message, nextTryAt: Date.now() + RETRY_MS[Math.min(mail.attempts, RETRY_MS.length - 1)]! });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(SENDS_AT_ONCE, due.length) }, sender));
      await recorder.settled();
      if (recorder.error !== null) throw recorder.error;
      // Stopping: the batch in hand is sent and recorded; the rest waits for the next start (or another instance).
      if (due.length < BATCH || this.closing) return;
      // Let requests in between batches: mail must not starve the API.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async send(mail: QueuedMail) {
    const info = await this.transport.sendMail({
      from: this.options.from,
      ...(this.options.support ? { replyTo: this.options.support } : {}),
      to: mail.recipients,
      subject: mail.subject,
      text: mail.body,
    });
    if (!this.options.smtpUrl) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}-${crypto.randomBytes(3).toString('hex')}.eml`;
      // Written under another name, then renamed: whoever watches the folder never reads half a message.
      const file = path.join(this.options.outboxDir, name);
      await fs.promises.writeFile(`${file}.partial`, info.message as Buffer);
      await fs.promises.rename(`${file}.partial`, file);
    }
  }

  async close() {
    this.closing = true;
    clearInterval(this.timer);
    await this.running;
    this.transport.close();
  }
}
