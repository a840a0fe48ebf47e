// The simulated site: which servers exist, what they hold, how they hang together, which are
// broken. Deterministic from a seed, so a test or a benchmark can be repeated exactly. Every change
// goes through a method here, so answers cached per server can be dropped when it changes.
import type { Registration, ServerKind } from '../shared/domain/server.js';
import { DigestAuthority, type Credentials, type DigestAlgorithm } from './digest-auth.js';
import { DEFAULT_FAULT_LATENCY_MS, FAILING_KINDS, type Fault, type FaultKind } from './faults.js';
import { applyFields, emptyRegistration } from './registration.js';

export interface SimServer {
  /** Path segment that tells this server apart on the shared port ('' for the site's top server). */
  key: string;
  kind: ServerKind;
  name: string;
  model: string;
  version: string;
  systemId: string;
  /** Key of the server this one is attached to; null when at the top or stand-alone. */
  parent: string | null;
  ewsEnabled: boolean;
  /** EWS Value Write Mode: ReadWrite (true) or ReadOnly (false), as set in the server's EWS settings. */
  writable: boolean;
  /** Whether it gives the Address item of the servers attached to it (off: INVALID_ID, as a server might). */
  exposesAddresses: boolean;
  registration: Registration;
  /** This server's own user and password; null to use the site's. */
  credentials: Credentials | null;
  fault: Fault | null;
  /** Grows on every change to what the server answers (its own data or its list of children). */
  rev: number;
}

export interface AuthSpec {
  user: string;
  password: string;
  /** Offered in this order; SHA-256 unless set. */
  algorithms?: DigestAlgorithm[];
  realm?: string;
  nonceLifetimeMs?: number;
}

export interface SiteSpec {
  /** Enterprise Central at the top (then `es` Enterprise Servers below it). */
  ec?: boolean;
  /** Number of Enterprise Servers. */
  es: number;
  /** Automation servers per Enterprise Server. */
  asPerEs: number;
  /** Stand-alone automation servers. */
  standalone?: number;
  seed?: number;
  /** HTTP Digest for every server with these credentials; none when absent. */
  auth?: AuthSpec | null;
  /** Added to every EWS request of every server, in ms. */
  latencyMs?: number;
  /** Share of all servers (0..1) made faulty, chosen among the automation servers. */
  faulty?: number;
  /** Kinds mixed over the faulty servers; the failing kinds unless set. */
  faultKinds?: FaultKind[];
  /** Delay of a "latency" fault, in ms. */
  faultLatencyMs?: number;
  /** How long a "timeout" server holds a request before closing its socket, in ms. */
  hangMs?: number;
}

export class SimError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** mulberry32: small, fast and good enough to make repeatable IDs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to give each server its own repeatable random stream. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// The simulator's own System ID format: mixed case on purpose, so that case errors show.
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export function makeSystemId(random: () => number): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 8 || i === 12) out += '-';
    out += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  }
  return out;
}

export const DEFAULT_REALM = 'EcoStruxure Web Services';
export const DEFAULT_HANG_MS = 120_000;

export class SimSite {
  readonly servers = new Map<string, SimServer>();
  readonly seed: number;
  /** Digest state for the whole site; used for a server whenever it has credentials. */
  readonly digest: DigestAuthority;
  siteCredentials: Credentials | null;
  latencyMs: number;
  readonly hangMs: number;
  private readonly random: () => number;
  private readonly childIndex = new Map<string, Set<string>>();
  private readonly faultRandom = new Map<string, () => number>();

  constructor(spec: SiteSpec) {
    this.seed = spec.seed ?? 1;
    this.random = seededRandom(this.seed);
    this.latencyMs = spec.latencyMs ?? 0;
    this.hangMs = spec.hangMs ?? DEFAULT_HANG_MS;
    this.siteCredentials = spec.auth ? { user: spec.auth.user, password: spec.auth.password } : null;
    this.digest = new DigestAuthority({
      algorithms: spec.auth?.algorithms?.length ? spec.auth.algorithms : ['SHA-256'],
      realm: spec.auth?.realm ?? DEFAULT_REALM,
      nonceLifetimeMs: spec.auth?.nonceLifetimeMs ?? 300_000,
    });
    const version = '6.0.4.87';
    let top: string | null = null;
    if (spec.ec) {
      this.add({ key: '', kind: 'enterprise-central', name: 'Enterprise Central', model: 'Enterprise Central', version, parent: null });
      top = '';
    }
    for (let e = 1; e <= spec.es; e++) {
      const esKey = spec.ec || spec.es > 1 ? `es-${e}` : '';
      this.add({ key: esKey, kind: 'enterprise-server', name: `ES-${e}`, model: 'Enterprise Server', version, parent: top });
      for (let a = 1; a <= spec.asPerEs; a++) {
        const asKey = `${esKey || 'es-1'}-as-${a}`;
        this.add({ key: asKey, kind: 'automation-server', name: `AS-P-${e}-${a}`, model: 'AS-P', version, parent: esKey });
      }
    }
    for (let s = 1; s <= (spec.standalone ?? 0); s++) {
      this.add({ key: `sa-${s}`, kind: 'automation-server', name: `AS-B-SA-${s}`, model: 'AS-B', version, parent: null });
    }
    if (spec.faulty) this.makeFaulty(spec.faulty, spec.faultKinds?.length ? spec.faultKinds : FAILING_KINDS, spec.faultLatencyMs ?? DEFAULT_FAULT_LATENCY_MS);
  }

  private add(server: Pick<SimServer, 'key' | 'kind' | 'name' | 'model' | 'version' | 'parent'>): void {
    this.servers.set(server.key, { ...server, systemId: makeSystemId(this.random), ewsEnabled: true, writable: true, exposesAddresses: true, registration: emptyRegistration(), credentials: null, fault: null, rev: 0 });
    if (server.parent !== null) this.indexChild(server.parent, server.key);
  }

  private indexChild(parent: string, key: string): void {
    let set = this.childIndex.get(parent);
    if (!set) this.childIndex.set(parent, (set = new Set()));
    set.add(key);
  }

  /** Seeded: the same spec makes the same servers faulty with the same kinds. */
  private makeFaulty(fraction: number, kinds: readonly FaultKind[], latencyMs: number): void {
    // A stream of its own, so asking for faults does not change any System ID.
    const random = seededRandom(this.seed ^ 0x5eed_fa17);
    const candidates = [...this.servers.values()].filter((s) => s.kind === 'automation-server');
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    }
    const count = Math.min(candidates.length, Math.round(fraction * this.servers.size));
    candidates.slice(0, count).forEach((server, i) => {
      const kind = kinds[i % kinds.length]!;
      const fault: Fault = { kind, rate: 1 };
      if (kind === 'latency') fault.latencyMs = latencyMs;
      if (kind === 'malformed-xml') fault.variant = random() < 0.5 ? 'truncated' : 'broken-markup';
      this.setFault(server.key, fault);
    });
  }

  get(key: string): SimServer | undefined {
    return this.servers.get(key);
  }

  require(key: string): SimServer {
    const server = this.servers.get(key);
    if (!server) throw new SimError(404, `No simulated server "${key === '' ? '_top' : key}". GET /_sim/servers lists the keys.`);
    return server;
  }

  children(key: string): SimServer[] {
    const set = this.childIndex.get(key);
    return set ? [...set].map((k) => this.servers.get(k)!) : [];
  }

  /** A database wipe: the server comes back with a new System ID and no registration. */
  wipe(key: string): SimServer {
    const server = this.require(key);
    server.systemId = makeSystemId(this.random);
    server.registration = emptyRegistration();
    server.rev++;
    return server;
  }

  setSystemId(key: string, systemId: string): SimServer {
    const server = this.require(key);
    const id = systemId.trim();
    if (id === '' || id.length > 128) throw new SimError(400, 'A System ID must be 1 to 128 characters after trimming.');
    server.systemId = id;
    server.rev++;
    return server;
  }

  /** A stand-alone automation server becomes a child of an Enterprise Server. */
  attach(key: string, to: string): SimServer {
    const server = this.require(key);
    const es = this.require(to);
    if (server.kind !== 'automation-server') throw new SimError(409, `Only automation servers can be attached; "${label(key)}" is an ${server.kind}.`);
    if (es.kind !== 'enterprise-server') throw new SimError(409, `Automation servers attach to an Enterprise Server; "${label(to)}" is an ${es.kind}.`);
    if (server.parent !== null) throw new SimError(409, `"${label(key)}" is already attached to "${label(server.parent)}": detach it first.`);
    server.parent = to;
    this.indexChild(to, key);
    server.rev++;
    es.rev++;
    return server;
  }

  /** An attached automation server becomes stand-alone again. */
  detach(key: string): SimServer {
    const server = this.require(key);
    if (server.kind !== 'automation-server') throw new SimError(409, `Only automation servers can be detached; "${label(key)}" is an ${server.kind}.`);
    if (server.parent === null) throw new SimError(409, `"${label(key)}" is already stand-alone.`);
    const parent = this.servers.get(server.parent);
    this.childIndex.get(server.parent)?.delete(key);
    server.parent = null;
    server.rev++;
    if (parent) parent.rev++;
    return server;
  }

  setEws(key: string, enabled: boolean): SimServer {
    const server = this.require(key);
    server.ewsEnabled = enabled;
    return server;
  }

  setCredentials(key: string, credentials: Credentials | null): SimServer {
    const server = this.require(key);
    server.credentials = credentials;
    return server;
  }

  /** The credentials a request to this server must carry; null when it asks for none. */
  credentialsOf(server: SimServer): Credentials | null {
    return server.credentials ?? this.siteCredentials;
  }

  setRegistration(key: string, fields: Record<string, unknown>): SimServer {
    const server = this.require(key);
    const result = applyFields(server.registration, fields);
    if (!result.ok) throw new SimError(400, result.problems.map((p) => `${p.id} ${p.message}`).join('; ') + '.');
    server.registration = result.value;
    return server;
  }

  /** What SetValues wrote, already checked item by item. */
  setRegistrationValue(key: string, registration: Registration): SimServer {
    const server = this.require(key);
    server.registration = registration;
    return server;
  }

  setAddressesExposed(key: string, exposed: boolean): SimServer {
    const server = this.require(key);
    server.exposesAddresses = exposed;
    server.rev++;
    return server;
  }

  setWriteMode(key: string, writable: boolean): SimServer {
    const server = this.require(key);
    server.writable = writable;
    return server;
  }

  setFault(key: string, fault: Fault | null): SimServer {
    const server = this.require(key);
    server.fault = fault;
    if (fault && fault.rate < 1) this.faultRandom.set(key, seededRandom(this.seed ^ fnv(key)));
    else this.faultRandom.delete(key);
    return server;
  }

  /** Whether this request to a faulty server fails; a flaky server draws from its own stream. */
  faultFires(server: SimServer): boolean {
    const fault = server.fault;
    if (!fault) return false;
    if (fault.rate >= 1) return true;
    return (this.faultRandom.get(server.key)?.() ?? 0) < fault.rate;
  }

  faulty(): SimServer[] {
    return [...this.servers.values()].filter((s) => s.fault !== null);
  }
}

const label = (key: string) => (key === '' ? '_top' : key);
