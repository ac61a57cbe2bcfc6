import { connect, headers as natsHeaders, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import { AckFrame, AssignFrame, CommentFrame, CreateFrame, describeIssues, ReopenFrame, ResolveFrame, RoleSchema, SnoozeFrame, type OperationFrame } from '../protocol/frames.js';
import { decodeVehicleFrame, encodeVehicleFrame, type VehicleBatch } from '../protocol/vehicle-frame.js';
import type { OperationActor, OperationOutcome } from './incident-operations.js';

/**
 * What several hubs of one deployment tell each other outside the log (docs/deploy.md), over core NATS on the
 * JetStream servers: vehicle batches (latest-wins, never logged, so every hub must hear the leader's simulator and
 * every GTFS-RT sender), and incident operations, which any hub accepts and the leader's incident engine — the one
 * writer of incidents — applies. Everything received is validated like input from a client.
 */
export interface ClusterBusOptions {
  readonly servers: readonly string[];
  /** The deployment's subject prefix (the same as its streams'). */
  readonly prefix: string;
  readonly hubId: string;
}

const OperationRequest = z.strictObject({
  frame: z.discriminatedUnion('op', [AckFrame, AssignFrame, ResolveFrame, SnoozeFrame, CommentFrame, ReopenFrame, CreateFrame]),
  actor: z.strictObject({ role: RoleSchema, name: z.string().max(256), connection: z.string().max(128).optional() }),
});
const OperationReply = z.union([
  z.strictObject({ ok: z.literal(true), incident: z.record(z.string(), z.unknown()) }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string().max(64), message: z.string().max(2000) }) }),
]);

/** How long a forwarded operation waits for a leader (a failover takes at most ~10 s) before answering unavailable. */
const FORWARD_TIMEOUT_MS = 12_000;
const RETRY_MS = 250;

export class ClusterBus {
  readonly #connection: NatsConnection;
  readonly #options: ClusterBusOptions;
  readonly #subscriptions: Subscription[] = [];
  #operations: Subscription | null = null;

  private constructor(connection: NatsConnection, options: ClusterBusOptions) {
    this.#connection = connection;
    this.#options = options;
  }

  static async open(options: ClusterBusOptions): Promise<ClusterBus> {
    const connection = await connect({ servers: [...options.servers], name: `ioc-hub ${options.hubId} bus`, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    return new ClusterBus(connection, options);
  }

  get #vehicleSubject(): string {
    return `${this.#options.prefix}.bus.vehicles`;
  }
  get #operationSubject(): string {
    return `${this.#options.prefix}.bus.operations`;
  }

  /** Send a source's vehicle batch to every hub of the deployment (this one included: it hears its own). */
  publishVehicles(batch: VehicleBatch, ts: number, source: string): void {
    const frame = encodeVehicleFrame({ seq: 0, ts, epoch: '0000000000000000', keyframe: true }, batch);
    const header = natsHeaders();
    header.set('Ioc-Source', source.slice(0, 200));
    this.#connection.publish(this.#vehicleSubject, new Uint8Array(frame), { headers: header });
  }

  onVehicles(listener: (batch: VehicleBatch, ts: number, source: string) => void): void {
    this.#subscriptions.push(
      this.#connection.subscribe(this.#vehicleSubject, {
        callback: (error, message) => {
          if (error) return;
          const source = message.headers?.get('Ioc-Source') ?? '';
          try {
            const frame = decodeVehicleFrame(message.data);
            if (source !== '') listener(frame, frame.ts, source);
          } catch (problem) {
            console.warn(`hub ${this.#options.hubId}: a vehicle batch on the bus is not a valid frame: ${(problem as Error).message}`);
          }
        },
      }),
    );
  }

  /** The leader answers the deployment's operations with `apply` (one responder at a time: a queue group). */
  serveOperations(apply: (frame: OperationFrame, actor: OperationActor) => Promise<OperationOutcome>): void {
    if (this.#operations) return;
    this.#operations = this.#connection.subscribe(this.#operationSubject, {
      queue: 'leader',
      callback: (error, message) => {
        if (error) return;
        let request: z.infer<typeof OperationRequest>;
        try {
          const parsed = OperationRequest.safeParse(JSON.parse(message.string()));
          if (!parsed.success) {
            message.respond(JSON.stringify({ ok: false, error: { code: 'bad-frame', message: describeIssues(parsed.error) } }));
            return;
          }
          request = parsed.data;
        } catch {
          message.respond(JSON.stringify({ ok: false, error: { code: 'bad-frame', message: 'not JSON' } }));
          return;
        }
        const actor: OperationActor = request.actor.connection === undefined ? { role: request.actor.role, name: request.actor.name } : { ...request.actor, connection: request.actor.connection };
        apply(request.frame, actor).then(
          (outcome) => message.respond(JSON.stringify(outcome)),
          (problem: unknown) => message.respond(JSON.stringify({ ok: false, error: { code: 'internal', message: problem instanceof Error ? problem.message : 'failed' } })),
        );
      },
    });
  }

  stopServingOperations(): void {
    this.#operations?.unsubscribe();
    this.#operations = null;
  }

  /**
   * A follower's operation, applied by the leader. While no hub answers (the leader died, the next has not taken
   * over), it is retried with the same opId — the engine applies an opId once — until FORWARD_TIMEOUT_MS.
   */
  async forwardOperation(frame: OperationFrame, actor: OperationActor): Promise<OperationOutcome> {
    const payload = JSON.stringify({ frame, actor });
    const deadline = Date.now() + FORWARD_TIMEOUT_MS;
    for (;;) {
      try {
        const reply = await this.#connection.request(this.#operationSubject, payload, { timeout: Math.max(500, deadline - Date.now()) });
        const parsed = OperationReply.safeParse(JSON.parse(reply.string()));
        if (parsed.success) return parsed.data;
        return { ok: false, error: { code: 'internal', message: `the leader's answer is not an outcome: ${describeIssues(parsed.error)}` } };
      } catch (error) {
        if (Date.now() + RETRY_MS >= deadline) {
          return { ok: false, error: { code: 'unavailable', message: `no hub leads the incident engine right now (${(error as Error).message}); retry with the same opId` } };
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async close(): Promise<void> {
    this.stopServingOperations();
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    await this.#connection.drain().catch(() => this.#connection.close());
  }
}
