/**
 * The scene budget counts meshes before they exist (scene-budget.ts): each count must be exactly
 * what the builder then makes, or the budget checks a different scene from the one built.
 */
import { describe, expect, it } from 'vitest';
import { SKELETON_DEFINITIONS } from '../../src/bonemaps/genesis/index.js';
import { buildMannequin } from '../../src/emulator/scenes/mannequin/index.js';
import { mannequinSize } from '../../src/emulator/scenes/mannequin/mannequin-layout.js';
import { boxMesh, boxMeshSize, sphereMesh, sphereMeshSize } from '../../src/emulator/scenes/primitives.js';
import { propMeshSize } from '../../src/emulator/scenes/scene-budget.js';

const sizeOf = (mesh: { positions: Float32Array; faceSizes: Uint8Array }) => ({
  vertices: mesh.positions.length / 3,
  facets: mesh.faceSizes.length,
});

describe('mesh sizes known before building', () => {
  it.each(SKELETON_DEFINITIONS.map((s) => s.id))('the %s mannequin, at detail 1 and 1.75', (id) => {
    const skeleton = SKELETON_DEFINITIONS.find((s) => s.id === id)!;
    for (const detail of [1, 1.75]) {
      expect(mannequinSize(skeleton, detail)).toEqual(sizeOf(buildMannequin(skeleton, { detail })));
    }
  });

  it('boxes and spheres, whole and fractional tessellations, the builders’ minimums included', () => {
    for (const segments of [0.5, 1, 2, 2.7, 4, 17, 60]) {
      expect(boxMeshSize(segments)).toEqual(sizeOf(boxMesh(40, segments)));
      expect(sphereMeshSize(segments, 2 * segments)).toEqual(sizeOf(sphereMesh(20, segments, 2 * segments)));
    }
  });

  it('props with the builder’s defaults (box 4 segments, sphere 16 rings × 32)', () => {
    expect(propMeshSize({ shape: 'box', label: 'b' })).toEqual(sizeOf(boxMesh(40, 4)));
    expect(propMeshSize({ shape: 'sphere', label: 's' })).toEqual(sizeOf(sphereMesh(20, 16, 32)));
  });
});
