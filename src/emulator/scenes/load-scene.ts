/**
 * Where a scene comes from: a built-in name (`g9`, `g8f`, `g8m`, `heavy[:vertices]`, `empty`)
 * or a scene JSON file.
 */
import { DazportError } from '../../errors.js';
import { forgetMannequins, mannequinFor } from './build-scene.js';
import {
  BUILTIN_SCENE_NAMES,
  builtinScene,
  heavyScene,
  isBuiltinSceneName,
  parseHeavy,
} from './builtin-scenes.js';
import { MAX_DETAIL } from './mannequin/index.js';
import { loadSceneFile } from './scene-file.js';
import type { SceneSpec } from './scene-spec.js';

export { validateSceneSpec } from './scene-file.js';

export function loadSceneSpec(nameOrPath: string): SceneSpec {
  const heavy = parseHeavy(nameOrPath);
  if (heavy !== undefined) return heavyScene(heavy, heavyDetail);
  if (isBuiltinSceneName(nameOrPath)) return builtinScene(nameOrPath);
  return loadSceneFile(
    nameOrPath,
    `use one of ${BUILTIN_SCENE_NAMES.join(', ')} (heavy:<vertices> for any size) or the path of a scene JSON file`,
  );
}

/**
 * The mannequin detail at which the four heavy figures reach `target` vertices. Vertex count
 * grows with detail², so start from that estimate and step up in quarters until it is met.
 */
function heavyDetail(target: number): number {
  const ids = ['genesis9', 'genesis8female', 'genesis8male', 'genesis9'];
  const total = (detail: number) =>
    ids.reduce((sum, id) => sum + mannequinFor(id, detail).positions.length / 3, 0);
  const atOne = total(1);
  let detail = Math.max(1, Math.ceil(Math.sqrt(target / atOne) * 4) / 4);
  while (total(detail) < target) {
    forgetMannequins(detail);
    detail += 0.25;
    if (detail > MAX_DETAIL) {
      throw new DazportError(
        'DAZPORT_SCENE_INVALID',
        `heavy:${target}: more vertices than the emulator builds (detail is capped at ${MAX_DETAIL})`,
      );
    }
  }
  if (detail !== 1) forgetMannequins(1);
  return detail;
}
