import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HUB_USAGE, parseHubArgs, UsageError } from './cli-args.js';

test('--demo and --no-demo set the demo; neither leaves it to the config (null)', () => {
  assert.equal(parseHubArgs([]).demo, null);
  assert.equal(parseHubArgs(['--simulate', 'hai-duong', '--demo']).demo, true);
  assert.equal(parseHubArgs(['--no-demo', '--simulate', 'hai-duong']).demo, false);
  assert.throws(() => parseHubArgs(['--demo', '--no-demo']), (error: Error) => error instanceof UsageError && /--demo and --no-demo/.test(error.message));
  assert.throws(() => parseHubArgs(['--demo=yes']), UsageError);
  assert.match(HUB_USAGE, /--demo {2,}demo scenario/);
});
