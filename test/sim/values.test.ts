// Registration items over GetValues / SetValues as real servers answer them (fact sheet 3.4, 3.5):
// ValueItem with an integer State, INVALID_ID ErrorResults, and a Result per written item.
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { after, before, test } from 'node:test';
import type { RunningSim } from '../../sim/ews-server.js';
import { REGISTRATION_ITEMS } from '../../sim/registration.js';
import { admin, envelope, ewsUrl, post, startSite } from './ews-client.js';

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (name) => ['ValueItem', 'Result', 'ErrorResult'].includes(name) });
const ITEM = (name: string) => `/System/Registration/${name}`;

let sim: RunningSim;
before(async () => {
  sim = await startSite({ es: 1, asPerEs: 1, seed: 5 });
});
after(() => sim.close());

interface Body {
  GetValuesResponse?: { GetValuesItems?: { ValueItem: { Id: string; State: string; Value: string }[] }; GetValuesErrorResults?: { ErrorResult: { Id: string; Message: string }[] } };
  SetValuesResponse?: { SetValuesResults: { Result: { Id: string; Success: string; Message: string }[] } };
  Fault?: { faultcode: string; faultstring: string; detail?: Record<string, string> };
}
const getValues = async (ids: string[], key = 'es-1-as-1') => {
  const reply = await post(ewsUrl(sim.addressOf(key)), envelope('GetValues', `<ews:GetValuesIds>${ids.map((id) => `<ews:Id>${id}</ews:Id>`).join('')}</ews:GetValuesIds>`));
  return { reply, body: parser.parse(reply.body).Envelope.Body as Body };
};
const setValues = async (items: [string, string | null][], key = 'es-1-as-1') => {
  const inner = items.map(([id, value]) => `<ews:ValueItem><ews:Id>${id}</ews:Id>${value === null ? '' : `<ews:Value>${value}</ews:Value>`}</ews:ValueItem>`).join('');
  const reply = await post(ewsUrl(sim.addressOf(key)), envelope('SetValues', `<ews:SetValuesItems>${inner}</ews:SetValuesItems>`));
  return { reply, body: parser.parse(reply.body).Envelope.Body as Body };
};
const valuesOf = (body: Body) => Object.fromEntries(body.GetValuesResponse!.GetValuesItems!.ValueItem.map((v) => [v.Id, v.Value]));

test('a new server reads as unregistered: each item with State 0 (Good), the System ID among them', async () => {
  const { reply, body } = await getValues(['/System/Id', ...REGISTRATION_ITEMS.map((i) => i.id)]);
  assert.equal(reply.status, 200, reply.body);
  const values = valuesOf(body);
  assert.equal(values['/System/Id'], sim.site.require('es-1-as-1').systemId);
  assert.equal(values[ITEM('State')], 'unregistered');
  for (const name of ['Method', 'Code', 'Organization', 'SiteName', 'RegisteredAt', 'LeadSystemId']) assert.equal(values[ITEM(name)], '', name);
  assert.deepEqual(new Set(body.GetValuesResponse!.GetValuesItems!.ValueItem.map((v) => v.State)), new Set(['0']));
});

test('an unknown Id comes back as an INVALID_ID ErrorResult beside the good ones, not as a fault', async () => {
  const { reply, body } = await getValues([ITEM('State'), '/Nope']);
  assert.equal(reply.status, 200, reply.body);
  assert.deepEqual(Object.keys(valuesOf(body)), [ITEM('State')]);
  assert.deepEqual(body.GetValuesResponse!.GetValuesErrorResults!.ErrorResult, [{ Id: '/Nope', Message: 'INVALID_ID' }]);
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
  assert.doesNotMatch(reply.body, /SetValuesResponse version=/, 'SetValuesResponse has no version attribute');
  const results = body.SetValuesResponse!.SetValuesResults.Result;
  assert.equal(results.length, 7);
  assert.ok(results.every((r) => r.Success === 'true'));
  const values = valuesOf((await getValues([ITEM('Organization'), ITEM('LeadSystemId'), ITEM('State')])).body);
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

test('each refused item gets Success=false with the reason; the good items beside it are written', async () => {
  const cases: [[string, string | null], RegExp][] = [
    [[ITEM('Colour'), 'red'], /^INVALID_ID$/],
    [[ITEM('State'), 'Registered'], /State must be "registered" or "unregistered"/],
    [[ITEM('Method'), 'carrier pigeon'], /Method must be "online" or "offline" or empty/],
    [[ITEM('RegisteredAt'), '22/11/2026'], /RegisteredAt must be an ISO 8601/],
    [[ITEM('Code'), 'AB$CD'], /Code must be 1 to 128 letters/],
    [[ITEM('Organization'), 'x'.repeat(201)], /Organization is 201 characters; at most 200/],
    [['/System/Id', 'abc'], /\/System\/Id is read-only/],
    [[ITEM('SiteName'), null], /SiteName has no Value element/],
  ];
  for (const [index, [item, message]] of cases.entries()) {
    const beside = `Written beside ${index}`;
    const { reply, body } = await setValues([[ITEM('Organization'), beside], item]);
    assert.equal(reply.status, 200, reply.body);
    const [good, bad] = body.SetValuesResponse!.SetValuesResults.Result;
    assert.equal(good!.Success, 'true');
    assert.equal(bad!.Success, 'false', JSON.stringify(item));
    assert.match(bad!.Message, message);
    assert.equal(((await admin(sim, 'GET', 'servers/es-1-as-1')).value.registration as { organization: string }).organization, beside, 'the good item beside it was written');
  }
});

test('a server whose Value Write Mode is ReadOnly refuses every item, and writes nothing', async () => {
  const before = (await admin(sim, 'GET', 'servers/es-1-as-1')).value.registration;
  assert.equal((await admin(sim, 'PUT', 'servers/es-1-as-1/write-mode', { mode: 'ReadOnly' })).status, 200);
  try {
    const { body } = await setValues([[ITEM('SiteName'), 'Nope'], [ITEM('State'), 'registered']]);
    for (const result of body.SetValuesResponse!.SetValuesResults.Result) {
      assert.equal(result.Success, 'false');
      assert.match(result.Message, /Value Write Mode is ReadOnly/);
    }
    assert.deepEqual((await admin(sim, 'GET', 'servers/es-1-as-1')).value.registration, before);
    assert.equal((await admin(sim, 'PUT', 'servers/es-1-as-1/write-mode', { mode: 'Sometimes' })).status, 400);
  } finally {
    await admin(sim, 'PUT', 'servers/es-1-as-1/write-mode', { mode: 'ReadWrite' });
  }
});

test('lists under a wrong element name are missing lists, refused with the real fault', async () => {
  // The old, invented spellings: <string> ids and ValueTypeStateless items.
  const wrongIds = await post(ewsUrl(sim.url), envelope('GetValues', `<ews:GetValuesIds><ews:string>${ITEM('State')}</ews:string></ews:GetValuesIds>`));
  assert.equal(wrongIds.status, 500);
  assert.match(wrongIds.body, /<faultstring>MISSING_ID_LIST<\/faultstring>/);
  assert.match(wrongIds.body, /<Fault_Missing_Id_List xmlns="http:\/\/www\.schneider-electric\.com\/common\/dataexchange\/2011\/05\/DataExchangeInterface\/Fault">/);
  const wrongItems = await post(ewsUrl(sim.url), envelope('SetValues', `<ews:SetValuesItems><ews:ValueTypeStateless><ews:Id>${ITEM('State')}</ews:Id><ews:Value>registered</ews:Value></ews:ValueTypeStateless></ews:SetValuesItems>`));
  assert.equal(wrongItems.status, 500);
  assert.match(wrongItems.body, /<faultstring>MISSING_VALUE_LIST<\/faultstring>/);
  // Elements outside the EWS namespace are not EWS elements either.
  const noNamespace = await post(ewsUrl(sim.url), envelope('GetValues', `<GetValuesIds xmlns=""><Id>${ITEM('State')}</Id></GetValuesIds>`));
  assert.match(noNamespace.body, /MISSING_ID_LIST/);
});

test('the admin API writes registration values with the same rules', async () => {
  const ok = await admin(sim, 'PUT', 'servers/_top/registration', { state: 'registered', method: 'online', siteName: 'HQ' });
  assert.equal(ok.status, 200);
  assert.equal(valuesOf((await getValues([ITEM('SiteName')], '')).body)[ITEM('SiteName')], 'HQ');
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
