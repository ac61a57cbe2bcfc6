import { BRIDGE_GLOBAL, type ConsoleBridge } from '../../feeds/bridge/bridge-contract.js';
import { createBrowserBridge } from './browser-bridge.js';

/** Electron's preload exposes the bridge on window; a browser gets the shim. One interface either way. */
export function getBridge(): ConsoleBridge {
  const exposed = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  return exposed ? (exposed as ConsoleBridge) : createBrowserBridge(window.location);
}
