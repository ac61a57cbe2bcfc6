import type { LoggedFeed } from '../protocol/feed-names.js';
import type { FeedSimulator } from '../sim/feed-simulator.js';
import { Random } from '../sim/random.js';
import type { Region } from '../region/index.js';
import type { TrafficState } from '../traffic/traffic-reducer.js';
import { VehicleFleetSimulator } from '../vehicles/vehicle-simulator.js';
import { itemKey } from '../store/item-keys.js';
import type { Hub } from './hub.js';
import { createRegionSimulators } from './region-simulators.js';

export interface SimulationOptions {
  readonly seed: number;
  /** Simulated seconds per real second. */
  readonly speed: number;
  readonly vehicles: number;
  readonly demo: boolean;
  readonly simStartMs: number;
  /** Real milliseconds between ticks (1000 in production; tests may use less). */
  readonly tickMs?: number;
}

/** A simulator's demo history: batches of items with the simulated time each arrived, oldest first. */
interface DemoBacklog {
  demoBacklog(simNowMs: number): { at: number; items: unknown[] }[];
}

/**
 * Drives the region's simulators in fixed steps: tick i happens at simulated time start + i × tick × speed, so a
 * seed and a start time give the same province every run, whatever the machine's timing jitter.
 */
export class SimulationDriver {
  readonly #hub: Hub;
  readonly #options: SimulationOptions;
  readonly #feeds: FeedSimulator<LoggedFeed>[] = [];
  readonly #vehicles: VehicleFleetSimulator | null;
  #timer: NodeJS.Timeout | null = null;
  #tick = 0;
  #busy = false;

  constructor(hub: Hub, region: Region, options: SimulationOptions) {
    this.#hub = hub;
    this.#options = options;
    const simulators = createRegionSimulators(region, { seed: options.seed, demo: options.demo, simStartMs: options.simStartMs });
    this.#feeds.push(
      simulators.traffic as FeedSimulator<LoggedFeed>,
      simulators.environment as FeedSimulator<LoggedFeed>,
      simulators.soc as FeedSimulator<LoggedFeed>,
      simulators.portal as FeedSimulator<LoggedFeed>,
    );
    // Vehicles slow down where the traffic feed (as logged, not the simulator's internals) says the road is slow.
    const trafficState = hub.channel('traffic').state as TrafficState;
    this.#vehicles =
      options.vehicles > 0
        ? new VehicleFleetSimulator(simulators.segments, options.vehicles, new Random(options.seed).fork('vehicles'), (id) => trafficState.speeds[id]?.kmh)
        : null;
  }

  get simulatedNow(): number {
    return this.#options.simStartMs + this.#tick * (this.#options.tickMs ?? 1000) * this.#options.speed;
  }

  async start(): Promise<void> {
    const now = this.simulatedNow;
    // Demo: what the simulators say happened before start, published first with its own times (docs/incidents.md).
    // The simulators always run their lead-in (it sets up the jam they continue), but only the part after what the
    // log already holds is published: a restart must not log the demo history a second time, back-dated.
    for (const simulator of this.#feeds) {
      const backlog = (simulator as Partial<DemoBacklog>).demoBacklog?.(now) ?? [];
      const loggedUntil = this.#hub.channel(simulator.feed).lastTs;
      for (const entry of backlog) if (entry.items.length > 0 && entry.at > loggedUntil) await this.#hub.publish(simulator.feed, entry.items, entry.at, contentKeys(simulator.feed, entry.items));
    }
    // Keyed by content: a hub taking over from a leader that just started does not log the same network twice.
    for (const simulator of this.#feeds) {
      const items = simulator.start(now);
      await this.#hub.publish(simulator.feed, items, undefined, contentKeys(simulator.feed, items));
    }
    if (this.#vehicles) this.#hub.publishVehicles(this.#vehicles.tick(now));
    this.#timer = setInterval(() => void this.#step(), this.#options.tickMs ?? 1000);
  }

  async #step(): Promise<void> {
    // A slow commit must not stack ticks: skip this one, the next covers the simulated time anyway.
    if (this.#busy) return;
    this.#busy = true;
    try {
      this.#tick += 1;
      const now = this.simulatedNow;
      const pending: Promise<unknown>[] = [];
      for (const simulator of this.#feeds) {
        const items = simulator.tick(now);
        if (items.length > 0) pending.push(this.#hub.publish(simulator.feed, items));
      }
      if (this.#vehicles) this.#hub.publishVehicles(this.#vehicles.tick(now));
      await Promise.all(pending);
    } catch (error) {
      console.error('simulation: publish failed', error);
    } finally {
      this.#busy = false;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

function contentKeys(feed: LoggedFeed, items: readonly unknown[]): string[] {
  return items.map((item) => itemKey(feed, item));
}
