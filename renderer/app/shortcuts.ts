/** Single-key shortcuts for the console, ignored while typing in a field. */
export function bindShortcuts(target: Window, bindings: Readonly<Record<string, () => void>>): () => void {
  // A Map: a key such as "__proto__" or "constructor" finds no binding instead of an Object.prototype member.
  const actions = new Map(Object.entries(bindings));
  const onKey = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const element = event.target as HTMLElement | null;
    if (element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable)) return;
    const action = actions.get(event.key) ?? actions.get(event.key.toLowerCase());
    if (action) {
      event.preventDefault();
      action();
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
