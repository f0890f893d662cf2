import type { BvhClip } from './bvh-clip.js';
import { BvhStreamParser } from './bvh-stream-parser.js';
import type { BvhParseOptions } from './bvh-types.js';
import { checkNotOtherFormat } from './check-not-other-format.js';

/**
 * Parse BVH text already in memory. Pure: no I/O. For files, prefer {@link readBvhFile}, which
 * streams and never holds the whole text; both give identical clips.
 *
 * Throws a `BvhParseError` (code `DAZPORT_BVH_PARSE`) naming `file`, line and column when the
 * text is not BVH or its frames do not match its hierarchy, and `NotBvhFileError`
 * (`DAZPORT_INPUT_TYPE`) when it is recognisably another format (glTF JSON, OBJ, USD, a .duf...).
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
  checkNotOtherFormat(headBytes(text.slice(0, 1024)), file);
  const parser = new BvhStreamParser(file, { ...options, inputLength: text.length });
  parser.push(text);
  return parser.finish();
}

/**
 * The head's bytes as a file would hold them: a binary file read as latin1 text (every character
 * a byte) byte for byte, so its magic number shows; real text in UTF-8.
 */
function headBytes(head: string): Buffer {
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) > 0xff) return Buffer.from(head, 'utf8');
  return Buffer.from(head, 'latin1');
}
