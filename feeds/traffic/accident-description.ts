import type { LocalizedText } from '../protocol/feed-data.js';
import type { Random } from '../sim/random.js';

export type AccidentSeverity = 'minor' | 'serious' | 'fatal';

/** `en` without the article, so a second vehicle of the same kind reads "another truck". */
const VEHICLES: readonly { vi: string; en: string; expressway: boolean }[] = [
  { vi: 'xe con', en: 'car', expressway: true },
  { vi: 'xe tải', en: 'truck', expressway: true },
  { vi: 'xe container', en: 'container truck', expressway: true },
  { vi: 'xe khách', en: 'coach', expressway: true },
  // Listed twice: motorbikes are most of the traffic on ordinary roads, and of the crashes.
  { vi: 'xe máy', en: 'motorbike', expressway: false },
  { vi: 'xe máy', en: 'motorbike', expressway: false },
];

/** Bilingual text an operator reads on the incident board: who hit what, where, and what is blocked. */
export function describeAccident(
  random: Random,
  place: LocalizedText,
  severity: AccidentSeverity,
  lanesBlocked: number,
  expressway: boolean,
): LocalizedText {
  // Motorbikes are banned from expressways in Vietnam.
  const pool = VEHICLES.filter((vehicle) => vehicle.expressway || !expressway);
  const a = random.pick(pool);
  const b = random.pick(pool);
  const single = random.chance(0.2);
  const prefix = {
    minor: { vi: '', en: '' },
    serious: { vi: 'Tai nạn nghiêm trọng: ', en: 'Serious accident: ' },
    fatal: { vi: 'Tai nạn chết người: ', en: 'Fatal accident: ' },
  }[severity];
  const other = b.vi === a.vi ? { vi: `${b.vi} khác`, en: `another ${b.en}` } : { vi: b.vi, en: article(b.en) };
  const what = single
    ? { vi: `${capitalize(a.vi)} mất lái, tự gây tai nạn`, en: `${capitalize(article(a.en))} lost control and crashed` }
    : { vi: `${capitalize(a.vi)} va chạm với ${other.vi}`, en: `${capitalize(article(a.en))} collided with ${other.en}` };
  const lanes = lanesBlocked === 0
    ? { vi: 'không chặn làn, xe đi chậm', en: 'no lane blocked, traffic slowing' }
    : { vi: `${lanesBlocked} làn bị chặn`, en: `${lanesBlocked} lane${lanesBlocked > 1 ? 's' : ''} blocked` };
  return {
    vi: `${prefix.vi}${what.vi} trên ${place.vi}; ${lanes.vi}`,
    en: `${prefix.en}${what.en} on ${place.en}; ${lanes.en}`,
  };
}

function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
