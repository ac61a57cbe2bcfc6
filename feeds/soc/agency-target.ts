import { z } from 'zod';
import { LocalizedText } from '../protocol/feed-data.js';

/**
 * What the SOC side needs to know about an agency: its address ranges (to attribute alerts) and the systems it
 * exposes (simulator targets). A structural subset of the region pack's agency record, so the region loader can
 * pass its agencies straight in. An interface (not the schema's inferred type, which has an index signature) so
 * any caller's interface with these fields is assignable.
 */
export interface AgencyTarget {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string };
  /** IPv4 CIDR ranges, e.g. "10.61.1.0/24". */
  readonly ipRanges: readonly string[];
  readonly systems: readonly AgencySystem[];
}

export interface AgencySystem {
  readonly name: string;
  /** Usually an IPv4 address inside the agency's ranges; a host name is tolerated (see buildSocNetwork). */
  readonly host: string;
  readonly port: number;
}

/** Validates an agency record; extra fields (kind, district, position, …) are allowed and kept. */
export const AgencyTarget = z.looseObject({
  id: z.string().min(1),
  name: LocalizedText,
  ipRanges: z.array(z.cidrv4()),
  systems: z.array(
    z.looseObject({
      name: z.string().min(1),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
    }),
  ),
});
