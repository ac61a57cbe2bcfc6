/**
 * Text as search compares it: Vietnamese without diacritics ("Phả Lại" → "pha lai", "Đường" → "duong"), lower
 * case, dots and dashes of road numbers dropped ("QL.5" → "ql5"), other punctuation and runs of spaces one space.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/(\p{L})[.\-](?=\d)/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
