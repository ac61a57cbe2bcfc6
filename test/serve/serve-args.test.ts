import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../feeds/hub/cli-args.js';
import { parseServeArgs } from '../../scripts/serve-args.js';

test('serve defaults: port 8080, the Hải Dương simulator, loopback names only, no source maps', () => {
  const args = parseServeArgs([]);
  assert.deepEqual(args, { hubs: [], hubArgv: ['--port', '8080', '--simulate', 'hai-duong'], hasConfig: false, noBuild: false, wallFile: null, allowHosts: [], sourceMaps: false });
});

test('serve options are taken out, the rest goes to the hub', () => {
  const args = parseServeArgs(['--port=9000', '--no-build', '--allow-host', 'a.local,b.local', '--db', 'x.db', '--allow-host=c.local:443', '--wall', 'w.json', '--source-maps', '--config=c.json']);
  assert.deepEqual(args.hubArgv, ['--port=9000', '--db', 'x.db', '--config=c.json', '--simulate', 'hai-duong']);
  assert.deepEqual(args.allowHosts, ['a.local', 'b.local', 'c.local:443']);
  assert.equal(args.wallFile, 'w.json');
  assert.equal(args.noBuild, true);
  assert.equal(args.sourceMaps, true);
  assert.equal(args.hasConfig, true);
});

test('a missing or bad --allow-host value is a usage error', () => {
  const cases: [string[], RegExp][] = [
    [['--allow-host'], /--allow-host needs a value/],
    [['--allow-host', '--port', '1'], /--allow-host needs a value/],
    [['--allow-host='], /--allow-host needs a value/],
    [['--allow-host', 'http://evil'], /--allow-host: not a host name/],
    [['--wall'], /--wall needs a value/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseServeArgs(argv), (error: Error) => error instanceof UsageError && message.test(error.message), argv.join(' '));
  }
});

test('--hub: the hubs to point the console at (comma-separated or repeated), with the config of their tokens', () => {
  const args = parseServeArgs(['--hub', 'ws://127.0.0.1:8787/v1/stream,ws://127.0.0.1:8788/v1/stream', '--config', 'hub.json']);
  assert.deepEqual(args.hubs, ['ws://127.0.0.1:8787/v1/stream', 'ws://127.0.0.1:8788/v1/stream']);
  assert.throws(() => parseServeArgs(['--hub', 'ws://127.0.0.1:8787/v1/stream']), /--hub needs --config/);
  assert.throws(() => parseServeArgs(['--hub', 'http://127.0.0.1:8787', '--config', 'x']), /--hub: "http:\/\/127\.0\.0\.1:8787" is not a hub stream URL/);
});
