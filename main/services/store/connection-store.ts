// The site connection: targets, credentials (sealed), and certificates the user trusted.
import type { Db } from '../../../shared/node/sqlite.js';
import type { ConnectionView } from '../../../shared/domain/connection.js';
import type { Credentials, PinnedCertificate } from '../connectors/ews/http-transport.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { say } from '../../../shared/messages/say.js';

export interface SavedConnection {
  targets: string;
  username: string | null;
  password: string | null | undefined; // undefined: keep what is saved
  concurrency: number;
  timeoutMs: number;
  perServer: { address: string; username: string; password: string | undefined }[];
}

interface ConnectionRow {
  targets: string;
  username: string | null;
  password_sealed: string | null;
  concurrency: number;
  timeout_ms: number;
}

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_TIMEOUT_MS = 10_000;

export class ConnectionStore {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {}

  private row(): ConnectionRow | undefined {
    return this.db.prepare('SELECT targets, username, password_sealed, concurrency, timeout_ms FROM site_connection WHERE id = 1').get() as ConnectionRow | undefined;
  }

  view(): ConnectionView {
    const row = this.row();
    const perServer = this.db.prepare('SELECT address, username FROM server_credentials ORDER BY address').all() as { address: string; username: string }[];
    const trusted = this.db.prepare('SELECT host_port AS hostPort, fingerprint256, subject, trusted_at AS trustedAt FROM trusted_certificates ORDER BY host_port').all() as ConnectionView['trusted'];
    return {
      targets: row?.targets ?? '',
      username: row?.username ?? null,
      hasPassword: !!row?.password_sealed,
      concurrency: row?.concurrency ?? DEFAULT_CONCURRENCY,
      timeoutSeconds: (row?.timeout_ms ?? DEFAULT_TIMEOUT_MS) / 1000,
      perServer: perServer.map((p) => ({ ...p, hasPassword: true })),
      trusted,
    };
  }

  save(input: SavedConnection, at = new Date().toISOString()): void {
    const before = this.row();
    // A password belongs to a user name: no user name, no password kept.
    const sealed =
      input.username === null || input.password === '' || input.password === null
        ? null
        : input.password === undefined
          ? (before?.password_sealed ?? null)
          : this.secrets.seal(input.password);
    const keptServerPasswords = new Map(
      (this.db.prepare('SELECT address, password_sealed FROM server_credentials').all() as { address: string; password_sealed: string }[]).map((r) => [r.address, r.password_sealed]),
    );
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO site_connection (id, targets, username, password_sealed, concurrency, timeout_ms, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET targets = excluded.targets, username = excluded.username, password_sealed = excluded.password_sealed,
             concurrency = excluded.concurrency, timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at`,
        )
        .run(input.targets, input.username, sealed, input.concurrency, input.timeoutMs, at);
      this.db.prepare('DELETE FROM server_credentials').run();
      const add = this.db.prepare('INSERT INTO server_credentials (address, username, password_sealed) VALUES (?, ?, ?)');
      for (const p of input.perServer) {
        const password = p.password !== undefined ? this.secrets.seal(p.password) : keptServerPasswords.get(p.address);
        if (password === undefined) throw new Error(say('site.enterPasswordFor', { address: p.address }));
        add.run(p.address, p.username, password);
      }
    })();
  }

  timeoutMs(): number {
    return this.row()?.timeout_ms ?? DEFAULT_TIMEOUT_MS;
  }

  concurrency(): number {
    return this.row()?.concurrency ?? DEFAULT_CONCURRENCY;
  }

  targets(): string {
    return this.row()?.targets ?? '';
  }

  /** Credentials for one server: its own if set, else the site's. Read by the connector only. */
  credentialsResolver(): (address: string) => Credentials | null {
    const row = this.row();
    const site = row?.username && row.password_sealed ? { username: row.username, password: this.secrets.open(row.password_sealed) } : null;
    const perServer = new Map(
      (this.db.prepare('SELECT address, username, password_sealed FROM server_credentials').all() as { address: string; username: string; password_sealed: string }[]).map((r) => [
        r.address,
        { username: r.username, password: this.secrets.open(r.password_sealed) },
      ]),
    );
    return (address) => perServer.get(address) ?? site;
  }

  /** The certificate trusted for one host:port, read now (a trust given since counts). */
  pinFor(hostPort: string): PinnedCertificate | null {
    const row = this.db.prepare('SELECT pem, fingerprint256 FROM trusted_certificates WHERE host_port = ?').get(hostPort) as PinnedCertificate | undefined;
    return row ? { pem: row.pem, fingerprint256: row.fingerprint256 } : null;
  }

  /** Every trusted certificate at once, for a site read that reaches many servers. */
  pinResolver(): (hostPort: string) => PinnedCertificate | null {
    const pins = new Map(
      (this.db.prepare('SELECT host_port, pem, fingerprint256 FROM trusted_certificates').all() as { host_port: string; pem: string; fingerprint256: string }[]).map((r) => [
        r.host_port,
        { pem: r.pem, fingerprint256: r.fingerprint256 },
      ]),
    );
    return (hostPort) => pins.get(hostPort) ?? null;
  }

  trust(hostPort: string, certificate: PinnedCertificate & { subject: string }, at = new Date().toISOString()): void {
    this.db
      .prepare(
        `INSERT INTO trusted_certificates (host_port, pem, fingerprint256, subject, trusted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (host_port) DO UPDATE SET pem = excluded.pem, fingerprint256 = excluded.fingerprint256, subject = excluded.subject, trusted_at = excluded.trusted_at`,
      )
      .run(hostPort, certificate.pem, certificate.fingerprint256, certificate.subject, at);
  }

  distrust(hostPort: string): boolean {
    return this.db.prepare('DELETE FROM trusted_certificates WHERE host_port = ?').run(hostPort).changes > 0;
  }
}
