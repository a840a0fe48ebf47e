// The whole bridge between the sandboxed renderer and main: `window.companion`, built from the
// contract's list of names. Nothing else of Electron or Node reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, isCallName, isEventName } from '../shared/contract/names.js';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  listeners.get(name)?.forEach((listener) => listener(payload));
});

contextBridge.exposeInMainWorld('companion', {
  call(name: unknown, input: unknown) {
    if (!isCallName(name)) return Promise.resolve({ ok: false, error: { code: 'unknown_call', message: `There is no call named ${String(name)}.` } });
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input);
  },
  on(name: unknown, listener: (payload: unknown) => void) {
    if (!isEventName(name) || typeof listener !== 'function') throw new Error(`There is no event named ${String(name)}.`);
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  },
});
