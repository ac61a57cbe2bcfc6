import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

export type Rgb = readonly [number, number, number];

/** A decoded page screenshot, to read the colour the operator actually sees at a point. */
export class Screenshot {
  readonly png: PNG;
  constructor(buffer: Buffer) {
    this.png = PNG.sync.read(buffer);
  }

  static async of(page: Page, path?: string): Promise<Screenshot> {
    return new Screenshot(await page.screenshot(path ? { path } : {}));
  }

  at(x: number, y: number): Rgb {
    const px = Math.round(x);
    const py = Math.round(y);
    const i = (py * this.png.width + px) * 4;
    return [this.png.data[i] ?? 0, this.png.data[i + 1] ?? 0, this.png.data[i + 2] ?? 0];
  }

  /** The pixel within `radius` of (x, y) closest to `expected`, and its distance — robust to antialiasing. */
  nearest(x: number, y: number, radius: number, expected: Rgb): { rgb: Rgb; distance: number } {
    let best: { rgb: Rgb; distance: number } = { rgb: this.at(x, y), distance: Infinity };
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const rgb = this.at(x + dx, y + dy);
        const distance = colorDistance(rgb, expected);
        if (distance < best.distance) best = { rgb, distance };
      }
    }
    return best;
  }

  /** How many pixels differ (by more than `threshold`) from another screenshot of the same size. */
  diffCount(other: Screenshot, threshold = 30): number {
    let count = 0;
    for (let i = 0; i < this.png.data.length; i += 4) {
      const d =
        Math.abs((this.png.data[i] ?? 0) - (other.png.data[i] ?? 0)) +
        Math.abs((this.png.data[i + 1] ?? 0) - (other.png.data[i + 1] ?? 0)) +
        Math.abs((this.png.data[i + 2] ?? 0) - (other.png.data[i + 2] ?? 0));
      if (d > threshold) count++;
    }
    return count;
  }
}

export function colorDistance(a: Rgb, b: Rgb): number {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
}
