/** How long "Tắt 15 phút" silences the tone. */
export const MUTE_MS = 15 * 60_000;

export type ToneKind = 'critical' | 'escalated';

/** What the desk shows about sound: off, on, or muted until a time. */
export type SoundState = { readonly kind: 'off' } | { readonly kind: 'on' } | { readonly kind: 'muted'; readonly until: number };

/**
 * The desk's alert tone (issue 16): generated with Web Audio — no sound file is fetched — a short two-note chime for
 * a new critical incident, one note for an escalation. Off until the operator turns it on (the click also lets the
 * browser start audio); a mute silences it for 15 minutes. Walls never create one.
 */
export class AlertTone {
  #enabled: boolean;
  #mutedUntil = 0;
  #context: AudioContext | null = null;
  /** Tones played on this page, by kind (the test hook reads them with the audio context's state). */
  readonly played = { critical: 0, escalated: 0 };
  readonly #onChange: () => void;

  constructor(enabled: boolean, onChange: () => void) {
    this.#enabled = enabled;
    this.#onChange = onChange;
  }

  state(now: number): SoundState {
    if (!this.#enabled) return { kind: 'off' };
    return this.#mutedUntil > now ? { kind: 'muted', until: this.#mutedUntil } : { kind: 'on' };
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    this.#mutedUntil = 0;
    // Called from the click that turned it on: a context made (or resumed) inside a user gesture may play.
    if (enabled) void this.#audio()?.resume().catch(() => undefined);
    this.#onChange();
  }

  /** Mute for 15 minutes from `now`; again to unmute. */
  toggleMute(now: number): void {
    this.#mutedUntil = this.#mutedUntil > now ? 0 : now + MUTE_MS;
    this.#onChange();
  }

  /** The audio context's state for the test hook ('none' before the first tone or enable). */
  get contextState(): string {
    return this.#context?.state ?? 'none';
  }

  play(kind: ToneKind, now: number): boolean {
    if (this.state(now).kind !== 'on') return false;
    const audio = this.#audio();
    if (!audio) return false;
    void audio.resume().catch(() => undefined);
    const notes = kind === 'critical' ? [880, 660] : [740];
    notes.forEach((frequency, i) => {
      const start = audio.currentTime + i * 0.22;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      // A soft attack and release: an alert, not a click.
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.2);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.21);
    });
    this.played[kind] += 1;
    return true;
  }

  #audio(): AudioContext | null {
    if (this.#context) return this.#context;
    try {
      this.#context = new AudioContext();
    } catch {
      // No audio device: the banner alone has to do.
      return null;
    }
    return this.#context;
  }
}
