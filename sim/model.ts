// The simulated site: which servers exist, what they answer, how they hang together.
// Deterministic from a seed, so a test or a benchmark can be repeated exactly.
import type { ServerKind } from '../shared/domain/server.js';

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

export class SimSite {
  readonly servers = new Map<string, SimServer>();
  private readonly random: () => number;

  constructor(spec: SiteSpec) {
    this.random = seededRandom(spec.seed ?? 1);
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
  }

  private add(server: Omit<SimServer, 'systemId' | 'ewsEnabled'>): void {
    this.servers.set(server.key, { ...server, systemId: makeSystemId(this.random), ewsEnabled: true });
  }

  get(key: string): SimServer | undefined {
    return this.servers.get(key);
  }

  children(key: string): SimServer[] {
    return [...this.servers.values()].filter((s) => s.parent === key);
  }

  /** A database wipe: the server comes back with a new System ID. */
  wipe(key: string): SimServer {
    const server = this.require(key);
    server.systemId = makeSystemId(this.random);
    return server;
  }

  require(key: string): SimServer {
    const server = this.servers.get(key);
    if (!server) throw new Error(`No simulated server "${key}".`);
    return server;
  }
}
