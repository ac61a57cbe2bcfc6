import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navigationDecision } from './navigation-policy.js';

const allowed = (url: string, isMainFrame = true): boolean => navigationDecision({ url, isMainFrame }).allow;

test('the main frame and subframes may navigate within app://console', () => {
  assert.equal(allowed('app://console/'), true);
  assert.equal(allowed('app://console/?wall=1&layout=kpi-grid'), true);
  assert.equal(allowed('app://console/index.html', false), true);
});

test('any frame leaving the app origin is blocked, subframes included', () => {
  for (const url of [
    'https://evil.example/',
    'http://127.0.0.1:8787/health',
    'app://other/',
    'app://console.evil.example/',
    'app://user@console/',
    'file:///etc/passwd',
    'about:blank',
    'about:srcdoc',
    'data:text/html,<h1>x</h1>',
    'blob:https://evil.example/1',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.equal(allowed(url), false, url);
    assert.equal(allowed(url, false), false, `${url} (subframe)`);
  }
});

test('the log says which kind of frame, and keeps a long URL short', () => {
  assert.deepEqual(navigationDecision({ url: 'https://evil.example/', isMainFrame: false }), { allow: false, log: 'blocked subframe navigation to https://evil.example/' });
  assert.deepEqual(navigationDecision({ url: 'https://evil.example/', isMainFrame: true }), { allow: false, log: 'blocked navigation to https://evil.example/' });
  const decision = navigationDecision({ url: `data:text/html,${'x'.repeat(5000)}`, isMainFrame: false });
  assert.ok(!decision.allow && decision.log.length < 260);
});
