/**
 * The one contract between the console renderer and its host: Electron's preload (main/preload.ts) or the browser
 * shim (renderer/bridge/browser-bridge.ts) when the console is served to plain Chromium. Types only; channel names
 * are string-literal unions so a typo is a compile error, and every listener returns its unsubscribe function.
 */
import type { Role } from '../protocol/frames.js';

export type ConsoleLocale = 'vi' | 'en';

/** What the renderer needs to start: which hub, as whom, in which language, and in which mode. */
export interface ConsoleConfig {
  /** WebSocket URL of the hub stream, e.g. ws://127.0.0.1:8787/v1/stream */
  readonly hubUrl: string;
  /**
   * Every hub of the deployment, in order of preference (the first is `hubUrl`): when the console loses its hub it
   * resumes on the next (docs/deploy.md). Absent: `hubUrl` only.
   */
  readonly hubUrls?: readonly string[];
  /** HTTP base of the hub (for /health), e.g. http://127.0.0.1:8787 */
  readonly hubHttpUrl: string;
  readonly token: string;
  readonly role: Role;
  readonly locale: ConsoleLocale;
  /** Base URL of the region pack files (region.json and the files it names). */
  readonly regionUrl: string;
  /** Wall mode: a layout or playlist name, or null for the operator console. */
  readonly wall: { readonly layout: string | null; readonly playlist: string | null } | null;
  /**
   * A moment to open replaying (`?at=` of a served console, `--at` of the app): ISO 8601 as given, checked by the
   * renderer (renderer/replay/replay-at.ts), which says so when it is not a time. Walls ignore it (live only).
   */
  readonly at?: string | null;
  /** 'electron' or 'browser', for the About box and diagnostics. */
  readonly host: 'electron' | 'browser';
  readonly version: string;
}

/** Commands the host may send to the renderer (application menu, global shortcuts). */
export type ConsoleCommand = 'toggle-language' | 'show-help' | 'show-about' | 'fly-home' | 'toggle-layer-panel';

export interface ConsoleBridge {
  getConfig(): Promise<ConsoleConfig>;
  onCommand(listener: (command: ConsoleCommand) => void): () => void;
  /** The renderer reports a painted frame (wall watchdog); cheap, called at most once a second. */
  reportFrame(): void;
}

/** IPC channel names used by main/ and main/preload.ts. */
export type BridgeChannel = 'console:get-config' | 'console:command' | 'console:frame';

/** Where the bridge is exposed on `window` by the preload (contextBridge) or the browser shim. */
export const BRIDGE_GLOBAL = 'iocConsole';
