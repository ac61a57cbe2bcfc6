import { createHash, timingSafeEqual } from 'node:crypto';
import type { HubConfig } from './hub-config.js';

export type TokenEntry = HubConfig['auth']['tokens'][number];

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The config's tokens, looked up in constant time: the candidate's hash is compared with every entry's hash by
 * timingSafeEqual, all of them, so neither the position of a match nor a shared prefix shows in the timing.
 */
export class TokenTable {
  readonly #entries: readonly { readonly entry: TokenEntry; readonly hash: Buffer; readonly key: string }[];

  constructor(tokens: readonly TokenEntry[]) {
    this.#entries = tokens.map((entry, index) => ({ entry, hash: digest(entry.token), key: `token-${index}` }));
  }

  /** The entry of `candidate` and a stable key for it (never the token itself: keys end up in logs and maps). */
  find(candidate: string): { readonly entry: TokenEntry; readonly key: string } | null {
    const hash = digest(candidate);
    let found: { entry: TokenEntry; key: string } | null = null;
    for (const item of this.#entries) {
      if (timingSafeEqual(hash, item.hash) && found === null) found = { entry: item.entry, key: item.key };
    }
    return found;
  }
}
