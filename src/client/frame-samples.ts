/**
 * Values of a list of items (bone channels, node transforms, morph weights) evaluated by DAZ at
 * every frame of the timeline (ANIMATION_SAMPLES), read in chunks of frames sized like the mesh
 * reads. Scene animation and corrective baking both sample this way.
 */
import { readChunks } from './chunked-reads.js';
import type { DazClient } from './dazscript-client.js';
import { DazSceneChangedError } from './errors.js';
import { ANIMATION_SAMPLES } from './scripts/animation-scripts.js';

export interface FrameSampleRequest {
  /** What ANIMATION_SAMPLES evaluates, in order. */
  items: object[];
  /** Numbers per frame over all items. */
  perFrame: number;
  /** Timeline start and frame step, ticks. */
  start: number;
  step: number;
  frames: number;
  /** Names the samples in the error when DAZ answers a chunk of the wrong length. */
  what: string;
  chunkBytes?: number;
  signal?: AbortSignal;
}

/** frames × perFrame numbers, frame after frame. */
export async function sampleFrames(client: DazClient, request: FrameSampleRequest): Promise<Float64Array> {
  const { items, perFrame, start, step, frames } = request;
  const out = new Float64Array(frames * perFrame);
  const chunks = readChunks<number[]>(
    {
      total: frames,
      // About 20 characters per number as the server prints doubles (%.15g).
      guessBytesPerElement: perFrame * 20,
      targetBytes: request.chunkBytes ?? 2_000_000,
      concurrency: 2,
    },
    async (from, count) => {
      const r = await client.run<number[]>(
        ANIMATION_SAMPLES,
        { items, start, step, from, count },
        { signal: request.signal },
      );
      return { value: r.result, bytes: r.bytes ?? 0 };
    },
  );
  for await (const chunk of chunks) {
    if (chunk.value.length !== chunk.count * perFrame)
      throw new DazSceneChangedError(
        `${request.what}: ${chunk.value.length} numbers for ${chunk.count} frames of ${perFrame}`,
      );
    out.set(chunk.value, chunk.start * perFrame);
  }
  return out;
}
