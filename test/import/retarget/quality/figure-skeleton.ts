/**
 * A built-in Genesis figure as the scene Skeleton that `retargetOntoSkeleton` (the library's
 * entry, what the CLI calls) takes: the definition's rest data, unposed.
 */
import { getSkeletonDefinition } from '../../../../src/bonemaps/genesis/index.js';
import type { GenesisFigureId } from '../../../../src/bonemaps/genesis/skeleton-definition.js';
import type { Skeleton } from '../../../../src/scene/skeleton.js';

export function figureSkeleton(id: GenesisFigureId): Skeleton {
  const def = getSkeletonDefinition(id);
  const index = new Map(def.bones.map((b, i) => [b.name, i]));
  return {
    name: def.figureName,
    label: def.figureLabel,
    node: 0,
    joints: def.bones.map((b, i) => ({
      name: b.name,
      label: b.label,
      parent: b.parent === null ? -1 : (index.get(b.parent) as number),
      node: i + 1,
      rotationOrder: b.rotationOrder,
      origin: [...b.origin],
      end: [...b.end],
      orientation: [...b.orientation],
      rotation: [0, 0, 0],
      translation: [0, 0, 0],
    })),
  };
}
