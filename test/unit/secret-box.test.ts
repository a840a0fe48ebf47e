import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileSecretBox } from '../../main/services/secrets/secret-box.js';
import { tempDir } from '../support/processes.js';

test('secrets round-trip, are not stored in clear, and the key file is private', () => {
  const dir = tempDir('secrets');
  const box = fileSecretBox(dir);
  const sealed = box.seal('Sim-Pass-1');
  assert.ok(!sealed.includes('Sim-Pass-1'));
  assert.notEqual(box.seal('Sim-Pass-1'), sealed, 'a fresh IV each time');
  assert.equal(fileSecretBox(dir).open(sealed), 'Sim-Pass-1', 'a second start reads the same key');
  assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
});

test('a tampered secret or a foreign key file is refused, not misread', () => {
  const dir = tempDir('secrets');
  const box = fileSecretBox(dir);
  const sealed = box.seal('x');
  // Flip one bit of the ciphertext itself (not base64 padding bits, which decoders ignore).
  const raw = Buffer.from(sealed.slice(3), 'base64');
  raw[raw.length - 1]! ^= 1;
  assert.throws(() => box.open(`v1:${raw.toString('base64')}`));
  assert.throws(() => box.open('plain text'), /not sealed by this app/);
  const other = tempDir('secrets');
  fs.writeFileSync(path.join(other, 'secret.key'), 'short');
  assert.throws(() => fileSecretBox(other), /wrong length/);
});
