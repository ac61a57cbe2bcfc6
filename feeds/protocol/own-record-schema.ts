import { z } from 'zod';
import { emptyRecord, setOwn } from './own-record.js';

/**
 * A record keyed by outside text (ids, refs). Unlike `z.record`, which skips a "__proto__" key without a word
 * (neither validated nor kept), every own key is validated and kept, "__proto__" too, in a null-prototype record
 * (see own-record.ts). Issues carry the key in their path, like `z.record`'s.
 */
export function ownRecordSchema<V extends z.ZodType>(value: V) {
  return z
    .custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), { message: 'expected an object' })
    .transform((input, context) => {
      const out = emptyRecord<z.output<V>>();
      for (const key of Object.keys(input)) {
        const result = value.safeParse(input[key]);
        if (result.success) setOwn(out, key, result.data);
        else for (const issue of result.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path] });
      }
      return out;
    });
}
