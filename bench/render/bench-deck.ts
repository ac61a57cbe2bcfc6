import { Deck } from '@deck.gl/core';
import type { Layer } from '@deck.gl/core';

/** The part of one frame that happens inside deck.gl, timed in ms. */
export interface DeckFrameTiming {
  /** setProps + layer update: diffing, accessor calls or binary attribute copy, GPU buffer upload. */
  readonly updateMs: number;
  /** deck.gl's own "Update Attributes" timer for this frame (a subset of updateMs). */
  readonly attributeMs: number;
  /** Issuing the draw calls (redraw). */
  readonly drawMs: number;
  /** Waiting for the GPU to finish (a pixel read-back blocks until the frame is drawn). */
  readonly gpuWaitMs: number;
}

const SAMPLE = 256;

/**
 * A Deck that the bench drives frame by frame instead of waiting for its animation loop, so each phase can be
 * timed on its own: the subclass reaches deck.gl's protected layer manager and stats (public API only says "next
 * animation frame"). The animation loop keeps running but finds nothing to do, because `renderNow` has already
 * updated and drawn.
 */
export class BenchDeck extends Deck {
  private readonly sample = new Uint8Array(SAMPLE * SAMPLE * 4);

  renderNow(layers: Layer[]): DeckFrameTiming {
    const layerManager = this.layerManager;
    if (layerManager === null) throw new Error('BenchDeck.renderNow: deck.gl is not initialised yet');
    const gl = layerManager.context.gl;
    this.stats.get('Update Attributes').reset();
    const t0 = performance.now();
    this.setProps({ layers });
    layerManager.updateLayers();
    const t1 = performance.now();
    this.redraw('bench frame');
    const t2 = performance.now();
    const x = Math.max(0, Math.floor((this.width - SAMPLE) / 2));
    const y = Math.max(0, Math.floor((this.height - SAMPLE) / 2));
    gl.readPixels(x, y, SAMPLE, SAMPLE, gl.RGBA, gl.UNSIGNED_BYTE, this.sample);
    const t3 = performance.now();
    return {
      updateMs: t1 - t0,
      attributeMs: this.stats.get('Update Attributes').time,
      drawMs: t2 - t1,
      gpuWaitMs: t3 - t2,
    };
  }

  /** FNV-1a of the last read-back: both variants drew the same frame, so their pictures must match. */
  sampleChecksum(): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < this.sample.length; i++) hash = Math.imul(hash ^ (this.sample[i] ?? 0), 0x01000193);
    return (hash >>> 0).toString(16).padStart(8, '0');
  }

  /** Pixels with alpha > 0 in the last read-back. */
  litPixels(): number {
    let lit = 0;
    for (let i = 3; i < this.sample.length; i += 4) if ((this.sample[i] ?? 0) > 0) lit++;
    return lit;
  }
}
