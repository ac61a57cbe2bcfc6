import { BrowserWindow, Menu } from 'electron';
import type { BridgeChannel, ConsoleCommand, ConsoleLocale } from '../feeds/bridge/bridge-contract.js';
import { buildMenuTemplate } from './app-menu-template.js';

const COMMAND: BridgeChannel = 'console:command';

/** Install the application menu; its commands go to whichever console window has focus. */
export function installAppMenu(locale: ConsoleLocale, devtools: boolean): void {
  const send = (command: ConsoleCommand): void => {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    window?.webContents.send(COMMAND, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ locale, devtools, isMac: process.platform === 'darwin', send })));
}
