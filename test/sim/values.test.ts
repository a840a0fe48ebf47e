// Registration items over GetValues / SetValues: what the companion reads and writes, validated,
// all-or-nothing, and visible through the admin API.
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { after, before, test } from 'node:test';
import type { RunningSim } from '../../sim/ews-server.js';
import { REGISTRATION_ITEMS } from '../../sim/registration.js';
import { admin, envelope, ewsUrl, post, startSite } from './ews-client.js';

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (name) => ['ValueItem', 'ResultItem'].includes(name) });
const ITEM = (name: string) => `/System/Registration/${name}`;

let sim: RunningSim;
before(async () => {
  sim = await startSite({ es: 1, asPerEs: 1, seed: 5 });
});
after(() => sim.close());

const getValues = async (ids: string[], key = 'es-1-as-1') => {
  const reply = await post(ewsUrl(sim.addressOf(key)), envelope('GetValues', `<ews:GetValuesIds>${ids.map((id) => `<ews:string>${id}</ews:string>`).join('')}</ews:GetValuesIds>`));
  return { reply, doc: parser.parse(reply.body) as { Envelope: { Body: Record<string, { GetValuesItems?: { ValueItem: { Id: string; Value: string; Writeable: string }[] }; faultstring?: string }> } } };
};
const setValues = async (items: [string, string | null][], key = 'es-1-as-1') => {
  const inner = items.map(([id, value]) => `<ews:ValueTypeStateless><ews:Id>${id}</ews:Id>${value === null ? '' : `<ews:Value>${value}</ews:Value>`}</ews:ValueTypeStateless>`).join('');
  const reply = await post(ewsUrl(sim.addressOf(key)), envelope('SetValues', `<ews:SetValuesItems>${inner}</ews:SetValuesItems>`));
  return { reply, body: parser.parse(reply.body).Envelope.Body as Record<string, { faultstring?: string; SetValuesResults?: { ResultItem: { Id: string; Success: string }[] } }> };
};
const valuesOf = (doc: Awaited<ReturnType<typeof getValues>>['doc']) => Object.fromEntries(doc.Envelope.Body.GetValuesResponse!.GetValuesItems!.ValueItem.map((v) => [v.Id, v.Value]));

test('a new server reads as unregistered, with its System ID read-only', async () => {
  const { reply, doc } = await getValues(['/System/Id', ...REGISTRATION_ITEMS.map((i) => i.id)]);
  assert.equal(reply.status, 200, reply.body);
  const values = valuesOf(doc);
  assert.equal(values['/System/Id'], sim.site.require('es-1-as-1').systemId);
  assert.equal(values[ITEM('State')], 'unregistered');
  for (const name of ['Method', 'Code', 'Organization', 'SiteName', 'RegisteredAt', 'LeadSystemId']) assert.equal(values[ITEM(name)], '', name);
  const writeable = Object.fromEntries(doc.Envelope.Body.GetValuesResponse!.GetValuesItems!.ValueItem.map((v) => [v.Id, v.Writeable]));
  assert.equal(writeable['/System/Id'], 'false');
  assert.equal(writeable[ITEM('State')], 'true');
});

test('SetValues writes a registration that GetValues and the admin API then show', async () => {
  const lead = sim.site.require('').systemId;
  const { reply, body } = await setValues([
    [ITEM('State'), 'registered'],
    [ITEM('Method'), 'offline'],
    [ITEM('Code'), 'ABCDE-FGHJ1-23456'],
    [ITEM('Organization'), 'Acme &amp; Sons'],
    [ITEM('SiteName'), 'Harbour Tower'],
    [ITEM('RegisteredAt'), '2026-11-22T10:00:00Z'],
    [ITEM('LeadSystemId'), lead],
  ]);
  assert.equal(reply.status, 200, reply.body);
  assert.equal(body.SetValuesResponse!.SetValuesResults!.ResultItem.length, 7);
  const values = valuesOf((await getValues([ITEM('Organization'), ITEM('LeadSystemId'), ITEM('State')])).doc);
  assert.deepEqual(values, { [ITEM('Organization')]: 'Acme & Sons', [ITEM('LeadSystemId')]: lead, [ITEM('State')]: 'registered' });
  const view = (await admin(sim, 'GET', 'servers/es-1-as-1')).value;
  assert.deepEqual(view.registration, {
    state: 'registered',
    method: 'offline',
    code: 'ABCDE-FGHJ1-23456',
    organization: 'Acme & Sons',
    siteName: 'Harbour Tower',
    registeredAt: '2026-11-22T10:00:00Z',
    leadSystemId: lead,
  });
  // An empty Value clears an item.
  assert.equal((await setValues([[ITEM('Code'), '']])).reply.status, 200);
  assert.equal(((await admin(sim, 'GET', 'servers/es-1-as-1')).value.registration as { code: unknown }).code, null);
});

test('unknown ids, bad values, read-only items and missing values are refused with a SOAP fault, nothing written', async () => {
  const before = (await admin(sim, 'GET', 'servers/es-1-as-1')).value.registration;
  const cases: [[string, string | null][], RegExp][] = [
    [[[ITEM('Colour'), 'red']], /Colour is not an item of this server/],
    [[[ITEM('State'), 'Registered']], /State must be "registered" or "unregistered"/],
    [[[ITEM('Method'), 'carrier pigeon']], /Method must be "online" or "offline" or empty/],
    [[[ITEM('RegisteredAt'), '22/11/2026']], /RegisteredAt must be an ISO 8601/],
    [[[ITEM('Code'), 'AB$CD']], /Code must be 1 to 128 letters/],
    [[[ITEM('Organization'), 'x'.repeat(201)]], /Organization is 201 characters; at most 200/],
    [[['/System/Id', 'abc']], /\/System\/Id is read-only/],
    [[[ITEM('SiteName'), null]], /SiteName has no Value element/],
    [[[ITEM('SiteName'), 'a'], [ITEM('SiteName'), 'b']], /written twice/],
    // One bad item spoils the whole request: the good one is not written either.
    [[[ITEM('SiteName'), 'Changed'], [ITEM('State'), 'maybe']], /State must be/],
  ];
  for (const [items, message] of cases) {
    const { reply, body } = await setValues(items);
    assert.equal(reply.status, 500, `${JSON.stringify(items)}: ${reply.body}`);
    assert.match(body.Fault!.faultstring!, /nothing was written/);
    assert.match(body.Fault!.faultstring!, message);
  }
  assert.deepEqual((await admin(sim, 'GET', 'servers/es-1-as-1')).value.registration, before);

  const unknown = await getValues([ITEM('State'), '/Nope']);
  assert.equal(unknown.reply.status, 500);
  assert.match(unknown.doc.Envelope.Body.Fault!.faultstring!, /Unknown value id "\/Nope"/);
  const none = await post(ewsUrl(sim.url), envelope('SetValues', ''));
  assert.match(none.body, /SetValues needs the values to write/);
});

test('the admin API writes registration values with the same rules', async () => {
  const ok = await admin(sim, 'PUT', 'servers/_top/registration', { state: 'registered', method: 'online', siteName: 'HQ' });
  assert.equal(ok.status, 200);
  assert.equal(valuesOf((await getValues([ITEM('SiteName')], '')).doc)[ITEM('SiteName')], 'HQ');
  const bad = await admin(sim, 'PUT', 'servers/_top/registration', { state: 'done', colour: 'red' });
  assert.equal(bad.status, 400);
  assert.match(bad.value.error!, /colour is not a registration field/);
  const badValue = await admin(sim, 'PUT', 'servers/_top/registration', { state: 'done' });
  assert.match(badValue.value.error!, /State must be "registered" or "unregistered"; got "done"/);
  assert.equal(((await admin(sim, 'GET', 'servers/_top')).value.registration as { state: string }).state, 'registered');
});

test('a database wipe clears the registration along with the System ID', async () => {
  await admin(sim, 'PUT', 'servers/es-1-as-1/registration', { state: 'registered', method: 'online' });
  const before = sim.site.require('es-1-as-1').systemId;
  const wiped = (await admin(sim, 'POST', 'servers/es-1-as-1/wipe')).value;
  assert.notEqual(wiped.systemId, before);
  assert.equal((wiped.registration as { state: string }).state, 'unregistered');
});
