import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHost, hostAllowlist, misdirectedUpgradeResponse, parseAllowHosts } from './host-allowlist.js';

const loopback = hostAllowlist({ port: 8080, listenHost: '127.0.0.1' });
const allowed = (host: string | undefined, list = loopback): boolean => checkHost(host, list).ok;

test('the three loopback names at the listening port are answered', () => {
  assert.equal(allowed('127.0.0.1:8080'), true);
  assert.equal(allowed('localhost:8080'), true);
  assert.equal(allowed('[::1]:8080'), true);
});

test('a wrong port, or no port (which means 80), is refused', () => {
  assert.equal(allowed('127.0.0.1:8081'), false);
  assert.equal(allowed('localhost:80'), false);
  assert.equal(allowed('localhost'), false);
  assert.equal(allowed('[::1]'), false);
  // On port 80 the bare name is the browser's form.
  assert.equal(allowed('localhost', hostAllowlist({ port: 80 })), true);
});

test('a rebinding name is refused and the reason names it', () => {
  const check = checkHost('evil.example:8080', loopback);
  assert.deepEqual(check, { ok: false, reason: 'Host "evil.example:8080" is not a name of this server' });
  assert.equal(allowed('localhost.evil.example:8080'), false);
  assert.equal(allowed('127.0.0.1.evil.example:8080'), false);
  assert.equal(allowed('evil.example.:8080'), false);
});

test('host names are case-insensitive and one trailing dot is the same name', () => {
  assert.equal(allowed('LOCALHOST:8080'), true);
  assert.equal(allowed('LocalHost.:8080'), true);
  assert.equal(allowed('127.0.0.1.:8080'), true);
  assert.equal(allowed('localhost..:8080'), false);
});

test('IPv6 needs its brackets and is compared in canonical form', () => {
  assert.equal(allowed('[0:0:0:0:0:0:0:1]:8080'), true);
  assert.equal(allowed('[::1]:8080'), true);
  assert.equal(allowed('::1:8080'), false);
  assert.equal(allowed('[::2]:8080'), false);
  assert.equal(allowed('[::1%25lo]:8080'), false);
  assert.equal(allowed('[not-an-address]:8080'), false);
});

test('a missing or malformed Host header is refused', () => {
  assert.deepEqual(checkHost(undefined, loopback), { ok: false, reason: 'missing Host header' });
  assert.deepEqual(checkHost('', loopback), { ok: false, reason: 'missing Host header' });
  for (const host of ['user@127.0.0.1:8080', '127.0.0.1:8080/x', '127.0.0.1 :8080', '127.0.0.1:', '127.0.0.1:99999', '127.0.0.1:0', ':8080', '127.0.0.1:8080:8080']) {
    assert.deepEqual(checkHost(host, loopback), { ok: false, reason: 'malformed Host header' }, host);
  }
});

test('an allow-listed name is answered at the listening port, or at its own port when it names one', () => {
  const list = hostAllowlist({ port: 8080, allowHosts: ['ioc-wall.local', 'IOC.example.vn:443', '10.0.0.5'] });
  assert.equal(allowed('ioc-wall.local:8080', list), true);
  assert.equal(allowed('ioc-wall.local:9090', list), false);
  assert.equal(allowed('ioc.example.vn:443', list), true);
  assert.equal(allowed('ioc.example.vn:8080', list), false);
  assert.equal(allowed('10.0.0.5:8080', list), true);
  assert.equal(allowed('localhost:8080', list), true, 'loopback names stay');
  assert.equal(allowed('ioc-wall.local:8080'), false, 'only where it was allowed');
});

test('a specific listening address is one of the names; a wildcard is not', () => {
  assert.equal(allowed('192.168.1.20:8080', hostAllowlist({ port: 8080, listenHost: '192.168.1.20' })), true);
  assert.equal(allowed('[fd00::1]:8080', hostAllowlist({ port: 8080, listenHost: 'fd00::1' })), true);
  const wildcard = hostAllowlist({ port: 8080, listenHost: '0.0.0.0' });
  assert.equal(allowed('0.0.0.0:8080', wildcard), false);
  assert.equal(allowed('127.0.0.1:8080', wildcard), true);
  assert.throws(() => hostAllowlist({ port: 8080, listenHost: 'a b' }), /not a listening address/);
  assert.throws(() => hostAllowlist({ port: 0 }), /not a listening port/);
});

test('--allow-host values split on commas and a bad name is refused at start', () => {
  assert.deepEqual(parseAllowHosts(['a.local,b.local', ' c.local ']), ['a.local', 'b.local', 'c.local']);
  assert.deepEqual(parseAllowHosts([]), []);
  assert.throws(() => parseAllowHosts(['a.local,']), /--allow-host: not a host name.*""/);
  assert.throws(() => parseAllowHosts(['http://a.local']), /--allow-host: not a host name.*"http:\/\/a\.local"/);
  assert.throws(() => hostAllowlist({ port: 8080, allowHosts: ['*.example'] }), /not a host name/);
});

test('the refused-upgrade reply is a complete 421 response', () => {
  const reply = misdirectedUpgradeResponse('Host "evil.example:8080" is not a name of this server');
  const [head, body] = reply.split('\r\n\r\n');
  assert.match(head ?? '', /^HTTP\/1\.1 421 Misdirected Request\r\n/);
  assert.match(head ?? '', /\r\nConnection: close$/);
  assert.equal(body, 'Host "evil.example:8080" is not a name of this server\n');
  assert.match(head ?? '', new RegExp(`Content-Length: ${Buffer.byteLength(body ?? '')}\\r\\n`));
});
