// Messages a person reads are built with say() (shared/messages), so none escapes translation.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

// A refusal thrown with a bare string literal fails here. (Messages passed on from elsewhere, e.g.
// an error's own message, are variables and pass.)
test('services throw refusals made with say(), not bare sentences', () => {
  const roots = ['main/services', 'portal'];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const files = roots.flatMap((root) => walk(root));
  const bare = files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/new (?:ServiceError|PortalHttpError)\(\s*'[a-z_]+',\s*[`'"]/g)].map((m) => `${file}: ${m[0]}`),
  );
  assert.deepEqual(bare, []);
});
