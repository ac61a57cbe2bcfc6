/**
 * Labels use the font the app bundles (@fontsource/be-vietnam-pro): it has every Vietnamese diacritic. deck.gl's
 * TextLayer builds its glyph atlas from `characterSet`; 'auto' collects the characters of the data, so "Trạm",
 * "Ninh Giang" or "Đại An" render without a fixed list of precomposed Vietnamese letters.
 */
export const LABEL_FONT_FAMILY = 'Be Vietnam Pro, sans-serif';
export const LABEL_CHARACTER_SET = 'auto' as const;
