import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wallKeyAction, type KeyInput } from './wall-keys.js';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, alt: false, shift: false, meta: false, ...mods });

test('only Ctrl+Alt+Shift+Q leaves the wall', () => {
  assert.equal(wallKeyAction(key('Q', { control: true, alt: true, shift: true })), 'quit');
  assert.equal(wallKeyAction(key('q', { control: true, alt: true, shift: true })), 'quit');
  assert.equal(wallKeyAction(key('Q', { type: 'keyUp', control: true, alt: true, shift: true })), 'block');
  assert.equal(wallKeyAction(key('Q', { control: true, alt: true, shift: true, meta: true })), 'block');
});

test('Esc, F11, reload, close, quit, devtools, zoom and menu keys are all blocked', () => {
  const blocked = [
    key('Escape'),
    key('F11'),
    key('F5'),
    key('F12'),
    key('r', { control: true }),
    key('R', { control: true, shift: true }),
    key('w', { control: true }),
    key('q', { control: true }),
    key('Q', { control: true, shift: true }),
    key('I', { control: true, shift: true }),
    key('F4', { alt: true }),
    key('Alt', { alt: true }),
    key('=', { control: true }),
    key('-', { control: true }),
    key('0', { control: true }),
    key('l'),
  ];
  for (const input of blocked) assert.equal(wallKeyAction(input), 'block', JSON.stringify(input));
});
