import type { Incident } from '../../feeds/protocol/incident.js';
import type { TrafficSegment } from '../../feeds/protocol/feed-data.js';
import { foldText } from './fold-text.js';

/** What the desk's search finds, in the order results are grouped. */
export const SEARCH_KINDS = ['incident', 'station', 'place', 'agency', 'road', 'vehicle'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchEntry {
  readonly kind: SearchKind;
  readonly id: string;
  /** What the result says, in the console's language. */
  readonly label: string;
  /** A second line: the unit, the road's km, the incident's kind. */
  readonly detail: string;
  /** Where the map flies (null: nowhere to go, e.g. an incident at an unknown place). */
  readonly position: readonly [number, number] | null;
  /** Other words that find it (ids, the other language, a road's number written differently). */
  readonly also?: readonly string[];
  /** Road segments: where along the road they are, for "QL5 km 12". */
  readonly km?: { readonly road: string; readonly from: number; readonly to: number };
}

export interface SearchResult {
  readonly entry: SearchEntry;
  readonly score: number;
}

interface Prepared {
  readonly entry: SearchEntry;
  readonly label: string;
  readonly words: readonly string[];
  readonly haystack: string;
  readonly road: string | null;
}

/** An index over entries: fold once, match per keystroke. */
export class SearchIndex {
  readonly #entries: Prepared[];

  constructor(entries: readonly SearchEntry[]) {
    this.#entries = entries.map((entry) => {
      const label = foldText(entry.label);
      const haystack = [label, foldText(entry.detail), ...(entry.also ?? []).map(foldText), foldText(entry.id)].join(' ');
      return { entry, label, words: haystack.split(' '), haystack, road: entry.km ? foldText(entry.km.road) : null };
    });
  }

  get size(): number {
    return this.#entries.length;
  }

  /**
   * Best first: the whole label (100), the label's start (80), every word of the query starting a word of the label
   * (60) or of the other words (40), contained anywhere (20); a shorter label wins a tie, then the kind's order.
   * "km N" in the query picks the road segments whose span holds km N.
   */
  search(query: string, limit = 30): SearchResult[] {
    const folded = foldText(query);
    if (folded === '') return [];
    const kmMatch = /(?:^| )km ?(\d+(?: \d+)?)(?: |$)/.exec(folded);
    const km = kmMatch?.[1] !== undefined ? Number(kmMatch[1].replace(' ', '.')) : null;
    const rest = kmMatch ? folded.replace(kmMatch[0], ' ').trim() : folded;
    const tokens = rest === '' ? [] : rest.split(' ');
    const results: SearchResult[] = [];
    for (const prepared of this.#entries) {
      const score = scoreEntry(prepared, rest, tokens, km);
      if (score !== null) results.push({ entry: prepared.entry, score: score - Math.min(9, prepared.label.length / 20) });
    }
    const order = (kind: SearchKind): number => SEARCH_KINDS.indexOf(kind);
    return results.sort((a, b) => b.score - a.score || order(a.entry.kind) - order(b.entry.kind) || a.entry.label.localeCompare(b.entry.label)).slice(0, limit);
  }
}

function scoreEntry(prepared: Prepared, query: string, tokens: readonly string[], km: number | null): number | null {
  if (km !== null) {
    const span = prepared.entry.km;
    if (!span || prepared.road === null || km < span.from || km >= span.to) return null;
    // "km 12" alone lists every road there; "QL5 km 12" (or "ql 5 km 12") that road's segment.
    if (tokens.length === 0) return 50;
    return prepared.road.replace(/ /g, '').startsWith(tokens.join('')) ? 90 : null;
  }
  if (!tokens.every((token) => prepared.haystack.includes(token))) return null;
  if (prepared.label === query) return 100;
  if (prepared.label.startsWith(query)) return 80;
  const labelWords = prepared.label.split(' ');
  if (tokens.every((token) => labelWords.some((word) => word.startsWith(token)))) return 60;
  if (tokens.every((token) => prepared.words.some((word) => word.startsWith(token)))) return 40;
  return 20;
}

/** Road segments with their km along the road: in id order (QL.5-001, -002, …), lengths summed. */
export function roadEntries(segments: readonly TrafficSegment[], pick: (name: { vi: string; en: string }) => string): SearchEntry[] {
  const byRoad = new Map<string, TrafficSegment[]>();
  for (const segment of segments) byRoad.set(segment.road, [...(byRoad.get(segment.road) ?? []), segment]);
  const entries: SearchEntry[] = [];
  for (const [road, list] of byRoad) {
    let at = 0;
    for (const segment of [...list].sort((a, b) => a.id.localeCompare(b.id))) {
      const from = at / 1000;
      at += segment.lengthM;
      const to = at / 1000;
      const middle = segment.path[Math.floor(segment.path.length / 2)];
      entries.push({
        kind: 'road',
        id: segment.id,
        label: pick(segment.name),
        detail: `${road} km ${from.toFixed(1)}–${to.toFixed(1)}`,
        position: middle ? [middle[0], middle[1]] : null,
        also: [road, segment.name.vi, segment.name.en],
        km: { road, from, to },
      });
    }
  }
  return entries;
}

/** Incidents by id, title (both languages) and place. */
export function incidentEntries(incidents: readonly Incident[], pick: (text: { vi: string; en: string }) => string, kindName: (incident: Incident) => string, place: (incident: Incident) => string, position: (incident: Incident) => readonly [number, number] | null): SearchEntry[] {
  return incidents.map((incident) => ({
    kind: 'incident',
    id: incident.id,
    label: pick(incident.title),
    detail: `${kindName(incident)}${place(incident) ? ` · ${place(incident)}` : ''}`,
    position: position(incident),
    also: [incident.title.vi, incident.title.en],
  }));
}
