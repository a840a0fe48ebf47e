import type { ChildProcess } from 'node:child_process';

export interface Started<T> {
  info: T;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function startProcess<T>(
  command: string,
  args: string[],
  readyTag: string,
  options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string; echoErrors?: boolean },
): Promise<Started<T>>;
