// HTTP Digest access authentication, server side (RFC 7616): MD5 and SHA-256 with their -sess
// variants, qop=auth only. Nonces are self-checking (time, random, HMAC bound to the server), so
// no state is needed to issue them. Nonce counts are checked as Apache's mod_auth_digest checks
// them (AuthDigestNcCheck On): each use of a nonce must carry a count above the last one taken, so
// a replay is refused, and so is a request that overtook another sharing its nonce. A nonce past
// its lifetime, answered with the right password, gets a new challenge with stale=true.
import crypto from 'node:crypto';

export const DIGEST_ALGORITHMS = ['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

export interface Credentials {
  user: string;
  password: string;
}

export interface DigestOptions {
  /** Offered in this order, one challenge each (RFC 7616 section 3.7). */
  algorithms: DigestAlgorithm[];
  realm: string;
  nonceLifetimeMs: number;
}

export type Verdict =
  | { ok: true }
  | { ok: false; stale: boolean; reason: string };

const hashName = (algorithm: string) => (algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5');
const hash = (algorithm: string, text: string) => crypto.createHash(hashName(algorithm)).update(text, 'utf8').digest('hex');

// H(user:realm:password) is the same for every request of a site: keep the few in use.
const ha1Cache = new Map<string, string>();
function baseHa1(algorithm: string, secret: string): string {
  const key = `${hashName(algorithm)}\0${secret}`;
  let value = ha1Cache.get(key);
  if (value === undefined) {
    if (ha1Cache.size > 1000) ha1Cache.clear();
    ha1Cache.set(key, (value = hash(algorithm, secret)));
  }
  return value;
}

/** The request-digest of RFC 7616 section 3.4.1, for qop=auth. */
export function digestResponse(p: { algorithm: string; user: string; realm: string; password: string; method: string; uri: string; nonce: string; nc: string; cnonce: string; qop: string }): string {
  let ha1 = baseHa1(p.algorithm, `${p.user}:${p.realm}:${p.password}`);
  if (p.algorithm.toLowerCase().endsWith('-sess')) ha1 = hash(p.algorithm, `${ha1}:${p.nonce}:${p.cnonce}`);
  const ha2 = hash(p.algorithm, `${p.method}:${p.uri}`);
  return hash(p.algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}

/**
 * Parses the auth-params of an Authorization header (`Digest k=v, k="quoted, \"escaped\""`).
 * Returns null when the header is not Digest or does not follow the grammar.
 */
export function parseDigestAuthorization(header: string): Record<string, string> | null {
  const match = /^\s*Digest\s+/i.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  let i = match[0].length;
  const token = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
  while (i < header.length) {
    token.lastIndex = i;
    const name = token.exec(header);
    if (!name) return null;
    i = token.lastIndex;
    while (header[i] === ' ') i++;
    if (header[i] !== '=') return null;
    i++;
    while (header[i] === ' ') i++;
    let value = '';
    if (header[i] === '"') {
      i++;
      for (; i < header.length && header[i] !== '"'; i++) value += header[i] === '\\' ? (header[++i] ?? '') : header[i];
      if (header[i] !== '"') return null;
      i++;
    } else {
      token.lastIndex = i;
      const bare = token.exec(header);
      if (!bare) return null;
      value = bare[0];
      i = token.lastIndex;
    }
    const key = name[0].toLowerCase();
    if (key in params) return null; // a repeated parameter is ambiguous: refuse it
    params[key] = value;
    while (header[i] === ' ') i++;
    if (i < header.length) {
      if (header[i] !== ',') return null;
      i++;
      while (header[i] === ' ') i++;
    }
  }
  return params;
}

/** Constant-time comparison of two strings. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

export class DigestAuthority {
  private readonly secret = crypto.randomBytes(32);
  /** Nonces issued before this instant are stale (lets a test expire every nonce at once). */
  private epoch = 0;
  /** "serverKey|nonce" -> the last nonce count accepted. */
  private readonly used = new Map<string, number>();

  constructor(public options: DigestOptions) {}

  /** Makes every nonce issued so far stale. */
  expireNonces(): void {
    this.epoch = Date.now() + 1;
    this.used.clear();
  }

  /** WWW-Authenticate values for a 401, one per algorithm offered. */
  challenge(serverKey: string, stale: boolean): string[] {
    const nonce = this.makeNonce(serverKey);
    const opaque = this.opaque(serverKey);
    return this.options.algorithms.map(
      (algorithm) => `Digest realm=${quote(this.options.realm)}, qop="auth", algorithm=${algorithm}, nonce=${quote(nonce)}, opaque=${quote(opaque)}${stale ? ', stale=true' : ''}`,
    );
  }

  verify(serverKey: string, credentials: Credentials, method: string, requestUri: string, header: string | undefined): Verdict {
    if (!header) return { ok: false, stale: false, reason: 'no Authorization header' };
    const p = parseDigestAuthorization(header);
    if (!p) return { ok: false, stale: false, reason: 'the Authorization header is not a well-formed Digest answer' };
    const { username, realm, nonce, uri, response, qop, nc, cnonce, opaque } = p;
    const algorithm = p.algorithm ?? 'MD5';
    if (!username || realm === undefined || !nonce || !uri || !response || !nc || !cnonce) return { ok: false, stale: false, reason: 'a Digest parameter is missing' };
    if (qop !== 'auth') return { ok: false, stale: false, reason: 'only qop=auth is supported' };
    const offered = this.options.algorithms.find((a) => a.toLowerCase() === algorithm.toLowerCase());
    if (!offered) return { ok: false, stale: false, reason: `algorithm ${algorithm} was not offered` };
    if (realm !== this.options.realm) return { ok: false, stale: false, reason: 'wrong realm' };
    if (uri !== requestUri) return { ok: false, stale: false, reason: 'the uri parameter is not the request URI' };
    if (opaque !== undefined && opaque !== this.opaque(serverKey)) return { ok: false, stale: false, reason: 'wrong opaque' };
    if (!/^[0-9a-fA-F]{8}$/.test(nc)) return { ok: false, stale: false, reason: 'nc must be 8 hex digits' };
    const age = this.nonceAge(serverKey, nonce);
    if (age === null) return { ok: false, stale: false, reason: 'the nonce was not issued by this server' };
    // Compare the digest before judging the nonce's age: stale=true is for a right password only.
    const expected = digestResponse({ algorithm: offered, user: credentials.user, realm: this.options.realm, password: credentials.password, method, uri, nonce, nc, cnonce, qop });
    const right = username === credentials.user && sameText(response.toLowerCase(), expected);
    if (!right) return { ok: false, stale: false, reason: 'wrong user name or password' };
    if (age === 'stale') return { ok: false, stale: true, reason: 'the nonce has expired' };
    const count = parseInt(nc, 16);
    const entry = `${serverKey}|${nonce}`;
    const last = this.used.get(entry) ?? 0;
    if (count <= last) return { ok: false, stale: false, reason: `the nonce count ${count} is not above ${last}, the last one taken (a replay, or requests sharing a nonce arriving out of order)` };
    if (!this.used.has(entry) && this.used.size > 100_000) this.sweep();
    this.used.set(entry, count);
    return { ok: true };
  }

  private makeNonce(serverKey: string): string {
    const issued = Date.now().toString(36);
    const random = crypto.randomBytes(9).toString('base64url');
    return `${issued}.${random}.${this.mac(`${serverKey}|${issued}|${random}`)}`;
  }

  /** Milliseconds since issue, 'stale' past the lifetime, null when forged or for another server. */
  private nonceAge(serverKey: string, nonce: string): number | 'stale' | null {
    const [issued, random, mac, ...rest] = nonce.split('.');
    if (!issued || !random || !mac || rest.length) return null;
    // A nonce already in the table was checked when first used; only its age can change.
    if (!this.used.has(`${serverKey}|${nonce}`) && !sameText(mac, this.mac(`${serverKey}|${issued}|${random}`))) return null;
    const at = parseInt(issued, 36);
    const age = Date.now() - at;
    return at < this.epoch || age > this.options.nonceLifetimeMs ? 'stale' : age;
  }

  private readonly opaques = new Map<string, string>();
  private opaque(serverKey: string): string {
    let value = this.opaques.get(serverKey);
    if (value === undefined) this.opaques.set(serverKey, (value = this.mac(`opaque|${serverKey}`)));
    return value;
  }

  private mac(text: string): string {
    return crypto.createHmac('sha256', this.secret).update(text).digest('base64url').slice(0, 22);
  }

  /** Forgets the counts of nonces too old to be accepted anyway. */
  private sweep(): void {
    for (const entry of this.used.keys()) {
      const at = parseInt(entry.slice(entry.lastIndexOf('|') + 1).split('.')[0] ?? '', 36);
      if (!(Date.now() - at <= this.options.nonceLifetimeMs) || at < this.epoch) this.used.delete(entry);
    }
  }
}
