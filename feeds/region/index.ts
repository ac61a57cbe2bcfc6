/** Region packs (`regions/<id>/`): schemas, the loader, and the IPv4 helpers for agencies' address ranges. */
export * from './region-schema.js';
export {
  formatFieldPath,
  formatRegionProblem,
  loadRegion,
  REGION_MANIFEST_FILE,
  RegionError,
  type RegionProblem,
} from './load-region.js';
export {
  cidrContains,
  cidrsOverlap,
  findAgencyByIp,
  formatCidr,
  formatIpv4,
  ipInCidr,
  parseCidr,
  parseIpv4,
  type Ipv4Cidr,
} from './cidr.js';
