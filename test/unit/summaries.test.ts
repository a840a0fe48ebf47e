// The sentence a request card or an online result shows is made in the page from the view's
// fields, in the chosen language: the same facts main reports, with the date in the language's form.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { OfflineRequestView } from '../../shared/domain/offline.js';
import type { OnlineResultView } from '../../shared/domain/online.js';
import { i18n } from '../../renderer/src/i18n/index.js';
import { offlineSummary, onlineSummary } from '../../renderer/src/lib/summaries.js';

const server = (address: string, state: 'done' | 'failed' | 'pending') => ({ address, name: address, systemId: `ID-${address}`, state, attempts: 1, lastError: null, doneAt: null });

const online: OnlineResultView = {
  id: 1,
  kind: 'associate',
  leadAddress: 'es',
  leadName: 'ES-1',
  systemId: 'NEW-1',
  previousSystemId: 'OLD-1',
  servers: [server('es', 'done'), server('as1', 'done'), server('as2', 'failed'), server('as3', 'done')],
  createdAt: '2026-12-01T10:00:00.000Z',
  inventory: { reported: true, error: null },
  summary: 'ignored',
};

const applied = {
  id: 7,
  kind: 'register',
  state: 'applied',
  systemId: 'ES-ID',
  servers: [server('es', 'done'), server('as1', 'done')],
  createdAt: '2026-11-30T10:00:00.000Z',
  appliedAt: '2026-12-01T10:00:00.000Z',
  grant: { serial: 42, issuedOn: '2026-12-01', validUntil: '2026-12-08T00:00:00.000Z', code: 'ABCDEF-GHJKMN', via: 'code' },
} as unknown as OfflineRequestView;

after(() => i18n.changeLanguage('en'));

test('English: the facts in the sentence main used to send, with the date in English', async () => {
  await i18n.changeLanguage('en');
  const t = i18n.t.bind(i18n);
  assert.equal(onlineSummary(t, online), 'New System ID NEW-1 associated online (was OLD-1) on Dec 1, 2026; written to 3 of 4 servers; 1 failed and can be retried.');
  assert.equal(offlineSummary(t, applied), 'Registered offline on Dec 1, 2026, code ABCDEF-GHJKMN; written to all 2 servers.');
  assert.equal(offlineSummary(t, { ...applied, servers: [server('es', 'done')] }), 'Registered offline on Dec 1, 2026, code ABCDEF-GHJKMN; written to the server.');
});

test('French and German: the same facts in their words and date forms', async () => {
  await i18n.changeLanguage('fr');
  assert.equal(offlineSummary(i18n.t.bind(i18n), applied), 'Enregistré hors ligne le 1 déc. 2026, code ABCDEF-GHJKMN\u00a0; écrit sur les 2 serveurs.');
  await i18n.changeLanguage('de');
  assert.equal(onlineSummary(i18n.t.bind(i18n), online), 'Neue System-ID NEW-1 online zugeordnet (vorher OLD-1) am 01.12.2026; auf 3 von 4 Servern geschrieben; 1 fehlgeschlagen, kann erneut versucht werden.');
});
