import { z } from 'zod';
import { parseJsonText, parseWithSchema } from './config-error.js';
import { nameSchema } from './layout-schema.js';
import { isTimeZone, parseTimeOfDay } from '../time/zoned-time.js';

/**
 * The wall config (config/wall.json): which display shows which layout or playlist, the playlists, and the
 * watchdog. Layouts are files named `layouts/NAME.json` beside this file. Portable: main places windows with it,
 * the renderer rotates playlists with it.
 */

const timeOfDay = z.string().refine((text) => parseTimeOfDay(text) !== null, 'expected a time of day "HH:MM" (00:00–24:00)');

const scheduleSchema = z
  .strictObject({
    /** Local time (the wall's timeZone) the playlist starts being shown, e.g. "07:00". */
    from: timeOfDay,
    /** Local time it stops, e.g. "18:00"; a `to` before `from` spans midnight ("22:00"–"06:00"). */
    to: timeOfDay,
    /** The playlist shown outside the window. */
    otherwise: nameSchema,
  })
  .refine((schedule) => parseTimeOfDay(schedule.from) !== parseTimeOfDay(schedule.to), { message: 'from and to are the same time', path: ['to'] });

const itemSchema = z.strictObject({
  layout: nameSchema,
  /** How long the item stays up. At least 2 s: a wall that flickers is unreadable. */
  seconds: z.number().min(2).max(24 * 3600),
});

const playlistSchema = z.strictObject({
  /** What the wall header calls the playlist, `{vi, en}` (the key is a file-name-like id, not for display). */
  title: z.strictObject({ vi: z.string().min(1).max(60), en: z.string().min(1).max(60) }).optional(),
  items: z.array(itemSchema).min(1).max(100),
  schedule: scheduleSchema.optional(),
});
export type Playlist = z.infer<typeof playlistSchema>;

const displaySchema = z
  .strictObject({
    /** Position in Electron's screen.getAllDisplays() list (0 = first). */
    index: z.int().min(0).max(63).optional(),
    /** Electron's Display.id, stable across reboots on most systems. */
    id: z.int().min(0).optional(),
    layout: nameSchema.optional(),
    playlist: nameSchema.optional(),
  })
  .superRefine((display, context) => {
    if ((display.index === undefined) === (display.id === undefined)) context.addIssue({ code: 'custom', path: [], message: 'give exactly one of "index" or "id"' });
    if ((display.layout === undefined) === (display.playlist === undefined)) context.addIssue({ code: 'custom', path: [], message: 'give exactly one of "layout" or "playlist"' });
  });
export type DisplayAssignment = z.infer<typeof displaySchema>;

export const wallConfigSchema = z
  .strictObject({
    /** Zone of the schedules and the clock. */
    timeZone: z.string().refine(isTimeZone, 'unknown time zone').default('Asia/Ho_Chi_Minh'),
    displays: z.array(displaySchema).min(1).max(32),
    playlists: z.record(nameSchema, playlistSchema).default({}),
    /** What to do when a display named here is not connected: skip it with a warning (default), or refuse to start. */
    missingDisplay: z.enum(['skip', 'error']).default('skip'),
    watchdog: z
      .strictObject({
        /** A window that reported no painted frame for this long is reloaded. */
        frameTimeoutSeconds: z.number().min(3).max(600).default(15),
      })
      .default({ frameTimeoutSeconds: 15 }),
  })
  .superRefine((config, context) => {
    const names = new Set(Object.keys(config.playlists));
    config.displays.forEach((display, index) => {
      if (display.playlist !== undefined && !names.has(display.playlist)) {
        context.addIssue({ code: 'custom', path: ['displays', index, 'playlist'], message: `no playlist "${display.playlist}" in playlists` });
      }
    });
    const seen = new Map<string, number>();
    config.displays.forEach((display, index) => {
      const key = display.index !== undefined ? `index ${display.index}` : `id ${display.id}`;
      const other = seen.get(key);
      if (other !== undefined) context.addIssue({ code: 'custom', path: ['displays', index], message: `display ${key} is already assigned by displays.${other}` });
      seen.set(key, index);
    });
    for (const [name, playlist] of Object.entries(config.playlists)) {
      const otherwise = playlist.schedule?.otherwise;
      if (otherwise !== undefined && !names.has(otherwise)) {
        context.addIssue({ code: 'custom', path: ['playlists', name, 'schedule', 'otherwise'], message: `no playlist "${otherwise}" in playlists` });
      }
    }
    // Schedules fall through `otherwise` links: a loop would never settle on a playlist.
    for (const start of names) {
      const visited: string[] = [];
      let current: string | undefined = start;
      while (current !== undefined && names.has(current)) {
        if (visited.includes(current)) {
          if (current === start) context.addIssue({ code: 'custom', path: ['playlists', start, 'schedule', 'otherwise'], message: `schedule loop: ${[...visited, current].join(' → ')}` });
          break;
        }
        visited.push(current);
        current = config.playlists[current]?.schedule?.otherwise;
      }
    }
  });
export type WallConfig = z.infer<typeof wallConfigSchema>;

/** Validate a wall config read from `file`; errors name the file and the field. */
export function parseWallConfig(input: unknown, file: string): WallConfig {
  return parseWithSchema(wallConfigSchema, typeof input === 'string' ? parseJsonText(input, file) : input, file);
}

/** Every layout name a wall config refers to (so a loader can check each file exists and validates). */
export function referencedLayouts(config: WallConfig): string[] {
  const names = new Set<string>();
  for (const display of config.displays) if (display.layout) names.add(display.layout);
  for (const playlist of Object.values(config.playlists)) for (const item of playlist.items) names.add(item.layout);
  return [...names].sort();
}
