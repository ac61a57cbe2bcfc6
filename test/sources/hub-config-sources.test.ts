import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseHubConfig } from '../../feeds/hub/hub-config.js';
import { TEST_CONFIG_JSON } from '../support/test-config.js';

test('hub config `sources`: defaults to none; follow defaults to true; a bad entry is named by its path', () => {
  assert.deepEqual(parseHubConfig(TEST_CONFIG_JSON, 'hub.json').sources, []);
  const config = parseHubConfig({ ...TEST_CONFIG_JSON, sources: [{ type: 'wazuh', path: '/var/ossec/logs/alerts/alerts.json' }] }, 'hub.json');
  assert.deepEqual(config.sources, [{ type: 'wazuh', path: '/var/ossec/logs/alerts/alerts.json', follow: true }]);
  assert.throws(() => parseHubConfig({ ...TEST_CONFIG_JSON, sources: [{ type: 'gtfs-rt', path: 'x' }] }, 'hub.json'), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /^hub\.json: sources\.0\.type: /);
    return true;
  });
  assert.throws(() => parseHubConfig({ ...TEST_CONFIG_JSON, sources: [{ type: 'suricata-eve', path: 'eve.json', tail: true }] }, 'hub.json'), /sources\.0/);
});
