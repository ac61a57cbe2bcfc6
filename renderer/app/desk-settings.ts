import { z } from 'zod';
import { FEED_NAMES } from '../../feeds/protocol/feed-names.js';
import { describeIssues } from '../../feeds/protocol/frames.js';
import { INCIDENT_STATES } from '../../feeds/protocol/incident.js';

/**
 * What a desk remembers across reloads, per seat: layers on/off, language, queue filters, the map's view. Kept in
 * the page's localStorage — in Electron that is the app:// origin's storage inside the app's user-data folder. What
 * is read back is checked like any input: a value that does not fit is dropped (and said on the console), never
 * half-applied.
 */
const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const DeskSettingsSchema = z.strictObject({
  version: z.literal(1),
  locale: z.enum(['vi', 'en']).optional(),
  layers: z.partialRecord(z.enum(FEED_NAMES), z.boolean()).optional(),
  filter: z
    .strictObject({
      kind: z.string().max(64).nullable(),
      state: z.enum(['active', ...INCIDENT_STATES]).nullable(),
      district: z.string().max(64).nullable(),
    })
    .optional(),
  view: z.strictObject({ center: LonLat, zoom: z.number().min(0).max(22) }).optional(),
  /** The alert tone on (a mute is for 15 minutes and is not remembered). */
  sound: z.boolean().optional(),
});
export type DeskSettingsValue = z.infer<typeof DeskSettingsSchema>;

/** The part of Storage used (localStorage, or a test's map). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** One key per seat: the role and a hash of the token (the token itself is not written to disk again). */
export function seatSettingsKey(role: string, token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return `ioc-console.settings.${role}.${hash.toString(16).padStart(8, '0')}`;
}

export class DeskSettings {
  readonly #storage: SettingsStorage | null;
  readonly #key: string;
  #value: DeskSettingsValue;
  /** Why the stored settings were not used (unreadable storage, not JSON, a field out of shape), or null. */
  readonly problem: string | null;

  constructor(storage: SettingsStorage | null, key: string) {
    this.#storage = storage;
    this.#key = key;
    const { value, problem } = readSettings(storage, key);
    this.#value = value;
    this.problem = problem;
  }

  get value(): DeskSettingsValue {
    return this.#value;
  }

  update(patch: Omit<Partial<DeskSettingsValue>, 'version'>): void {
    this.#value = { ...this.#value, ...patch, version: 1 };
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(this.#value));
    } catch (error) {
      // Full or forbidden storage: the desk keeps working, it just forgets on reload.
      console.warn(`settings: not saved (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** "Đặt lại giao diện": forget everything stored for this seat. */
  reset(): void {
    this.#value = { version: 1 };
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // As in update: nothing to do but go on.
    }
  }
}

function readSettings(storage: SettingsStorage | null, key: string): { value: DeskSettingsValue; problem: string | null } {
  const none: DeskSettingsValue = { version: 1 };
  let text: string | null;
  try {
    text = storage?.getItem(key) ?? null;
  } catch (error) {
    return { value: none, problem: `storage unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (text === null) return { value: none, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { value: none, problem: `${key}: not JSON` };
  }
  const parsed = DeskSettingsSchema.safeParse(json);
  return parsed.success ? { value: parsed.data, problem: null } : { value: none, problem: `${key}: ${describeIssues(parsed.error, 'settings')}` };
}

/** localStorage when the page may use it (a sandboxed or file page may throw on access). */
export function pageStorage(): SettingsStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
