// HTTP Digest access authentication, client side (RFC 7616): MD5 and SHA-256, with their -sess
// variants, qop=auth. A session per server keeps the challenges it was given and answers them
// pre-emptively with a growing nonce count, so a request costs one round trip instead of two.
import crypto from 'node:crypto';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses WWW-Authenticate values: each may hold several challenges, each a scheme followed by
 * auth-params (token=token or token="quoted string" with backslash escapes), comma-separated.
 */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const value of values) {
    let i = 0;
    let current: Challenge | null = null;
    const skip = () => {
      while (i < value.length && /[\s,]/.test(value[i]!)) i++;
    };
    const token = () => {
      const start = i;
      while (i < value.length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(value[i]!)) i++;
      return value.slice(start, i);
    };
    for (skip(); i < value.length; skip()) {
      const word = token();
      if (!word) break; // not a token: the rest cannot be parsed safely
      let j = i;
      while (j < value.length && value[j] === ' ') j++;
      if (value[j] === '=' && current) {
        i = j + 1;
        while (value[i] === ' ') i++;
        let text = '';
        if (value[i] === '"') {
          for (i++; i < value.length && value[i] !== '"'; i++) text += value[i] === '\\' ? value[++i] ?? '' : value[i];
          i++;
        } else {
          text = token();
        }
        current.params[word.toLowerCase()] = text;
      } else {
        current = { scheme: word.toLowerCase(), params: {} };
        challenges.push(current);
      }
    }
  }
  return challenges;
}

const HASHES: Record<string, string> = { md5: 'md5', 'md5-sess': 'md5', 'sha-256': 'sha256', 'sha-256-sess': 'sha256' };

/** The strongest Digest challenge we support, or null. */
export function pickChallenge(challenges: Challenge[]): Challenge | null {
  const digest = challenges.filter((c) => c.scheme === 'digest' && c.params.nonce && c.params.realm !== undefined);
  const supported = digest.filter((c) => HASHES[(c.params.algorithm ?? 'MD5').toLowerCase()]);
  const qopOk = supported.filter((c) => !c.params.qop || c.params.qop.split(',').map((q) => q.trim()).includes('auth'));
  return qopOk.find((c) => (c.params.algorithm ?? '').toLowerCase().startsWith('sha-256')) ?? qopOk[0] ?? null;
}

// Client nonces come from a pool of random bytes filled 4 KiB at a time: one call into the
// system's generator for 340 requests instead of one each (a call each was about 5% of the
// companion's CPU in bench/discovery's profile).
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomCnonce(): string {
  if (poolAt + 12 > pool.length) {
    pool = crypto.randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 12;
  return pool.toString('hex', poolAt - 12, poolAt);
}

/** One challenge answered by one request at a time, so its nonce counts arrive in order. */
export interface DigestSlot {
  challenge: Challenge;
  nc: number;
}

/**
 * The Digest state for one server. Each request in flight leases a slot (a challenge with its own
 * nonce count) and gives it back when answered: requests sent at once then never reach a server
 * that checks counts strictly (Apache does) out of order, which it would take for a wrong password.
 * A request that finds no free slot goes without, and its 401 brings a new nonce for a new slot,
 * up to `maxSlots`; past that it waits for a slot to come back, costing no extra round trip.
 */
export class DigestSession {
  private readonly idle: DigestSlot[] = [];
  private readonly waiters: ((slot: DigestSlot | null) => void)[] = [];
  /** Slots alive: idle, leased, or being made by a request that went without. */
  private total = 0;

  constructor(
    readonly username: string,
    private readonly password: string,
    private readonly maxSlots = 64,
  ) {}

  /**
   * A free slot; null when the caller should go without and bring back a new one from the 401
   * (every known nonce is busy, or none is known yet). Waits when `maxSlots` are all busy.
   */
  lease(signal?: AbortSignal): Promise<DigestSlot | null> {
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    if (this.total < this.maxSlots) {
      this.total++;
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      const waiter = (given: DigestSlot | null) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(given);
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives a slot back after its request was answered. */
  release(slot: DigestSlot): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(slot);
    else this.idle.push(slot);
  }

  /** The caller's slot (or reservation) is gone: its request failed, or its nonce was refused. */
  drop(): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(null); // it may make a new slot in this one's place
    else this.total--;
  }

  /** Drops every idle slot (their nonces were refused). */
  forget(): void {
    this.total -= this.idle.length;
    this.idle.length = 0;
  }

  /** A new slot from a 401's challenges; null when there is none we can answer. */
  slotFor(values: readonly string[]): DigestSlot | null {
    const picked = pickChallenge(parseChallenges(values));
    return picked ? { challenge: picked, nc: 0 } : null;
  }

  /** H(user:realm:password) is the same for every request to a realm: worked out once. */
  private readonly ha1s = new Map<string, string>();
  private baseHa1(hash: string, realm: string, h: (text: string) => string): string {
    const key = `${hash}\0${realm}`;
    let value = this.ha1s.get(key);
    if (value === undefined) this.ha1s.set(key, (value = h(`${this.username}:${realm}:${this.password}`)));
    return value;
  }

  /** The Authorization header for one request on `slot`. */
  authorize(slot: DigestSlot, method: string, uri: string, cnonce = randomCnonce()): string {
    const c = slot.challenge;
    const algorithm = c.params.algorithm ?? 'MD5';
    const hash = HASHES[algorithm.toLowerCase()]!;
    const h = (text: string) => crypto.createHash(hash).update(text, 'utf8').digest('hex');
    const realm = c.params.realm ?? '';
    const nonce = c.params.nonce!;
    const nc = (++slot.nc).toString(16).padStart(8, '0');
    let ha1 = this.baseHa1(hash, realm, h);
    if (algorithm.toLowerCase().endsWith('-sess')) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = h(`${method}:${uri}`);
    const qop = c.params.qop ? 'auth' : null;
    const response = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);
    const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
    const parts = [
      `username=${quote(this.username)}`,
      `realm=${quote(realm)}`,
      `nonce=${quote(nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${algorithm}`,
      `response=${quote(response)}`,
    ];
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    if (c.params.opaque !== undefined) parts.push(`opaque=${quote(c.params.opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
