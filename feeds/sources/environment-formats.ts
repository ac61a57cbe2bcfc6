import { parseCsvLines } from './csv-lines.js';
import { jsonRecords } from './json-records.js';
import type { SourceContext } from './source-context.js';
import { clipRaw, emptyBatch, NO_PARSE_LIMITS, type NumberedLine, type ParseLimits, type SourceBatch, type Unexamined } from './source-result.js';
import { toStationReading, type RawReading, type StationReading } from '../environment/station-reading.js';

type Parsed = { line: number; text: string; raw: RawReading } | { line: number; text: string; error: string };

/**
 * Accepted readings go into the context's per-station trackers; then one `reading` item per station and hour the
 * batch touched. A record is one reading (station, time, parameter, value, unit), accepted or rejected whole.
 */
function toBatch(records: readonly Parsed[], context: SourceContext, unexamined: Unexamined | null): SourceBatch {
  const batch = emptyBatch('environment');
  batch.unexamined = unexamined;
  const touched = new Map<string, Map<number, number>>();
  const accepted: StationReading[] = [];
  const options = { offsetMinutes: context.region.timeZoneOffsetMinutes, stations: context.region.stations };
  for (const record of records) {
    if ('error' in record) {
      batch.rejected.push({ line: record.line, reason: record.error, raw: clipRaw(record.text) });
      continue;
    }
    const reading: StationReading | string = toStationReading(record.raw, options);
    if (typeof reading === 'string') {
      batch.rejected.push({ line: record.line, reason: reading, raw: clipRaw(record.text) });
      continue;
    }
    context.environment.add(reading);
    accepted.push(reading);
    const hours = touched.get(reading.station) ?? new Map<number, number>();
    if (!hours.has(reading.hourEnd)) hours.set(reading.hourEnd, record.line);
    touched.set(reading.station, hours);
    batch.accepted += 1;
  }
  for (const { item, line } of context.environment.readings(touched)) {
    batch.items.push(item);
    batch.itemLines.push(line);
  }
  return {
    ...batch,
    afterCommit: async () => {
      context.environment.emitted(touched);
      await context.stationHours?.save(accepted);
    },
  };
}

/** CSV with a header naming station, time, parameter, value, unit (any order, any case; extra columns ignored). */
export function parseEnvironmentCsv(
  lines: readonly NumberedLine[],
  context: SourceContext,
  header: readonly string[] | null = null,
  limits: ParseLimits = NO_PARSE_LIMITS,
): SourceBatch {
  const { rows, unexamined } = parseCsvLines(lines, header, ['station', 'time', 'parameter', 'value', 'unit'], limits);
  return toBatch(
    rows.map((row) =>
      row.ok
        ? {
            line: row.row.line,
            text: row.row.text,
            raw: {
              station: row.row.fields['station'],
              time: row.row.fields['time'],
              parameter: row.row.fields['parameter'],
              value: row.row.fields['value'],
              unit: row.row.fields['unit'],
            },
          }
        : { line: row.line, text: row.text, error: row.reason },
    ),
    context,
    unexamined,
  );
}

function fromJsonValue(value: unknown, line: number, text: string): Parsed {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, text, error: 'expected an object {station, time, parameter, value, unit}' };
  const object = value as Record<string, unknown>;
  const text_ = (key: string): string | undefined => (typeof object[key] === 'string' ? (object[key] as string) : undefined);
  const value_ = object['value'];
  if (value_ !== undefined && typeof value_ !== 'number' && typeof value_ !== 'string') return { line, text, error: 'value: expected a number' };
  return { line, text, raw: { station: text_('station'), time: text_('time'), parameter: text_('parameter'), value: value_, unit: text_('unit') } };
}

/**
 * JSON readings: a JSON array of reading objects (records numbered by element, from 1), or JSON Lines (one object
 * per line, numbered by line). A body that starts with "[" but is not valid JSON is one rejected record, line 0.
 */
export function parseEnvironmentJson(lines: readonly NumberedLine[], context: SourceContext, limits: ParseLimits = NO_PARSE_LIMITS): SourceBatch {
  const { records, unexamined } = jsonRecords(lines, fromJsonValue, 'readings', limits);
  return toBatch(records, context, unexamined);
}
