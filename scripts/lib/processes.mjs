// Starts one of the project's processes and waits for the line `TAG {json}` it prints when ready.
// Used by `npm run demo` and by the tests (through test/support/processes.ts).
import { spawn } from 'node:child_process';

/** A long-running process logs a line per request: the output kept is its last 8 MiB. */
const KEEP = 8 * 1024 * 1024;
const keep = (text) => (text.length > KEEP ? text.slice(-KEEP) : text);

export function startProcess(command, args, readyTag, options = {}) {
  const timeoutMs = options.timeoutMs ?? 20000;
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not print ${readyTag} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    let found = false;
    child.stdout.on('data', (chunk) => {
      output = keep(output + chunk.toString());
      if (found) return;
      const line = output.split('\n').find((l) => l.startsWith(`${readyTag} `));
      if (line) {
        found = true;
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(readyTag.length + 1)));
      }
    });
    child.stderr.on('data', (chunk) => {
      output = keep(output + chunk.toString());
      if (options.echoErrors) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before ${readyTag}:\n${output}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return ready.then(
    (info) => ({ info, child, output: () => output, stop }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}
