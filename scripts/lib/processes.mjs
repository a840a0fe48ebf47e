// Starts one of the project's processes and waits for the line `TAG {json}` it prints when ready.
// Used by `npm run demo` and by the tests (through test/support/processes.ts).
import { spawn } from 'node:child_process';

/**
 * A long-running process logs a line per request: the output kept is about its last 8 MiB, as
 * chunks (cheap to add to, joined only when asked), so reading it costs the reader almost nothing:
 * a benchmark's load generator reads its portal's output.
 */
const KEEP = 8 * 1024 * 1024;
function outputBuffer() {
  const chunks = [];
  let size = 0;
  return {
    add(chunk) {
      chunks.push(chunk);
      size += chunk.length;
      while (size > KEEP && chunks.length > 1) size -= chunks.shift().length;
    },
    text: () => Buffer.concat(chunks).toString(),
  };
}

export function startProcess(command, args, readyTag, options = {}) {
  const timeoutMs = options.timeoutMs ?? 20000;
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = outputBuffer();
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not print ${readyTag} within ${timeoutMs} ms:\n${output.text()}`)), timeoutMs);
    let found = false;
    child.stdout.on('data', (chunk) => {
      output.add(chunk);
      if (found) return;
      const line = output.text().split('\n').find((l) => l.startsWith(`${readyTag} `));
      if (line) {
        found = true;
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(readyTag.length + 1)));
      }
    });
    child.stderr.on('data', (chunk) => {
      output.add(chunk);
      if (options.echoErrors) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before ${readyTag}:\n${output.text()}`));
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
    (info) => ({ info, child, output: () => output.text(), stop }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}
