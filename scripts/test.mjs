// `npm test`: build, typecheck, lint, then every test in Node's test runner (unit, integration,
// end-to-end in headless Chromium, the Electron smoke test where a binary exists).
// `npm test -- test/unit` runs only the files under the given paths.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const run = (label, command, args) => {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed.`);
    process.exit(result.status ?? 1);
  }
};

const findTests = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return findTests(full);
        return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
      })
    : [];

const only = process.argv.slice(2);
const files = (only.length ? only : ['test']).flatMap((p) => (fs.statSync(p).isDirectory() ? findTests(p) : [p])).sort();

const bin = (name) => path.join('node_modules', '.bin', name);
run('build', process.execPath, ['scripts/build.mjs']);
if (!only.length) {
  run('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
  run('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
  run('lint', bin('eslint'), ['.']);
}
run(`tests (${files.length} files)`, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
