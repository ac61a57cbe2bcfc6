import type { I18n } from '../i18n/i18n.js';

/** The control room's clock is the province's: Asia/Ho_Chi_Minh whatever the machine's zone. */
export function mountClock(element: HTMLElement, i18n: I18n, timeZone: string): () => void {
  const render = (): void => {
    element.textContent = new Intl.DateTimeFormat(i18n.tag, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour12: false,
    }).format(new Date());
  };
  render();
  const timer = window.setInterval(render, 1000);
  return () => window.clearInterval(timer);
}
