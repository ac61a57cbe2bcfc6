import { z } from 'zod';

/** Text the console shows in either language: Vietnamese first, English second. */
export const LocalizedText = z.object({ vi: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;
