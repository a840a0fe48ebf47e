// Browser mode's stand-in for the Electron preload: defines `window.companion` over a WebSocket
// to the browser-mode host. Loaded by the host before the renderer, never part of the Electron
// build. The token comes from the URL once, then lives in sessionStorage so a reload keeps working.
import { EVENT_NAMES, isCallName } from '../../shared/contract/names.js';
import type { CompanionApi } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';

const TOKEN_KEY = 'bms-companion.token';
const params = new URLSearchParams(location.search);
const fromUrl = params.get('token');
if (fromUrl) {
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
}
const token = sessionStorage.getItem(TOKEN_KEY) ?? '';

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
      const message = JSON.parse(String(event.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
      if (message.event) listeners.get(message.event)?.forEach((listener) => listener(message.payload));
      else if (typeof message.id === 'number') {
        pending.get(message.id)?.(message.result!);
        pending.delete(message.id);
      }
    };
    ws.onclose = () => {
      const lost: Result<unknown> = { ok: false, error: { code: 'unreachable', message: 'Lost the connection to the companion. Restart it and reload this page.' } };
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

const api: CompanionApi = {
  async call(name, input) {
    if (!isCallName(name)) return { ok: false, error: { code: 'unknown_call', message: `There is no call named ${String(name)}.` } };
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return {
        ok: false,
        error: { code: 'unreachable', message: 'Cannot connect to the companion. Open the URL it printed, with its token, while it is running.' },
      };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve as Pending);
      ws.send(JSON.stringify({ id, call: name, input }));
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
