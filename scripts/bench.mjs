// `npm run bench` runs every benchmark in bench/; `npm run bench -- NAME` runs bench/NAME.bench.ts.
// Each benchmark prints its figures as lines `figure NAME VALUE UNIT`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const all = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}. There are: ${all.join(', ') || '(none)'}.`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n> bench ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${name}.bench.ts`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
