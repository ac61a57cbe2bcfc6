import { eveAlertId, eveToAlert, parseEveLine } from '../soc/suricata-eve.js';
import type { SourceContext } from './source-context.js';
import { clipRaw, emptyBatch, NO_PARSE_LIMITS, stopAt, type NumberedLine, type ParseLimits, type SourceBatch } from './source-result.js';

/**
 * Suricata eve.json (one JSON object per line). `event_type: "alert"` → one SocAlert (feeds/soc/suricata-eve.ts
 * does the validation and mapping, agency by the region's CIDRs); every other event type (flow, dns, http, tls,
 * stats, …) is ignored and counted; a line that is not an EVE object, or an alert missing a field, is rejected.
 */
export function parseSuricataEve(lines: readonly NumberedLine[], context: SourceContext, limits: ParseLimits = NO_PARSE_LIMITS): SourceBatch {
  const batch = emptyBatch('soc');
  for (let i = 0; i < lines.length; i++) {
    batch.unexamined = stopAt(lines, i, batch.rejected.length, limits);
    if (batch.unexamined) break;
    const { line, text } = lines[i] as NumberedLine;
    const result = parseEveLine(text);
    switch (result.kind) {
      case 'alert':
        batch.items.push(eveToAlert(result.alert, context.region.agencies, eveAlertId(result.alert)));
        batch.itemLines.push(line);
        batch.accepted += 1;
        break;
      case 'ignored':
        batch.ignored.push({ line, reason: `event_type "${result.eventType}" is not an alert` });
        break;
      case 'error':
        batch.rejected.push({ line, reason: result.reason, raw: clipRaw(text) });
        break;
    }
  }
  return batch;
}
