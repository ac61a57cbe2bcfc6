/**
 * Memoise a `format<Feed>Data(state, …extra)` by (state identity, version, extra arguments by identity): one entry
 * per memoised function, which is what a map needs (one state per feed). With `version === undefined` nothing is
 * cached (the caller has no way to tell us the state changed — reducers mutate in place).
 *
 * Keeping the returned arrays identical while nothing changed is what makes the per-frame layer rebuild free:
 * deck.gl compares `data` by reference and only then runs accessors.
 */
export function memoizeFormat<S extends object, X extends readonly unknown[], R>(
  format: (state: S, ...extra: X) => R,
): (state: S, version: number | undefined, ...extra: X) => R {
  let last: { state: S; version: number; extra: X; result: R } | null = null;
  return (state, version, ...extra) => {
    if (
      last !== null && version !== undefined && last.state === state && last.version === version
      && last.extra.length === extra.length && last.extra.every((value, i) => value === extra[i])
    ) {
      return last.result;
    }
    const result = format(state, ...extra);
    last = version === undefined ? null : { state, version, extra, result };
    return result;
  };
}
