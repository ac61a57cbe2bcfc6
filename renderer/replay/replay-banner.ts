import type { ReplayStatus } from '../../feeds/client/replay-session.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import { formatMoment } from './moment-format.js';
import { replayLink } from './replay-at.js';

/**
 * While replaying, an unmistakable band across the top of the map: "PHÁT LẠI hh:mm:ss dd/mm", what the replay is
 * doing, a link to the moment shown (a `?at=` URL to send; docs/replay.md) and the way back ("Trực tiếp"). Hidden
 * while live.
 */
export class ReplayBanner {
  readonly #element: HTMLElement;
  readonly #i18n: I18n;
  readonly #title = h('strong', { 'data-testid': 'replay-banner-time' });
  readonly #state = h('span', { class: 'state', 'data-testid': 'replay-banner-state' });
  readonly #link = h('button', { type: 'button', 'data-action': 'replay-banner-link' });
  readonly #linkText = h('input', { type: 'text', readonly: '', class: 'link', 'data-testid': 'replay-banner-link' });
  readonly #live = h('button', { type: 'button', 'data-action': 'replay-banner-live' });
  #status: ReplayStatus | null = null;
  #copiedUntil = 0;

  /** `page`: the page's URL, which the link to a moment is made from. */
  constructor(element: HTMLElement, i18n: I18n, onLive: () => void, page: () => string = () => location.href) {
    this.#element = element;
    this.#i18n = i18n;
    this.#linkText.hidden = true;
    element.replaceChildren(this.#title, this.#state, this.#linkText, this.#link, this.#live);
    this.#live.addEventListener('click', onLive);
    this.#link.addEventListener('click', () => this.#copyLink(page()));
    i18n.onChange(() => this.update(this.#status));
    this.update(null);
  }

  update(status: ReplayStatus | null): void {
    this.#status = status;
    this.#element.hidden = status === null;
    this.#link.hidden = status === null;
    if (!status) {
      this.#linkText.hidden = true;
      return;
    }
    const t = this.#i18n;
    this.#element.dataset['phase'] = status.phase;
    this.#title.textContent = t.t('replayBanner', { time: formatMoment(t, status.clock, true) });
    this.#state.textContent =
      status.phase === 'error'
        ? errorText(t, status.error)
        : status.phase === 'seeking'
          ? t.t('replaySeeking')
          : status.phase === 'ended'
            ? t.t('replayEnded')
            : status.phase === 'playing'
              ? t.t('replayPlaying', { speed: status.speed })
              : t.t('replayPaused');
    this.#live.textContent = t.t('replayLive');
    this.#link.textContent = t.t(Date.now() < this.#copiedUntil ? 'replayLinkCopied' : 'replayCopyLink');
  }

  /**
   * The link to the moment shown, selected in a field (so it can be copied by hand too) and put on the clipboard
   * where the page may write it.
   */
  #copyLink(page: string): void {
    const status = this.#status;
    if (!status) return;
    const link = replayLink(page, status.clock);
    this.#linkText.value = link;
    this.#linkText.hidden = false;
    this.#linkText.select();
    const clipboard = typeof navigator.clipboard?.writeText === 'function' ? navigator.clipboard : null;
    if (!clipboard) return;
    clipboard.writeText(link).then(
      () => {
        this.#copiedUntil = Date.now() + 2000;
        this.#link.textContent = this.#i18n.t('replayLinkCopied');
      },
      () => undefined,
    );
  }

  /** A problem before any replay (a `?at=` that is not a time): shown with the way back to live. */
  showNotice(text: string): void {
    this.#status = null;
    this.#element.hidden = false;
    this.#element.dataset['phase'] = 'error';
    this.#link.hidden = true;
    this.#title.textContent = '';
    this.#state.textContent = text;
    this.#live.textContent = this.#i18n.t('replayLive');
  }
}

/** The hub's refusals in the console's language (its messages are English, for logs). */
function errorText(t: I18n, error: ReplayStatus['error']): string {
  if (!error) return t.t('replayError', { message: '' });
  if (error.code === 'offline') return t.t('replayOffline');
  if (error.code === 'forbidden') return t.t('replayForbidden');
  if (error.code === 'not-retained') {
    const iso = /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(error.message)?.[0];
    if (iso) return t.t('replayNotRetained', { time: formatMoment(t, Date.parse(iso), true) });
  }
  return t.t('replayError', { message: error.message });
}
