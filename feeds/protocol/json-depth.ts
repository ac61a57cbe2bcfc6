/**
 * Nesting depth of JSON text, measured without parsing: `[`/`{` outside strings open a level, `]`/`}` close one.
 * JSON.parse itself copes with deep nesting, but what runs on the value afterwards (String(), JSON.stringify, zod,
 * a reducer) recurses: 20,000 nested arrays overflow the stack in `String(value)`. So depth is refused on the text,
 * before anything can recurse. Linear in the text, stops at the first level past `limit`.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth++;
      if (depth > limit) return true;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--;
  }
  return false;
}
