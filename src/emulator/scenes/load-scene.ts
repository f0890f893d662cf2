/**
 * Where a scene comes from: a built-in name (`g9`, `g8f`, `g8m`, `heavy[:vertices]`, `empty`)
 * or a scene JSON file.
 */
import { DazportError } from '../../errors.js';
import {
  BUILTIN_SCENE_NAMES,
  builtinScene,
  heavyScene,
  isBuiltinSceneName,
  parseHeavy,
} from './builtin-scenes.js';
import { MAX_DETAIL } from './mannequin/index.js';
import { checkSceneBudget, figureMeshSize, MAX_SCENE_VERTICES } from './scene-budget.js';
import { loadSceneFile } from './scene-file.js';
import type { SceneSpec } from './scene-spec.js';

export { validateSceneSpec } from './scene-file.js';

/** The spec of a built-in scene or a scene file, checked against the scene budget; nothing is built yet. */
export function loadSceneSpec(nameOrPath: string): SceneSpec {
  const heavy = parseHeavy(nameOrPath);
  if (heavy !== undefined) return heavySceneWithinBudget(heavy);
  if (isBuiltinSceneName(nameOrPath)) return builtinScene(nameOrPath);
  return loadSceneFile(
    nameOrPath,
    `use one of ${BUILTIN_SCENE_NAMES.join(', ')} (heavy:<vertices> up to ${MAX_SCENE_VERTICES.toLocaleString('en-US')}) or the path of a scene JSON file`,
  );
}

/** `heavy:<target>`: refused at once beyond the budget, else sized from layouts, then checked whole. */
function heavySceneWithinBudget(target: number): SceneSpec {
  const name = `heavy:${target}`;
  if (target > MAX_SCENE_VERTICES) {
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `${name}: more vertices than the scene budget of ${MAX_SCENE_VERTICES.toLocaleString('en-US')}`,
      {
        context: { scene: name, vertices: target, maxVertices: MAX_SCENE_VERTICES },
        suggestion: `ask for at most heavy:${MAX_SCENE_VERTICES}`,
      },
    );
  }
  const spec = heavyScene(target, heavyDetail);
  checkSceneBudget(spec, name);
  return spec;
}

/**
 * The mannequin detail at which the four heavy figures reach `target` vertices. Vertex count
 * grows with detail², so start from that estimate and step up in quarters until it is met; sizes
 * come from the figures' layouts, so no mesh is built to find out.
 */
function heavyDetail(target: number): number {
  const ids = ['genesis9', 'genesis8female', 'genesis8male', 'genesis9'] as const;
  const total = (detail: number) => ids.reduce((sum, id) => sum + figureMeshSize(id, detail).vertices, 0);
  const atOne = total(1);
  let detail = Math.max(1, Math.ceil(Math.sqrt(target / atOne) * 4) / 4);
  while (total(detail) < target) {
    detail += 0.25;
    if (detail > MAX_DETAIL) {
      throw new DazportError(
        'DAZPORT_SCENE_INVALID',
        `heavy:${target}: more vertices than the emulator builds (detail is capped at ${MAX_DETAIL})`,
      );
    }
  }
  return detail;
}
