import type { MapPick } from '../../layers/index.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/** A picked object's headline number with its unit in the console's language ("12 cảnh báo", "1 lane blocked"). */
export function pickValueText(i18n: I18n, pick: Pick<MapPick, 'value' | 'unit'>): string | null {
  if (pick.value === null) return null;
  if (pick.unit === 'alerts') return i18n.plural('alerts', pick.value);
  if (pick.unit === 'lanes') return i18n.plural('lanesBlocked', pick.value);
  if (pick.unit === '%') return i18n.percent(pick.value / 100);
  const number = i18n.number(pick.value, pick.unit === 'km/h' || pick.unit === 'VN_AQI' ? 0 : 1);
  // km/h and VN_AQI are written the same in both languages.
  return pick.unit ? `${number} ${pick.unit}` : number;
}

/** The tooltip line: the name, then the number. */
export function pickTooltip(i18n: I18n, pick: MapPick): string {
  const value = pickValueText(i18n, pick);
  return value === null ? i18n.pick(pick.name) : `${i18n.pick(pick.name)} — ${value}`;
}

/**
 * The extra rows of the detail drawer: only fields it has words for (a datum's own keys are code, not labels),
 * each value formatted for the language.
 */
const FIELDS: readonly { key: string; label: MessageKey; format: (i18n: I18n, value: string | number) => string }[] = [
  { key: 'road', label: 'fieldRoad', format: (_, value) => String(value) },
  { key: 'freeFlowKmh', label: 'fieldFreeFlow', format: (i18n, value) => `${i18n.number(Number(value))} km/h` },
  { key: 'lengthM', label: 'fieldLength', format: (i18n, value) => i18n.t('unitMetres', { n: i18n.number(Number(value)) }) },
  { key: 'sourceNetwork', label: 'fieldSourceNetwork', format: (_, value) => String(value) },
  { key: 'sourceAddresses', label: 'fieldSourceAddresses', format: (i18n, value) => i18n.number(Number(value)) },
  { key: 'srcIp', label: 'fieldLatestSource', format: (_, value) => String(value) },
  { key: 'signature', label: 'fieldSignature', format: (_, value) => String(value) },
  { key: 'peakPerMinute', label: 'fieldPeakPerMinute', format: (i18n, value) => i18n.plural('alerts', Number(value)) },
];

export function pickFields(i18n: I18n, pick: MapPick): [string, string][] {
  const record = pick as unknown as Readonly<Record<string, unknown>>;
  const rows: [string, string][] = [];
  for (const field of FIELDS) {
    const value = record[field.key];
    if (typeof value === 'string' || typeof value === 'number') rows.push([i18n.t(field.label), field.format(i18n, value)]);
  }
  return rows;
}
