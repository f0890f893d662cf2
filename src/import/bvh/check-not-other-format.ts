/**
 * Before a parse error quotes the bytes of something that was never BVH: a file or text that does
 * not start with HIERARCHY and is recognisably another format (GLB/glTF, FBX, OBJ, USD, a DAZ
 * .duf, an image, an archive...) is named for what it is. A real BVH costs one comparison.
 */
import { sniffFileType, startsWithWord } from '../../formats/sniff-file-type.js';
import { NotBvhFileError } from './not-bvh-file-error.js';

/** Throws {@link NotBvhFileError} when `head` (the first bytes) is not BVH but another known kind. */
export function checkNotOtherFormat(head: Uint8Array, label: string): void {
  if (startsWithWord(head, 'HIERARCHY')) return;
  const type = sniffFileType(head);
  if (type !== undefined) throw new NotBvhFileError(label, type);
}
