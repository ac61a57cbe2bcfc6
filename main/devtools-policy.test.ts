import assert from 'node:assert/strict';
import { test } from 'node:test';
import { devtoolsAllowed } from './devtools-policy.js';

test('--devtools opens the developer tools in a development run', () => {
  assert.deepEqual(devtoolsAllowed({ requested: true, isPackaged: false }), { allowed: true, warning: null });
});

test('a packaged app ignores --devtools and says so', () => {
  const decision = devtoolsAllowed({ requested: true, isPackaged: true });
  assert.equal(decision.allowed, false);
  assert.match(decision.warning ?? '', /--devtools ignored/);
});

test('without --devtools there are none, and nothing to say', () => {
  assert.deepEqual(devtoolsAllowed({ requested: false, isPackaged: false }), { allowed: false, warning: null });
  assert.deepEqual(devtoolsAllowed({ requested: false, isPackaged: true }), { allowed: false, warning: null });
});
