// A real SMTP server on loopback (smtp-server) that keeps what it receives, for mail tests.
// It can also hold its reply to the DATA of chosen messages (hold): such a message is accepted
// only when released, and one whose client goes away before that (a killed portal) is not
// accepted at all, as with a real server that never got to say 250.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The name the client gave in EHLO (nodemailer: its `name` option, e.g. `?name=...` in the SMTP URL), lower case. */
  client: string;
}

export interface SmtpOptions {
  /** How long a connection may be idle, held replies included. Default: smtp-server's 60 s. */
  socketTimeoutMs?: number;
}

export async function startSmtp(options: SmtpOptions = {}) {
  /** Accepted (answered 250), in that order. */
  const received: ReceivedMail[] = [];
  /** Every message whose data arrived, accepted or not, in that order. */
  const arrived: ReceivedMail[] = [];
  /** Held, their clients still connected. */
  const holding: { mail: ReceivedMail; session: string; accept: () => void }[] = [];
  /** Held until their client went away: never accepted. */
  const dropped: ReceivedMail[] = [];
  let holdIf: ((mail: ReceivedMail) => boolean) | null = null;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...(options.socketTimeoutMs !== undefined ? { socketTimeout: options.socketTimeoutMs } : {}),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          client: String(session.hostNameAppearsAs || ''),
        };
        arrived.push(mail);
        const accept = () => {
          received.push(mail);
          wake();
          callback();
        };
        if (holdIf?.(mail)) holding.push({ mail, session: session.id, accept });
        else accept();
        wake();
      });
    },
    onClose(session) {
      for (let i = holding.length - 1; i >= 0; i--) {
        if (holding[i]!.session !== session.id) continue;
        dropped.push(holding[i]!.mail);
        holding.splice(i, 1);
      }
      wake();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  /** Resolves once `ready()` is true, or rejects with `what` after `ms`. */
  const until = async (ready: () => boolean, what: () => string, ms: number) => {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(what());
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    arrived,
    dropped,
    /** Resolves once `count` messages have arrived in all, or rejects after `ms`. */
    async waitFor(count: number, ms = 10_000) {
      await until(() => received.length >= count, () => `expected ${count} mails, got ${received.length}`, ms);
      return received;
    },
    /** Resolves once `ready()` is true (checked on every arrival, acceptance or drop, and every 200 ms), or rejects after `ms`. */
    until: (ready: () => boolean, what: string, ms = 10_000) => until(ready, () => `${what}: not within ${ms} ms`, ms),
    /** From now on, the reply to the DATA of every message `match` accepts is held until release(); null: none is. */
    hold(match: ((mail: ReceivedMail) => boolean) | null) {
      holdIf = match;
    },
    /** The messages held now, their clients still connected. */
    held: () => holding.map((h) => h.mail),
    /** Accepts the messages held now (their clients still connected); what hold() matches from now on is held still. */
    release() {
      holding.splice(0).forEach((h) => h.accept());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
