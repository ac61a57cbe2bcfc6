import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLocation, parseStoreLocation, redactUrl } from './store-location.js';

test('store locations: paths and sqlite: are SQLite files, postgres:// names a database, other schemes are refused', () => {
  assert.deepEqual(parseStoreLocation('./data/ioc.db'), { kind: 'sqlite', path: './data/ioc.db' });
  assert.deepEqual(parseStoreLocation(':memory:'), { kind: 'sqlite', path: ':memory:' });
  assert.deepEqual(parseStoreLocation('sqlite:./data/state.db'), { kind: 'sqlite', path: './data/state.db' });
  assert.deepEqual(parseStoreLocation('sqlite:///var/lib/ioc/state.db'), { kind: 'sqlite', path: '/var/lib/ioc/state.db' });
  assert.deepEqual(parseStoreLocation('postgres://hub:pw@db.ioc.local:5432/ioc?sslmode=require'), {
    kind: 'postgres',
    url: 'postgres://hub:pw@db.ioc.local:5432/ioc?sslmode=require',
    database: 'ioc',
  });
  assert.deepEqual(parseStoreLocation('postgresql://127.0.0.1/ioc%20state'), { kind: 'postgres', url: 'postgresql://127.0.0.1/ioc%20state', database: 'ioc state' });
  assert.throws(() => parseStoreLocation('postgres://127.0.0.1:5432'), /name the database/);
  assert.throws(() => parseStoreLocation('postgres://127.0.0.1:5432/a/b'), /name the database/);
  assert.throws(() => parseStoreLocation('nats://127.0.0.1:4222'), /unknown store "nats:\/\/…"/);
  assert.throws(() => parseStoreLocation('sqlite:'), /needs a path/);
  assert.throws(() => parseStoreLocation(' '), /empty/);
});

test('a URL shown in a log line or an error has no password', () => {
  assert.equal(redactUrl('postgres://hub:s3cr%2Ft@db:5432/ioc'), 'postgres://hub:***@db:5432/ioc');
  assert.equal(redactUrl('postgres://db:5432/ioc'), 'postgres://db:5432/ioc');
  assert.equal(describeLocation(parseStoreLocation('postgres://hub:pw@db/ioc')), 'PostgreSQL postgres://hub:***@db/ioc');
  assert.equal(describeLocation(parseStoreLocation('./x.db')), 'SQLite ./x.db');
});
