import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { ConsoleCommand } from '../feeds/bridge/bridge-contract.js';
import { buildMenuTemplate } from './app-menu-template.js';
import { CONSOLE_COMMANDS, isConsoleCommand } from './console-commands.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

test('every console command is in the menu, with its shortcut', () => {
  const sent: ConsoleCommand[] = [];
  const template = buildMenuTemplate({ locale: 'vi', devtools: false, isMac: false, send: (command) => sent.push(command) });
  const shortcuts = new Map<ConsoleCommand, string | undefined>();
  for (const item of items(template)) {
    if (!item.click) continue;
    const before = sent.length;
    (item.click as () => void)();
    const command = sent[before];
    if (command !== undefined) shortcuts.set(command, typeof item.accelerator === 'string' ? item.accelerator : undefined);
  }
  assert.deepEqual([...shortcuts.keys()].sort(), [...CONSOLE_COMMANDS].sort());
  assert.equal(shortcuts.get('toggle-language'), 'CmdOrCtrl+L');
  assert.equal(shortcuts.get('show-help'), 'F1');
  assert.equal(shortcuts.get('fly-home'), 'Home');
  assert.equal(shortcuts.get('toggle-layer-panel'), 'CmdOrCtrl+B');
  assert.equal(shortcuts.get('show-about'), undefined);
});

test('developer tools only with --devtools', () => {
  const roles = (devtools: boolean): unknown[] =>
    items(buildMenuTemplate({ locale: 'en', devtools, isMac: false, send: () => undefined })).map((item) => item.role);
  assert.ok(!roles(false).includes('toggleDevTools'));
  assert.ok(!roles(false).includes('reload'));
  assert.ok(roles(true).includes('toggleDevTools'));
});

test('the preload forwards only known commands', () => {
  assert.equal(isConsoleCommand('fly-home'), true);
  assert.equal(isConsoleCommand('rm -rf'), false);
  assert.equal(isConsoleCommand(undefined), false);
});
