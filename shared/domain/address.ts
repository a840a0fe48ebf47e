// Where a BMS server answers. People type "10.0.0.5", "es01:8080" or a full URL; the app works
// with one normal form, a base URL without a trailing slash, to which the connector appends the
// EWS path.

export type AddressCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function normalizeServerAddress(input: string): AddressCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter a server address, for example 10.0.0.5 or es01:8080.' };
  if (/\s/.test(text)) return { ok: false, message: `"${text}" contains spaces; enter one address.` };
  const hostPart = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0] ?? '';
  const dotted = IPV4_RE.exec(hostPart);
  if (dotted && dotted.slice(1).some((part) => Number(part) > 255)) {
    return { ok: false, message: `"${hostPart}" is not a valid IPv4 address (each part is 0 to 255).` };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `"${text}" is not an address. Use host, host:port or http(s)://host:port.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `"${url.protocol}" is not supported; use http:// or https://.` };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Do not put a user name or password in the address; enter them as credentials.' };
  }
  if (url.search || url.hash) return { ok: false, message: 'An address has no ?query or #fragment.' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!IPV4_RE.test(host) && !host.includes(':') && !HOST_RE.test(host)) {
    return { ok: false, message: `"${host}" is not a valid host name.` };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${path}` };
}
