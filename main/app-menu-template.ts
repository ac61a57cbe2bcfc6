import type { MenuItemConstructorOptions } from 'electron';
import type { ConsoleCommand, ConsoleLocale } from '../feeds/bridge/bridge-contract.js';

export interface MenuTemplateOptions {
  readonly locale: ConsoleLocale;
  readonly devtools: boolean;
  readonly isMac: boolean;
  /** Sends a command to the focused console window. */
  readonly send: (command: ConsoleCommand) => void;
}

const LABELS = {
  vi: {
    console: 'Bảng điều khiển',
    view: 'Hiển thị',
    help: 'Trợ giúp',
    language: 'Đổi ngôn ngữ (Tiếng Việt / English)',
    layers: 'Bảng lớp bản đồ',
    home: 'Về toàn tỉnh',
    shortcuts: 'Trợ giúp và phím tắt',
    about: 'Giới thiệu IOC Console',
  },
  en: {
    console: 'Console',
    view: 'View',
    help: 'Help',
    language: 'Switch language (Tiếng Việt / English)',
    layers: 'Layer panel',
    home: 'Fly to the whole province',
    shortcuts: 'Help and shortcuts',
    about: 'About IOC Console',
  },
} as const;

/**
 * The application menu. Console commands go to the renderer as `console:command`; the menu holds no state. The
 * developer tools entry exists only with --devtools in a development run (main/devtools-policy.ts). Kept free of
 * runtime electron imports so it is unit-tested.
 */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const text = LABELS[options.locale];
  const command = (label: string, name: ConsoleCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => options.send(name),
  });
  const view: MenuItemConstructorOptions[] = [
    command(text.language, 'toggle-language', 'CmdOrCtrl+L'),
    command(text.layers, 'toggle-layer-panel', 'CmdOrCtrl+B'),
    command(text.home, 'fly-home', 'Home'),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { role: 'togglefullscreen' },
  ];
  if (options.devtools) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(options.isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: text.console, submenu: [{ role: 'copy' }, { role: 'selectAll' }, { type: 'separator' }, { role: 'quit' }] },
    { label: text.view, submenu: view },
    { label: text.help, role: 'help', submenu: [command(text.shortcuts, 'show-help', 'F1'), command(text.about, 'show-about')] },
  ];
}
