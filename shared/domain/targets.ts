// What the user types to say where the site is: addresses, host:port lists and IPv4 ranges, one
// per line or separated by commas. Checked completely before any traffic: a bad entry, a
// duplicate or a range that is too large is refused with the line it is on.
import { say } from '../messages/say.js';
import { normalizeServerAddress } from './address.js';

/**
 * The most addresses one connection may expand to (a full-size site has 2,511 servers). The
 * sentences fields.rangeTooLarge and fields.targetsTooMany (shared/messages) say it in words: change them with it.
 */
export const MAX_TARGETS = 4096;

export interface TargetIssue {
  line: number;
  entry: string;
  message: string;
  /** On the last issue of a capped list: how many problems it stands for. */
  more?: number;
}

export type TargetsCheck = { ok: true; addresses: string[] } | { ok: false; issues: TargetIssue[] };

const RANGE_RE = /^(?:(https?):\/\/)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\s*-\s*(?:(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.)?(\d{1,3})(?::(\d{1,5}))?$/i;
const CIDR_RE = /^(?:(https?):\/\/)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})(?::(\d{1,5}))?$/i;

const toInt = (parts: string[]) => parts.reduce((n, p) => n * 256 + Number(p), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

/** What one entry names, measured but not expanded: a single base URL, or a span of IPv4 addresses. */
type Entry = { address: string } | { scheme: string; first: number; last: number; port: string | undefined };

function measure(entry: string): Entry | { message: string } {
  const range = RANGE_RE.exec(entry);
  const cidr = range ? null : CIDR_RE.exec(entry);
  if (!range && !cidr) {
    const one = normalizeServerAddress(entry);
    return one.ok ? { address: one.baseUrl } : { message: one.message };
  }
  const scheme = ((range ?? cidr)![1] ?? 'http').toLowerCase();
  let first: number;
  let last: number;
  let port: string | undefined;
  if (range) {
    const start = range.slice(2, 6);
    const end = range[6] ? range.slice(6, 10) : [...start.slice(0, 3), range[9]!];
    if ([...start, ...end].some((p) => Number(p) > 255)) return { message: say('fields.ipv4Part') };
    first = toInt(start);
    last = toInt(end);
    port = range[10];
    if (last < first) return { message: say('fields.rangeOrder') };
  } else {
    const base = cidr!.slice(2, 6);
    const bits = Number(cidr![6]);
    if (base.some((p) => Number(p) > 255)) return { message: say('fields.ipv4Part') };
    if (bits < 16 || bits > 32) return { message: say('fields.prefixRange') };
    const size = 2 ** (32 - bits);
    first = Math.floor(toInt(base) / size) * size;
    last = first + size - 1;
    if (bits <= 30) {
      first += 1; // skip the network and broadcast addresses
      last -= 1;
    }
    port = cidr![7];
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { message: say('fields.portRange') };
  const count = last - first + 1;
  if (count > MAX_TARGETS) return { message: say('fields.rangeTooLarge', { count: count.toLocaleString('en') }) };
  return { scheme, first, last, port };
}

const sizeOf = (entry: Entry) => ('address' in entry ? 1 : entry.last - entry.first + 1);

function* addressesOf(entry: Entry): Generator<string> {
  if ('address' in entry) {
    yield entry.address;
    return;
  }
  for (let n = entry.first; n <= entry.last; n++) yield `${entry.scheme}://${toIp(n)}${entry.port ? `:${entry.port}` : ''}`;
}

/** Past this many problems the rest are counted, not listed: 10,000 duplicates make one short message. */
export const MAX_TARGET_ISSUES = 20;

export function parseTargets(text: string): TargetsCheck {
  const entries: { line: number; entry: string; value: Entry | { message: string } }[] = [];
  let total = 0;
  text.split(/\r?\n/).forEach((lineText, index) => {
    for (const raw of lineText.split(',')) {
      const entry = raw.trim();
      if (entry === '' || entry.startsWith('#')) continue;
      const value = measure(entry);
      if (!('message' in value)) total += sizeOf(value);
      entries.push({ line: index + 1, entry, value });
    }
  });
  const issues: TargetIssue[] = [];
  const seen = new Map<string, number>();
  const addresses: string[] = [];
  // Counted before anything is expanded: thousands of small ranges must not become millions of strings.
  const expanding = total <= MAX_TARGETS;
  if (!expanding) issues.push({ line: 1, entry: '', message: say('fields.targetsTooMany', { count: total.toLocaleString('en') }) });
  for (const { line, entry, value } of entries) {
    if ('message' in value) {
      issues.push({ line, entry, message: value.message });
      continue;
    }
    if (!expanding) continue;
    for (const address of addressesOf(value)) {
      const earlier = seen.get(address);
      if (earlier !== undefined) {
        issues.push({ line, entry, message: earlier === line ? say('fields.alreadyListedHere', { address }) : say('fields.alreadyListedOn', { address, line: earlier }) });
        break;
      }
      seen.set(address, line);
      addresses.push(address);
    }
  }
  if (issues.length === 0 && addresses.length === 0) issues.push({ line: 1, entry: '', message: say('fields.targetsEmpty') });
  return issues.length ? { ok: false, issues: capped(issues) } : { ok: true, addresses };
}

/** The first MAX_TARGET_ISSUES problems, then one that says how many more there are. */
function capped(issues: TargetIssue[]): TargetIssue[] {
  if (issues.length <= MAX_TARGET_ISSUES) return issues;
  const rest = issues.length - MAX_TARGET_ISSUES;
  // The site area's sentences: main's connection check says the same (main/services/site).
  const message = rest === 1 ? say('site.oneMoreProblem') : say('site.moreProblems', { n: rest.toLocaleString('en') });
  const more = { line: issues[MAX_TARGET_ISSUES]!.line, entry: '', message, more: rest };
  return [...issues.slice(0, MAX_TARGET_ISSUES), more];
}
