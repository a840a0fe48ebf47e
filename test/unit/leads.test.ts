import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeLeads, leadChangeProblem, type TreeNode } from '../../shared/domain/leads.js';

// EC > ES-1 > AS-1, AS-2; a stand-alone SA-1; a second stand-alone SA-2.
const nodes: TreeNode[] = [
  { address: 'ec', parentAddress: null },
  { address: 'es1', parentAddress: 'ec' },
  { address: 'as1', parentAddress: 'es1' },
  { address: 'as2', parentAddress: 'es1' },
  { address: 'sa1', parentAddress: null },
  { address: 'sa2', parentAddress: null },
];

test('the top of the hierarchy leads; everything below inherits; stand-alone servers lead themselves', () => {
  const leads = computeLeads(nodes, new Map());
  assert.deepEqual(leads.get('ec'), { leadAddress: 'ec', role: 'lead', relationship: 'own' });
  assert.deepEqual(leads.get('as2'), { leadAddress: 'ec', role: 'shadow', relationship: 'hierarchy' });
  assert.deepEqual(leads.get('sa1'), { leadAddress: 'sa1', role: 'lead', relationship: 'own' });
});

test('a user-set relationship makes a stand-alone server a shadow, and chains resolve to the real lead', () => {
  const leads = computeLeads(nodes, new Map([['sa1', 'es1'], ['sa2', 'sa1']]));
  assert.deepEqual(leads.get('sa1'), { leadAddress: 'ec', role: 'shadow', relationship: 'user' });
  assert.deepEqual(leads.get('sa2'), { leadAddress: 'ec', role: 'shadow', relationship: 'user' });
});

test('a loop of user relationships does not hang', () => {
  const leads = computeLeads(nodes, new Map([['sa1', 'sa2'], ['sa2', 'sa1']]));
  assert.ok(leads.get('sa1'));
});

test('impossible relationships are refused in words', () => {
  assert.match(leadChangeProblem(nodes, 'as1', 'sa1')!, /attached below another server/);
  assert.match(leadChangeProblem(nodes, 'sa1', 'sa1')!, /own shadow/);
  assert.match(leadChangeProblem(nodes, 'ec', 'as1')!, /loop/);
  assert.match(leadChangeProblem(nodes, 'sa1', 'nowhere')!, /No server at nowhere/);
  assert.equal(leadChangeProblem(nodes, 'sa1', 'es1'), null);
});
