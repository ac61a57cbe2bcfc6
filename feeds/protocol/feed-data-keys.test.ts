import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { assertPrototypeClean, PROTOTYPE_IDS } from '../../test/support/prototype-ids.js';
import { FEED_DATA_SCHEMAS, type FeedDataMap } from './feed-data.js';
import { ownRecordSchema } from './own-record-schema.js';

const PARSED = (): Record<string, number> => JSON.parse('{"__proto__":1,"constructor":2,"toString":3,"hasOwnProperty":4,"valueOf":5}') as Record<string, number>;

test('zod 4 records and loose objects skip a "__proto__" key without a word: neither validated nor kept', () => {
  // Why outside ids must not be the keys of a z.record in our schemas. If zod changes this, the test says so.
  const record = z.record(z.string(), z.number()).parse(PARSED());
  assert.deepEqual(Object.keys(record), ['constructor', 'toString', 'hasOwnProperty', 'valueOf']);
  assert.equal(z.record(z.string(), z.number()).safeParse(JSON.parse('{"__proto__":"not a number"}')).success, true);
  assert.deepEqual(Object.keys(z.looseObject({}).parse(PARSED())), ['constructor', 'toString', 'hasOwnProperty', 'valueOf']);
  assertPrototypeClean();
});

test('ownRecordSchema keeps and validates every key, "__proto__" included, in a null-prototype record', () => {
  const schema = ownRecordSchema(z.number().int());
  const parsed = schema.parse(PARSED());
  assert.equal(Object.getPrototypeOf(parsed), null);
  assert.deepEqual(Object.keys(parsed), [...PROTOTYPE_IDS]);
  assert.equal(JSON.stringify(parsed), JSON.stringify(PARSED()));
  const bad = schema.safeParse(JSON.parse('{"ok":1,"__proto__":1.5}'));
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues.map((issue) => issue.path), [['__proto__']]);
  assert.equal(schema.safeParse([1]).success, false);
  assert.equal(schema.safeParse(null).success, false);
  assertPrototypeClean();
});

/** Every item kind that carries an outside id, with `id` as that id (station, unit, agency, segment, incident). */
function itemsWith(id: string): { [F in keyof FeedDataMap]: FeedDataMap[F][] } {
  const name = { vi: id, en: id };
  return {
    traffic: [
      { kind: 'network', segments: [{ id, road: id, name, path: [[106.3, 20.9], [106.31, 20.91]], lengthM: 1000, freeFlowKmh: 60 }] },
      { kind: 'speeds', speeds: [{ id, kmh: 40 }] },
      { kind: 'accident', id, segmentId: id, position: [106.3, 20.9], severity: 'minor', lanesBlocked: 1, description: name },
      { kind: 'accident-cleared', id },
    ],
    environment: [
      { kind: 'reading', station: id, values: { pm25: 1, pm10: null, no2: null, so2: null, co: null, o3: null }, hourEnd: 3_600_000, hourly: null, daily: null },
      { kind: 'outage', station: id, reason: name },
      { kind: 'restored', station: id },
    ],
    soc: [
      {
        kind: 'alert', id, sensor: 'suricata', observedAt: 1, srcIp: '203.0.113.7', srcPort: 1, destIp: '10.61.1.10', destPort: 22, proto: 'TCP',
        signature: id, signatureId: 1, category: id, severity: 2, agency: id,
      },
    ],
    portal: [{ kind: 'stats', date: '2026-11-23', units: [{ unit: id, received: 1, resolvedOnTime: 0, resolvedLate: 0, pendingInTime: 1, pendingOverdue: 0, receivedOnline: 0 }] }],
    incidents: [
      {
        kind: 'incident',
        incident: {
          id, kind: 'soc-burst', severity: 'high', state: 'open', title: name, geometry: { type: 'Point', coordinates: [106.3, 20.9] }, district: id,
          dedupeKey: id, count: 1, openedAt: 1, lastSeenAt: 1, escalation: 0, escalationDueAt: null, sources: [{ feed: 'soc', ref: id }], previousId: id,
          history: [{ at: 1, action: 'opened', by: id }],
        },
      },
    ],
  };
}

test('feed items whose ids name Object.prototype members pass their schema unchanged, as they came off the wire', () => {
  for (const id of PROTOTYPE_IDS) {
    for (const [feed, items] of Object.entries(itemsWith(id)) as [keyof FeedDataMap, unknown[]][]) {
      for (const item of items) {
        const wire: unknown = JSON.parse(JSON.stringify(item));
        const parsed = FEED_DATA_SCHEMAS[feed].safeParse(wire);
        assert.ok(parsed.success, `${feed} ${id}: ${parsed.error?.message ?? ''}`);
        assert.deepEqual(parsed.data, wire, `${feed} ${id}`);
      }
    }
  }
  assertPrototypeClean();
});

/** JSON-schema paths of objects that take keys beyond their declared properties, other than a fixed enum. */
function freeKeyedObjects(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((child, i) => freeKeyedObjects(child, `${path}[${i}]`, out));
  else if (typeof node === 'object' && node !== null) {
    const schema = node as { additionalProperties?: unknown; propertyNames?: { enum?: unknown } };
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false && !Array.isArray(schema.propertyNames?.enum)) out.push(path);
    for (const [key, child] of Object.entries(node)) freeKeyedObjects(child, `${path}.${key}`, out);
  }
  return out;
}

test('no feed-data schema has a record or loose object keyed by free text (use ownRecordSchema for outside ids)', () => {
  for (const [feed, schema] of Object.entries(FEED_DATA_SCHEMAS)) {
    assert.deepEqual(freeKeyedObjects(z.toJSONSchema(schema), feed, []), [], feed);
  }
  // The guard can fail: it finds a string-keyed record and a loose object.
  assert.deepEqual(freeKeyedObjects(z.toJSONSchema(z.object({ a: z.record(z.string(), z.number()), b: z.looseObject({}) })), 'x', []), ['x.properties.a', 'x.properties.b']);
});
