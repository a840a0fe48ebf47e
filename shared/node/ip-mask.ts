// A server's address as a read-only partner may see it (docs/partners.md, What read-only shares):
// only its last two segments, enough to tell devices apart, never enough to reach one. An IPv4
// address keeps its last two numbers (`*.*.10.5`); an IPv6 address its last two groups, written
// the short way (`…:abcd:ef01`); an IPv4 address carried in IPv6 (`::ffff:10.0.0.5`, NAT64,
// ISATAP, Teredo and the like: see embeddedIPv4) is an IPv4 address, so its last two groups,
// which would be the whole of it, are never shown. A host name is not shared at all, nor anything
// that is not an address (null).
//
// node:net validates; this file only splits an address node:net has accepted. (Node-only, hence
// shared/node: shared/portal is also compiled for the browser.)
import { isIPv4, isIPv6 } from 'node:net';

const maskIPv4 = (address: string) => `*.*.${address.split('.').slice(2).join('.')}`;

/** The eight 16-bit groups of a valid IPv6 address (zone left out), each as a number. */
function groupsOf(address: string): number[] {
  let text = address;
  // A dotted IPv4 ending (::ffff:10.0.0.5) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const [a, b, c, d] = text.slice(lastColon + 1).split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(rest ?? '');
  const zeros = rest === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0);
  return [...front, ...zeros, ...back];
}

/**
 * Whether the last two groups of an IPv6 address are an IPv4 address (so showing them would show
 * it whole), and how to read it: as written, or inverted (Teredo). Written with a dotted ending;
 * IPv4-compatible (::/96), mapped (::ffff:0:0/96), SIIT (::ffff:0:0:0/96), NAT64 (64:ff9b::/96,
 * 64:ff9b:1::/48), ISATAP (…:0:5efe: or …:200:5efe:), Teredo (2001::/32, the client's address inverted).
 */
function embeddedIPv4(groups: number[], dotted: boolean): 'plain' | 'inverted' | null {
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (dotted || zero(0, 6)) return 'plain';
  if (zero(0, 5) && groups[5] === 0xffff) return 'plain';
  if (zero(0, 4) && groups[4] === 0xffff && groups[5] === 0) return 'plain';
  if (groups[0] === 0x64 && groups[1] === 0xff9b && (zero(2, 6) || groups[2] === 1)) return 'plain';
  if ((groups[4] === 0 || groups[4] === 0x200) && groups[5] === 0x5efe) return 'plain';
  if (groups[0] === 0x2001 && groups[1] === 0) return 'inverted';
  return null;
}

/** An IPv6 address (brackets and zone allowed) masked, or null if it is not one. */
function maskIPv6(text: string): string | null {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%[^%]*$/, '');
  if (!isIPv6(bare)) return null;
  const groups = groupsOf(bare);
  const embedded = embeddedIPv4(groups, bare.includes('.'));
  if (embedded) {
    // An IPv4 address carried in IPv6: shown as one, its last two numbers only.
    const [high, low] = embedded === 'inverted' ? [groups[6]! ^ 0xffff, groups[7]! ^ 0xffff] : [groups[6]!, groups[7]!];
    return maskIPv4([high >> 8, high & 0xff, low >> 8, low & 0xff].join('.'));
  }
  return `…:${groups.slice(6).map((g) => g.toString(16)).join(':')}`;
}

/**
 * The address as shared with a read-only partner: an IPv4 or IPv6 address (with or without a port,
 * an IPv6 one in brackets or with a zone) by its last two segments; a host name, or anything that
 * is not an address, null.
 */
export function maskIpAddress(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = value.trim();
  if (isIPv4(text)) return maskIPv4(text);
  // host:port, an IPv4 host only (an IPv6 address with a port is written in brackets).
  const withPort = /^(.*):(\d{1,5})$/.exec(text);
  if (withPort && isIPv4(withPort[1]!)) return maskIPv4(withPort[1]!);
  const bracketed = /^\[([^\]]*)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return maskIPv6(bracketed[1]!);
  return maskIPv6(text);
}
