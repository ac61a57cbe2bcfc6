import assert from 'node:assert/strict';

/**
 * Ids that name Object.prototype members (or its `__proto__` accessor). Every id from a source must be text like
 * any other: counted, listed and kept through JSON, never read as an inherited member or used to pollute a prototype.
 */
export const PROTOTYPE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Nothing reached Object.prototype: no `polluted` member, and its own methods are still the built-in ones. */
export function assertPrototypeClean(): void {
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype.polluted');
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  assert.equal(typeof Object.prototype.toString, 'function');
  assert.equal(typeof Object.prototype.hasOwnProperty, 'function');
  assert.equal(typeof Object.prototype.valueOf, 'function');
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

/** The state as the console gets it from a snapshot (and the hub from a checkpoint): through JSON. */
export function throughJson<S>(state: S): S {
  return JSON.parse(JSON.stringify(state)) as S;
}

/**
 * The state is plain JSON: nothing lost or changed by a trip through JSON (no undefined, NaN, Map …). Compared
 * with a structured clone, which keeps all of that but gives every object the ordinary prototype, like JSON.parse:
 * the null-prototype records of a state are JSON all the same.
 */
export function assertPlainJson(state: unknown): void {
  assert.deepEqual(throughJson(state), structuredClone(state));
}
