import { parseStoreLocation, type StoreLocation } from '../feeds/store/store-location.js';

/**
 * `--db PATH` (a hub's SQLite file) or `--store URL` (what the hub's --store names: a SQLite path, sqlite:PATH or
 * postgres://host:port/db) — exactly one. Returns the location, or a usage error's message.
 */
export function storeFromOptions(values: { readonly db?: string | undefined; readonly store?: string | undefined }): StoreLocation | string {
  if (values.db !== undefined && values.store !== undefined) return 'give --db PATH or --store URL, not both';
  if (values.store !== undefined) {
    try {
      return parseStoreLocation(values.store);
    } catch (error) {
      return `--store: ${(error as Error).message}`;
    }
  }
  if (values.db === undefined || values.db === '') return '--db PATH is required (or --store URL)';
  return { kind: 'sqlite', path: values.db };
}
