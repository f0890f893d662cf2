/**
 * Built-in Genesis skeletons. The definitions are shared objects built once at load: treat them as
 * read-only and clone before changing anything.
 */

import { GENESIS8_FEMALE } from './genesis8-female.js';
import { GENESIS8_MALE } from './genesis8-male.js';
import { GENESIS9 } from './genesis9.js';
import type { GenesisFigureId, SkeletonDefinition } from './skeleton-definition.js';

export { alignedLongAxis, longAxis } from './bone-orientation.js';
export { GENESIS8_FEMALE } from './genesis8-female.js';
export { GENESIS8_MALE } from './genesis8-male.js';
export { GENESIS9 } from './genesis9.js';
export { isLeftBoneName, mirrorBoneName } from './mirror.js';
export * from './skeleton-definition.js';

export const SKELETON_DEFINITIONS: readonly SkeletonDefinition[] = [GENESIS8_FEMALE, GENESIS8_MALE, GENESIS9];

export function getSkeletonDefinition(id: GenesisFigureId): SkeletonDefinition;
export function getSkeletonDefinition(id: string): SkeletonDefinition | undefined;
export function getSkeletonDefinition(id: string): SkeletonDefinition | undefined {
  return SKELETON_DEFINITIONS.find((definition) => definition.id === id);
}
