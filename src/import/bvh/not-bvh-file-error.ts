import { DazportError } from '../../errors.js';
import type { SniffedFileType, SniffedKind } from '../../formats/sniff-file-type.js';

/** Via Blender, the converter most users have: it imports all of these and exports BVH. */
const VIA_BLENDER = (menu: string) =>
  `convert the animation to BVH, e.g. in Blender: File > Import > ${menu}, then File > Export > Motion Capture (.bvh)`;

const SUGGESTIONS: Record<SniffedKind, string> = {
  gltf: VIA_BLENDER('glTF 2.0'),
  fbx: VIA_BLENDER('FBX'),
  mocap: VIA_BLENDER('C3D (an add-on), or use the capture software'),
  mesh: 'OBJ holds geometry, no animation: pass the .bvh motion capture file instead',
  scene: 'pass the .bvh motion capture file; to export a DAZ Studio scene use `dazport export`',
  image: 'images are textures, not motion: pass the .bvh motion capture file instead',
  archive: 'unpack it first and pass the .bvh file inside',
  duf: 'DAZ Studio scenes are exported with `dazport export` (from a running DAZ Studio); retarget and inspect take a .bvh file',
  binary: 'pass a .bvh motion capture file (text starting with HIERARCHY)',
};

/**
 * A file given as BVH that is recognisably something else (a GLB, an FBX, a PNG, a zip...).
 * Said up front, instead of a parse error quoting its bytes and asking to fix a line.
 *
 * ```
 * walk.glb is a binary glTF (GLB) file, not BVH motion capture: dazport retarget and inspect read .bvh files
 * ```
 */
export class NotBvhFileError extends DazportError {
  override name = 'NotBvhFileError';
  declare readonly code: 'DAZPORT_INPUT_TYPE';

  constructor(
    readonly file: string,
    readonly fileType: SniffedFileType,
  ) {
    super(
      'DAZPORT_INPUT_TYPE',
      `${file} is ${fileType.description}, not BVH motion capture: dazport retarget and inspect read .bvh files (text starting with HIERARCHY)`,
      {
        context: { file, kind: fileType.kind, found: fileType.description },
        suggestion: SUGGESTIONS[fileType.kind],
      },
    );
  }
}
