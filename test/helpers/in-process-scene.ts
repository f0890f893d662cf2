/**
 * The emulator's own in-memory scene, built in this process from the same spec, for comparing
 * what a client read over HTTP with what the emulator holds.
 */
import type { DzScene } from '../../src/emulator/dom/dz-scene.js';
import { ScriptRuntime } from '../../src/emulator/runtime/script-runtime.js';
import { buildScene } from '../../src/emulator/scenes/build-scene.js';
import { loadSceneSpec } from '../../src/emulator/scenes/load-scene.js';

export function inProcessScene(scene: string): DzScene {
  let built: DzScene | null = null;
  new ScriptRuntime((realm) => {
    const b = buildScene(loadSceneSpec(scene), realm, () => {});
    built = b.scene;
    return b.globals;
  });
  return built as unknown as DzScene;
}
