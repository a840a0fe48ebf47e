// The portal's configuration: defaults, then a JSON file (--config or PORTAL_CONFIG), then
// environment variables, then command-line flags. Every value is checked; a bad one stops the
// start with a message that names it.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')]);

export const PortalConfig = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8443),
  /**
   * The portal's address as people reach it (behind a proxy: the proxy's), for the links in its
   * mail. Default: the address it listens on.
   */
  publicUrl: z
    .string()
    .url('Give the public address as http(s)://host[:port][/path].')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'The public address must start with http:// or https://.')
    .optional(),
  dataDir: z.string().min(1).default('.data/portal'),
  /**
   * The database: postgres://user:password@host:port/database (also postgresql://) for PostgreSQL,
   * shared by every instance of the portal; on the same machine also through its Unix socket,
   * postgres:///database?host=/var/run/postgresql&user=portal. Default: SQLite, portal.sqlite in dataDir.
   */
  databaseUrl: z
    .string()
    .refine((u) => URL.canParse(u), 'Give the database as postgres://user:password@host:port/database (or postgres:///database?host=/socket/folder&user=name).')
    .refine((u) => !URL.canParse(u) || /^postgres(ql)?:$/.test(new URL(u).protocol), 'The database address must start with postgres:// or postgresql://.')
    .refine((u) => !URL.canParse(u) || new URL(u).hostname !== '' || new URL(u).searchParams.get('host')?.startsWith('/') === true, 'Name the database server: a host (postgres://user@host/database) or a socket folder (postgres:///database?host=/var/run/postgresql&user=name).')
    .optional(),
  /** Where the signing and sealing keys live; made on first start. Default: dataDir/keys. */
  keysDir: z.string().min(1).optional(),
  /** How long a session lasts after log-on. */
  sessionTtlSeconds: z.coerce.number().int().min(1).max(30 * 24 * 3600).default(12 * 3600),
  /** Branch accounts are vendor staff: sign-up as Branch is refused unless this is on. */
  branchSignUp: Bool.default(false),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per address). */
  trustProxy: Bool.default(false),
  /** Failed log-ons allowed in 15 minutes, per account and per client address. */
  failedLogOnsPerAccount: z.coerce.number().int().min(1).default(5),
  failedLogOnsPerAddress: z.coerce.number().int().min(1).default(50),
  /** Sign-ups accepted per minute, from one client address and from everyone. */
  signUpsPerMinutePerAddress: z.coerce.number().int().min(1).default(10),
  signUpsPerMinute: z.coerce.number().int().min(1).default(120),
  /** Verification mails sent again per minute, from one client address and from everyone. */
  verificationMailsPerMinutePerAddress: z.coerce.number().int().min(1).default(3),
  verificationMailsPerMinute: z.coerce.number().int().min(1).default(60),
  /** Password hashes run at once (scrypt: ~32 MiB and ~0.1 s of a core each); default: the number of cores. */
  passwordHashSlots: z.coerce.number().int().min(1).max(64).optional(),
  /** Sign-ups that may wait for a hash slot; more are refused with 429. */
  signUpQueue: z.coerce.number().int().min(0).max(10_000).default(32),
  /** Log lines at this level and above, JSON on stdout; 'silent' for none. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], { error: 'The log level is one of fatal, error, warn, info, debug or silent.' }).default('info'),
  /** This instance's name in logs and metrics. Default: host name and process id. */
  instance: z.string().min(1).max(100).optional(),
  /** The bearer token a Prometheus scraper sends for /metrics; without it, /metrics answers direct local connections only. */
  metricsToken: z.string().min(16, 'The metrics token must have at least 16 characters.').optional(),
  /** On SIGTERM: seconds /readyz answers 503 before the listener closes, so a proxy stops sending first. */
  shutdownDrainSeconds: z.coerce.number().min(0).max(300).default(0),
  /** On SIGTERM: seconds requests in flight may take before the process exits anyway. */
  shutdownGraceSeconds: z.coerce.number().min(1).max(3600).default(25),
  mail: z
    .strictObject({
      from: z.string().default('BMS Registration Portal <no-reply@portal.invalid>'),
      /**
       * Where replies go (Reply-To), and the address mail names for objections ("this was not me").
       * Default: none, so mail says to contact the portal's operator.
       */
      support: z.string().optional(),
      /** Without SMTP, mail is written here as .eml files. Default: dataDir/outbox. */
      outboxDir: z.string().optional(),
      /** smtp://user:pass@host:port or smtps://...; when set, mail is sent, not written to the outbox. */
      smtpUrl: z.string().url('Give the SMTP server as smtp://user:password@host:port.').optional(),
      /**
       * How long an instance holds the mail it took from the queue; a message whose instance died
       * mid-send is tried again by another after this. Longer than any one send can take.
       */
      leaseSeconds: z.coerce.number().int().min(1).max(86_400).default(900),
    })
    .default({ from: 'BMS Registration Portal <no-reply@portal.invalid>', leaseSeconds: 900 }),
});
export type PortalConfig = z.infer<typeof PortalConfig> & { keysDir: string; mail: { outboxDir: string } };

const ENV: Record<string, string> = {
  PORTAL_HOST: 'host',
  PORTAL_PORT: 'port',
  PORTAL_DATA_DIR: 'dataDir',
  PORTAL_DATABASE_URL: 'databaseUrl',
  PORTAL_LOG_LEVEL: 'logLevel',
  PORTAL_INSTANCE: 'instance',
  PORTAL_METRICS_TOKEN: 'metricsToken',
  PORTAL_SHUTDOWN_DRAIN_SECONDS: 'shutdownDrainSeconds',
  PORTAL_SHUTDOWN_GRACE_SECONDS: 'shutdownGraceSeconds',
  PORTAL_MAIL_LEASE_SECONDS: 'mail.leaseSeconds',
  PORTAL_KEYS_DIR: 'keysDir',
  PORTAL_SESSION_TTL_SECONDS: 'sessionTtlSeconds',
  PORTAL_BRANCH_SIGNUP: 'branchSignUp',
  PORTAL_TRUST_PROXY: 'trustProxy',
  PORTAL_FAILED_LOGONS_PER_ACCOUNT: 'failedLogOnsPerAccount',
  PORTAL_FAILED_LOGONS_PER_ADDRESS: 'failedLogOnsPerAddress',
  PORTAL_PUBLIC_URL: 'publicUrl',
  PORTAL_SIGNUPS_PER_MINUTE_PER_ADDRESS: 'signUpsPerMinutePerAddress',
  PORTAL_SIGNUPS_PER_MINUTE: 'signUpsPerMinute',
  PORTAL_VERIFICATION_MAILS_PER_MINUTE_PER_ADDRESS: 'verificationMailsPerMinutePerAddress',
  PORTAL_VERIFICATION_MAILS_PER_MINUTE: 'verificationMailsPerMinute',
  PORTAL_PASSWORD_HASH_SLOTS: 'passwordHashSlots',
  PORTAL_SIGNUP_QUEUE: 'signUpQueue',
  PORTAL_MAIL_SUPPORT: 'mail.support',
  PORTAL_MAIL_FROM: 'mail.from',
  PORTAL_MAIL_OUTBOX: 'mail.outboxDir',
  PORTAL_SMTP_URL: 'mail.smtpUrl',
};

function setPath(target: Record<string, unknown>, dotted: string, value: unknown) {
  const [head, tail] = dotted.split('.') as [string, string | undefined];
  if (tail === undefined) target[head] = value;
  else target[head] = { ...(target[head] as Record<string, unknown> | undefined), [tail]: value };
}

export function loadPortalConfig(options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown> } = {}): PortalConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PORTAL_CONFIG;
  let merged: Record<string, unknown> = {};
  if (file) {
    try {
      merged = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`Cannot read the portal configuration file ${file}: ${(error as Error).message}`);
    }
  }
  for (const [name, key] of Object.entries(ENV)) if (env[name] !== undefined) setPath(merged, key, env[name]);
  for (const [key, value] of Object.entries(options.overrides ?? {})) setPath(merged, key, value);
  const parsed = PortalConfig.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new Error(`The portal configuration is not valid:\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(parsed.data.dataDir);
  return {
    ...parsed.data,
    dataDir,
    keysDir: path.resolve(parsed.data.keysDir ?? path.join(dataDir, 'keys')),
    mail: { ...parsed.data.mail, outboxDir: path.resolve(parsed.data.mail.outboxDir ?? path.join(dataDir, 'outbox')) },
  };
}
