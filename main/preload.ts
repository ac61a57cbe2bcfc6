/**
 * The sandboxed preload: implements ConsoleBridge over IPC and exposes it with contextBridge. A sandboxed preload
 * can require only 'electron', so this is bundled into one CJS file. The page gets three functions, never
 * ipcRenderer or an IpcRendererEvent.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, type BridgeChannel, type ConsoleBridge, type ConsoleCommand, type ConsoleConfig } from '../feeds/bridge/bridge-contract.js';
import { isConsoleCommand } from './console-commands.js';

const GET_CONFIG: BridgeChannel = 'console:get-config';
const COMMAND: BridgeChannel = 'console:command';
const FRAME: BridgeChannel = 'console:frame';

const bridge: ConsoleBridge = {
  getConfig: () => ipcRenderer.invoke(GET_CONFIG) as Promise<ConsoleConfig>,
  onCommand(listener: (command: ConsoleCommand) => void): () => void {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isConsoleCommand(command)) listener(command);
    };
    ipcRenderer.on(COMMAND, forward);
    return () => {
      ipcRenderer.removeListener(COMMAND, forward);
    };
  },
  reportFrame(): void {
    ipcRenderer.send(FRAME);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
