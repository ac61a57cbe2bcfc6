/**
 * Where the hub's state tables live, from a URL-ish string (`--store`, the config's `backends.store`, or the --db
 * path): a plain path or `sqlite:PATH` → a SQLite file; `postgres://…` / `postgresql://…` → a PostgreSQL database.
 */
export type StoreLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string; readonly database: string };

export class StoreLocationError extends Error {
  override readonly name = 'StoreLocationError';
}

export function parseStoreLocation(text: string): StoreLocation {
  if (text.trim() === '') throw new StoreLocationError('empty store location');
  if (/^postgres(ql)?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new StoreLocationError(`not a valid PostgreSQL URL: ${redactUrl(text)}`);
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (database === '' || database.includes('/')) {
      throw new StoreLocationError(`name the database in the URL, e.g. postgres://127.0.0.1:5432/ioc (got ${redactUrl(text)})`);
    }
    return { kind: 'postgres', url: text, database };
  }
  if (/^sqlite:/i.test(text)) {
    // sqlite:PATH, also sqlite://PATH and sqlite:///abs/path as other tools write them.
    const path = text.slice('sqlite:'.length).replace(/^\/\/(?=\/|[^/])/, '');
    if (path === '') throw new StoreLocationError('sqlite: needs a path, e.g. sqlite:./data/ioc.db');
    return { kind: 'sqlite', path };
  }
  // Any other scheme is a mistake (a typo of postgres://, or a backend this hub does not have), not a file name.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) throw new StoreLocationError(`unknown store "${scheme[1] ?? ''}://…": use a SQLite path (or sqlite:PATH) or postgres://host:port/database`);
  return { kind: 'sqlite', path: text };
}

/** For log lines and errors: the URL without its password. */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

export function describeLocation(location: StoreLocation): string {
  return location.kind === 'sqlite' ? `SQLite ${location.path}` : `PostgreSQL ${redactUrl(location.url)}`;
}
