// Browser mode's stand-in for the Electron preload: defines `window.companion` over a WebSocket
// to the browser-mode host. Loaded by the host before the renderer, never part of the Electron
// build.
//
// The token stays in the address bar (?token=...), so the address a person copies into another tab
// or window on this machine works there too. It is not a secret from the person at this machine
// (the companion printed it), and it is not all that guards the socket: the host also refuses any
// page of another origin, and serves no-referrer, so the address does not leak to other sites.
// It is kept in sessionStorage as well and put back into the address when a tab lost it.
import { EVENT_NAMES, isCallName } from '../../shared/contract/names.js';
import type { CompanionApi } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';

const TOKEN_KEY = 'bms-companion.token';
const params = new URLSearchParams(location.search);
const fromUrl = params.get('token');
if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
if (token && !fromUrl) {
  params.set('token', token);
  history.replaceState(null, '', `${location.pathname}?${params.toString()}${location.hash}`);
}

/** The host's limit on one message (ws maxPayload): past it the host closes the socket with 1009. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const TOO_LARGE: Result<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'That was too much to send at once (over 1 MiB). Shorten it and try again.' },
};

/** Why the socket closed, in words a person can act on. Any close lets the next call reconnect. */
function lostBecause(code: number): Result<never> {
  if (code === 1009) return TOO_LARGE;
  if (code === 1007) return { ok: false, error: { code: 'invalid_input', message: 'The companion could not read what was sent (not valid text). Try again.' } };
  return { ok: false, error: { code: 'unreachable', message: 'Lost the connection to the companion. Try again; if it keeps failing, restart it and reload this page.' } };
}

const byteLength = (text: string) => (text.length * 3 <= MAX_MESSAGE_BYTES ? text.length : new Blob([text]).size);

type Pending = (result: Result<unknown>) => void;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/__companion/ws?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      socket = ws;
      resolve(ws);
    };
    ws.onmessage = (event) => {
      let message: { id?: unknown; result?: Result<unknown>; event?: string; payload?: unknown };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return; // not ours to answer; the call it belonged to, if any, fails when the socket closes
      }
      if (typeof message !== 'object' || message === null) return;
      if (typeof message.event === 'string') listeners.get(message.event)?.forEach((listener) => listener(message.payload));
      else if (typeof message.id === 'number' && message.result) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    };
    ws.onclose = (event) => {
      const lost = lostBecause(event.code);
      pending.forEach((settle) => settle(lost));
      pending.clear();
      socket = null;
      opened = null;
      reject(new Error('closed'));
    };
  });
  opened.catch(() => undefined);
  return opened;
}

/** The open socket; one that is closing is waited out, so the next call reconnects instead of failing. */
async function openSocket(): Promise<WebSocket> {
  const current = socket;
  if (current && current.readyState !== WebSocket.OPEN) await new Promise((resolve) => current.addEventListener('close', resolve, { once: true }));
  return socket ?? connect();
}

const api: CompanionApi = {
  async call(name, input) {
    if (!isCallName(name)) return { ok: false, error: { code: 'unknown_call', message: `There is no call named ${String(name)}.` } };
    const id = nextId++;
    const text = JSON.stringify({ id, call: name, input });
    // Refused here rather than sent: the host would close the socket, and every other call with it.
    if (byteLength(text) > MAX_MESSAGE_BYTES) return TOO_LARGE;
    let ws: WebSocket;
    try {
      ws = await openSocket();
    } catch {
      return {
        ok: false,
        error: { code: 'unreachable', message: 'Cannot connect to the companion. Open the URL it printed, with its token, while it is running.' },
      };
    }
    return new Promise((resolve) => {
      pending.set(id, resolve as Pending);
      ws.send(text);
    });
  },
  on(name, listener) {
    if (!(EVENT_NAMES as readonly string[]).includes(name)) throw new Error(`There is no event named ${name}.`);
    const set = listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(name, set);
    void connect().catch(() => undefined);
    return () => set.delete(listener as (payload: unknown) => void);
  },
};

Object.defineProperty(window, 'companion', { value: Object.freeze(api), writable: false, configurable: false });
