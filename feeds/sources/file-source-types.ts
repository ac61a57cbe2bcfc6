/**
 * File source types of the hub config (`sources[].type`) and the (feed, format) each reads. Only line formats can
 * be tailed; GTFS-RT is a whole protobuf message per fetch, so it comes through the ingest API.
 */
export const FILE_SOURCE_TYPES = {
  'suricata-eve': { feed: 'soc', format: 'suricata-eve' },
  wazuh: { feed: 'soc', format: 'wazuh' },
  'environment-csv': { feed: 'environment', format: 'csv' },
  'environment-json': { feed: 'environment', format: 'json' },
  'portal-csv': { feed: 'portal', format: 'csv' },
  'portal-json': { feed: 'portal', format: 'json' },
} as const;
export type FileSourceType = keyof typeof FILE_SOURCE_TYPES;
export const FILE_SOURCE_TYPE_NAMES = Object.keys(FILE_SOURCE_TYPES) as [FileSourceType, ...FileSourceType[]];
