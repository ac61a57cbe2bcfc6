import type { I18n } from '../i18n/i18n.js';

/** A moment as the control room reads it: hh:mm:ss dd/mm in the province's time (Asia/Ho_Chi_Minh). */
export function formatMoment(i18n: I18n, ms: number, withDate: boolean): string {
  const parts = new Intl.DateTimeFormat(i18n.tag, {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    day: '2-digit',
    month: '2-digit',
    hour12: false,
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${part('hour')}:${part('minute')}:${part('second')}`;
  return withDate ? `${time} ${part('day')}/${part('month')}` : time;
}
