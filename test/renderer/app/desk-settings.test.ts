import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeskSettings, seatSettingsKey, type SettingsStorage } from '../../../renderer/app/desk-settings.js';

/** A Storage over a Map (what localStorage is to the page), optionally failing like a full or blocked one. */
function memoryStorage(fail: 'none' | 'write' | 'read' = 'none'): SettingsStorage & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => {
      if (fail === 'read') throw new Error('SecurityError: access denied');
      return map.get(key) ?? null;
    },
    setItem: (key, value) => {
      if (fail === 'write') throw new Error('QuotaExceededError');
      map.set(key, value);
    },
    removeItem: (key) => void map.delete(key),
  };
}

test('settings round-trip per seat: what one desk saved, the same seat reads back; another seat does not', () => {
  const storage = memoryStorage();
  const key = seatSettingsKey('operator', 'token-one');
  assert.match(key, /^ioc-console\.settings\.operator\.[0-9a-f]{8}$/);
  assert.ok(!key.includes('token-one'), 'the token is not written out');
  const first = new DeskSettings(storage, key);
  assert.deepEqual(first.value, { version: 1 });
  first.update({ locale: 'en', layers: { soc: false }, filter: { kind: 'manual', state: null, district: '288' }, view: { center: [106.3, 20.9], zoom: 11.2 } });
  const again = new DeskSettings(storage, key);
  assert.equal(again.problem, null);
  assert.deepEqual(again.value, { version: 1, locale: 'en', layers: { soc: false }, filter: { kind: 'manual', state: null, district: '288' }, view: { center: [106.3, 20.9], zoom: 11.2 } });
  assert.deepEqual(new DeskSettings(storage, seatSettingsKey('operator', 'token-two')).value, { version: 1 });
  again.reset();
  assert.deepEqual(new DeskSettings(storage, key).value, { version: 1 }, 'reset forgets the seat');
});

test('stored settings are input: not JSON, a wrong field or an unknown one are refused whole, with the reason', () => {
  const storage = memoryStorage();
  const key = seatSettingsKey('operator', 't');
  storage.map.set(key, '{not json');
  assert.match(new DeskSettings(storage, key).problem ?? '', /not JSON/);
  storage.map.set(key, JSON.stringify({ version: 1, layers: { soc: 'off' } }));
  const wrong = new DeskSettings(storage, key);
  assert.deepEqual(wrong.value, { version: 1 }, 'nothing half-applied');
  assert.match(wrong.problem ?? '', /layers\.soc/);
  storage.map.set(key, JSON.stringify({ version: 1, view: { center: [500, 20], zoom: 10 } }));
  assert.match(new DeskSettings(storage, key).problem ?? '', /view\.center/);
  storage.map.set(key, JSON.stringify({ version: 1, __proto__: { locale: 'en' }, theme: 'dark' }));
  assert.match(new DeskSettings(storage, key).problem ?? '', /theme|Unrecognized/);
  storage.map.set(key, JSON.stringify({ version: 2 }));
  assert.ok(new DeskSettings(storage, key).problem, 'a newer version is not guessed at');
});

test('storage that throws: the desk starts from the defaults and keeps working', () => {
  const key = seatSettingsKey('operator', 't');
  const blocked = new DeskSettings(memoryStorage('read'), key);
  assert.deepEqual(blocked.value, { version: 1 });
  assert.match(blocked.problem ?? '', /storage unreadable/);
  const full = new DeskSettings(memoryStorage('write'), key);
  full.update({ locale: 'en' });
  assert.equal(full.value.locale, 'en', 'kept for this page even when it cannot be saved');
  assert.deepEqual(new DeskSettings(null, key).value, { version: 1 });
});
