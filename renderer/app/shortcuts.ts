/** Single-key shortcuts for the console, ignored while typing in a field. */
export function bindShortcuts(target: Window, bindings: Record<string, () => void>): () => void {
  const onKey = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const element = event.target as HTMLElement | null;
    if (element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable)) return;
    const action = bindings[event.key] ?? bindings[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
