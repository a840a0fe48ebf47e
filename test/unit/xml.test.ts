// The XML reader both sides of EWS use: elements by namespace URI and local name, and bounded
// against hostile documents (entities, depth, element count).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childNamed, childRaw, childText, parseXml, XmlSyntaxError } from '../../shared/xml.js';

test('elements are found by namespace and local name, whatever the prefix', () => {
  const doc = parseXml('<a:Root xmlns:a="urn:one" xmlns="urn:two"><Id> x y </Id><a:Id>other</a:Id><b:Id xmlns:b="urn:two">second</b:Id></a:Root>');
  assert.deepEqual([doc.ns, doc.name], ['urn:one', 'Root']);
  assert.equal(childRaw(doc, 'urn:two', 'Id'), ' x y ', 'Ids keep every character');
  assert.equal(childText(doc, 'urn:two', 'Id'), 'x y');
  assert.equal(childText(doc, 'urn:one', 'Id'), 'other');
  assert.equal(childNamed(doc, 'urn:three', 'Id'), undefined);
});

test('a DOCTYPE (and so any entity trick), deep nesting, too many elements and unbound prefixes are refused', () => {
  const cases: [string, RegExp][] = [
    ['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', /DOCTYPE/],
    [`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`, /nested deeper than 64/],
    [`<r>${'<a/>'.repeat(100_001)}</r>`, /more than 100,000 elements/],
    ['<p:x/>', /prefix|unbound/i],
    ['<x><y></x>', /./],
  ];
  for (const [text, message] of cases) assert.throws(() => parseXml(text), (e: unknown) => e instanceof XmlSyntaxError && message.test(e.message), text.slice(0, 40));
  assert.equal(parseXml(`${'<a>'.repeat(64)}${'</a>'.repeat(64)}`).name, 'a', '64 deep is allowed');
});
