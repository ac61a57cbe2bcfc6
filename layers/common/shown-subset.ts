const cache = new WeakMap<object, { shown: ReadonlySet<string>; subset: readonly unknown[] }>();

/**
 * The items whose id is in `shown` (all of them when `shown` is null). The same data and the same ids (a new set
 * with the same members counts) give the same array, so deck.gl does not rebuild a text layer's glyphs on every
 * frame. Used for the labels the renderer hides so that none overlaps another.
 */
export function shownSubset<T extends { readonly id: string }>(data: readonly T[], shown: ReadonlySet<string> | null | undefined): readonly T[] {
  if (!shown) return data;
  const cached = cache.get(data);
  if (cached && sameMembers(cached.shown, shown)) return cached.subset as readonly T[];
  const subset = data.filter((item) => shown.has(item.id));
  cache.set(data, { shown, subset });
  return subset;
}

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}
