import { REPLAY_SPEEDS, REPLAY_WINDOW_MS, type ReplayStatus } from '../../feeds/client/replay-session.js';
import type { IncidentSeverity as Severity } from '../../feeds/protocol/incident.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import { formatMoment } from './moment-format.js';

export interface TimeBarActions {
  /** Show the moment `at` (click or drag on the track). */
  seek(at: number): void;
  togglePlay(): void;
  step(deltaMs: number): void;
  setSpeed(speed: number): void;
  live(): void;
}

/** One incident mark on the track: when it opened and how severe it is. */
export interface IncidentMark {
  readonly id: string;
  readonly at: number;
  readonly severity: Severity;
}

/** Rows of activity density, top to bottom (the feeds with a log; vehicles are keyframes, not items). */
export const DENSITY_FEEDS = ['traffic', 'environment', 'soc', 'portal', 'incidents'] as const;
export type DensityFeed = (typeof DENSITY_FEEDS)[number];

const FEED_COLOURS: Record<DensityFeed, string> = {
  traffic: '#38bdf8',
  environment: '#2ecc71',
  soc: '#a78bfa',
  portal: '#f5a524',
  incidents: '#ef4444',
};
const SEVERITY_COLOURS: Record<Severity, string> = { critical: '#ef4444', high: '#f97316', medium: '#eab308', low: '#3b82f6' };
const MARK_BAND_PX = 12;
const ROW_PX = 6;
const AXIS_PX = 13;
const BIN_MINUTES = 5;

/**
 * The desk's time axis (issue 12): the last 24 hours with each feed's activity per 5 minutes, incident marks by
 * severity, what the hub no longer keeps greyed, and the moment shown (amber while replaying, green "now" while live).
 * Click or drag to seek; the buttons play/pause, step a minute, choose the speed and return to live.
 */
export class TimeBar {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #canvas = h('canvas', { class: 'track', 'data-testid': 'replay-track' });
  readonly #live = h('button', { type: 'button', class: 'live', 'data-action': 'replay-live' });
  readonly #back = h('button', { type: 'button', 'data-action': 'replay-step-back' }, '−1′');
  readonly #play = h('button', { type: 'button', class: 'play', 'data-action': 'replay-play' });
  readonly #forward = h('button', { type: 'button', 'data-action': 'replay-step-forward' }, '+1′');
  readonly #speed = h('select', { 'data-testid': 'replay-speed' });
  readonly #clock = h('span', { class: 'moment', 'data-testid': 'replay-clock' });
  #oldest: number | null = null;
  #activity = new Map<DensityFeed, Map<number, number>>();
  #incidents: readonly IncidentMark[] = [];
  #status: ReplayStatus | null = null;
  #now = Date.now();
  /** While dragging: the moment under the pointer (shown, sought on release). */
  #dragAt: number | null = null;

  constructor(i18n: I18n, actions: TimeBarActions) {
    this.#i18n = i18n;
    for (const speed of REPLAY_SPEEDS) this.#speed.append(h('option', { value: String(speed) }, `${speed}×`));
    this.#speed.value = '60';
    this.element = h(
      'section',
      { class: 'time-bar', 'data-testid': 'time-bar' },
      this.#live,
      this.#back,
      this.#play,
      this.#forward,
      this.#speed,
      this.#canvas,
      this.#clock,
    );
    this.#live.addEventListener('click', () => actions.live());
    this.#play.addEventListener('click', () => actions.togglePlay());
    this.#back.addEventListener('click', () => actions.step(-60_000));
    this.#forward.addEventListener('click', () => actions.step(60_000));
    this.#speed.addEventListener('change', () => actions.setSpeed(Number(this.#speed.value)));
    this.#canvas.addEventListener('pointerdown', (event) => {
      this.#canvas.setPointerCapture(event.pointerId);
      this.#dragAt = this.#timeAt(event.offsetX);
      this.render();
    });
    this.#canvas.addEventListener('pointermove', (event) => {
      if (this.#dragAt === null) return;
      this.#dragAt = this.#timeAt(event.offsetX);
      this.render();
    });
    const release = (event: PointerEvent): void => {
      if (this.#dragAt === null) return;
      const at = this.#timeAt(event.offsetX);
      this.#dragAt = null;
      actions.seek(at);
    };
    this.#canvas.addEventListener('pointerup', release);
    this.#canvas.addEventListener('pointercancel', () => {
      this.#dragAt = null;
      this.render();
    });
    i18n.onChange(() => this.render());
    new ResizeObserver(() => this.render()).observe(this.#canvas);
  }

  /** The hub's timeline: the oldest replayable moment and items per minute of each feed. */
  setTimeline(oldest: number | null, activity: Partial<Record<string, readonly (readonly [number, number])[]>>): void {
    this.#oldest = oldest;
    this.#activity = new Map();
    for (const feed of DENSITY_FEEDS) {
      const bins = new Map<number, number>();
      for (const [minute, count] of activity[feed] ?? []) {
        const bin = Math.floor(minute / (BIN_MINUTES * 60_000));
        bins.set(bin, (bins.get(bin) ?? 0) + count);
      }
      this.#activity.set(feed, bins);
    }
    this.render();
  }

  setIncidents(marks: readonly IncidentMark[]): void {
    this.#incidents = marks;
  }

  setSpeed(speed: number): void {
    this.#speed.value = String(speed);
  }

  update(status: ReplayStatus | null, now: number): void {
    this.#status = status;
    this.#now = now;
    this.render();
  }

  render(): void {
    const t = this.#i18n;
    const status = this.#status;
    const replaying = status !== null;
    this.element.dataset['mode'] = replaying ? 'replay' : 'live';
    this.#live.textContent = replaying ? t.t('replayLive') : `● ${t.t('replayLive')}`;
    this.#live.title = replaying ? t.t('replayLive') : t.t('replayIsLive');
    this.#live.setAttribute('aria-pressed', String(!replaying));
    const playing = status?.playing === true;
    this.#play.textContent = playing ? '❚❚' : '▶';
    this.#play.title = playing ? t.t('replayPause') : t.t('replayPlay');
    this.#play.setAttribute('aria-label', this.#play.title);
    this.#back.title = t.t('replayStepBack');
    this.#back.setAttribute('aria-label', this.#back.title);
    this.#forward.title = t.t('replayStepForward');
    this.#forward.setAttribute('aria-label', this.#forward.title);
    this.#back.disabled = !replaying;
    this.#forward.disabled = !replaying;
    this.#speed.title = t.t('replaySpeed');
    this.#speed.setAttribute('aria-label', t.t('replaySpeed'));
    this.#canvas.title = t.t('replayTrack');
    const shown = this.#dragAt ?? (status ? status.clock : this.#now);
    this.#clock.textContent = formatMoment(t, shown, true);
    this.#clock.dataset['at'] = String(Math.round(shown));
    this.#draw(shown);
  }

  #range(): { from: number; to: number } {
    return { from: this.#now - REPLAY_WINDOW_MS, to: this.#now };
  }

  #timeAt(x: number): number {
    const { from, to } = this.#range();
    const width = this.#canvas.clientWidth || 1;
    return Math.round(from + (Math.min(Math.max(x, 0), width) / width) * (to - from));
  }

  #draw(shown: number): void {
    const canvas = this.#canvas;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const { from, to } = this.#range();
    const x = (ms: number): number => ((ms - from) / (to - from)) * width;

    context.fillStyle = '#0b1220';
    context.fillRect(0, 0, width, height);
    // What the hub does not keep (before its oldest replayable moment): hatched grey.
    const kept = this.#oldest === null ? to : Math.max(from, this.#oldest);
    if (kept > from) {
      context.fillStyle = 'rgba(142, 160, 189, 0.12)';
      context.fillRect(0, 0, x(kept), height);
      context.fillStyle = '#8ea0bd';
      context.font = '10px "Be Vietnam Pro", sans-serif';
      if (x(kept) > 60) context.fillText(this.#i18n.t('replayNotKept'), 4, MARK_BAND_PX + ROW_PX * 2 + 4);
    }

    // Activity: one row per feed, brightness by the bin's share of the feed's busiest bin (sqrt: quiet stays visible).
    const binMs = BIN_MINUTES * 60_000;
    DENSITY_FEEDS.forEach((feed, row) => {
      const bins = this.#activity.get(feed);
      if (!bins || bins.size === 0) return;
      const peak = Math.max(...bins.values(), 1);
      context.fillStyle = FEED_COLOURS[feed];
      for (const [bin, count] of bins) {
        if (count <= 0) continue;
        const start = bin * binMs;
        if (start + binMs < from) continue;
        context.globalAlpha = 0.25 + 0.75 * Math.sqrt(count / peak);
        context.fillRect(x(start), MARK_BAND_PX + row * ROW_PX, Math.max(1, x(start + binMs) - x(start)), ROW_PX - 1);
      }
    });
    context.globalAlpha = 1;

    // Hour ticks every 3 hours, in the province's time.
    const axisTop = height - AXIS_PX;
    context.fillStyle = '#8ea0bd';
    context.strokeStyle = '#24324d';
    context.font = '10px "Be Vietnam Pro", sans-serif';
    const hour = 3_600_000;
    const provinceOffset = 7 * hour;
    for (let tick = Math.ceil((from + provinceOffset) / hour) * hour - provinceOffset; tick <= to; tick += hour) {
      const localHour = new Date(tick + provinceOffset).getUTCHours();
      const px = x(tick);
      context.beginPath();
      context.moveTo(px + 0.5, MARK_BAND_PX);
      context.lineTo(px + 0.5, axisTop);
      context.stroke();
      if (localHour % 3 === 0 && px > 14 && px < width - 20) context.fillText(`${String(localHour).padStart(2, '0')}:00`, px - 13, height - 2);
    }

    // Incidents: a triangle where each opened, by severity (critical drawn last, on top).
    const order: Severity[] = ['low', 'medium', 'high', 'critical'];
    for (const severity of order) {
      context.fillStyle = SEVERITY_COLOURS[severity];
      for (const mark of this.#incidents) {
        if (mark.severity !== severity || mark.at < from) continue;
        const px = x(mark.at);
        context.beginPath();
        context.moveTo(px - 4, 1);
        context.lineTo(px + 4, 1);
        context.lineTo(px, MARK_BAND_PX - 2);
        context.closePath();
        context.fill();
      }
    }

    // The moment shown.
    const px = Math.min(Math.max(x(shown), 1), width - 1);
    context.fillStyle = this.#status || this.#dragAt !== null ? '#fbbf24' : '#2ecc71';
    context.fillRect(px - 1, 0, 2, height);
  }
}
