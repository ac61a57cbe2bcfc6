import type { ConsoleBridge, ConsoleCommand, ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';

/**
 * The bridge when the console is served to a plain browser (`npm run serve`): the server hands out the same
 * ConsoleConfig the Electron preload would, at /console-config.json; the URL's query (?lang=en, ?wall=1&layout=…)
 * is passed along so a browser wall can choose its layout.
 */
export function createBrowserBridge(location: Location): ConsoleBridge {
  const listeners = new Set<(command: ConsoleCommand) => void>();
  return {
    async getConfig(): Promise<ConsoleConfig> {
      const response = await fetch(`./console-config.json${location.search}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`console-config.json: HTTP ${response.status}`);
      return (await response.json()) as ConsoleConfig;
    },
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportFrame() {
      // No watchdog in a browser host.
    },
  };
}
