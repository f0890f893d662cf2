/**
 * Pick the scene writer from the output's extension, so every command and job that writes
 * scenes accepts the same files: .glb / .gltf (glTF 2.0, metres) and .usda (USD text, centimetres).
 */
import { basename, extname } from 'node:path';
import { DazportError } from '../errors.js';
import type { Scene } from '../scene/scene.js';
import type { ExportOptions, ExportSummary } from './export-types.js';
import { exportGltf } from './gltf/index.js';
import { exportUsda } from './usda/index.js';

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
