import type { Role } from '../protocol/frames.js';

/** Connection limits of one hub (docs/PROTOCOL.md §8, docs/security.md); the hub config's `limits` section. */
export interface AdmissionLimits {
  /** Authenticated connections, whole hub. */
  readonly maxClients: number;
  /** Sockets that have not said hello yet, whole hub: their own small pool, so they can never hold operators' slots. */
  readonly maxPendingClients: number;
  /** Hello-less sockets from one remote address. */
  readonly maxPendingPerAddress: number;
  /** Every connection (pending or not) from one remote address. */
  readonly maxConnectionsPerAddress: number;
  /** Failed hellos (unknown token) from one address per rolling minute before it is made to wait. */
  readonly maxFailedHellosPerMinute: number;
  /** Connections of one token at once, by its role. */
  readonly maxConnectionsPerToken: Readonly<Record<Exclude<Role, 'source'>, number>>;
}

export type Refusal = { readonly ok: false; readonly status: 429 | 503; readonly reason: string; readonly retryAfterS?: number };
export type Admit = { readonly ok: true } | Refusal;

interface AddressEntry {
  connections: number;
  pending: number;
  failures: number[];
  blockedUntil: number;
  /** Consecutive minutes with too many failures: the wait doubles each time (1 s, 2 s … 60 s). */
  strikes: number;
}

/** Remote addresses remembered at most: an attacker rotating addresses evicts the oldest quiet entries, not memory. */
const MAX_ADDRESSES = 10_000;
const FAILURE_WINDOW_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Who may open a socket and who may keep it after hello. Pure bookkeeping (no sockets), driven by the hub: it
 * answers an upgrade before the WebSocket exists, and a hello before the welcome.
 */
export class Admission {
  readonly #limits: AdmissionLimits;
  readonly #addresses = new Map<string, AddressEntry>();
  readonly #tokens = new Map<string, number>();

  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  /** May `address` open a new socket now? (`pendingTotal`: hello-less sockets of the whole hub; the hub evicts.) */
  upgrade(address: string, now: number): Admit {
    const entry = this.#addresses.get(address);
    if (entry && entry.blockedUntil > now) {
      return { ok: false, status: 429, reason: 'too many failed hellos from this address', retryAfterS: Math.ceil((entry.blockedUntil - now) / 1000) };
    }
    if (entry && entry.connections >= this.#limits.maxConnectionsPerAddress) {
      return { ok: false, status: 429, reason: `more than ${this.#limits.maxConnectionsPerAddress} connections from this address` };
    }
    if (entry && entry.pending >= this.#limits.maxPendingPerAddress) {
      return { ok: false, status: 429, reason: `more than ${this.#limits.maxPendingPerAddress} connections without hello from this address` };
    }
    return { ok: true };
  }

  /** A socket from `address` was opened (it is pending until its hello). */
  opened(address: string): void {
    const entry = this.#entry(address);
    entry.connections += 1;
    entry.pending += 1;
  }

  /** A pending socket authenticated with `tokenKey` (its role's cap) — or is refused, and then still pending. */
  authenticate(address: string, tokenKey: string, role: Exclude<Role, 'source'>, authenticatedTotal: number): Admit {
    const cap = this.#limits.maxConnectionsPerToken[role];
    const used = this.#tokens.get(tokenKey) ?? 0;
    if (used >= cap) return { ok: false, status: 429, reason: `this ${role} token already has ${cap} connections (the limit for its role)` };
    if (authenticatedTotal >= this.#limits.maxClients) return { ok: false, status: 503, reason: `the hub serves ${this.#limits.maxClients} clients, its limit` };
    this.#tokens.set(tokenKey, used + 1);
    const entry = this.#entry(address);
    entry.pending = Math.max(0, entry.pending - 1);
    return { ok: true };
  }

  /** A hello with an unknown token: after too many in a minute the address waits before its next upgrade. */
  helloFailed(address: string, now: number): void {
    const entry = this.#entry(address);
    entry.failures = entry.failures.filter((at) => at > now - FAILURE_WINDOW_MS);
    entry.failures.push(now);
    if (entry.failures.length > this.#limits.maxFailedHellosPerMinute) {
      entry.strikes += 1;
      entry.blockedUntil = now + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (entry.strikes - 1));
    } else if (entry.failures.length === 1) {
      entry.strikes = 0;
    }
  }

  /** A socket closed; `tokenKey` when it had authenticated. */
  closed(address: string, tokenKey: string | null): void {
    const entry = this.#addresses.get(address);
    if (entry) {
      entry.connections = Math.max(0, entry.connections - 1);
      if (tokenKey === null) entry.pending = Math.max(0, entry.pending - 1);
    }
    if (tokenKey !== null) {
      const used = (this.#tokens.get(tokenKey) ?? 1) - 1;
      if (used <= 0) this.#tokens.delete(tokenKey);
      else this.#tokens.set(tokenKey, used);
    }
  }

  connectionsOfToken(tokenKey: string): number {
    return this.#tokens.get(tokenKey) ?? 0;
  }

  #entry(address: string): AddressEntry {
    let entry = this.#addresses.get(address);
    if (entry) {
      // Most recently used last, so the eviction below drops the quietest address.
      this.#addresses.delete(address);
      this.#addresses.set(address, entry);
      return entry;
    }
    entry = { connections: 0, pending: 0, failures: [], blockedUntil: 0, strikes: 0 };
    this.#addresses.set(address, entry);
    if (this.#addresses.size > MAX_ADDRESSES) {
      for (const [key, value] of this.#addresses) {
        if (value.connections === 0) {
          this.#addresses.delete(key);
          break;
        }
      }
    }
    return entry;
  }
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one address. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
