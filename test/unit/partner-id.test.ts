// Partner IDs as DOMAIN.md words them: proposed from the organization's name, A-Z, 0-9 and _ only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePartnerId, PARTNER_ID_MAX, PartnerId, proposePartnerId } from '../../shared/portal/partner-id.js';

test('a Partner ID is proposed from the organization name', () => {
  assert.equal(proposePartnerId('Acme, Inc.'), 'ACME_INC');
  assert.equal(proposePartnerId('Électricité Müller'), 'ELECTRICITE_MULLER');
  assert.equal(proposePartnerId('  --Straße & Søn (Ærø)--  '), 'STRASSE_SON_AERO');
  assert.equal(proposePartnerId('ŁÓDŹ Controls 24/7'), 'LODZ_CONTROLS_24_7');
  assert.equal(proposePartnerId('a\u0301b'), 'AB', 'a combining accent is one letter');
});

test('a name that leaves nothing proposes nothing', () => {
  for (const name of ['', '   ', '—', '!!!', '\u200b']) assert.equal(proposePartnerId(name), null, JSON.stringify(name));
});

test('a long name is cut to the limit without a trailing underscore', () => {
  const id = proposePartnerId('International Building Automation Services of Northern Europe')!;
  assert.ok(id.length <= PARTNER_ID_MAX, id);
  assert.doesNotMatch(id, /_$/);
  assert.ok(id.startsWith('INTERNATIONAL_BUILDING'));
});

test('a taken ID gives the first free one', () => {
  const taken = new Set(['ACME_INC', 'ACME_INC_2']);
  assert.equal(freePartnerId('ACME_INC', (id) => taken.has(id)), 'ACME_INC_3');
  assert.equal(freePartnerId('FREE', (id) => taken.has(id)), 'FREE');
  const long = 'X'.repeat(PARTNER_ID_MAX);
  const free = freePartnerId(long, (id) => id === long);
  assert.equal(free.length, PARTNER_ID_MAX);
  assert.match(free, /_2$/);
});

test('only upper-case letters, digits and underscores are accepted', () => {
  assert.equal(PartnerId.parse('ACME_INC'), 'ACME_INC');
  for (const bad of ['acme_inc', 'ACME-INC', 'ACME INC', 'ÉCOLE', 'A'.repeat(PARTNER_ID_MAX + 1), '']) {
    const result = PartnerId.safeParse(bad);
    assert.equal(result.success, false, bad);
  }
  assert.match(PartnerId.safeParse('acme').error!.issues[0]!.message, /upper-case letters \(A to Z\), digits and underscores only/);
});
