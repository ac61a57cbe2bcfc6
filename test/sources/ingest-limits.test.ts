import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Hub } from '../../feeds/hub/hub.js';
import { MAX_INGEST_BYTES, MAX_QUARANTINED_PER_REQUEST, MAX_REJECTED_PER_REQUEST } from '../../feeds/sources/ingest/ingest-route.js';
import type { RunningSources } from '../../feeds/sources/start-sources.js';
import { startTestSources } from '../support/test-sources.js';
import { socAlert, startTestHub, streamUrl } from '../support/hub-fixture.js';
import { StreamClient } from '../support/stream-client.js';
import { withTempDir } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';
import { haiDuong } from './support.js';

async function withHub(work: (hub: Hub, sources: RunningSources) => Promise<void>, budget?: { maxRows: number; maxBytes: number }): Promise<void> {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    const sources = await startTestSources(hub, join(dir, 'hub.db'), { region: await haiDuong(), ...(budget ? { quarantineBudget: budget } : {}) });
    try {
      await work(hub, sources);
    } finally {
      await sources.stop();
      await hub.stop();
    }
  });
}

async function post(hub: Hub, path: string, body: string): Promise<{ status: number; answer: Record<string, unknown> }> {
  const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body });
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
}

test('a body of 400,000 junk lines: 1,000 quarantine rows and summaries, the rest unexamined, answered promptly, heartbeats go on', { timeout: 60_000 }, async () => {
  await withHub(async (hub, sources) => {
    const watcher = new StreamClient(streamUrl(hub), TOKENS.operator);
    await watcher.connect();
    watcher.subscribe(['soc']);
    const gaps: number[] = [];
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      gaps.push(now - last);
      last = now;
    }, 50);
    const lines = 400_000;
    const junk = 'x\n'.repeat(lines);
    const started = Date.now();
    const { status, answer } = await post(hub, '/v1/ingest/soc?format=ndjson', junk);
    const tookMs = Date.now() - started;
    clearInterval(timer);
    assert.equal(status, 200);
    assert.equal(answer['accepted'], 0);
    assert.equal(answer['rejected'], MAX_REJECTED_PER_REQUEST);
    assert.deepEqual(answer['unexamined'], {
      fromLine: MAX_REJECTED_PER_REQUEST + 1,
      lines: lines - MAX_REJECTED_PER_REQUEST,
      reason: 'more than 10000 rejected records: the rest of the body was not read; fix the sender, then send those lines again',
    });
    // 1,000 rows with their raw text, one counting the other rejections, one naming the unexamined lines.
    assert.equal(answer['quarantined'], MAX_QUARANTINED_PER_REQUEST + 2);
    assert.equal((answer['errors'] as unknown[]).length, 100);
    assert.equal(await sources.quarantine.count(), MAX_QUARANTINED_PER_REQUEST + 2);
    const reasons = (await sources.quarantine.list({ limit: 2 })).map((row) => row.reason).sort();
    assert.deepEqual(reasons, [
      `390000 line(s) from line 10001 not examined (more than 10000 rejected records in one request)`,
      '9000 more rejected record(s) of this request not kept (at most 1000 a request)',
    ]);
    const longestGap = Math.max(...gaps);
    console.info(`400,000 junk lines: answered in ${tookMs} ms, longest event-loop gap ${longestGap} ms`);
    assert.ok(longestGap < 5000, `the event loop was blocked for ${longestGap} ms`);
    assert.equal(watcher.closeCode, null);
    await watcher.close();
  });
});

test('junk after good records: the good ones are taken, the answer says which lines were not examined', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const good = [1, 2, 3].map((n) => JSON.stringify(socAlert(n)));
    const body = [...good, ...Array.from({ length: MAX_REJECTED_PER_REQUEST + 5 }, () => '{}')].join('\n');
    const { status, answer } = await post(hub, '/v1/ingest/soc?format=ndjson', body);
    assert.equal(status, 200);
    assert.equal(answer['accepted'], 3);
    assert.equal(answer['rejected'], MAX_REJECTED_PER_REQUEST);
    assert.deepEqual((answer['unexamined'] as { fromLine: number; lines: number }).fromLine, MAX_REJECTED_PER_REQUEST + 4);
    assert.equal(hub.channel('soc').seq, 3);
  });
});

test('a 4 MiB body of two million junk lines is refused whole (413, too many lines) in a moment, nothing kept', { timeout: 30_000 }, async () => {
  await withHub(async (hub, sources) => {
    const started = Date.now();
    const response = await fetch(`${hub.url}/v1/ingest/soc?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body: 'x\n'.repeat(2 * 1024 * 1024) });
    assert.equal(response.status, 413);
    assert.match(((await response.json()) as { error: string }).error, /more than 500000 lines in one body/);
    assert.ok(Date.now() - started < 5000);
    assert.equal(await sources.quarantine.count(), 0);
  });
});

test('a body over the limit is read and answered 413 (not reset); the hub takes the next request', { timeout: 60_000 }, async () => {
  await withHub(async (hub) => {
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${hub.url}/v1/ingest/soc?format=ndjson`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKENS.source}`, 'content-type': 'application/x-ndjson' },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      // Chunked, with no Content-Length: the hub learns the size only by reading. Written whole before reading.
      const chunk = Buffer.alloc(1024 * 1024, 'y');
      for (let i = 0; i < MAX_INGEST_BYTES / chunk.length + 2; i++) request.write(chunk);
      request.end();
    });
    assert.equal(result.status, 413);
    assert.match(result.body, /body larger than 16777216 bytes/);
    const next = await post(hub, '/v1/ingest/soc?format=ndjson', `${JSON.stringify(socAlert(1))}\n`);
    assert.equal(next.status, 200);
    assert.equal(next.answer['accepted'], 1);
  });
});

test('deep JSON in an ingest line is one rejected record by depth; the rest of the body is taken', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const deep = `{"kind":"alert","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const body = [JSON.stringify(socAlert(1)), deep, JSON.stringify(socAlert(2))].join('\n');
    const { status, answer } = await post(hub, '/v1/ingest/soc?format=ndjson', body);
    assert.equal(status, 200);
    assert.equal(answer['accepted'], 2);
    assert.deepEqual(answer['errors'], [{ line: 2, reason: 'JSON nested deeper than 32 levels' }]);
    const eve = await post(hub, '/v1/ingest/soc?format=suricata-eve', `${'['.repeat(40_000)}${']'.repeat(40_000)}`);
    assert.equal(eve.status, 200);
    assert.equal(eve.answer['rejected'], 1);
  });
});

test('the quarantine keeps to its size budget while a source keeps sending junk', { timeout: 30_000 }, async () => {
  await withHub(
    async (hub, sources) => {
      for (let i = 0; i < 3; i++) await post(hub, '/v1/ingest/soc?format=ndjson', 'junk\n'.repeat(1500));
      const deadline = Date.now() + 5000;
      while ((await sources.quarantine.count()) > 1500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await sources.quarantine.count(), 1500);
      // The newest rows stayed: the last request's summary row is there.
      assert.match((await sources.quarantine.list({ limit: 1 }))[0]?.reason ?? '', /500 more rejected record/);
    },
    { maxRows: 1500, maxBytes: 64 * 1024 * 1024 },
  );
});

test('sending the same body again stores nothing twice: alerts by their id, other items by their content', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const alerts = [1, 2, 3].map((n) => JSON.stringify(socAlert(n))).join('\n');
    const first = await post(hub, '/v1/ingest/soc?format=ndjson', alerts);
    assert.deepEqual([first.answer['accepted'], first.answer['duplicates']], [3, 0]);
    const again = await post(hub, '/v1/ingest/soc?format=ndjson', `${alerts}\n${JSON.stringify(socAlert(4))}`);
    assert.deepEqual([again.answer['accepted'], again.answer['duplicates']], [4, 3]);
    assert.equal(hub.channel('soc').seq, 4);
    // The same alert id with a field rendered differently is still the same alert.
    const rerendered = await post(hub, '/v1/ingest/soc?format=ndjson', JSON.stringify({ ...socAlert(1), signature: 'ET SCAN (re-rendered)' }));
    assert.equal(rerendered.answer['duplicates'], 1);
    const portal = 'unit,date,received,resolved_on_time,resolved_late,pending_in_time,pending_overdue,received_online\n288,2026-11-22,40,30,2,6,1,20\n';
    await post(hub, '/v1/ingest/portal?format=csv', portal);
    const portalAgain = await post(hub, '/v1/ingest/portal?format=csv', portal);
    assert.equal(portalAgain.answer['duplicates'], 1);
    assert.equal(hub.channel('portal').seq, 1);
  });
});
