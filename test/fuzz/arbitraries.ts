import fc from 'fast-check';

/**
 * Generators of hostile input for the hub (docs/security.md §Fuzzing): WebSocket frames of every op, HTTP requests
 * to every route, bodies of every ingest format. Each mixes three kinds: values of the right shape with one field
 * wrong (what a buggy client sends), random JSON (what a scanner sends) and bytes that are not JSON at all.
 */

const FEEDS = ['traffic', 'vehicles', 'environment', 'soc', 'portal', 'incidents'] as const;
/** Keys that are dangerous as object keys, and values that break careless code (toString, deep arrays). */
const NASTY_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_KEYS, '', ' ', '\u0000', '\uFEFF', '%E0%A4%A', '../../etc/passwd', 'a'.repeat(600), '😀', '\uD800'),
  fc.string({ maxLength: 40 }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
  fc.double(),
  fc.constant({ toString: 1, valueOf: 2 }),
  fc.constant({ toString: { toString: 1 } }),
  fc.constant([[[[[[[[[[[[]]]]]]]]]]]]),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A value that is sometimes right (`good`) and sometimes anything. */
const maybe = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: nastyValue });

const feedList = fc.array(maybe(fc.constantFrom(...FEEDS)), { maxLength: 8 });
const epoch = fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), nastyString);
const position = fc.record({ epoch, seq: maybe(fc.nat()) }, { requiredKeys: [] });

function withOp(op: unknown, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(nastyString, nastyValue, { maxKeys: 2 }), fc.boolean())
    .map(([known, extra, addExtra]) => ({ op, ...known, ...(addExtra ? extra : {}) }));
}

/** Objects shaped like each client frame, fields sometimes wrong or extra. */
export const clientFrameObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  withOp('hello', { token: maybe(fc.string({ maxLength: 40 })), client: maybe(fc.string({ maxLength: 20 })) }),
  withOp('subscribe', { feeds: maybe(feedList), since: maybe(fc.dictionary(fc.oneof(fc.constantFrom(...FEEDS), nastyString), position, { maxKeys: 4 })) }),
  withOp('unsubscribe', { feeds: maybe(feedList) }),
  withOp('create', {
    opId: maybe(fc.string({ minLength: 1, maxLength: 30 })),
    severity: maybe(fc.constantFrom('critical', 'high', 'medium', 'low', 'urgent')),
    title: maybe(fc.oneof(fc.string({ maxLength: 40 }), fc.record({ vi: fc.string({ maxLength: 20 }), en: fc.string({ maxLength: 20 }) }))),
    geometry: maybe(fc.record({ type: fc.constantFrom('Point', 'LineString'), coordinates: fc.tuple(fc.double(), fc.double()) })),
  }),
  ...(['ack', 'assign', 'resolve', 'comment', 'reopen'] as const).map((op) =>
    withOp(op, {
      incident: maybe(fc.string({ maxLength: 30 })),
      note: maybe(fc.string({ maxLength: 60 })),
      opId: maybe(fc.string({ minLength: 1, maxLength: 30 })),
      to: maybe(fc.string({ maxLength: 20 })),
    }),
  ),
  withOp('ping', { id: maybe(fc.string({ maxLength: 10 })) }),
  fc.record({ op: nastyValue }),
  withOp(nastyString, {}),
);

/** A WebSocket frame as the socket carries it: text (JSON or not) or binary. */
export type FuzzFrame = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly bytes: Uint8Array };

const deepText = fc.integer({ min: 9, max: 30_000 }).map((depth) => `{"op":"subscribe","feeds":${'['.repeat(depth)}${']'.repeat(depth)}}`);

export const wsFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 6, arbitrary: clientFrameObject.map((value) => ({ kind: 'text' as const, text: JSON.stringify(value) })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'text' as const, text: JSON.stringify(value) ?? 'null' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: deepText.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'binary' as const, bytes })) },
);

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────────────────────
export interface FuzzRequest {
  readonly method: string;
  /** The raw request target, sent as it is (may be invalid). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}


/** Lines of each format, from real samples, mutated line by line. */
export function ingestBody(samples: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<{ feed: string; format: string; body: Uint8Array }> {
  const keys = Object.keys(samples);
  return fc.constantFrom(...keys).chain((key) => {
    const [feed = 'soc', format = 'ndjson'] = key.split('/');
    const lines = samples[key] ?? [];
    const mutated = fc.array(mutatedLine(lines), { minLength: 0, maxLength: 200 }).map((items) => new TextEncoder().encode(items.join('\n')));
    const bytes = fc.uint8Array({ maxLength: 400 });
    return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: bytes }).map((body) => ({ feed, format, body }));
  });
}

function mutatedLine(lines: readonly string[]): fc.Arbitrary<string> {
  const sample = lines.length > 0 ? fc.constantFrom(...lines) : fc.constant('{}');
  return fc.oneof(
    { weight: 4, arbitrary: sample },
    { weight: 3, arbitrary: fc.tuple(sample, nastyString, nastyValue).map(([line, key, value]) => mutateJson(line, key, value)) },
    { weight: 1, arbitrary: fc.tuple(sample, fc.nat()).map(([line, cut]) => line.slice(0, cut % (line.length + 1))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.integer({ min: 33, max: 3000 }).map((depth) => `{"kind":"alert","id":${'['.repeat(depth)}${']'.repeat(depth)}}`) },
  );
}

/** Replace or add one (possibly nested) field of a JSON line; CSV lines get a field replaced instead. */
function mutateJson(line: string, key: string, value: unknown): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    const fields = line.split(',');
    fields[Math.abs(key.length) % Math.max(1, fields.length)] = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    return fields.join(',');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return JSON.stringify(value) ?? '';
  const object = parsed as Record<string, unknown>;
  const keys = Object.keys(object);
  const target = keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] ?? key) : key;
  const inner = object[target];
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && key.length % 3 === 0) {
    const innerKeys = Object.keys(inner);
    const innerKey = innerKeys[key.length % Math.max(1, innerKeys.length)] ?? key;
    return JSON.stringify({ ...object, [target]: { ...(inner as Record<string, unknown>), [innerKey]: value } });
  }
  // Object.defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, target, { value, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(copy);
}

/** Requests to every route: the real ones with wrong details, and random ones. */
export function httpRequest(samples: Readonly<Record<string, readonly string[]>>, tokens: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const [sourceToken = ''] = tokens.slice(-1);
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${sourceToken}`) },
    fc.constantFrom(...tokens).map((token) => `Bearer ${token}`),
    fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic abc', 'bearer x'),
    nastyString.map((text) => `Bearer ${text.replace(/[\r\n]/g, '')}`),
  );
  const ingest = fc
    .tuple(ingestBody(samples), fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: nastyString }), auth, fc.oneof({ weight: 8, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT') }))
    .map(([{ feed, format, body }, badFormat, authorization, method]) => ({
      method,
      target: `/v1/ingest/${feed}?format=${safeEncode(badFormat ?? format).replace(/[&#+]/g, (c) => encodeURIComponent(c))}`,
      headers: { authorization: headerSafe(authorization) },
      body,
    }));
  const paths = fc.oneof(
    fc.constantFrom('/health', '/metrics', '/v1/stream', '/', '/v1/ingest/', '/v1/ingest/%E0%A4%A', '/v1/ingest/%', '/v1/ingest/incidents', '//x', '/v1/ingest/__proto__'),
    fc.constantFrom('http://[::1', 'http://a:b:c/', '*', 'http://hub/health', '/health?%', '/%2e%2e/'),
    fc.string({ maxLength: 40 }).map((text) => `/${safeEncode(text)}`),
  );
  const other = fc
    .tuple(fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH'), paths, auth, fc.uint8Array({ maxLength: 64 }))
    .map(([method, target, authorization, body]) => ({ method, target, headers: { authorization: headerSafe(authorization) }, body }));
  return fc.oneof({ weight: 6, arbitrary: ingest }, { weight: 1, arbitrary: other });
}

/** encodeURI, except that lone surrogates (which it refuses) become "%3F". */
function safeEncode(text: string): string {
  return [...text].map((char) => (char.length === 1 && char >= '\uD800' && char <= '\uDFFF' ? '%3F' : encodeURI(char))).join('');
}

/** A header value the HTTP client can send (no control characters): the server's own parser is not ours to fuzz. */
function headerSafe(text: string): string {
   
  return text.replace(/[\u0000-\u001f\u007f-\uffff]/g, '?');
}
