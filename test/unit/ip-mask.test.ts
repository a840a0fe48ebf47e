// What a read-only partner sees of a server's address (shared/node/ip-mask.ts): the last two
// segments of an IPv4 or IPv6 address, nothing of a host name.
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { test } from 'node:test';
import { maskIpAddress } from '../../shared/node/ip-mask.js';

test('IPv4: the last two numbers, with or without a port', () => {
  assert.equal(maskIpAddress('192.168.10.5'), '*.*.10.5');
  assert.equal(maskIpAddress('10.0.0.5:443'), '*.*.0.5');
  assert.equal(maskIpAddress('  172.16.254.1 '), '*.*.254.1');
  assert.equal(maskIpAddress('0.0.0.0'), '*.*.0.0');
});

test('IPv6: the last two groups, the short way, whatever way the address was written', () => {
  assert.equal(maskIpAddress('2001:db8:85a3::8a2e:abcd:ef01'), '…:abcd:ef01');
  assert.equal(maskIpAddress('2001:0DB8:0000:0000:0000:0000:ABCD:EF01'), '…:abcd:ef01');
  assert.equal(maskIpAddress('[2001:db8::abcd:ef01]'), '…:abcd:ef01');
  assert.equal(maskIpAddress('[2001:db8::abcd:ef01]:443'), '…:abcd:ef01');
  assert.equal(maskIpAddress('fe80::1%eth0'), '…:0:1');
  assert.equal(maskIpAddress('2001:db8::'), '…:0:0');
  assert.equal(maskIpAddress('1:2:3:4:5:6:7:8'), '…:7:8');
  assert.equal(maskIpAddress('2001:db8::7:0:0'), '…:0:0');
  assert.equal(maskIpAddress('2001:db8:1:2:3:4:0a0b:0c0d'), '…:a0b:c0d');
});

test('an IPv4 address carried in IPv6 is masked as IPv4, never shown whole in hexadecimal', () => {
  assert.equal(maskIpAddress('::ffff:10.20.30.40'), '*.*.30.40');
  assert.equal(maskIpAddress('::ffff:a14:1e28'), '*.*.30.40');
  assert.equal(maskIpAddress('64:ff9b::10.20.30.40'), '*.*.30.40');
  // Written with a dotted ending, or in any form that carries an IPv4 address in its last 32 bits:
  // those bits are the whole IPv4 address, so it is masked as one (a security review's inputs).
  assert.equal(maskIpAddress('2001:db8::10.20.30.40'), '*.*.30.40');
  assert.equal(maskIpAddress('::10.0.0.5'), '*.*.0.5', 'IPv4-compatible');
  assert.equal(maskIpAddress('::a00:5'), '*.*.0.5', 'IPv4-compatible, in hexadecimal');
  assert.equal(maskIpAddress('::ffff:0:10.0.0.5'), '*.*.0.5', 'SIIT');
  assert.equal(maskIpAddress('::ffff:0:a00:5'), '*.*.0.5', 'SIIT, in hexadecimal');
  assert.equal(maskIpAddress('64:ff9b:1::10.0.0.5'), '*.*.0.5', 'local-use NAT64 (RFC 8215)');
  assert.equal(maskIpAddress('64:ff9b:1:2:3:4:a00:5'), '*.*.0.5', 'local-use NAT64, in hexadecimal');
  assert.equal(maskIpAddress('fe80::5efe:10.0.0.5'), '*.*.0.5', 'ISATAP');
  assert.equal(maskIpAddress('fe80::200:5efe:a00:5'), '*.*.0.5', 'ISATAP, global flag');
  // Teredo: the client's public address, inverted, in the last 32 bits (192.0.2.45 here).
  assert.equal(maskIpAddress('2001:0:4136:e378:8000:63bf:3fff:fdd2'), '*.*.2.45', 'Teredo');
});

test('host names, and anything that is not an address, are not shared', () => {
  for (const value of ['es1.example.com', 'es1', 'localhost', 'es1.example.com:443', '010.0.0.5', '10.0.0', '10.0.0.5.6', '2001:db8::g', '[10.0.0.5]', '', '   ', null, undefined]) {
    assert.equal(maskIpAddress(value), null, String(value));
  }
});

test('a masked address is never a whole address, and keeps no more than two segments', () => {
  const samples = ['10.1.2.3', '255.255.255.255', '2001:db8::1', 'fe80::abcd:1234:5678:9abc', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '2001:db8::192.0.2.33'];
  for (const sample of samples) {
    const masked = maskIpAddress(sample)!;
    assert.ok(masked, sample);
    assert.equal(isIP(masked), 0, `${sample} -> ${masked}`);
    assert.equal(masked.split(/[.:]/).filter((part) => part && part !== '*' && part !== '…').length, 2, `${sample} -> ${masked}`);
  }
});
