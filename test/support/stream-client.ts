import WebSocket from 'ws';
import { decodeVehicleFrame, type VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';

export interface ReceivedFrame {
  readonly type: string;
  readonly [key: string]: unknown;
}

interface EventsLike {
  type: 'events';
  feed: string;
  epoch: string;
  items: { seq: number; ts: number; data: unknown }[];
}

/**
 * A protocol client for tests, written from docs/PROTOCOL.md: hello, subscribe with `since` from its own cursors,
 * and it records every seq it receives so tests can check "exactly once, in order".
 */
export class StreamClient {
  url: string;
  readonly token: string;
  readonly frames: ReceivedFrame[] = [];
  readonly vehicleFrames: VehicleFrame[] = [];
  /** feed → seqs received in events frames, in arrival order (across reconnects). */
  readonly seqs = new Map<string, number[]>();
  readonly data = new Map<string, unknown[]>();
  readonly positions = new Map<string, { epoch: string; seq: number }>();
  readonly snapshots: ReceivedFrame[] = [];
  closeCode: number | null = null;
  closeReason = '';
  socket: WebSocket | null = null;

  constructor(url: string, token: string) {
    this.url = url;
    this.token = token;
  }

  /** Connect, say hello and wait for welcome (or the error/close that answers a bad token). */
  connect(): Promise<ReceivedFrame> {
    this.closeCode = null;
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ op: 'hello', token: this.token })));
      socket.on('message', (raw, isBinary) => {
        if (isBinary) {
          this.vehicleFrames.push(decodeVehicleFrame(raw as ArrayBuffer));
          return;
        }
        const frame = JSON.parse(String(raw)) as ReceivedFrame;
        this.#record(frame);
        if (frame.type === 'welcome') resolve(frame);
      });
      socket.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve({ type: 'closed', code });
      });
      socket.on('error', (error) => reject(error));
    });
  }

  #record(frame: ReceivedFrame): void {
    this.frames.push(frame);
    if (frame.type === 'events') {
      const events = frame as unknown as EventsLike;
      const seqs = this.seqs.get(events.feed) ?? [];
      const data = this.data.get(events.feed) ?? [];
      for (const item of events.items) {
        seqs.push(item.seq);
        data.push(item.data);
      }
      this.seqs.set(events.feed, seqs);
      this.data.set(events.feed, data);
      const last = events.items[events.items.length - 1];
      if (last) this.positions.set(events.feed, { epoch: events.epoch, seq: last.seq });
    } else if (frame.type === 'snapshot') {
      this.snapshots.push(frame);
      this.positions.set(String(frame['feed']), { epoch: String(frame['epoch']), seq: Number(frame['seq']) });
    }
  }

  send(value: unknown): void {
    this.socket?.send(typeof value === 'string' || value instanceof Buffer ? value : JSON.stringify(value));
  }

  /** Subscribe, resuming every feed we have a position for. */
  subscribe(feeds: readonly string[]): void {
    const since: Record<string, { epoch: string; seq: number }> = {};
    for (const feed of feeds) {
      const position = this.positions.get(feed);
      if (position) since[feed] = position;
    }
    this.send({ op: 'subscribe', feeds, ...(Object.keys(since).length > 0 ? { since } : {}) });
  }

  framesOfType(type: string): ReceivedFrame[] {
    return this.frames.filter((frame) => frame.type === type);
  }

  lastSeq(feed: string): number {
    return this.positions.get(feed)?.seq ?? 0;
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }

  /** Drop the connection abruptly, as a network failure would. */
  kill(): void {
    this.socket?.terminate();
  }
}
