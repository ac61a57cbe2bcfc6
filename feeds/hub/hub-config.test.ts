import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseHubConfig, simulatorDemo } from './hub-config.js';

const tokens = [{ token: 'a-token-of-sixteen-chars', role: 'operator', name: 'Op' }];

test('only auth.tokens is required; everything else has a default', () => {
  const config = parseHubConfig({ auth: { tokens } }, 'hub.json');
  assert.equal(config.store.retentionHours, 24);
  assert.deepEqual(config.permissions.ack, ['operator', 'duty-officer', 'admin']);
  assert.equal(config.simulator.vehicles, 2000);
  assert.equal(config.simulator.demo, false, 'an ordinary day unless the demo is asked for');
});

test('the demo: --demo / --no-demo win over the config, which decides when neither is given', () => {
  const off = parseHubConfig({ auth: { tokens }, simulator: { demo: false } }, 'hub.json');
  const on = parseHubConfig({ auth: { tokens }, simulator: { demo: true } }, 'hub.json');
  assert.equal(simulatorDemo(null, off), false);
  assert.equal(simulatorDemo(null, on), true);
  assert.equal(simulatorDemo(true, off), true);
  assert.equal(simulatorDemo(false, on), false);
});

test('backends: a store URL is checked when the config is read; the log URL is kept for the hub to refuse', () => {
  const config = parseHubConfig({ auth: { tokens }, backends: { store: 'postgres://db.ioc.local:5432/ioc', log: 'nats://n:4222' } }, 'x.json');
  assert.deepEqual(config.backends, { store: 'postgres://db.ioc.local:5432/ioc', log: 'nats://n:4222' });
  assert.equal(parseHubConfig({ auth: { tokens }, backends: { store: './data/state.db' } }, 'x.json').backends.store, './data/state.db');
  assert.throws(() => parseHubConfig({ auth: { tokens }, backends: { store: 'mysql://h/ioc' } }, 'x.json'), /x\.json: backends\.store: unknown store "mysql:\/\/…"/);
  assert.throws(() => parseHubConfig({ auth: { tokens }, backends: { queue: 'x' } }, 'x.json'), /x\.json: backends/);
});

test('an error names the file and the field', () => {
  assert.throws(
    () => parseHubConfig({ auth: { tokens: [{ ...tokens[0], role: 'janitor' }] } }, '/etc/ioc/hub.json'),
    (error: Error) => error instanceof ConfigError && /^\/etc\/ioc\/hub\.json: auth\.tokens\.0\.role: /.test(error.message),
  );
  assert.throws(() => parseHubConfig({ auth: { tokens }, store: { retentionHours: -1 } }, 'x.json'), /x\.json: store\.retentionHours/);
  assert.throws(() => parseHubConfig({ auth: { tokens }, retention: 5 }, 'x.json'), /x\.json: .*retention/);
  assert.throws(() => parseHubConfig({}, 'x.json'), /x\.json: auth/);
  assert.throws(() => parseHubConfig({ auth: { tokens: [...tokens, ...tokens] } }, 'x.json'), /auth\.tokens\.1\.token: duplicate/);
  assert.throws(
    () => parseHubConfig({ auth: { tokens }, incidents: { environment: { highAqi: 151, criticalAqi: 101 } } }, 'x.json'),
    /x\.json: incidents\.environment\.criticalAqi: criticalAqi must be at least highAqi/,
  );
  assert.equal(parseHubConfig({ auth: { tokens }, store: { quarantineRetentionDays: 7 } }, 'x.json').store.quarantineRetentionDays, 7);
});
