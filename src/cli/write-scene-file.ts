/**
 * How the CLI names a written scene file (describeExport). The writer dispatch moved to
 * src/export/write-scene-file.ts and output folders to src/export/output-path.ts, so that the
 * library's jobs use them without importing the CLI; re-exported here for the commands.
 */
import type { ExportSummary } from '../export/export-types.js';
import { formatBytes, plural } from './human-units.js';

export {
  checkSceneFile,
  isSceneFile,
  SCENE_EXTENSIONS,
  writeSceneFile,
} from '../export/write-scene-file.js';

/** One line a person reads: what was written and how big. */
export function describeExport(s: ExportSummary): string {
  const counts: [number, string][] = [
    [s.nodes, 'node'],
    [s.meshes, 'mesh'],
    [s.vertices, 'vertex'],
    [s.triangles, 'triangle'],
    [s.materials, 'material'],
    [s.textures, 'texture'],
    [s.cameras, 'camera'],
    [s.lights, 'light'],
    [s.joints, 'joint'],
    [s.animations, 'animation'],
  ];
  const parts = counts.filter(([n], i) => n > 0 || i < 3).map(([n, noun]) => plural(n, noun));
  return `${s.file} (${s.format}, ${formatBytes(s.bytes)}): ${parts.join(', ')}`;
}

/**
 * Commands call it for every output before they read anything, so a bad path fails in
 * milliseconds, not after a long scene read (the writers call it again: cheap).
 */
export { ensureParentFolder } from '../export/output-path.js';
