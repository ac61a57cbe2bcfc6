import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindShortcuts } from '../../../renderer/app/shortcuts.js';
import { PROTOTYPE_IDS } from '../../support/prototype-ids.js';

/** A window double: records the keydown listener so a test can press keys without a DOM. */
function fakeWindow(): { target: Window; press(key: string): boolean } {
  let listener: ((event: KeyboardEvent) => void) | null = null;
  const target = {
    addEventListener: (_type: string, fn: (event: KeyboardEvent) => void) => (listener = fn),
    removeEventListener: () => (listener = null),
  } as unknown as Window;
  return {
    target,
    press(key: string): boolean {
      let prevented = false;
      const event = { key, ctrlKey: false, metaKey: false, altKey: false, target: null, preventDefault: () => (prevented = true) };
      listener?.(event as unknown as KeyboardEvent);
      return prevented;
    },
  };
}

test('only the bound keys act; a key named like an Object.prototype member is not a binding', () => {
  const pressed: string[] = [];
  const window = fakeWindow();
  bindShortcuts(window.target, { l: () => pressed.push('l'), Escape: () => pressed.push('Escape') });
  assert.equal(window.press('L'), true, 'case-insensitive for letters');
  assert.equal(window.press('Escape'), true);
  for (const key of PROTOTYPE_IDS) assert.equal(window.press(key), false, key);
  assert.equal(window.press('x'), false);
  assert.deepEqual(pressed, ['l', 'Escape']);
});
