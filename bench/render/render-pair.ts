import type { Layer } from '@deck.gl/core';
import { decodeVehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import { vehicleObjectsFromFrame } from '../../layers/vehicles/format-vehicles-data.js';
import { renderVehicleLayers, renderVehicleLayersFromObjects } from '../../layers/vehicles/vehicles-layers.js';
import { BenchDeck } from './bench-deck.js';
import { MovingFleet } from './moving-fleet.js';
import { RENDER_VARIANTS, type RenderFrameTiming, type RenderPairOptions, type RenderPictureSample, type RenderVariant } from './render-types.js';

/** Hải Dương at a zoom where the whole fleet box fills a 1280×800 view. */
const VIEW = { longitude: 106.3, latitude: 20.92, zoom: 9.6, pitch: 0, bearing: 0 };

/** The message → layers step of each variant; the timed "prepare" phase. */
function layersFor(variant: RenderVariant, message: ArrayBuffer, time: number): Layer[] {
  const frame = decodeVehicleFrame(message);
  if (variant === 'binary') {
    // The console's path: the frame's Float32Array and a kind→RGBA byte buffer as binary attributes.
    return renderVehicleLayers({ state: frame, visible: true, stale: false, highlight: null, time, version: frame.seq });
  }
  // The baseline: one object per vehicle, deck.gl calls getPosition/getFillColor on each.
  return renderVehicleLayersFromObjects(vehicleObjectsFromFrame(frame), { version: frame.seq });
}

function createDeck(options: RenderPairOptions, variant: RenderVariant): Promise<BenchDeck> {
  return new Promise((resolve, reject) => {
    const deck: BenchDeck = new BenchDeck({
      id: `bench-${variant}`,
      width: options.width,
      height: options.height,
      // Both canvases on top of each other, both on screen, so the browser treats them alike.
      style: { position: 'absolute', left: '0', top: '0' },
      initialViewState: VIEW,
      controller: false,
      useDevicePixels: false,
      layers: [],
      onLoad: () => resolve(deck),
      onError: (error) => reject(error),
    });
  });
}

/**
 * Both variants at one fleet size in one page, driven a frame at a time by the Node side (render-bench.ts), which
 * interleaves them and reads the main thread's CPU time around each frame. `nextMessage` moves every vehicle and
 * encodes a real binary frame (the hub's work, outside the timed part); `frame(variant)` turns that message into a
 * drawn frame and times each phase, from the message to the GPU having drawn it.
 */
export class RenderPair {
  private message: ArrayBuffer | null = null;

  private constructor(
    private readonly fleet: MovingFleet,
    private readonly decks: ReadonlyMap<RenderVariant, BenchDeck>,
  ) {}

  static async open(options: RenderPairOptions): Promise<RenderPair> {
    const fleet = new MovingFleet(options.vehicles);
    const decks = new Map<RenderVariant, BenchDeck>();
    for (const variant of RENDER_VARIANTS) decks.set(variant, await createDeck(options, variant));
    return new RenderPair(fleet, decks);
  }

  nextMessage(): void {
    this.message = this.fleet.nextFrame();
  }

  frame(variant: RenderVariant): RenderFrameTiming {
    if (this.message === null) throw new Error('RenderPair.frame: call nextMessage() first');
    const t0 = performance.now();
    const layers = layersFor(variant, this.message, t0);
    const prepareMs = performance.now() - t0;
    const timing = this.deck(variant).renderNow(layers);
    return { prepareMs, ...timing, frameMs: performance.now() - t0 };
  }

  sample(variant: RenderVariant): RenderPictureSample {
    const deck = this.deck(variant);
    return { litPixels: deck.litPixels(), sampleChecksum: deck.sampleChecksum() };
  }

  close(): void {
    for (const deck of this.decks.values()) deck.finalize();
  }

  private deck(variant: RenderVariant): BenchDeck {
    const deck = this.decks.get(variant);
    if (!deck) throw new Error(`RenderPair: no deck for variant "${variant}"`);
    return deck;
  }
}
