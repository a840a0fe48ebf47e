// The portal's database address (portal/config.ts, databaseUrl / PORTAL_DATABASE_URL): a
// PostgreSQL server by host, or on the same machine by its Unix socket folder; anything else is
// refused with a message that shows the forms accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPortalConfig } from '../../portal/config.js';

const load = (url: string) => loadPortalConfig({ env: { PORTAL_DATABASE_URL: url } });

test('a server by host, or by its socket folder, is accepted as given', () => {
  for (const url of [
    'postgres://portal:secret@db.example:5432/portal',
    'postgresql://portal@10.0.0.5/portal',
    'postgres:///portal?host=/var/run/postgresql&user=portal',
    'postgres:///portal?host=%2Fvar%2Frun%2Fpostgresql&user=portal&port=5433',
  ]) {
    assert.equal(load(url).databaseUrl, url);
  }
});

test('another scheme, no server, or not an address: refused, naming the forms', () => {
  const refusal = (url: string) => {
    try {
      load(url);
    } catch (error) {
      return (error as Error).message;
    }
    assert.fail(`${url} was accepted`);
  };
  assert.match(refusal('mysql://db.example/portal'), /must start with postgres:\/\/ or postgresql:\/\//);
  assert.match(refusal('postgres:///portal'), /Name the database server: a host .* or a socket folder \(postgres:\/\/\/database\?host=\/var\/run\/postgresql&user=name\)/);
  assert.match(refusal('postgres:///portal?host=relative/dir'), /Name the database server/);
  assert.match(refusal('db.example:5432'), /must start with postgres/);
  assert.match(refusal('not an address'), /Give the database as postgres:\/\/user:password@host:port\/database \(or postgres:\/\/\/database\?host=\/socket\/folder&user=name\)/);
});
