import type { z } from 'zod';

/** A wall or layout file that does not validate: the message names the file, the field path and the reason. */
export class WallConfigError extends Error {
  override readonly name = 'WallConfigError';
}

/** `panels.2.area.column` style path; `(root)` for the document itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(root)';
}

/** Parse `value` with `schema`, or throw a WallConfigError naming the file and the first offending field. */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new WallConfigError(`${file}: ${fieldPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`);
}

/** JSON.parse with the file named in the error. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WallConfigError(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
