import { z } from 'zod';
import { LocalizedText } from '../protocol/feed-data.js';

/**
 * A unit whose dossier statistics the portal reports: a district (GSO code) or a provincial agency. `weight` is its
 * relative size (e.g. population share); only ratios between units matter. An interface so that callers' own
 * interfaces with these fields are assignable.
 */
export interface PortalUnit {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string };
  readonly kind: 'district' | 'agency';
  readonly weight: number;
}

/** Validates a unit record; extra fields are allowed. */
export const PortalUnit = z.looseObject({
  id: z.string().min(1),
  name: LocalizedText,
  kind: z.enum(['district', 'agency']),
  weight: z.number().min(0).max(Number.MAX_VALUE),
});
