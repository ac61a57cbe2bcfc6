import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReplayAt, parseReplayAt, replayLink } from '../../../renderer/replay/replay-at.js';

test('?at= accepts ISO 8601 with Z, with an offset, or without a zone (the province time, UTC+7)', () => {
  const utc = Date.UTC(2026, 11, 4, 1, 15, 0);
  assert.equal(parseReplayAt('2026-12-04T01:15:00Z'), utc);
  assert.equal(parseReplayAt('2026-12-04T08:15:00+07:00'), utc);
  assert.equal(parseReplayAt('2026-12-04T08:15+0700'), utc);
  assert.equal(parseReplayAt('2026-12-04T08:15'), utc, 'no zone: Việt Nam time');
  assert.equal(parseReplayAt('2026-12-04 08:15:00.5'), utc + 500);
  assert.equal(parseReplayAt(formatReplayAt(utc)), utc, 'a link the console writes reads back');
  // A link typed as ?at=2026-12-04T08:15+07:00 reaches the page with the + decoded as a space.
  assert.equal(parseReplayAt(new URLSearchParams('at=2026-12-04T08:15+07:00').get('at') ?? ''), utc);
  assert.equal(parseReplayAt('2026-12-04T01:15-00:00'), utc);
});

test('the link to a moment keeps the page and its other parameters, and reads back to that moment', () => {
  const utc = Date.UTC(2026, 11, 4, 1, 15, 0);
  const link = replayLink('http://127.0.0.1:8080/?lang=en&at=2026-01-01T00:00', utc);
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, 'http://127.0.0.1:8080/');
  assert.equal(url.searchParams.get('lang'), 'en');
  assert.equal(url.searchParams.getAll('at').length, 1);
  assert.equal(parseReplayAt(url.searchParams.get('at') ?? ''), utc);
});

test('?at= refuses what is not a moment: words, impossible dates and times, numbers alone', () => {
  for (const text of ['', 'yesterday', '2026-02-31T08:00', '2026-13-01T08:00', '2026-12-04T24:00', '2026-12-04T08:61', '1796390234989', '2026-12-04']) {
    assert.equal(parseReplayAt(text), null, text);
  }
});
