import type { FeedName } from '../protocol/feed-names.js';
import { parseEnvironmentCsv, parseEnvironmentJson } from './environment-formats.js';
import { parseGtfsTripUpdates, parseGtfsVehiclePositions } from './gtfs-realtime.js';
import { parseOwnNdjson } from './own-ndjson.js';
import { parsePortalCsv, parsePortalJson } from './portal-formats.js';
import { parseSuricataEve } from './soc-suricata-eve.js';
import { parseWazuh } from './soc-wazuh.js';
import type { SourceContext } from './source-context.js';
import { NO_PARSE_LIMITS, numberedLines, type NumberedLine, type ParseLimits, type SourceBatch } from './source-result.js';

/** Input of a line format: the lines of a body or of a file chunk, and the CSV header when resuming mid-file. */
export interface LineInput {
  readonly lines: readonly NumberedLine[];
  readonly header: readonly string[] | null;
  /** How much bad input to examine (ingest bodies are limited; files are not). Default: everything. */
  readonly limits?: ParseLimits;
}

export type SourceFormat =
  | { readonly kind: 'lines'; readonly csv: boolean; parse(input: LineInput, context: SourceContext): SourceBatch }
  | { readonly kind: 'binary'; parse(body: Uint8Array, context: SourceContext, source: string): SourceBatch };

const lines = (parse: (lines: readonly NumberedLine[], context: SourceContext, limits: ParseLimits) => SourceBatch): SourceFormat => ({
  kind: 'lines',
  csv: false,
  parse: (input, context) => parse(input.lines, context, input.limits ?? NO_PARSE_LIMITS),
});
const csv = (
  parse: (lines: readonly NumberedLine[], context: SourceContext, header: readonly string[] | null, limits: ParseLimits) => SourceBatch,
): SourceFormat => ({
  kind: 'lines',
  csv: true,
  parse: (input, context) => parse(input.lines, context, input.header, input.limits ?? NO_PARSE_LIMITS),
});

/** Formats per ingest feed: `POST /v1/ingest/<feed>?format=<format>` (docs/PROTOCOL.md §10, docs/sources.md). */
export const SOURCE_FORMATS: { readonly [F in FeedName]?: Readonly<Record<string, SourceFormat>> } = {
  soc: {
    ndjson: lines((l, _c, limits) => parseOwnNdjson('soc', l, limits)),
    'suricata-eve': lines(parseSuricataEve),
    wazuh: lines(parseWazuh),
  },
  environment: {
    ndjson: lines((l, _c, limits) => parseOwnNdjson('environment', l, limits)),
    csv: csv(parseEnvironmentCsv),
    json: lines(parseEnvironmentJson),
  },
  portal: {
    ndjson: lines((l, _c, limits) => parseOwnNdjson('portal', l, limits)),
    csv: csv(parsePortalCsv),
    json: lines(parsePortalJson),
  },
  traffic: {
    ndjson: lines((l, _c, limits) => parseOwnNdjson('traffic', l, limits)),
    'gtfs-rt': { kind: 'binary', parse: (body) => parseGtfsTripUpdates(body) },
  },
  vehicles: {
    'gtfs-rt': { kind: 'binary', parse: (body, context, source) => parseGtfsVehiclePositions(body, context, { source }) },
  },
};

export function findFormat(feed: FeedName, format: string): SourceFormat | null {
  const formats = SOURCE_FORMATS[feed];
  return formats && Object.hasOwn(formats, format) ? (formats[format] ?? null) : null;
}

export function formatNames(feed: FeedName): string[] {
  return Object.keys(SOURCE_FORMATS[feed] ?? {});
}

/** Run a format on a whole body (the ingest API and the CLI); `source` names the sender (the token's name). */
export function parseBody(format: SourceFormat, body: Uint8Array, context: SourceContext, source = '', limits: ParseLimits = NO_PARSE_LIMITS): SourceBatch {
  if (format.kind === 'binary') return format.parse(body, context, source);
  return format.parse({ lines: numberedLines(new TextDecoder('utf-8').decode(body)), header: null, limits }, context);
}
