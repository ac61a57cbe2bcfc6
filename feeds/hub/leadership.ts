import pg from 'pg';
import { redactUrl } from '../store/store-location.js';

/** What leading means for a hub: start the simulator, the file sources and the incident engine; and stop them. */
export interface LeaderDuties {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  /** PostgreSQL URL of the shared state store. */
  readonly url: string;
  /** Hubs of one deployment share this key (the advisory lock's id); another deployment on the same server uses another. */
  readonly key: string;
  readonly hubId: string;
  /** How often a follower tries to take the lock. */
  readonly pollMs?: number;
  readonly onChange?: (leader: boolean) => void;
}

/**
 * Exactly one hub of a deployment leads, by holding a PostgreSQL session-level advisory lock on a connection of its
 * own (docs/deploy.md): the lock lives exactly as long as that session, so when the leader dies — kill -9, a power
 * cut, a network split that PostgreSQL notices — the server drops its session and the lock with it, and the next
 * follower's poll takes it. A leader that loses its connection stops its duties at once (it can no longer know that
 * it leads); duties start only after the lock is held, so two hubs never run them at the same time, give or take
 * the moment PostgreSQL takes to notice a dead peer (TCP keepalive, set short here).
 */
export class Leadership {
  readonly #options: LeadershipOptions;
  readonly #duties: LeaderDuties;
  #client: pg.Client | null = null;
  #leader = false;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  #busy: Promise<void> = Promise.resolve();

  constructor(options: LeadershipOptions, duties: LeaderDuties) {
    this.#options = options;
    this.#duties = duties;
  }

  get leader(): boolean {
    return this.#leader;
  }

  /** Try now, then every pollMs. */
  start(): Promise<void> {
    const poll = (): void => {
      this.#busy = this.#busy.then(() => this.#poll()).catch((error: unknown) => console.error('hub: leadership poll failed', error));
    };
    poll();
    this.#timer = setInterval(poll, this.#options.pollMs ?? 1000);
    this.#timer.unref();
    return this.#busy;
  }

  async #poll(): Promise<void> {
    if (this.#stopped || this.#leader) return;
    const client = await this.#connect();
    if (!client) return;
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.#options.key]);
    if (this.#stopped || rows[0]?.locked !== true) return;
    this.#leader = true;
    console.info(`hub ${this.#options.hubId}: leader (advisory lock "${this.#options.key}")`);
    this.#options.onChange?.(true);
    try {
      await this.#duties.start();
    } catch (error) {
      console.error(`hub ${this.#options.hubId}: leader duties failed to start; stepping down`, error);
      await this.#stepDown();
    }
  }

  async #connect(): Promise<pg.Client | null> {
    if (this.#client) return this.#client;
    const client = new pg.Client({
      connectionString: this.#options.url,
      application_name: `ioc-hub ${this.#options.hubId} leadership`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 1000,
      connectionTimeoutMillis: 5000,
    });
    client.on('error', (error) => {
      console.error(`hub ${this.#options.hubId}: leadership connection lost (${error.message})`);
      this.#lost(client);
    });
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
    } catch (error) {
      console.error(`hub ${this.#options.hubId}: cannot reach ${redactUrl(this.#options.url)} for leadership: ${(error as Error).message}`);
      return null;
    }
    this.#client = client;
    return client;
  }

  /** The session holding (or about to hold) the lock is gone: whatever it held is gone with it. */
  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    if (this.#leader) this.#busy = this.#busy.then(() => this.#stepDown());
  }

  async #stepDown(): Promise<void> {
    if (!this.#leader) return;
    this.#leader = false;
    this.#options.onChange?.(false);
    try {
      await this.#duties.stop();
    } catch (error) {
      console.error(`hub ${this.#options.hubId}: stopping leader duties failed`, error);
    }
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  /** Stop leading (duties stopped first, then the lock's session ends, so the next hub takes over at once). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#busy;
    await this.#stepDown();
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}

/** A hub that is not sharing its stores with another leads by itself, from the start. */
export class SoleLeadership {
  readonly #duties: LeaderDuties;
  #leader = false;

  constructor(duties: LeaderDuties) {
    this.#duties = duties;
  }
  get leader(): boolean {
    return this.#leader;
  }
  async start(): Promise<void> {
    this.#leader = true;
    await this.#duties.start();
  }
  async stop(): Promise<void> {
    if (!this.#leader) return;
    this.#leader = false;
    await this.#duties.stop();
  }
}
