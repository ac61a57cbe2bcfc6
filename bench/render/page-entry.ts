import { RenderPair } from './render-pair.js';
import type { RenderFrameTiming, RenderPairOptions, RenderPictureSample, RenderVariant } from './render-types.js';

/** What the bundle puts on the page's global object for the Node side (render-bench.ts) to call, step by step. */
export interface RenderBenchPage {
  open(options: RenderPairOptions): Promise<void>;
  nextMessage(): void;
  frame(variant: RenderVariant): RenderFrameTiming;
  sample(variant: RenderVariant): RenderPictureSample;
  close(): void;
}
export interface RenderBenchGlobal {
  iocRenderBench: RenderBenchPage;
}

let pair: RenderPair | null = null;
const current = (): RenderPair => {
  if (pair === null) throw new Error('render bench page: open() first');
  return pair;
};

(globalThis as unknown as RenderBenchGlobal).iocRenderBench = {
  open: async (options) => {
    pair = await RenderPair.open(options);
  },
  nextMessage: () => current().nextMessage(),
  frame: (variant) => current().frame(variant),
  sample: (variant) => current().sample(variant),
  close: () => {
    current().close();
    pair = null;
  },
};
