// The simulator refuses what a real server refuses, with the real answer: a request in the wrong
// media type, SOAP version or action, a Body that is not one EWS request, an operation it does not
// offer, a list that is missing. A connector that gets any of it wrong fails here.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EWS_NAMESPACE, SOAP_ENVELOPE_NAMESPACES, actionOf } from '../../shared/ews.js';
import type { RunningSim } from '../../sim/ews-server.js';
import { ewsUrl, post, startSite } from './ews-client.js';

let sim: RunningSim;
before(async () => {
  sim = await startSite({ es: 1, asPerEs: 1, seed: 9 });
});
after(() => sim.close());

const env12 = (inner: string) => `<e:Envelope xmlns:e="${SOAP_ENVELOPE_NAMESPACES['1.2']}"><e:Body>${inner}</e:Body></e:Envelope>`;
const env11 = (inner: string) => `<s:Envelope xmlns:s="${SOAP_ENVELOPE_NAMESPACES['1.1']}"><s:Body>${inner}</s:Body></s:Envelope>`;
const wsi = `<GetWebServiceInformationRequest version="1.2" xmlns="${EWS_NAMESPACE}"/>`;
const soap12 = (operation: string) => ({ 'content-type': `application/soap+xml; charset=utf-8; action="${actionOf(operation)}"` });
const soap11 = (operation: string) => ({ 'content-type': 'text/xml; charset=utf-8', soapaction: `"${actionOf(operation)}"` });

test('SOAP 1.2 is answered in SOAP 1.2 and SOAP 1.1 in SOAP 1.1; the action may be left out, as DCE allows', async () => {
  const twelve = await post(ewsUrl(sim.url), env12(wsi), soap12('GetWebServiceInformation'));
  assert.equal(twelve.status, 200, twelve.body);
  assert.match(String(twelve.headers['content-type']), /^application\/soap\+xml; charset=utf-8/);
  assert.match(twelve.body, new RegExp(`<env:Envelope xmlns:env="${SOAP_ENVELOPE_NAMESPACES['1.2']}">`));
  const eleven = await post(ewsUrl(sim.url), env11(wsi), soap11('GetWebServiceInformation'));
  assert.equal(eleven.status, 200, eleven.body);
  assert.match(String(eleven.headers['content-type']), /^text\/xml; charset=utf-8/);
  assert.match(eleven.body, new RegExp(`<s:Envelope xmlns:s="${SOAP_ENVELOPE_NAMESPACES['1.1'].replace(/\//g, '\\/')}">`));
  assert.equal((await post(ewsUrl(sim.url), env11(wsi), { 'content-type': 'text/xml' })).status, 200);
  // The answer carries no invented Model element: no public source shows one.
  assert.doesNotMatch(twelve.body, /<Model>/);
});

test('a media type that is not SOAP gets 415; an envelope in the other version gets VersionMismatch', async () => {
  const json = await post(ewsUrl(sim.url), env12(wsi), { 'content-type': 'application/json' });
  assert.equal(json.status, 415);
  assert.match(json.body, /text\/xml \(SOAP 1\.1\) or application\/soap\+xml \(SOAP 1\.2\)/);
  const mixed = await post(ewsUrl(sim.url), env12(wsi), { 'content-type': 'text/xml' });
  assert.equal(mixed.status, 500);
  assert.match(mixed.body, /<faultcode>s:VersionMismatch<\/faultcode>/);
  const mixed12 = await post(ewsUrl(sim.url), env11(wsi), soap12('GetWebServiceInformation'));
  assert.match(mixed12.body, /<env:Value>env:VersionMismatch<\/env:Value>/);
});

test('an action that does not name the request element is refused', async () => {
  const wrong11 = await post(ewsUrl(sim.url), env11(wsi), soap11('GetValues'));
  assert.equal(wrong11.status, 500);
  assert.match(wrong11.body, /<faultcode>s:Client<\/faultcode><faultstring>The message with Action &quot;[^&]*GetValuesIn&quot; cannot be processed/);
  // The action without its "In" suffix (what the companion used to send) is just as wrong.
  const noSuffix = await post(ewsUrl(sim.url), env12(wsi), { 'content-type': `application/soap+xml; action="${EWS_NAMESPACE}/GetWebServiceInformation"` });
  assert.equal(noSuffix.status, 400, 'a SOAP 1.2 Sender fault is HTTP 400');
  assert.match(noSuffix.body, /<env:Value>env:Sender<\/env:Value>/);
});

test('a Body that is not exactly one EWS request element is refused', async () => {
  const cases = [
    env11(''),
    env11(`${wsi}${wsi}`),
    env11(`<GetWebServiceInformationRequest xmlns="urn:not-ews"/>`),
    env11(`<GetWebServiceInformation xmlns="${EWS_NAMESPACE}"/>`),
    env11(`<FetchEverythingRequest xmlns="${EWS_NAMESPACE}"/>`),
  ];
  for (const body of cases) {
    const reply = await post(ewsUrl(sim.url), body, { 'content-type': 'text/xml' });
    assert.equal(reply.status, 500, body);
    assert.match(reply.body, /<faultcode>s:Client<\/faultcode>/, body);
  }
});

test('an EWS operation the server does not offer gets OPERATION_NOT_SUPPORTED with the typed detail', async () => {
  const reply = await post(ewsUrl(sim.url), env12(`<GetEnumsRequest version="1.2" xmlns="${EWS_NAMESPACE}"><GetEnumIds><Id>x</Id></GetEnumIds></GetEnumsRequest>`), soap12('GetEnums'));
  assert.equal(reply.status, 400);
  assert.match(reply.body, /<env:Text xml:lang="en">OPERATION_NOT_SUPPORTED<\/env:Text>/);
  assert.match(reply.body, /<Fault_Operation_Not_Supported xmlns="[^"]+\/DataExchangeInterface\/Fault">GetEnums</);
});

test('GetContainerItems without Ids is MISSING_ID_LIST; an empty Id is the root; an unknown Id is INVALID_ID', async () => {
  const request = (inner: string) => post(ewsUrl(sim.url), env11(`<GetContainerItemsRequest version="1.2" xmlns="${EWS_NAMESPACE}">${inner}</GetContainerItemsRequest>`), soap11('GetContainerItems'));
  assert.match((await request('')).body, /<faultstring>MISSING_ID_LIST<\/faultstring>/);
  assert.match((await request('<GetContainerItemsIds/>')).body, /MISSING_ID_LIST/);
  const root = await request('<GetContainerItemsIds><Id></Id></GetContainerItemsIds>');
  assert.equal(root.status, 200);
  assert.match(root.body, /<GetContainerItemsItems><ContainerItem><Id>01\/ES-1<\/Id><Name>ES-1<\/Name><Description><\/Description><Type>server<\/Type>/);
  assert.match(root.body, /<Name>Servers<\/Name><Description><\/Description><Type>folder<\/Type>/);
  const unknown = await request('<GetContainerItemsIds><Id>01/ES-1/Nowhere</Id></GetContainerItemsIds>');
  assert.match(unknown.body, /<GetContainerItemsErrorResults><ErrorResult><Id>01\/ES-1\/Nowhere<\/Id><Message>INVALID_ID<\/Message><\/ErrorResult>/);
});

test('an automation server has no Servers folder; an ES lists its servers, each with an Address item', async () => {
  const list = (address: string, id: string) =>
    post(ewsUrl(address), env11(`<GetContainerItemsRequest version="1.2" xmlns="${EWS_NAMESPACE}"><GetContainerItemsIds><Id>${id}</Id></GetContainerItemsIds></GetContainerItemsRequest>`), soap11('GetContainerItems'));
  assert.doesNotMatch((await list(sim.addressOf('es-1-as-1'), '')).body, /<Name>Servers<\/Name>/);
  const servers = await list(sim.url, '01/ES-1/Servers');
  assert.match(servers.body, /<ContainerItem><Id>01\/ES-1\/Servers\/AS-P-1-1<\/Id><Name>AS-P-1-1<\/Name><Description><\/Description><Type>server<\/Type><\/ContainerItem>/);
  const address = await post(
    ewsUrl(sim.url),
    env11(`<GetValuesRequest version="1.2" xmlns="${EWS_NAMESPACE}"><GetValuesIds><Id>01/ES-1/Servers/AS-P-1-1/Address</Id></GetValuesIds></GetValuesRequest>`),
    soap11('GetValues'),
  );
  assert.match(address.body, new RegExp(`<Value>${sim.addressOf('es-1-as-1')}</Value>`));
});
