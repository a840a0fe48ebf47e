// The simulator's admin API (sim/README.md) for tests: what a server holds, and changes to it.
import type { Registration } from '../../shared/domain/server.js';

export interface SimServerInfo {
  key: string;
  address: string;
  systemId: string;
  name: string;
  registration: Registration;
}

/** Calls `/_sim/<route>` on the simulator at `url`; a refusal fails the test with the reason. */
export function simAdmin(url: string) {
  return async <T = unknown>(route: string, method = 'GET', body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_sim/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} /_sim/${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
