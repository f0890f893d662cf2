/**
 * Mannequin meshes built once per process and handed to each emulator's worker: a worker is a
 * fresh thread with an empty cache, and generating a Genesis-like mesh with its weights and
 * morphs costs a worker about a third of its start-up. Tests start a hundred emulators per run;
 * the mesh is a pure function of (figure, detail), so one build serves them all.
 *
 * Only realistic-density figures (detail 1) are shared: a heavy benchmark figure would be held
 * twice (here and in the worker) for little gain.
 */

import { mannequinFor, mannequinKey } from './build-scene.js';
import { loadSceneSpec } from './load-scene.js';
import type { MannequinMesh } from './mannequin/mannequin-mesh.js';

/** The scene's detail-1 figure meshes by cache key; empty when the scene cannot be read here (the worker then reports why). */
export function prebuiltMannequins(scene: string): Record<string, MannequinMesh> {
  const meshes: Record<string, MannequinMesh> = {};
  try {
    for (const figure of loadSceneSpec(scene).figures ?? []) {
      const detail = figure.detail ?? 1;
      if (detail === 1) meshes[mannequinKey(figure.figure, detail)] = mannequinFor(figure.figure, detail);
    }
  } catch {
    return {};
  }
  return meshes;
}
