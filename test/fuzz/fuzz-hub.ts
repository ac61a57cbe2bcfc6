import { request as httpRequest, Agent } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import WebSocket from 'ws';
import { Hub } from '../../feeds/hub/hub.js';
import { HubIncidents } from '../../feeds/incidents/hub-incidents.node.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import { startSources } from '../../feeds/sources/start-sources.js';
import { openStateStores } from '../../feeds/store/state-stores.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { socAlert } from '../support/hub-fixture.js';
import { StreamClient } from '../support/stream-client.js';
import { makeTempDir } from '../support/temp-dir.js';
import { testConfig, TOKENS } from '../support/test-config.js';
import { haiDuong, SAMPLES } from '../sources/support.js';
import { httpRequest as requestArbitrary, wsFrame, type FuzzFrame, type FuzzRequest } from './arbitraries.js';

export interface FuzzOptions {
  readonly seed: number;
  /** Stop after this many inputs (frames + ingest records + other requests) … */
  readonly inputs?: number;
  /** … or after this long, whichever comes first. */
  readonly durationMs?: number;
  readonly onProgress?: (report: FuzzReport) => void;
}

export interface FuzzReport {
  readonly seed: number;
  readonly durationMs: number;
  readonly frames: number;
  readonly requests: number;
  /** Lines of ingest bodies sent (each a record the formats had to judge). */
  readonly records: number;
  readonly inputs: number;
  readonly inputsPerSecond: number;
  /** Handlers that threw (caught at their boundary, but each one is a bug to fix). */
  readonly handlerErrors: number;
  readonly status: Readonly<Record<string, number>>;
  readonly heapStartMb: number;
  readonly heapMaxMb: number;
  readonly heapEndMb: number;
  /** soc items the ingest answers said were stored, and what the log grew by (besides the watcher's sentinels). */
  readonly socAccepted: number;
  readonly socLogged: number;
  readonly sentinelsSent: number;
  readonly sentinelsSeen: number;
  readonly findings: readonly string[];
}

const SOCKETS = 4;
const HTTP_CLIENTS = 4;
const TOKEN_LIST = [TOKENS.operator, TOKENS.duty, TOKENS.wall, TOKENS.source];
/** Frames a socket sends before it waits for the hub to catch up (a round trip). */
const CHUNK = 50;

async function loadSamples(): Promise<Record<string, string[]>> {
  const lines = async (name: string): Promise<string[]> => (await readFile(join(SAMPLES, name), 'utf8')).split('\n').filter((line) => line.trim() !== '');
  const alerts = Array.from({ length: 5 }, (_, n) => JSON.stringify(socAlert(n)));
  return {
    'soc/ndjson': alerts,
    'soc/suricata-eve': [...(await lines('eve.json')), ...(await lines('eve-garbage.json'))],
    'soc/wazuh': await lines('wazuh-alerts.json'),
    'environment/csv': await lines('readings-mixed.csv'),
    'environment/json': (await lines('readings-mixed.csv')).slice(1).map((line) => {
      const [station, time, parameter, value, unit] = line.split(',');
      return JSON.stringify({ station, time, parameter, value: Number(value), unit });
    }),
    'environment/ndjson': ['{"kind":"outage","station":"HD-AQ-01","reason":{"vi":"Mất điện","en":"Power cut"}}'],
    'portal/csv': await lines('portal.csv'),
    'portal/json': [await readFile(join(SAMPLES, 'portal.json'), 'utf8')],
    'portal/ndjson': ['{"kind":"catalogue","catalogue":{"total":10,"fullyOnline":1,"partlyOnline":2,"informationOnly":7,"onNationalPortal":3}}'],
    'traffic/ndjson': ['{"kind":"speeds","speeds":[{"id":"QL.5-001","kmh":43.5}]}'],
    'traffic/gtfs-rt': [],
    'vehicles/gtfs-rt': [],
  };
}

/**
 * Fuzz a real hub in this process (real ws server, SQLite file in a temp folder, the Hải Dương pack, the incident
 * engine): sockets send generated frames, an HTTP client sends generated requests and ingest bodies, while a
 * watcher client must keep receiving a sentinel alert every 100 ms. Invariants checked at the end: the hub still
 * answers, no handler threw, the watcher saw every sentinel in order, the soc log grew by exactly what the ingest
 * answers accepted, and the heap stayed bounded.
 */
export async function fuzzHub(options: FuzzOptions): Promise<FuzzReport> {
  const dir = await makeTempDir();
  const dbPath = join(dir.path, 'fuzz.db');
  const config = testConfig({ limits: { maxInboundFramesPerSecond: 100_000, maxBadFramesPerMinute: 1_000_000, maxFailedHellosPerMinute: 1_000_000 } });
  const store = await SqliteLogStore.open(dbPath, { synchronous: 'NORMAL' });
  const incidents = new HubIncidents();
  const hub = await Hub.start({ config, store, reducers: REDUCERS, host: '127.0.0.1', port: 0, operations: incidents.operations, onCommitted: incidents.onCommitted });
  hub.ingest.hold();
  const stores = await openStateStores(dbPath);
  await incidents.attach(hub, stores.incidents);
  const region = await haiDuong();
  const sources = await startSources(hub, { stores, region });
  const samples = await loadSamples();
  const findings: string[] = [];
  const status: Record<string, number> = {};
  const started = Date.now();
  const heapStart = process.memoryUsage().heapUsed;
  let heapMax = heapStart;
  let frames = 0;
  let requests = 0;
  let records = 0;
  let socAccepted = 0;
  const inputs = (): number => frames + requests + records;
  const done = (): boolean => (options.inputs !== undefined && inputs() >= options.inputs) || (options.durationMs !== undefined && Date.now() - started >= options.durationMs);

  // The watcher: must see every sentinel, in order, whatever the others send.
  const watcher = new StreamClient(`ws://127.0.0.1:${hub.port}/v1/stream`, TOKENS.operator);
  await watcher.connect();
  watcher.subscribe(['soc']);
  const sentinelIds: string[] = [];
  const socStart = hub.channel('soc').seq;
  const sentinel = setInterval(() => {
    const id = `sentinel-${sentinelIds.length}`;
    sentinelIds.push(id);
    hub.publish('soc', [{ ...socAlert(1_000_000 + sentinelIds.length), id }]).catch((error: unknown) => findings.push(`sentinel publish failed: ${String(error)}`));
  }, 100);
  const heapTimer = setInterval(() => {
    heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
  }, 500);

  const frameSamples = (seed: number): FuzzFrame[] => fc.sample(wsFrame, { seed, numRuns: CHUNK });
  const requestSamples = (seed: number): FuzzRequest[] => fc.sample(requestArbitrary(samples, TOKEN_LIST), { seed, numRuns: 20 });
  const agent = new Agent({ keepAlive: true, maxSockets: HTTP_CLIENTS });

  const socketLoop = async (index: number): Promise<void> => {
    let chunk = 0;
    while (!done()) {
      // Keep frames and HTTP inputs about even: frames are cheap for the hub and would otherwise starve the rest.
      if (frames > requests + records + 2000) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const socket = await openSocket(hub.port, index % 2 === 0 ? TOKEN_LIST[index % 3] ?? null : null);
      if (!socket) continue;
      for (const frame of frameSamples(options.seed * 1000 + index * 100_000 + chunk++)) {
        if (socket.readyState !== WebSocket.OPEN || done()) break;
        socket.send(frame.kind === 'text' ? frame.text : frame.bytes, { binary: frame.kind === 'binary' });
        frames += 1;
      }
      // One round trip per chunk keeps the senders at the hub's pace instead of filling buffers.
      await roundTrip(socket);
      socket.terminate();
    }
  };

  const httpLoop = async (index: number): Promise<void> => {
    let chunk = 0;
    while (!done()) {
      for (const request of requestSamples(options.seed * 7919 + index * 100_000 + chunk++)) {
        if (done()) break;
        const answer = await send(hub.port, request, agent);
        requests += 1;
        if (request.target.startsWith('/v1/ingest/')) records += lineCount(request.body);
        status[answer.status] = (status[answer.status] ?? 0) + 1;
        if (answer.status === -2) findings.push(`${request.method} ${request.target}: no answer within 10 s`);
        if (answer.status >= 500 && answer.status !== 503) findings.push(`${request.method} ${request.target} → ${answer.status}: ${answer.body.slice(0, 200)}`);
        if (answer.status === 200 && request.method === 'POST' && request.target.startsWith('/v1/ingest/soc?')) {
          const body = JSON.parse(answer.body) as { accepted: number; duplicates?: number };
          socAccepted += body.accepted - (body.duplicates ?? 0);
        }
      }
      options.onProgress?.(report());
    }
  };

  const report = (): FuzzReport => {
    const durationMs = Date.now() - started;
    return {
      seed: options.seed,
      durationMs,
      frames,
      requests,
      records,
      inputs: inputs(),
      inputsPerSecond: Math.round(inputs() / Math.max(0.001, durationMs / 1000)),
      handlerErrors: 0,
      status,
      heapStartMb: mb(heapStart),
      heapMaxMb: mb(heapMax),
      heapEndMb: mb(process.memoryUsage().heapUsed),
      socAccepted,
      socLogged: hub.channel('soc').seq - socStart - sentinelIds.length,
      sentinelsSent: sentinelIds.length,
      sentinelsSeen: (watcher.data.get('soc') ?? []).filter((item) => String((item as { id?: unknown }).id).startsWith('sentinel-')).length,
      findings,
    };
  };

  try {
    await Promise.all([...Array.from({ length: SOCKETS }, (_, i) => socketLoop(i)), ...Array.from({ length: HTTP_CLIENTS }, (_, i) => httpLoop(i))]);
    clearInterval(sentinel);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Invariants.
    const health = await send(hub.port, { method: 'GET', target: '/health', headers: {}, body: new Uint8Array() }, agent);
    if (health.status !== 200) findings.push(`/health answered ${health.status} at the end`);
    const metrics = await send(hub.port, { method: 'GET', target: '/metrics', headers: {}, body: new Uint8Array() }, agent);
    const handlerErrors = [...metrics.body.matchAll(/^ioc_hub_handler_errors_total\{[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    if (handlerErrors > 0) findings.push(`${handlerErrors} handler error(s): ${[...metrics.body.matchAll(/^ioc_hub_handler_errors_total(\{[^}]*\}) (\d+)/gm)].map((m) => `${m[1] ?? ''}${m[2] ?? ''}`).join(', ')}`);
    const final = { ...report(), handlerErrors };
    if (watcher.closeCode !== null) findings.push(`the watcher was closed with ${watcher.closeCode}`);
    const seqs = watcher.seqs.get('soc') ?? [];
    if (seqs.some((seq, i) => i > 0 && seq !== (seqs[i - 1] ?? 0) + 1)) findings.push('the watcher saw a gap or a repeat in soc seqs');
    if (final.sentinelsSeen !== final.sentinelsSent) findings.push(`the watcher saw ${final.sentinelsSeen} of ${final.sentinelsSent} sentinels`);
    if (final.socLogged !== final.socAccepted) findings.push(`ingest answers accepted ${final.socAccepted} soc items but the log grew by ${final.socLogged}`);
    if (final.heapEndMb - final.heapStartMb > 400) findings.push(`heap grew from ${final.heapStartMb} MB to ${final.heapEndMb} MB`);
    return final;
  } finally {
    clearInterval(sentinel);
    clearInterval(heapTimer);
    agent.destroy();
    await watcher.close();
    await sources.stop();
    await incidents.stop();
    await hub.stop();
    await stores.close();
    await dir.remove();
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function lineCount(body: Uint8Array): number {
  let lines = body.length > 0 ? 1 : 0;
  for (const byte of body) if (byte === 0x0a) lines += 1;
  return lines;
}

/** A socket, authenticated with `token` or left before hello (null); null when the hub refused it. */
function openSocket(port: number, token: string | null): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/stream`);
    socket.on('error', () => resolve(null));
    socket.on('unexpected-response', () => resolve(null));
    socket.on('open', () => {
      if (token === null) return resolve(socket);
      socket.send(JSON.stringify({ op: 'hello', token }));
      socket.once('message', () => resolve(socket));
    });
  });
}

/** Wait until the hub has handled what this socket sent (a WebSocket ping is answered in order), or it closed. */
function roundTrip(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== WebSocket.OPEN) return resolve();
    const timer = setTimeout(resolve, 5000);
    const finish = (): void => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('pong', finish);
    socket.once('close', finish);
    socket.ping();
  });
}

function send(port: number, request: FuzzRequest, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: { status: number; body: string }): void => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    let req;
    try {
      req = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.target, headers: { ...request.headers, 'content-length': String(request.body.length) }, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => finish({ status: response.statusCode ?? 0, body }));
      response.on('error', () => finish({ status: -1, body }));
    });
    } catch (error) {
      // A target Node's own client refuses to send is not an input the hub ever sees.
      return finish({ status: -1, body: String(error) });
    }
    req.on('error', (error) => finish({ status: -1, body: String(error) }));
    req.setTimeout(10_000, () => {
      req.destroy();
      finish({ status: -2, body: 'timeout' });
    });
    req.end(request.body);
  });
}
