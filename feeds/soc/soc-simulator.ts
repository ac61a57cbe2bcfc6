import type { SocData } from '../protocol/feed-data.js';
import type { FeedSimulator } from '../sim/feed-simulator.js';
import type { Random } from '../sim/random.js';
import { AgencyTarget } from './agency-target.js';
import { buildEveAlert, type EveSensor } from './eve-builder.js';
import { bruteForce, c2Beacon, noiseAlert, portScan, routineAlert, webAttack, type PlannedAlert } from './soc-scenarios.js';
import { buildSocNetwork, type SocNetwork } from './soc-network.js';
import { eveToAlert, type SuricataEveAlert } from './suricata-eve.js';

export interface SocSimulatorOptions {
  /** Start with a brute-force burst and a severity-1 C2 beacon inside the first simulated minute. */
  readonly demo?: boolean;
  /** The sensor's local time zone, minutes east of UTC (default 420, Việt Nam). */
  readonly timeZoneOffsetMinutes?: number;
}

const MINUTE = 60_000;
/** Background noise: 3 alerts per simulated minute on average, about 4,300 a day (docs/simulation.md). */
export const NOISE_MEAN_GAP_MS = MINUTE / 3;
/** Campaigns (scans, brute force, web attacks, beacons), each tens of minutes long: 6 a day on average. */
export const CAMPAIGN_MEAN_GAP_MS = 4 * 60 * MINUTE;
/**
 * A call that brings nothing is followed, after this many quiet calls in a row, by one routine outbound event at
 * `now`: calls come about once a real second and every feed must emit at least every 5 s, whatever the sim speed.
 */
const MAX_QUIET_CALLS = 4;
/** After a long pause (hub suspended, clock jump) only this much simulated past is generated, not hours. */
const MAX_CATCH_UP_MS = 15 * MINUTE;

export type Campaign = 'port-scan' | 'ssh-brute-force' | 'rdp-brute-force' | 'web-attack' | 'c2-beacon';
const CAMPAIGN_WEIGHTS: readonly [Campaign, number][] = [
  ['port-scan', 30],
  ['ssh-brute-force', 25],
  ['rdp-brute-force', 15],
  ['web-attack', 20],
  ['c2-beacon', 10],
];

interface Queued {
  readonly eve: SuricataEveAlert;
  readonly at: number;
  /** Insertion order, so alerts at the same ms keep a stable order. */
  readonly order: number;
}

function exponential(random: Random, mean: number): number {
  return Math.max(1, Math.round(-Math.log(1 - random.next()) * mean));
}

/**
 * Simulated Suricata sensor watching the province's agencies. It writes EVE alert records (`tickEve`) and maps
 * them through the same `eveToAlert` a real sensor's lines go through (`tick`). Deterministic for a seed and a
 * sequence of `now` values; noise, campaigns and keep-alives draw from separate streams so one does not shift
 * another.
 */
export class SocSimulator implements FeedSimulator<'soc'> {
  readonly feed = 'soc' as const;
  readonly #agencies: readonly AgencyTarget[];
  readonly #net: SocNetwork;
  readonly #demo: boolean;
  readonly #sensor: EveSensor;
  readonly #noise: Random;
  readonly #bursts: Random;
  readonly #keepAlive: Random;
  readonly #eve: Random;
  #queue: Queued[] = [];
  #order = 0;
  #last: number | null = null;
  #nextNoiseAt = 0;
  #nextBurstAt = 0;
  #quietCalls = 0;
  #idPrefix = '';
  #idCounter = 0;
  #demoWazuhAt: number | null = null;
  readonly #campaigns: Record<Campaign, number> = { 'port-scan': 0, 'ssh-brute-force': 0, 'rdp-brute-force': 0, 'web-attack': 0, 'c2-beacon': 0 };

  constructor(agencies: readonly AgencyTarget[], random: Random, options: SocSimulatorOptions = {}) {
    // Validate the region's agencies up front: a bad CIDR is a configuration error, not a runtime surprise.
    this.#agencies = agencies.map((agency): AgencyTarget => AgencyTarget.parse(agency));
    this.#net = buildSocNetwork(this.#agencies, random);
    this.#demo = options.demo ?? false;
    this.#sensor = { host: 'hd-soc-ids01', iface: 'ens192', timeZoneOffsetMinutes: options.timeZoneOffsetMinutes ?? 420 };
    this.#noise = random.fork('soc:noise');
    this.#bursts = random.fork('soc:bursts');
    this.#keepAlive = random.fork('soc:keep-alive');
    this.#eve = random.fork('soc:eve');
  }

  start(simNowMs: number): SocData[] {
    this.#begin(simNowMs);
    return [];
  }

  tick(simNowMs: number): SocData[] {
    const alerts: SocData[] = this.tickEve(simNowMs).map((eve) => eveToAlert(eve, this.#agencies, `${this.#idPrefix}-${++this.#idCounter}`));
    if (this.#demoWazuhAt !== null && simNowMs >= this.#demoWazuhAt) {
      const wazuh = this.#demoWazuh(this.#demoWazuhAt);
      this.#demoWazuhAt = null;
      if (wazuh) alerts.push(wazuh);
    }
    return alerts;
  }

  /**
   * Demo: a Wazuh host alert at +25 s — rule 40112, level 12, "multiple authentication failures followed by a
   * success" — on the first agency system, as the Wazuh manager's alerts.json would report it (docs/incidents.md).
   */
  #demoWazuh(at: number): SocData | null {
    const agency = this.#agencies.find((a) => a.systems.length > 0);
    const system = agency?.systems[0];
    if (!agency || !system) return null;
    return {
      kind: 'alert',
      id: `${this.#idPrefix}-wazuh-${++this.#idCounter}`,
      sensor: 'wazuh',
      observedAt: at,
      srcIp: '198.51.100.23',
      srcPort: null,
      destIp: system.host,
      destPort: system.port,
      proto: 'TCP',
      signature: 'Multiple authentication failures followed by a success',
      signatureId: 40112,
      category: 'authentication_success',
      severity: 1,
      agency: agency.id,
      level: 12,
    };
  }

  /** The EVE records for the time since the previous call (what a real sensor would have appended to eve.json). */
  tickEve(simNowMs: number): SuricataEveAlert[] {
    const last = this.#last ?? this.#begin(simNowMs);
    // Simulated time did not move: nothing happened, and the call does not count towards the keep-alive.
    if (simNowMs <= last) return [];
    this.#last = simNowMs;
    const from = Math.max(last, simNowMs - MAX_CATCH_UP_MS);

    if (this.#nextBurstAt < from) this.#nextBurstAt = from + exponential(this.#bursts, CAMPAIGN_MEAN_GAP_MS);
    while (this.#nextBurstAt <= simNowMs) {
      this.#enqueue(this.#burst(this.#nextBurstAt));
      this.#nextBurstAt += exponential(this.#bursts, CAMPAIGN_MEAN_GAP_MS);
    }
    if (this.#nextNoiseAt < from) this.#nextNoiseAt = from + exponential(this.#noise, NOISE_MEAN_GAP_MS);
    while (this.#nextNoiseAt <= simNowMs) {
      this.#enqueue([noiseAlert(this.#noise, this.#net, this.#nextNoiseAt)]);
      this.#nextNoiseAt += exponential(this.#noise, NOISE_MEAN_GAP_MS);
    }

    this.#queue.sort((a, b) => a.at - b.at || a.order - b.order);
    const due = this.#queue.findIndex((q) => q.at > simNowMs);
    const ready = due === -1 ? this.#queue : this.#queue.slice(0, due);
    this.#queue = due === -1 ? [] : this.#queue.slice(due);
    const out = ready.filter((q) => q.at >= from).map((q) => q.eve);

    if (out.length > 0) {
      this.#quietCalls = 0;
    } else if (++this.#quietCalls >= MAX_QUIET_CALLS) {
      this.#quietCalls = 0;
      out.push(buildEveAlert(routineAlert(this.#keepAlive, this.#net, simNowMs), this.#keepAlive, this.#sensor));
    }
    return out;
  }

  /** First call: fix the id prefix (so a restarted hub does not reuse ids) and schedule the first events. */
  #begin(simNowMs: number): number {
    if (this.#last !== null) return this.#last;
    this.#last = simNowMs;
    this.#idPrefix = `eve-${simNowMs.toString(36)}`;
    this.#nextNoiseAt = simNowMs + exponential(this.#noise, NOISE_MEAN_GAP_MS);
    this.#nextBurstAt = simNowMs + exponential(this.#bursts, CAMPAIGN_MEAN_GAP_MS);
    if (this.#demo) {
      // Something to look at straight away: a brute force packed into 45 s and a beacon calling out at +20 s.
      this.#enqueue(bruteForce(this.#bursts, this.#net, simNowMs + 5_000, 'ssh', 45_000));
      this.#enqueue(c2Beacon(this.#bursts, this.#net, simNowMs + 20_000, 30 * MINUTE));
      this.#demoWazuhAt = simNowMs + 25_000;
    }
    return simNowMs;
  }

  /** Campaigns started so far, by kind, the demo's not included (for tests and documentation; the feed does not say). */
  get campaigns(): Readonly<Record<Campaign, number>> {
    return { ...this.#campaigns };
  }

  #burst(at: number): PlannedAlert[] {
    const total = CAMPAIGN_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.#bursts.next() * total;
    const kind = CAMPAIGN_WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'port-scan';
    this.#campaigns[kind] += 1;
    switch (kind) {
      case 'port-scan':
        return portScan(this.#bursts, this.#net, at);
      case 'ssh-brute-force':
        return bruteForce(this.#bursts, this.#net, at, 'ssh');
      case 'rdp-brute-force':
        return bruteForce(this.#bursts, this.#net, at, 'rdp');
      case 'web-attack':
        return webAttack(this.#bursts, this.#net, at);
      case 'c2-beacon':
        return c2Beacon(this.#bursts, this.#net, at);
    }
  }

  #enqueue(plans: readonly PlannedAlert[]): void {
    for (const plan of plans) {
      this.#queue.push({ eve: buildEveAlert(plan, this.#eve, this.#sensor), at: plan.at, order: this.#order++ });
    }
  }
}
