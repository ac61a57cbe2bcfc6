import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { h } from './dom.js';

export const SHORTCUTS: readonly { keys: string; label: MessageKey }[] = [
  { keys: 'L', label: 'shortcutLanguage' },
  { keys: '?', label: 'shortcutHelp' },
  { keys: 'H', label: 'shortcutHome' },
  { keys: 'B', label: 'shortcutLayers' },
  { keys: '1 – 6', label: 'shortcutToggleLayer' },
  { keys: 'I', label: 'shortcutAbout' },
  { keys: '/ · Ctrl+K', label: 'shortcutSearch' },
  { keys: 'J K', label: 'shortcutQueueMove' },
  { keys: 'Enter', label: 'shortcutQueueOpen' },
  { keys: 'A', label: 'shortcutAck' },
  { keys: '+ −', label: 'shortcutGroup' },
  { keys: 'N', label: 'shortcutLogIncident' },
  { keys: 'Esc', label: 'shortcutClose' },
  { keys: '␣', label: 'shortcutReplayPlay' },
  { keys: '← →', label: 'shortcutReplayStep' },
  { keys: '[ ]', label: 'shortcutReplaySpeed' },
  { keys: 'End', label: 'shortcutReplayLive' },
];

/** Help overlay (keyboard shortcuts) and About box (with the data attributions the licences require). */
export function createDialogs(root: HTMLElement, i18n: I18n, attributions: readonly string[], version: string) {
  const overlay = h('div', { class: 'overlay', hidden: '', role: 'dialog', 'aria-modal': 'true' });
  root.append(overlay);
  let open: 'help' | 'about' | null = null;

  const render = (): void => {
    overlay.replaceChildren();
    if (open === null) {
      overlay.hidden = true;
      return;
    }
    overlay.hidden = false;
    const close = h('button', { type: 'button', 'data-action': 'close' }, i18n.t('close'));
    close.addEventListener('click', () => show(null));
    const dialog = h('div', { class: 'dialog', 'data-dialog': open });
    if (open === 'help') {
      const table = h('table');
      for (const shortcut of SHORTCUTS) table.append(h('tr', {}, h('td', {}, h('kbd', {}, shortcut.keys)), h('td', {}, i18n.t(shortcut.label))));
      dialog.append(h('h2', {}, i18n.t('help')), table, h('p'), close);
    } else {
      const list = h('ul');
      for (const line of attributions) list.append(h('li', {}, line));
      dialog.append(
        h('h2', {}, `IOC Console ${version}`),
        h('p', {}, i18n.t('aboutText')),
        h('h3', {}, i18n.t('dataSources')),
        list,
        close,
      );
    }
    overlay.append(dialog);
    close.focus();
  };
  const show = (which: 'help' | 'about' | null): void => {
    open = which;
    render();
  };
  overlay.addEventListener('click', (event) => {
    if (event.target === overlay) show(null);
  });
  i18n.onChange(render);
  return {
    toggle(which: 'help' | 'about') {
      show(open === which ? null : which);
    },
    close() {
      show(null);
    },
    get isOpen() {
      return open !== null;
    },
  };
}
