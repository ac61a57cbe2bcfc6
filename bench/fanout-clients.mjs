// Plain JavaScript so the worker thread needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/**
 * Runs in a worker thread so client work does not share the hub's event loop. Opens N clients, says hello and
 * subscribes (ignored by a bare ws server), counts `events` items per client, reports when all have `expected`.
 */
/** @type {{url: string, clients: number, token: string, expected: number}} */
const job = workerData;
const counts = new Array(job.clients).fill(0);
let done = 0;
let opened = 0;
const sockets = [];

for (let i = 0; i < job.clients; i++) {
  const socket = new WebSocket(job.url);
  sockets.push(socket);
  socket.on('open', () => {
    socket.send(JSON.stringify({ op: 'hello', token: job.token }));
    socket.send(JSON.stringify({ op: 'subscribe', feeds: ['soc'] }));
    opened += 1;
    if (opened === job.clients) setTimeout(() => parentPort?.postMessage({ type: 'ready' }), 200);
  });
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    // Count items without a full parse: the same cheap work for both servers.
    const text = data.toString('utf8');
    if (!text.startsWith('{"type":"events"')) return;
    let items = 0;
    let at = text.indexOf('"seq":');
    while (at !== -1) {
      items += 1;
      at = text.indexOf('"seq":', at + 6);
    }
    const before = counts[i] ?? 0;
    counts[i] = before + items;
    if (before < job.expected && before + items >= job.expected) {
      done += 1;
      if (done === job.clients) parentPort?.postMessage({ type: 'done', at: performance.timeOrigin + performance.now() });
    }
  });
}
parentPort?.on('message', (message) => {
  if (message.type === 'close') {
    for (const socket of sockets) socket.terminate();
    parentPort?.close();
  }
});
