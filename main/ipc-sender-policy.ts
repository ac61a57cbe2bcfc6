import { isAppUrl } from './app-origin.js';

/** What main knows about the sender of an IPC message, reduced to plain values so the rule is testable. */
export interface IpcSenderFacts {
  /** URL of the frame that sent the message; null when Electron no longer has the frame (navigated or destroyed). */
  readonly frameUrl: string | null;
  /** The frame is the top frame of its page, not an iframe. */
  readonly isMainFrame: boolean;
  /** The page belongs to a window this process created. */
  readonly isOwnWindow: boolean;
}

/**
 * Only the main frame of one of our windows, showing app://console, may use the bridge. Electron's own checklist
 * asks for this ("validate the sender of all IPC messages"): a sub-frame or a page that navigated elsewhere must not
 * receive the hub token.
 */
export function isTrustedIpcSender(facts: IpcSenderFacts): boolean {
  return facts.isOwnWindow && facts.isMainFrame && facts.frameUrl !== null && isAppUrl(facts.frameUrl);
}
