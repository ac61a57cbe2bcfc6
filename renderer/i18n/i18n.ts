import type { ConsoleLocale } from '../../feeds/bridge/bridge-contract.js';
import { MESSAGES, PLURALS, type MessageKey, type PluralKey, type PluralMessage } from './messages.js';

/** The console's language: Vietnamese by default, English by the toggle. Listeners re-render their text. */
export class I18n {
  #locale: ConsoleLocale;
  readonly #listeners = new Set<(locale: ConsoleLocale) => void>();

  constructor(locale: ConsoleLocale) {
    this.#locale = locale;
  }

  get locale(): ConsoleLocale {
    return this.#locale;
  }

  /** BCP 47 tag for Intl: numbers in vi-VN use "." for thousands and "," for decimals. */
  get tag(): string {
    return this.#locale === 'vi' ? 'vi-VN' : 'en-GB';
  }

  set(locale: ConsoleLocale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    document.documentElement.lang = locale;
    for (const listener of this.#listeners) listener(locale);
  }

  toggle(): void {
    this.set(this.#locale === 'vi' ? 'en' : 'vi');
  }

  onChange(listener: (locale: ConsoleLocale) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    return this.format(MESSAGES[key], values);
  }

  /** A counted message ("1 alert" / "2 alerts") with `{n}` the count formatted for the language. */
  plural(key: PluralKey, n: number): string {
    return this.pluralOf(PLURALS[key], n);
  }

  pluralOf(message: PluralMessage, n: number): string {
    const forms = message[this.#locale];
    const category = new Intl.PluralRules(this.tag).select(n);
    return (forms[category] ?? forms.other).replace('{n}', this.number(n));
  }

  /** A duration as people say it: seconds under two minutes, minutes under two hours, then hours and minutes. */
  duration(ms: number): string {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 120) return this.t('durationSeconds', { n: this.number(seconds) });
    const minutes = Math.round(seconds / 60);
    if (minutes < 120) return this.t('durationMinutes', { n: this.number(minutes) });
    return this.t('durationHours', { h: this.number(Math.floor(minutes / 60)), m: this.number(minutes % 60) });
  }

  /** A {vi, en} message of any table in the current language, with its `{name}` placeholders filled. */
  format(message: { vi: string; en: string }, values: Record<string, string | number> = {}): string {
    let text = message[this.#locale];
    for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  }

  /** Pick the current language from a {vi, en} pair that came with the data. */
  pick(text: { vi: string; en: string }): string {
    return text[this.#locale];
  }

  number(value: number, fractionDigits = 0): string {
    return new Intl.NumberFormat(this.tag, { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
  }

  percent(ratio: number, fractionDigits = 1): string {
    return new Intl.NumberFormat(this.tag, { style: 'percent', maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(ratio);
  }

  /** hh:mm in the province's time (Asia/Ho_Chi_Minh), whatever the machine's zone. */
  time(ms: number): string {
    return new Intl.DateTimeFormat(this.tag, { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);
  }

  age(ms: number | null): string {
    if (ms === null) return this.t('ageNever');
    const seconds = Math.max(0, Math.round(ms / 1000));
    return seconds < 120 ? this.t('ageSeconds', { n: seconds }) : this.t('ageMinutes', { n: Math.round(seconds / 60) });
  }
}
