import type { BvhClip } from './bvh-clip.js';
import { BvhStreamParser } from './bvh-stream-parser.js';
import type { BvhParseOptions } from './bvh-types.js';

/**
 * Parse BVH text already in memory. Pure: no I/O. For files, prefer {@link readBvhFile}, which
 * streams and never holds the whole text; both give identical clips.
 *
 * Throws a `BvhParseError` (code `DAZPORT_BVH_PARSE`) naming `file`, line and column when the
 * text is not BVH or its frames do not match its hierarchy.
 *
 * ```ts
 * const clip = parseBvh(text, 'walk.bvh');
 * console.log(clip.joints.length, clip.frameCount, clip.frameRate);
 * ```
 *
 * @param file what error messages call the input (a path, or a label like `<stdin>`).
 * @category Import
 */
export function parseBvh(text: string, file: string, options: BvhParseOptions = {}): BvhClip {
  const parser = new BvhStreamParser(file, { ...options, inputLength: text.length });
  parser.push(text);
  return parser.finish();
}
