import { isAppUrl } from './app-origin.js';

export interface NavigationTarget {
  readonly url: string;
  /** False for an iframe (or any subframe): it is held to the same rule, never looser. */
  readonly isMainFrame: boolean;
}

export type NavigationDecision = { readonly allow: true } | { readonly allow: false; readonly log: string };

const LOGGED_URL_CHARS = 200;

/**
 * May a frame of one of our windows navigate to this URL? Only within app://console, for the main frame and every
 * subframe alike: the console has no iframes, so a subframe leaving the origin is injected content (phishing, or a
 * remote page framed inside ours). about:blank, data:, blob:, file: and javascript: are all refused; the log line
 * is cut short, since a data: URL can be megabytes long.
 */
export function navigationDecision(target: NavigationTarget): NavigationDecision {
  if (isAppUrl(target.url)) return { allow: true };
  const url = target.url.length > LOGGED_URL_CHARS ? `${target.url.slice(0, LOGGED_URL_CHARS)}…` : target.url;
  return { allow: false, log: `blocked ${target.isMainFrame ? 'navigation' : 'subframe navigation'} to ${url}` };
}
