import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Hub } from '../../feeds/hub/hub.js';
import type { RunningSources } from '../../feeds/sources/start-sources.js';
import { startTestSources } from '../support/test-sources.js';
import { startTestHub, streamUrl } from '../support/hub-fixture.js';
import { StreamClient } from '../support/stream-client.js';
import { waitFor, withTempDir } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';
import { vehiclePositionsMessage } from './gtfs-sample.js';
import { haiDuong, SAMPLES } from './support.js';

interface Answer {
  accepted: number;
  rejected: number;
  ignored: number;
  duplicates: number;
  quarantined: number;
  errors: { line: number; reason: string }[];
}

async function post(hub: Hub, path: string, body: string | Uint8Array, token: string = TOKENS.source): Promise<{ status: number; answer: Answer }> {
  const payload = typeof body === 'string' ? body : Buffer.from(body);
  const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: payload });
  return { status: response.status, answer: (await response.json()) as Answer };
}

async function withHub(work: (hub: Hub, sources: RunningSources, dir: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    const sources = await startTestSources(hub, join(dir, 'hub.db'), { region: await haiDuong() });
    try {
      await work(hub, sources, dir);
    } finally {
      await sources.stop();
      await hub.stop();
    }
  });
}

test('eve.json over HTTP: alerts accepted and streamed to a subscriber, non-alerts ignored, nothing rejected', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    client.subscribe(['soc']);
    await waitFor(() => client.framesOfType('snapshot').length > 0 || client.framesOfType('subscribed').length > 0, 5000, 'subscribed');
    const { status, answer } = await post(hub, '/v1/ingest/soc?format=suricata-eve', await readFile(join(SAMPLES, 'eve.json'), 'utf8'));
    assert.equal(status, 200);
    assert.deepEqual(answer, { accepted: 4, rejected: 0, ignored: 7, duplicates: 0, quarantined: 0, errors: [] });
    await waitFor(() => (client.data.get('soc')?.length ?? 0) >= 4, 5000, 'four alerts on the stream');
    const alerts = client.data.get('soc') as { signature: string; agency: string | null; sensor: string }[];
    assert.equal(alerts.length, 4);
    assert.deepEqual(alerts.map((a) => a.agency), ['ubnd-tinh', 'ttdl', 'ttdl', 'so-tttt']);
    assert.match(alerts[0]?.signature ?? '', /SQL Injection/);
    await client.close();
  });
});

test('garbage lines come back with line numbers and reasons and land in quarantine with their raw text', { timeout: 30_000 }, async () => {
  await withHub(async (hub, sources) => {
    const { answer } = await post(hub, '/v1/ingest/soc?format=suricata-eve', await readFile(join(SAMPLES, 'eve-garbage.json'), 'utf8'));
    assert.equal(answer.accepted, 1);
    assert.equal(answer.ignored, 1);
    assert.equal(answer.rejected, 6);
    assert.deepEqual(answer.errors.map((e) => e.line), [2, 3, 4, 5, 6, 8]);
    assert.match(answer.errors[1]?.reason ?? '', /alert\.severity/);
    const rows = await sources.quarantine.list();
    assert.equal(rows.length, 6);
    const garbage = rows.find((row) => row.line === 2);
    assert.equal(garbage?.raw, 'this is not json at all');
    assert.equal(garbage?.feed, 'soc');
    assert.equal(garbage?.format, 'suricata-eve');
    assert.equal(garbage?.origin, 'ingest Sensor');
    assert.equal(hub.health().feeds['soc']?.seq, 1);

    // Only the first 100 errors are listed; every one is counted and kept.
    const many = Array.from({ length: 150 }, (_, i) => `garbage ${i}`).join('\n');
    const big = await post(hub, '/v1/ingest/soc?format=wazuh', many);
    assert.equal(big.answer.rejected, 150);
    assert.equal(big.answer.errors.length, 100);
    assert.equal(await sources.quarantine.count(), 156);
  });
});

test('every format over HTTP: Wazuh, GTFS-RT vehicles (on the stream), TripUpdates, station CSV, portal CSV/JSON, own NDJSON', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    client.subscribe(['vehicles', 'environment', 'portal']);
    await waitFor(() => client.framesOfType('subscribed').length > 0, 5000, 'subscribed');

    const wazuh = await post(hub, '/v1/ingest/soc?format=wazuh', await readFile(join(SAMPLES, 'wazuh-alerts.json'), 'utf8'));
    assert.deepEqual(wazuh.answer, { accepted: 6, rejected: 0, ignored: 0, duplicates: 0, quarantined: 0, errors: [] });

    const vehicles = await post(hub, '/v1/ingest/vehicles?format=gtfs-rt', vehiclePositionsMessage());
    assert.equal(vehicles.answer.accepted, 2);
    assert.equal(vehicles.answer.ignored, 2);
    assert.deepEqual(vehicles.answer.errors.map((e) => e.line), [4, 6]);
    await waitFor(() => client.vehicleFrames.some((frame) => frame.count === 2), 5000, 'a vehicle keyframe of the two buses');
    // A simulated fleet publishing beside the real feed does not erase the buses: each source replaces its own.
    hub.publishVehicles({ ids: Uint32Array.of(1, 2, 3), positions: new Float32Array(6).fill(20.9), headings: new Uint16Array(3), speeds: new Uint8Array(3), kinds: new Uint8Array(3) });
    await waitFor(() => client.vehicleFrames.some((frame) => frame.count === 5), 5000, 'a keyframe of the buses and the simulated fleet');
    const mixed = client.vehicleFrames.find((frame) => frame.count === 5);
    assert.ok(mixed && [...mixed.ids].filter((id) => id >= 0x8000_0000).length === 2, 'real vehicles keep ids from 2^31 up');

    const trips = await post(hub, '/v1/ingest/traffic?format=gtfs-rt', (await import('./gtfs-sample.js')).tripUpdatesMessage());
    assert.deepEqual(trips.answer, { accepted: 0, rejected: 0, ignored: 2, duplicates: 0, quarantined: 0, errors: [] });

    const readings = await post(hub, '/v1/ingest/environment?format=csv', await readFile(join(SAMPLES, 'readings-mixed.csv'), 'utf8'));
    assert.deepEqual(readings.answer, { accepted: 9, rejected: 0, ignored: 0, duplicates: 0, quarantined: 0, errors: [] });
    await waitFor(() => (client.data.get('environment')?.length ?? 0) >= 3, 5000, 'three readings');

    const portal = await post(hub, '/v1/ingest/portal?format=csv', await readFile(join(SAMPLES, 'portal.csv'), 'utf8'));
    assert.equal(portal.answer.accepted, 3);
    const portalJson = await post(hub, '/v1/ingest/portal?format=json', await readFile(join(SAMPLES, 'portal.json'), 'utf8'));
    assert.equal(portalJson.answer.accepted, 2);
    const state = hub.channel('portal').state as { date: string; units: Record<string, unknown> };
    assert.equal(state.date, '2026-11-23');

    const own = await post(hub, '/v1/ingest/environment?format=ndjson', '{"kind":"restored","station":"HD-AQ-01"}\n{"kind":"nope"}');
    assert.equal(own.answer.accepted, 1);
    assert.deepEqual(own.answer.errors.map((e) => e.line), [2]);
    await client.close();
  });
});

test('unknown format 400 listing the known ones; unknown feed 404; incidents not ingestable; wall token 403', async () => {
  await withHub(async (hub) => {
    const response = await fetch(`${hub.url}/v1/ingest/soc?format=csv`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body: 'x' });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: string }).error, /known: ndjson, suricata-eve, wazuh/);
    assert.equal((await fetch(`${hub.url}/v1/ingest/incidents`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body: '{}' })).status, 404);
    assert.equal((await fetch(`${hub.url}/v1/ingest/weather`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body: '{}' })).status, 404);
    assert.equal((await post(hub, '/v1/ingest/soc?format=suricata-eve', '{}', TOKENS.wall)).status, 403);
  });
});

test('a hub whose sources are still starting answers ingest 503 with Retry-After, then accepts the same body', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    // What run-hub does in the turn the hub starts listening.
    hub.ingest.hold();
    const body = await readFile(join(SAMPLES, 'eve.json'));
    try {
      const early = await fetch(`${hub.url}/v1/ingest/soc?format=suricata-eve`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body });
      assert.equal(early.status, 503);
      assert.equal(early.headers.get('retry-after'), '1');
      assert.match(((await early.json()) as { error: string }).error, /starting/);
      assert.equal(hub.channel('soc').seq, 0, 'nothing logged');
      const sources = await startTestSources(hub, join(dir, 'hub.db'), { region: await haiDuong() });
      try {
        const { status, answer } = await post(hub, '/v1/ingest/soc?format=suricata-eve', body);
        assert.equal(status, 200);
        assert.ok(answer.accepted > 0);
      } finally {
        await sources.stop();
      }
    } finally {
      await hub.stop();
    }
  });
});
