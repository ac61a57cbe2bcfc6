import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsoleUsageError, normalizeHubUrl, parseConsoleArgs } from './console-args.js';

test('no options: embedded hub, operator, Vietnamese, no devtools', () => {
  assert.deepEqual(parseConsoleArgs(['/usr/bin/electron', 'build/app/main/main.cjs']), {
    hub: null,
    role: 'operator',
    locale: 'vi',
    devtools: false,
    wall: null,
    at: null,
    demo: false,
  });
});

test('--at opens replaying a moment (checked by the renderer, passed on as given)', () => {
  assert.equal(parseConsoleArgs(['electron', 'main.cjs', '--at', '2026-12-04T08:15+07:00']).at, '2026-12-04T08:15+07:00');
  assert.throws(() => parseConsoleArgs(['electron', 'main.cjs', '--at']), /--at needs a value/);
});

test('--demo asks the embedded hub for the demo scenario; with an external hub it is refused', () => {
  assert.equal(parseConsoleArgs(['electron', 'main.cjs', '--demo']).demo, true);
  assert.throws(() => parseConsoleArgs(['--hub', 'http://127.0.0.1:8787', '--token', 't', '--demo']), /--demo is only used with the embedded hub/);
});

test('an external hub with token and role, in either option form', () => {
  const args = parseConsoleArgs(['electron', 'main.cjs', '--hub', 'http://10.0.0.5:8787', '--token=abc', '--role', 'duty-officer', '--lang=en', '--devtools']);
  assert.deepEqual(args.hub, { httpUrl: 'http://10.0.0.5:8787', token: 'abc' });
  assert.equal(args.role, 'duty-officer');
  assert.equal(args.locale, 'en');
  assert.equal(args.devtools, true);
});

test('Chromium, Electron and Playwright switches anywhere in argv are skipped', () => {
  const args = parseConsoleArgs(['electron', '--inspect=0', '--remote-debugging-port=0', 'main.cjs', '--user-data-dir=/tmp/x', '--no-sandbox', '--lang', 'en']);
  assert.equal(args.hub, null);
  assert.equal(args.locale, 'en');
});

test('--wall PATH is parsed', () => {
  assert.equal(parseConsoleArgs(['--wall', '/etc/ioc/wall.json']).wall, '/etc/ioc/wall.json');
});

test('ws:// and /v1/stream forms of --hub become the http origin', () => {
  assert.equal(normalizeHubUrl('ws://127.0.0.1:8787/v1/stream'), 'http://127.0.0.1:8787');
  assert.equal(normalizeHubUrl('wss://hub.ioc.example:9443'), 'https://hub.ioc.example:9443');
  assert.equal(normalizeHubUrl('http://hub.local/'), 'http://hub.local');
});

test('usage errors name the option', () => {
  const cases: [string[], RegExp][] = [
    [['--hub', 'http://127.0.0.1:8787'], /--hub needs --token/],
    [['--token', 't'], /--token is only used with --hub/],
    [['--hub'], /--hub needs a value/],
    [['--hub', '--token', 't'], /--hub needs a value/],
    [['--role', 'janitor'], /--role: unknown role "janitor"/],
    [['--lang', 'fr'], /--lang: expected vi or en/],
    [['--hub', 'file:///etc/passwd', '--token', 't'], /--hub: expected http/],
    [['--hub', 'not a url', '--token', 't'], /--hub: not a URL/],
    [['--hub', 'http://user:pw@127.0.0.1:8787', '--token', 't'], /credentials/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseConsoleArgs(argv), (error: Error) => error instanceof ConsoleUsageError && message.test(error.message), argv.join(' '));
  }
});

test('--hub with several hubs, comma-separated: all of them, the first as the main one', () => {
  const args = parseConsoleArgs(['--hub', 'ws://hub-1:8787/v1/stream,http://hub-2:8787', '--token', 'secret-token']);
  assert.deepEqual(args.hub, { httpUrl: 'http://hub-1:8787', token: 'secret-token', httpUrls: ['http://hub-1:8787', 'http://hub-2:8787'] });
});
