// Sends what the mail queue holds. Edits write their mail into the queue in the same transaction
// as the change, so a crash or a dead SMTP server loses nothing: unsent mail is retried with
// growing pauses. Without SMTP configured, each message is written to the outbox folder as an
// .eml file (works air-gapped; any mail client opens it).
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
}

const RETRY_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];
const BATCH = 50;

export class MailDispatcher {
  private readonly transport: Transporter;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: PortalStore,
    private readonly options: MailOptions,
  ) {
    // Pooled: a batch shares a few SMTP connections instead of opening one per message.
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(`${options.smtpUrl}${options.smtpUrl.includes('?') ? '&' : '?'}pool=true&maxConnections=4`)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    if (!options.smtpUrl) fs.mkdirSync(options.outboxDir, { recursive: true });
    this.timer = setInterval(() => this.kick(), 5_000);
    this.timer.unref();
  }

  /** Sends what is due now; a kick during a run makes one more run after it. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })()
      // A database error (disk full, locked) must not take the portal down: the queue is tried again on the next kick.
      .catch((error: unknown) => console.error('[mail] the mail queue could not be read or updated:', error))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** A batch at a time, sent side by side and recorded in one transaction, so mail keeps up with a burst of edits. */
  private async drain() {
    for (;;) {
      const due = await this.store.pendingMail(Date.now(), BATCH);
      const outcomes = await Promise.allSettled(due.map((mail) => this.send(mail)));
      const sent: number[] = [];
      const failed: { id: number; error: string; nextTryAt: number }[] = [];
      outcomes.forEach((outcome, i) => {
        const mail = due[i]!;
        if (outcome.status === 'fulfilled') sent.push(mail.id);
        else failed.push({ id: mail.id, error: (outcome.reason as Error).message, nextTryAt: Date.now() + RETRY_MS[Math.min(mail.attempts, RETRY_MS.length - 1)]! });
      });
      if (due.length) await this.store.mailOutcomes(sent, failed, new Date().toISOString());
      if (due.length < BATCH) return;
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
    clearInterval(this.timer);
    await this.running;
    this.transport.close();
  }
}
