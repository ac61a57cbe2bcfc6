// Plain JavaScript so the worker thread needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/**
 * Clients for the clients-per-hub bench, in a worker thread: each says hello and subscribes (a bare ws server
 * ignores it), counts items, and samples the send→receive latency from the item's `ts` (the hub's send time;
 * the bare server stamps the same field). Reports counts and latencies when asked.
 */
/** @type {{url: string, clients: number, token: string, sampleEvery: number}} */
const job = workerData;
let opened = 0;
let items = 0;
const latencies = [];
const sockets = [];
let frameCount = 0;

for (let i = 0; i < job.clients; i++) {
  const socket = new WebSocket(job.url);
  sockets.push(socket);
  socket.on('open', () => {
    socket.send(JSON.stringify({ op: 'hello', token: job.token }));
    socket.send(JSON.stringify({ op: 'subscribe', feeds: ['traffic', 'vehicles', 'environment', 'soc', 'portal', 'incidents'] }));
    opened += 1;
    if (opened === job.clients) setTimeout(() => parentPort?.postMessage({ type: 'ready' }), 500);
  });
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = data.toString('utf8');
    if (!text.startsWith('{"type":"events"')) return;
    let count = 0;
    for (let at = text.indexOf('"seq":'); at !== -1; at = text.indexOf('"seq":', at + 6)) count += 1;
    items += count;
    // One latency sample every `sampleEvery` frames per worker: the first item's ts.
    if (++frameCount % job.sampleEvery === 0) {
      const ts = Number(/"ts":(\d+)/.exec(text)?.[1] ?? 0);
      if (ts > 0) latencies.push(Date.now() - ts);
    }
  });
}
parentPort?.on('message', (message) => {
  if (message.type === 'report') parentPort?.postMessage({ type: 'report', items, latencies, open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length });
  if (message.type === 'close') {
    for (const socket of sockets) socket.terminate();
    parentPort?.close();
  }
});
