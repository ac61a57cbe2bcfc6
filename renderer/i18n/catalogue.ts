import { AQI_BANDS } from '../../feeds/environment/bands.js';
import type { LocalizedText } from '../../feeds/protocol/localized-text.js';
import { isLegendGradient } from '../../layers/common/legend-spec.js';
import { ALL_LEGENDS } from '../../layers/index.js';
import { KIND_LABELS } from '../incidents/incident-labels.js';
import { WALL_MESSAGES } from '../wall/wall-messages.js';
import { MESSAGES, PLURALS } from './messages.js';

/**
 * Every table of words the console shows, in one list: the messages (renderer/i18n/messages.ts), the wall's own,
 * the plural forms, incident kinds, the legends of layers/ and the official VN_AQI band names. The i18n e2e test
 * (test/e2e/i18n-catalogue.test.ts) accepts on screen only what these produce (placeholders filled) and data.
 */
export function catalogueTexts(): readonly LocalizedText[] {
  const texts: LocalizedText[] = [...Object.values(MESSAGES), ...Object.values(WALL_MESSAGES), ...Object.values(KIND_LABELS)];
  for (const plural of Object.values(PLURALS)) {
    for (const [category, vi] of Object.entries(plural.vi)) texts.push({ vi, en: (plural.en as Record<string, string>)[category] ?? plural.en.other });
    for (const en of Object.values(plural.en)) texts.push({ vi: plural.vi.other, en });
  }
  for (const legend of ALL_LEGENDS) {
    texts.push(legend.title);
    if (legend.note) texts.push(legend.note);
    for (const item of legend.items) {
      texts.push(item.label);
      if (isLegendGradient(item)) texts.push(item.gradient.startLabel, item.gradient.endLabel);
    }
  }
  for (const band of AQI_BANDS) texts.push(band.quality);
  return texts;
}
