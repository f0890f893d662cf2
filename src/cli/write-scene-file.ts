/**
 * Pick the scene writer from the output's extension, so every command that writes scenes
 * accepts the same files: .glb / .gltf (glTF 2.0, metres) and .usda (USD text, centimetres).
 */
import { basename, extname } from 'node:path';
import { DazportError } from '../errors.js';
import type { ExportOptions, ExportSummary } from '../export/export-types.js';
import { exportGltf } from '../export/gltf/index.js';
import { exportUsda } from '../export/usda/index.js';
import type { Scene } from '../scene/scene.js';

export const SCENE_EXTENSIONS = ['.glb', '.gltf', '.usda'] as const;

export function isSceneFile(path: string): boolean {
  return (SCENE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** Throws the usage error up front, before any reading, for an output no writer takes. */
export function checkSceneFile(out: string): void {
  if (isSceneFile(out)) return;
  throw new DazportError('DAZPORT_USAGE', `cannot tell the format of "${basename(out)}"`, {
    context: { file: out },
    suggestion: `name the output ${SCENE_EXTENSIONS.map((e) => `*${e}`).join(', ')}`,
  });
}

export function writeSceneFile(scene: Scene, out: string, options: ExportOptions): Promise<ExportSummary> {
  checkSceneFile(out);
  return extname(out).toLowerCase() === '.usda'
    ? exportUsda(scene, out, options)
    : exportGltf(scene, out, options);
}

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
  const size =
    s.bytes >= 1 << 20 ? `${(s.bytes / (1 << 20)).toFixed(1)} MB` : `${(s.bytes / 1024).toFixed(1)} kB`;
  return `${s.file} (${s.format}, ${size}): ${parts.join(', ')}`;
}

const PLURALS: Record<string, string> = { mesh: 'meshes', vertex: 'vertices' };

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : (PLURALS[noun] ?? `${noun}s`)}`;
}

/**
 * Commands call it for every output before they read anything, so a bad path fails in
 * milliseconds, not after a long scene read (the writers call it again: cheap).
 */
export { ensureParentFolder } from '../export/output-path.js';
