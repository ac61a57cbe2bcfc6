/**
 * Which on-screen strings did not come from the message catalogue. A string is explained when, after taking out
 *   1. data: names from the region pack and the hub (stations, districts, agencies, roads, incident titles,
 *      signatures, people) — longest first, as whole words;
 *   2. numbers, times, dates, percentages, ranges and fractions ("12", "4.731", "90,0%", "21:45:37", "19/20");
 *   3. catalogue messages of the language, their `{placeholders}` standing for anything already taken out
 *      (repeated, so a message inside another's placeholder — an age inside "DỮ LIỆU CŨ · {age}" — counts);
 * nothing but punctuation, symbols and spaces is left. Anything with a letter left is a leak.
 */
const DATA = '\u0001';
const NUMBER = '\u0002';
const MESSAGE = '\u0003';
const TOKEN = `[${DATA}${NUMBER}${MESSAGE}]`;
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';

const numbers = /\d[\d.,:/\-–]*(?:\s?%)?/gu;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalise = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

export interface CatalogueCheck {
  /** The part of `text` left unexplained, or null when all of it is catalogue, data or numbers. */
  leftover(text: string): string | null;
}

export function catalogueCheck(messages: readonly string[], data: readonly string[]): CatalogueCheck {
  const names = [...new Set(data.map(normalise).filter((name) => /\p{L}/u.test(name)))].sort((a, b) => b.length - a.length);
  const dataPatterns = names.map((name) => new RegExp(`${EDGE_BEFORE}${escape(name)}${EDGE_AFTER}`, 'gu'));
  const messagePatterns = [...new Set(messages.map(normalise))]
    .filter((message) => /\p{L}/u.test(message.replace(/\{\w+\}/g, '')))
    .sort((a, b) => b.length - a.length)
    .map((message) => {
      // A number written in a message ("15 phút", "≥ 90 %") is matched like one on screen: as a number.
      const body = message.replace(numbers, '{#}').split(/\{[\w#]+\}/).map(escape).join(`(?:${TOKEN}|[\\s\\p{P}\\p{S}])*?`);
      return new RegExp(`${EDGE_BEFORE}${body}${EDGE_AFTER}`, 'gu');
    });
  return {
    leftover(text: string): string | null {
      let rest = normalise(text);
      for (const pattern of dataPatterns) rest = rest.replace(pattern, DATA);
      rest = rest.replace(numbers, NUMBER);
      for (let pass = 0; pass < 4; pass++) {
        const before = rest;
        for (const pattern of messagePatterns) rest = rest.replace(pattern, MESSAGE);
        if (rest === before) break;
      }
      const left = rest.replace(new RegExp(TOKEN, 'gu'), ' ').replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
      return /\p{L}/u.test(left) ? left : null;
    },
  };
}
