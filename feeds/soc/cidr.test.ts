import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, ipv4ToNumber, numberToIpv4, parseCidr } from './cidr.js';

test('ipv4ToNumber converts dotted quads to unsigned 32-bit numbers', () => {
  assert.equal(ipv4ToNumber('0.0.0.0'), 0);
  assert.equal(ipv4ToNumber('10.61.1.7'), 10 * 2 ** 24 + 61 * 2 ** 16 + 1 * 256 + 7);
  assert.equal(ipv4ToNumber('255.255.255.255'), 2 ** 32 - 1);
  assert.equal(numberToIpv4(ipv4ToNumber('203.0.113.66') ?? -1), '203.0.113.66');
});

test('ipv4ToNumber rejects what is not an IPv4 address', () => {
  for (const bad of ['10.61.1', '10.61.1.256', '10.61.1.7/24', 'portal.haiduong.gov.vn', '2001:db8::1', '', ' 10.0.0.1']) {
    assert.equal(ipv4ToNumber(bad), null, bad);
  }
});

test('cidrContains matches inside the range only', () => {
  assert.equal(cidrContains('10.61.1.0/24', '10.61.1.0'), true);
  assert.equal(cidrContains('10.61.1.0/24', '10.61.1.255'), true);
  assert.equal(cidrContains('10.61.1.0/24', '10.61.2.0'), false);
  assert.equal(cidrContains('10.61.1.0/24', '10.61.0.255'), false);
  assert.equal(cidrContains('10.61.1.64/26', '10.61.1.127'), true);
  assert.equal(cidrContains('10.61.1.64/26', '10.61.1.128'), false);
  assert.equal(cidrContains('10.61.1.7/32', '10.61.1.7'), true);
  assert.equal(cidrContains('10.61.1.7/32', '10.61.1.8'), false);
  assert.equal(cidrContains('0.0.0.0/0', '203.0.113.9'), true);
  // Host bits in the address are ignored, as routers do.
  assert.equal(cidrContains('10.61.1.77/24', '10.61.1.3'), true);
});

test('cidrContains is false for malformed input instead of throwing', () => {
  assert.equal(cidrContains('10.61.1.0/33', '10.61.1.1'), false);
  assert.equal(cidrContains('10.61.1.0', '10.61.1.1'), false);
  assert.equal(cidrContains('10.61.1.0/24', 'not-an-ip'), false);
  assert.equal(cidrContains('10.61.1.0/24', '::ffff:10.61.1.1'), false);
  assert.equal(parseCidr('garbage'), null);
  assert.deepEqual(parseCidr('192.168.4.0/22'), { network: ipv4ToNumber('192.168.4.0'), size: 1024 });
});
