import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { BridgeChannel, ConsoleConfig } from '../feeds/bridge/bridge-contract.js';
import { isTrustedIpcSender } from './ipc-sender-policy.js';

const GET_CONFIG: BridgeChannel = 'console:get-config';
const FRAME: BridgeChannel = 'console:frame';

/**
 * The bridge's main side. Every handler first checks who is asking: only the main frame of one of our windows, on
 * app://console (docs/security.md). `ownWebContents` holds the ids of the windows main created.
 */
export function registerIpcHandlers(
  ownWebContents: ReadonlySet<number>,
  config: (senderId: number) => ConsoleConfig,
  onFrame: (senderId: number) => void = () => {},
): void {
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const ok = isTrustedIpcSender({
      frameUrl: frame ? frame.url : null,
      isMainFrame: frame !== null && frame.parent === null,
      isOwnWindow: ownWebContents.has(event.sender.id),
    });
    if (!ok) console.warn(`ipc: refused a message from ${frame ? frame.url : 'a destroyed frame'}`);
    return ok;
  };

  ipcMain.handle(GET_CONFIG, (event) => {
    if (!trusted(event)) throw new Error('forbidden');
    return config(event.sender.id);
  });
  ipcMain.on(FRAME, (event) => {
    if (!trusted(event)) return;
    // Painted-frame reports feed the video-wall watchdog (main/wall/frame-watchdog.ts).
    onFrame(event.sender.id);
  });
}
