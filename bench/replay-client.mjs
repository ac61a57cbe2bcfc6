// The replay bench's protocol client, in a worker thread so that reading the frames does not share the hub's event
// loop (bench/replay.ts). It says hello, then for each replay posts its frames' first 64 characters to the parent; at
// a replay-end it also posts how many replay-events items arrived and when the first of them did (epoch ms).
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const socket = new WebSocket(workerData.url);
const counts = new Map();
socket.on('open', () => socket.send(JSON.stringify({ op: 'hello', token: workerData.token })));
socket.once('message', () => parentPort.postMessage({ kind: 'ready' }));
socket.on('error', (error) => parentPort.postMessage({ kind: 'error', message: String(error) }));
socket.on('message', (data, isBinary) => {
  if (isBinary) return;
  const text = data.toString('utf8');
  const id = /"replayId":"([^"]+)"/.exec(text.slice(0, 200))?.[1];
  if (!id) return;
  if (text.startsWith('{"type":"replay-events"')) {
    const count = counts.get(id) ?? { items: 0, firstAt: performance.timeOrigin + performance.now() };
    for (let i = text.indexOf('"seq":'); i !== -1; i = text.indexOf('"seq":', i + 6)) count.items += 1;
    counts.set(id, count);
    return;
  }
  const end = text.startsWith('{"type":"replay-end"');
  const count = counts.get(id);
  parentPort.postMessage({ kind: 'frame', replayId: id, head: text.slice(0, 64), ...(end && count ? { items: count.items, firstAt: count.firstAt, endAt: performance.timeOrigin + performance.now() } : {}) });
});
parentPort.on('message', (message) => {
  if (message === 'close') socket.terminate();
  else socket.send(JSON.stringify(message));
});
