/** The subset of Electron's `Input` (webContents 'before-input-event') the wall's key policy reads. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

/** The one way out of the wall, documented in docs/wall.md: Ctrl+Alt+Shift+Q. */
export const WALL_ADMIN_QUIT = 'Ctrl+Alt+Shift+Q';

/**
 * The wall takes no keyboard input at all: it is read-only, and every key a passer-by might press (Esc, F11, F5,
 * Ctrl+R, Ctrl+W, Ctrl+Q, Ctrl+Shift+I, Alt for the menu, zoom keys) would otherwise leave, reload, or disturb it.
 * So everything is blocked except the admin combination, which quits. Alt+F4 never reaches the page on Linux (the
 * window manager closes the window): the wall window's 'close' is refused instead unless the admin quit started.
 */
export function wallKeyAction(input: KeyInput): 'quit' | 'block' {
  const isQ = input.key.toLowerCase() === 'q';
  if (input.type === 'keyDown' && isQ && input.control && input.alt && input.shift && !input.meta) return 'quit';
  return 'block';
}
