// What the user types to say where the site is: addresses, host:port lists and IPv4 ranges, one
// per line or separated by commas. Checked completely before any traffic: a bad entry, a
// duplicate or a range that is too large is refused with the line it is on.
import { normalizeServerAddress } from './address.js';

/** The most addresses one connection may expand to (a full-size site has 2,511 servers). */
export const MAX_TARGETS = 4096;

export interface TargetIssue {
  line: number;
  entry: string;
  message: string;
}

export type TargetsCheck = { ok: true; addresses: string[] } | { ok: false; issues: TargetIssue[] };

const RANGE_RE = /^(?:(https?):\/\/)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\s*-\s*(?:(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.)?(\d{1,3})(?::(\d{1,5}))?$/i;
const CIDR_RE = /^(?:(https?):\/\/)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})(?::(\d{1,5}))?$/i;

const toInt = (parts: string[]) => parts.reduce((n, p) => n * 256 + Number(p), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

function expand(entry: string): { addresses: string[] } | { message: string } {
  const range = RANGE_RE.exec(entry);
  const cidr = range ? null : CIDR_RE.exec(entry);
  if (!range && !cidr) {
    const one = normalizeServerAddress(entry);
    return one.ok ? { addresses: [one.baseUrl] } : { message: one.message };
  }
  const scheme = ((range ?? cidr)![1] ?? 'http').toLowerCase();
  let first: number;
  let last: number;
  let port: string | undefined;
  if (range) {
    const start = range.slice(2, 6);
    const end = range[6] ? range.slice(6, 10) : [...start.slice(0, 3), range[9]!];
    if ([...start, ...end].some((p) => Number(p) > 255)) return { message: 'Each part of an IPv4 address is 0 to 255.' };
    first = toInt(start);
    last = toInt(end);
    port = range[10];
    if (last < first) return { message: 'A range goes from the lower address to the higher one.' };
  } else {
    const base = cidr!.slice(2, 6);
    const bits = Number(cidr![6]);
    if (base.some((p) => Number(p) > 255)) return { message: 'Each part of an IPv4 address is 0 to 255.' };
    if (bits < 16 || bits > 32) return { message: 'Use a prefix from /16 to /32.' };
    const size = 2 ** (32 - bits);
    first = Math.floor(toInt(base) / size) * size;
    last = first + size - 1;
    if (bits <= 30) {
      first += 1; // skip the network and broadcast addresses
      last -= 1;
    }
    port = cidr![7];
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { message: 'A port is 1 to 65535.' };
  const count = last - first + 1;
  if (count > MAX_TARGETS) return { message: `This range holds ${count.toLocaleString('en')} addresses; at most ${MAX_TARGETS.toLocaleString('en')} can be read at once. Split it or narrow it.` };
  const addresses: string[] = [];
  for (let n = first; n <= last; n++) addresses.push(`${scheme}://${toIp(n)}${port ? `:${port}` : ''}`);
  return { addresses };
}

export function parseTargets(text: string): TargetsCheck {
  const issues: TargetIssue[] = [];
  const seen = new Map<string, number>();
  const addresses: string[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    const line = index + 1;
    for (const raw of lineText.split(',')) {
      const entry = raw.trim();
      if (entry === '' || entry.startsWith('#')) continue;
      const result = expand(entry);
      if ('message' in result) {
        issues.push({ line, entry, message: result.message });
        continue;
      }
      for (const address of result.addresses) {
        const earlier = seen.get(address);
        if (earlier !== undefined) {
          issues.push({ line, entry, message: `${address} is already listed${earlier === line ? ' on this line' : ` on line ${earlier}`}.` });
          break;
        }
        seen.set(address, line);
        addresses.push(address);
      }
    }
  });
  if (issues.length === 0 && addresses.length === 0) issues.push({ line: 1, entry: '', message: 'Enter at least one server address.' });
  if (addresses.length > MAX_TARGETS) issues.push({ line: 1, entry: '', message: `These entries hold ${addresses.length.toLocaleString('en')} addresses; at most ${MAX_TARGETS.toLocaleString('en')} can be read at once.` });
  return issues.length ? { ok: false, issues } : { ok: true, addresses };
}
