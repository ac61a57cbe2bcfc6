export interface DevtoolsDecision {
  /** Open the developer tools, add their menu entries and let the window have them (webPreferences.devTools). */
  readonly allowed: boolean;
  /** Set when `--devtools` was asked for and refused: the app says so in its log. */
  readonly warning: string | null;
}

/**
 * `--devtools` works only in a development run (`app.isPackaged === false`). In a packaged console the developer
 * tools would give whoever sits at the desk a JavaScript console inside the page that holds the hub token, so the
 * switch is ignored there, and said to be.
 */
export function devtoolsAllowed(options: { readonly requested: boolean; readonly isPackaged: boolean }): DevtoolsDecision {
  if (!options.requested) return { allowed: false, warning: null };
  if (options.isPackaged) return { allowed: false, warning: 'ioc-console: --devtools ignored: the developer tools are only available in a development build' };
  return { allowed: true, warning: null };
}
