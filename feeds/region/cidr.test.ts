import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cidrsOverlap,
  findAgencyByIp,
  formatCidr,
  formatIpv4,
  ipInCidr,
  parseCidr,
  parseIpv4,
} from './cidr.js';

test('parseIpv4 reads dotted quads and rejects everything else', () => {
  assert.equal(parseIpv4('10.61.1.7'), 10 * 2 ** 24 + 61 * 2 ** 16 + 1 * 256 + 7);
  assert.equal(parseIpv4('0.0.0.0'), 0);
  assert.equal(parseIpv4('255.255.255.255'), 2 ** 32 - 1);
  for (const bad of ['10.61.1', '10.61.1.256', '10.61.01.7', '10.61.1.7 ', '', '::1', '2001:db8::1', 'host.example']) {
    assert.equal(parseIpv4(bad), null, bad);
  }
});

test('formatIpv4 is the inverse of parseIpv4', () => {
  for (const ip of ['0.0.0.0', '10.61.1.7', '192.168.255.1', '255.255.255.255']) {
    assert.equal(formatIpv4(parseIpv4(ip) ?? -1), ip);
  }
});

test('parseCidr gives the network, prefix and size, clearing host bits', () => {
  assert.deepEqual(parseCidr('10.61.1.0/24'), { network: parseIpv4('10.61.1.0'), prefix: 24, size: 256 });
  assert.deepEqual(parseCidr('10.61.1.77/24'), parseCidr('10.61.1.0/24'));
  assert.equal(formatCidr(parseCidr('10.61.1.77/24') ?? assert.fail()), '10.61.1.0/24');
  assert.deepEqual(parseCidr('0.0.0.0/0'), { network: 0, prefix: 0, size: 2 ** 32 });
  assert.deepEqual(parseCidr('10.61.1.9/32'), { network: parseIpv4('10.61.1.9'), prefix: 32, size: 1 });
  for (const bad of ['10.61.1.0', '10.61.1.0/33', '10.61.1.0/-1', '10.61.1.0/024', '10.61.1.0/', '/24', '2001:db8::/32']) {
    assert.equal(parseCidr(bad), null, bad);
  }
});

test('ipInCidr', () => {
  assert.equal(ipInCidr('10.61.1.0', '10.61.1.0/24'), true);
  assert.equal(ipInCidr('10.61.1.255', '10.61.1.0/24'), true);
  assert.equal(ipInCidr('10.61.2.0', '10.61.1.0/24'), false);
  assert.equal(ipInCidr('10.61.0.255', '10.61.1.0/24'), false);
  assert.equal(ipInCidr('203.0.113.9', '0.0.0.0/0'), true);
  assert.equal(ipInCidr('10.61.1.9', '10.61.1.9/32'), true);
  assert.equal(ipInCidr('::ffff:10.61.1.9', '10.61.1.0/24'), false);
  assert.equal(ipInCidr('10.61.1.9', 'not a block'), false);
});

test('cidrsOverlap: nested and equal blocks overlap, adjacent ones do not', () => {
  const block = (text: string) => parseCidr(text) ?? assert.fail(text);
  assert.equal(cidrsOverlap(block('10.61.1.0/24'), block('10.61.1.128/25')), true);
  assert.equal(cidrsOverlap(block('10.61.1.128/25'), block('10.61.1.0/24')), true);
  assert.equal(cidrsOverlap(block('10.61.1.0/24'), block('10.61.1.0/24')), true);
  assert.equal(cidrsOverlap(block('10.61.0.0/16'), block('10.61.200.0/24')), true);
  assert.equal(cidrsOverlap(block('10.61.1.0/24'), block('10.61.2.0/24')), false);
  assert.equal(cidrsOverlap(block('10.61.1.0/25'), block('10.61.1.128/25')), false);
});

test('findAgencyByIp returns the agency holding the address, the most specific when blocks nest', () => {
  const agencies = [
    { id: 'data-center', ipRanges: ['10.61.3.0/24', '10.61.4.0/24'] },
    { id: 'province', ipRanges: ['10.61.0.0/16'] },
    { id: 'ioc', ipRanges: ['10.61.5.0/26'] },
  ];
  assert.equal(findAgencyByIp(agencies, '10.61.4.10')?.id, 'data-center');
  assert.equal(findAgencyByIp(agencies, '10.61.5.10')?.id, 'ioc');
  assert.equal(findAgencyByIp(agencies, '10.61.5.100')?.id, 'province');
  assert.equal(findAgencyByIp(agencies, '10.62.0.1'), null);
  assert.equal(findAgencyByIp(agencies, 'fe80::1'), null);
  assert.equal(findAgencyByIp([], '10.61.1.1'), null);
});
