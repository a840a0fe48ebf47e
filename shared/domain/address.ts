// Where a BMS server answers. People type "10.0.0.5", "es01:8080" or a full URL; the app works
// with one normal form, a base URL without a trailing slash, to which the connector appends the
// EWS path.
import { say } from '../messages/say.js';

export type AddressCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function normalizeServerAddress(input: string): AddressCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: say('fields.addressMissing') };
  if (/\s/.test(text)) return { ok: false, message: say('fields.addressSpaces', { text }) };
  const hostPart = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0] ?? '';
  const dotted = IPV4_RE.exec(hostPart);
  if (dotted && dotted.slice(1).some((part) => Number(part) > 255)) {
    return { ok: false, message: say('fields.addressBadIpv4', { host: hostPart }) };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: say('fields.addressInvalid', { text }) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: say('fields.addressScheme', { scheme: url.protocol }) };
  }
  if (url.username || url.password) {
    return { ok: false, message: say('fields.addressCredentials') };
  }
  if (url.search || url.hash) return { ok: false, message: say('fields.addressQuery') };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!IPV4_RE.test(host) && !host.includes(':') && !HOST_RE.test(host)) {
    return { ok: false, message: say('fields.addressBadHost', { host }) };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${path}` };
}
