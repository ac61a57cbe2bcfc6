import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJetStreamUrl } from './jetstream-url.js';
import { logSubject, streamName } from './naming.js';

test('the CLI form: servers, default port and prefix', () => {
  assert.deepEqual(parseJetStreamUrl('nats://127.0.0.1:4222'), { servers: ['nats://127.0.0.1:4222'], prefix: 'ioc' });
  assert.deepEqual(parseJetStreamUrl('nats://a.example:4223,b.example/hub_2'), {
    servers: ['nats://a.example:4223', 'nats://b.example:4222'],
    prefix: 'hub_2',
  });
  assert.deepEqual(parseJetStreamUrl('nats://[::1]:5000/'), { servers: ['nats://[::1]:5000'], prefix: 'ioc' });
});

test('malformed URLs and prefixes are refused', () => {
  for (const url of ['http://x:4222', 'nats://', 'nats://x:0', 'nats://x:70000', 'nats://x:4222/IOC', 'nats://x:4222/a.b', 'nats://x:4222/a/b', 'nats://user:pw@x:4222', 'nats://x,:4222']) {
    assert.throws(() => parseJetStreamUrl(url), RangeError, url);
  }
});

test('stream and subject names', () => {
  assert.equal(streamName('ioc', 'traffic'), 'IOC_TRAFFIC');
  assert.equal(logSubject('ioc', 'traffic'), 'ioc.log.traffic');
});
