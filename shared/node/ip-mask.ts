// A server's address as a read-only partner may see it (docs/partners.md, What read-only shares):
// only its last two segments, enough to tell devices apart, never enough to reach one. An IPv4
// address keeps its last two numbers (`*.*.10.5`); an IPv6 address its last two groups, written
// the short way (`…:abcd:ef01`); an IPv4 address carried in IPv6 (`::ffff:10.0.0.5`, or behind
// the NAT64 prefix 64:ff9b::) is an IPv4 address. A host name is not shared at all, nor anything
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

/** An IPv6 address (brackets and zone allowed) masked, or null if it is not one. */
function maskIPv6(text: string): string | null {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%[^%]*$/, '');
  if (!isIPv6(bare)) return null;
  const groups = groupsOf(bare);
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) carry a whole IPv4 address in their
  // last two groups: shown as one, its last two numbers only.
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (mapped || nat64) {
    return maskIPv4([groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.'));
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
