/** What the Node side asks the bench page to run, and what comes back (plain JSON both ways). */
export type RenderVariant = 'binary' | 'accessor';

export const RENDER_VARIANTS: readonly RenderVariant[] = ['binary', 'accessor'];

/** Both variants at one fleet size, side by side in one page (render-pair.ts). */
export interface RenderPairOptions {
  readonly vehicles: number;
  /** Frames to measure per variant after one warm-up frame each. */
  readonly frames: number;
  /** Stop once the measured frames of the pair have taken this long, warm-up not counted (at least one each is always taken). */
  readonly capMs: number;
  readonly width: number;
  readonly height: number;
}

/** One frame of one variant, timed in the page (ms, wall clock). */
export interface RenderFrameTiming {
  /** Decode the frame and build the layers (for the baseline: including the N objects). */
  readonly prepareMs: number;
  /** setProps + deck.gl layer update (accessor calls or binary copy, GPU buffer upload calls). */
  readonly updateMs: number;
  /** deck.gl's own "Update Attributes" timer (part of updateMs). */
  readonly attributeMs: number;
  /** Issuing the draw calls. */
  readonly drawMs: number;
  /** Waiting for the GPU (a pixel read-back blocks until the frame is drawn). */
  readonly gpuWaitMs: number;
  /** Message → drawn. */
  readonly frameMs: number;
}

/** What the page reports for a variant after the last frame. */
export interface RenderPictureSample {
  /** Pixels with alpha > 0 in a centred 256×256 read-back: proof that vehicles were drawn. */
  readonly litPixels: number;
  /** Checksum of that read-back; equal for both variants when they drew the same picture. */
  readonly sampleChecksum: string;
}

export interface RenderCaseResult extends RenderPictureSample {
  readonly variant: RenderVariant;
  readonly vehicles: number;
  readonly framesPlanned: number;
  readonly framesMeasured: number;
  /** True when the time cap ended the case before `framesPlanned`. */
  readonly capped: boolean;
  /** Wall time of the pair's measured frames (both variants, interleaved; warm-up not counted). */
  readonly elapsedMs: number;
  /** The first frame: layer creation and shader compilation; not in the means below. */
  readonly warmupMs: number;
  /** Means per measured frame, in ms (see RenderFrameTiming). */
  readonly prepareMs: number;
  readonly updateMs: number;
  readonly attributeMs: number;
  /** prepareMs + updateMs: wall time from message to layers updated. */
  readonly cpuMs: number;
  /**
   * CPU time the page's main thread actually used per frame (Chromium's TaskDuration in thread ticks, via CDP):
   * prepare + update + draw submission + garbage collection, without time spent waiting for a CPU or the GPU.
   * Unlike the wall-clock columns it is not inflated when other processes load the machine.
   */
  readonly mainThreadCpuMs: number;
  readonly drawMs: number;
  readonly gpuWaitMs: number;
  readonly frameMs: number;
  readonly frameMsMin: number;
  readonly frameMsMax: number;
}
