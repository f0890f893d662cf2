/** How the CLI names a written scene file: one line a person reads. */
import type { ExportSummary } from '../export/export-types.js';
import { formatBytes, plural } from './human-units.js';

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
