import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SkeletonDefinition } from '../../../src/bonemaps/genesis/skeleton-definition.js';
import { buildMannequin } from '../../../src/emulator/scenes/mannequin/index.js';
import type { MannequinMesh } from '../../../src/emulator/scenes/mannequin/mannequin-mesh.js';
import {
  bounds,
  boxesOverlap,
  faceOffsets,
  meshBytes,
  outwardFaceFraction,
  uvBoxesBySurfaceAndGroup,
  vertexCount,
  weightTotals,
} from './mesh-checks.js';
import { buildTestSkeleton, type RigStyle } from './test-skeleton.js';

/** The checks every mannequin must pass, whatever skeleton it was built on. */
function describeMeshInvariants(
  name: string,
  getSkeleton: () => SkeletonDefinition | Promise<SkeletonDefinition>,
) {
  describe(name, () => {
    let skeleton: SkeletonDefinition;
    let mesh: MannequinMesh;
    beforeAll(async () => {
      skeleton = await getSkeleton();
      mesh = buildMannequin(skeleton);
    });

    it('has a realistic vertex count at detail 1', () => {
      expect(vertexCount(mesh)).toBeGreaterThanOrEqual(15_000);
      expect(vertexCount(mesh)).toBeLessThanOrEqual(30_000);
    });

    it('mixes quads and triangles, with every index in range', () => {
      const sizes = new Set(mesh.faceSizes);
      expect([...sizes].sort()).toEqual([3, 4]);
      const corners = mesh.faceSizes.reduce((a, b) => a + b, 0);
      expect(mesh.faceVertexIndices.length).toBe(corners);
      expect(mesh.faceUvIndices.length).toBe(mesh.faceVertexIndices.length);
      expect(Math.max(...mesh.faceVertexIndices)).toBeLessThan(vertexCount(mesh));
      expect(Math.max(...mesh.faceUvIndices)).toBeLessThan(mesh.uvs.length / 2);
      expect(mesh.faceMaterial.length).toBe(mesh.faceSizes.length);
      expect(mesh.faceGroup.length).toBe(mesh.faceSizes.length);
      expect(Math.max(...mesh.faceMaterial)).toBeLessThan(mesh.materialNames.length);
      expect(Math.max(...mesh.faceGroup)).toBeLessThan(mesh.faceGroupNames.length);
      expect(mesh.positions.every(Number.isFinite)).toBe(true);
    });

    it('has no face that repeats a vertex', () => {
      const offsets = faceOffsets(mesh);
      let repeats = 0;
      for (let f = 0; f < mesh.faceSizes.length; f++) {
        const corners = mesh.faceVertexIndices.subarray(offsets[f], offsets[f + 1]);
        if (new Set(corners).size !== corners.length) repeats++;
      }
      expect(repeats).toBe(0);
    });

    it('splits UVs at seams: more UVs than vertices, and seam vertices with two UVs', () => {
      expect(mesh.uvs.length / 2).toBeGreaterThan(vertexCount(mesh));
      const firstUv = new Int32Array(vertexCount(mesh)).fill(-1);
      let splitVertices = 0;
      const counted = new Uint8Array(vertexCount(mesh));
      for (let i = 0; i < mesh.faceVertexIndices.length; i++) {
        const v = mesh.faceVertexIndices[i];
        const uv = mesh.faceUvIndices[i];
        if (firstUv[v] < 0) firstUv[v] = uv;
        else if (firstUv[v] !== uv && !counted[v]) {
          counted[v] = 1;
          splitVertices++;
        }
      }
      expect(splitVertices).toBeGreaterThan(500);
    });

    it('keeps UVs in [0,1] and islands of one surface apart', () => {
      expect(Math.min(...mesh.uvs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...mesh.uvs)).toBeLessThanOrEqual(1);
      const overlapping: string[] = [];
      for (const groups of uvBoxesBySurfaceAndGroup(mesh).values()) {
        const entries = [...groups.entries()];
        for (let i = 0; i < entries.length; i++) {
          for (let j = i + 1; j < entries.length; j++) {
            if (boxesOverlap(entries[i][1], entries[j][1])) {
              overlapping.push(`${mesh.faceGroupNames[entries[i][0]]}/${mesh.faceGroupNames[entries[j][0]]}`);
            }
          }
        }
      }
      expect(overlapping).toEqual([]);
    });

    it('has smooth skin weights: sum 1, at most 4 influences, every vertex weighted', () => {
      const { sums, influences } = weightTotals(mesh);
      let worst = 0;
      for (let v = 0; v < sums.length; v++) worst = Math.max(worst, Math.abs(sums[v] - 1));
      expect(worst).toBeLessThan(1e-6);
      expect(Math.min(...influences)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...influences)).toBeLessThanOrEqual(4);
      // Blending really happens: plenty of vertices have two bones.
      expect(influences.filter((n) => n >= 2).length).toBeGreaterThan(0.1 * sums.length);
      const boneNames = new Set(skeleton.bones.map((b) => b.name));
      for (const w of mesh.weights) {
        expect(boneNames.has(w.bone)).toBe(true);
        expect(w.indices.length).toBe(w.weights.length);
        const unsorted = w.indices.filter((v, i) => i > 0 && v <= w.indices[i - 1]).length;
        expect(unsorted, w.bone).toBe(0);
        expect(Math.min(...w.weights), w.bone).toBeGreaterThan(0);
        expect(Math.max(...w.weights), w.bone).toBeLessThanOrEqual(1);
      }
    });

    it('gives every twist bone weights', () => {
      const weighted = new Set(mesh.weights.map((w) => w.bone));
      const twists = skeleton.bones.filter((b) => b.role === 'twist');
      expect(twists.length).toBeGreaterThan(0);
      for (const twist of twists) expect(weighted, twist.name).toContain(twist.name);
    });

    it('stands on the floor and reaches the top of the head', () => {
      const head = skeleton.bones.find((b) => b.role === 'head')!;
      const { min, max } = bounds(mesh);
      expect(Math.abs(min[1])).toBeLessThan(2);
      expect(Math.abs(max[1] - head.end[1])).toBeLessThan(3);
      expect(max[1]).toBeGreaterThan(150);
      expect(max[1]).toBeLessThan(200);
    });

    it('winds faces so their normals point away from their bone', () => {
      expect(outwardFaceFraction(mesh, skeleton)).toBeGreaterThan(0.95);
    });

    it('uses DAZ-like surfaces and bone-named face groups', () => {
      expect(mesh.materialNames.length).toBeGreaterThanOrEqual(4);
      expect(new Set(mesh.faceMaterial).size).toBe(mesh.materialNames.length);
      for (const surface of ['Torso', 'Face', 'Arms', 'Legs', 'Eyes'])
        expect(mesh.materialNames).toContain(surface);
      const boneNames = new Set(skeleton.bones.map((b) => b.name));
      for (const group of mesh.faceGroupNames) expect(boneNames.has(group), group).toBe(true);
      expect(new Set(mesh.faceGroup).size).toBe(mesh.faceGroupNames.length);
      // The eyeballs are their own surface, grouped under the eye bones.
      const eyes = mesh.materialNames.indexOf('Eyes');
      const eyeGroups = new Set<string>();
      mesh.faceMaterial.forEach((m, f) => {
        if (m === eyes) eyeGroups.add(mesh.faceGroupNames[mesh.faceGroup[f]]);
      });
      expect([...eyeGroups].sort()).toEqual(
        skeleton.bones
          .filter((b) => b.role === 'eye')
          .map((b) => b.name)
          .sort(),
      );
    });

    it('has sparse, sorted, in-range morphs', () => {
      expect(mesh.morphs.length).toBeGreaterThanOrEqual(3);
      const names = mesh.morphs.map((m) => m.label);
      expect(names).toContain('Body Heavy');
      expect(names).toContain('Head Size');
      for (const morph of mesh.morphs) {
        expect(morph.indices.length).toBeGreaterThan(0);
        expect(morph.indices.length).toBeLessThan(vertexCount(mesh));
        expect(morph.deltas.length).toBe(3 * morph.indices.length);
        const unsorted = morph.indices.filter((v, i) => i > 0 && v <= morph.indices[i - 1]).length;
        expect(unsorted, morph.name).toBe(0);
        expect(morph.indices[morph.indices.length - 1]).toBeLessThan(vertexCount(mesh));
        expect(morph.deltas.every(Number.isFinite)).toBe(true);
      }
    });
  });
}

for (const style of ['g8', 'g9'] as RigStyle[]) {
  describeMeshInvariants(`mannequin on a ${style}-style test skeleton`, () => buildTestSkeleton(style));
}

// The real Genesis definitions, once they are in the tree.
const genesisIndex = fileURLToPath(new URL('../../../src/bonemaps/genesis/index.ts', import.meta.url));
const realSkeletons = ['GENESIS8_FEMALE', 'GENESIS8_MALE', 'GENESIS9'] as const;
if (existsSync(genesisIndex)) {
  for (const exportName of realSkeletons) {
    describeMeshInvariants(`mannequin on ${exportName}`, async () => {
      const module = (await import(genesisIndex)) as Record<string, SkeletonDefinition>;
      return module[exportName];
    });
  }
}

describe('mannequin details', () => {
  const skeleton = buildTestSkeleton('g8');
  const mesh = buildMannequin(skeleton);

  it('scales vertex count about with detail squared', () => {
    const d1 = vertexCount(mesh);
    const d2 = vertexCount(buildMannequin(skeleton, { detail: 2 }));
    expect(d2 / d1).toBeGreaterThan(3.2);
    expect(d2 / d1).toBeLessThan(4.5);
    expect(vertexCount(buildMannequin(skeleton, { detail: 3 }))).toBeGreaterThan(150_000);
  });

  it('is deterministic, byte for byte', () => {
    const again = buildMannequin(buildTestSkeleton('g8'));
    expect(meshBytes(again).equals(meshBytes(mesh))).toBe(true);
  });

  it('rejects a detail that is not a positive number', () => {
    for (const detail of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => buildMannequin(skeleton, { detail })).toThrow(/detail/);
    }
  });

  it('blends each Genesis 8 twist bone in gradually from its bend bone', () => {
    const bend = mesh.weights.find((w) => w.bone === 'lShldrBend')!;
    const twist = mesh.weights.find((w) => w.bone === 'lShldrTwist')!;
    const shared = bend.indices.filter((v) => twist.indices.includes(v));
    // Spread over half the upper arm, not a thin seam at the bone boundary.
    expect(shared.length).toBeGreaterThan(0.3 * twist.indices.length);
  });

  it('has Genesis 9 side twist bones take over along the limb', () => {
    const g9 = buildTestSkeleton('g9');
    const g9Mesh = buildMannequin(g9);
    const bone = (name: string) => g9.bones.find((b) => b.name === name)!;
    const shoulder = bone('l_upperarm').origin;
    const elbow = bone('l_forearm').origin;
    const along = (v: number) => {
      const p = [g9Mesh.positions[3 * v], g9Mesh.positions[3 * v + 1], g9Mesh.positions[3 * v + 2]];
      const d = elbow.map((e, k) => e - shoulder[k]);
      const len2 = d.reduce((a, x) => a + x * x, 0);
      return d.reduce((a, x, k) => a + x * (p[k] - shoulder[k]), 0) / len2;
    };
    const meanPosition = (name: string) => {
      const w = g9Mesh.weights.find((x) => x.bone === name)!;
      let sum = 0;
      let total = 0;
      w.indices.forEach((v, i) => {
        sum += along(v) * w.weights[i];
        total += w.weights[i];
      });
      return sum / total;
    };
    const upper = meanPosition('l_upperarm');
    const twist1 = meanPosition('l_upperarmtwist1');
    const twist2 = meanPosition('l_upperarmtwist2');
    expect(upper).toBeLessThan(twist1);
    expect(twist1).toBeLessThan(twist2);
    expect(twist2).toBeLessThan(1);
  });

  it('puts fingernails on finger tips, and mittens on hands without finger bones', () => {
    expect(mesh.materialNames).toContain('Fingernails');
    const fingerless: SkeletonDefinition = {
      ...skeleton,
      bones: skeleton.bones.filter((b) => b.role !== 'finger'),
    };
    const mittens = buildMannequin(fingerless);
    expect(mittens.materialNames).not.toContain('Fingernails');
    expect(mittens.faceGroupNames).toContain('lHand');
    expect(outwardFaceFraction(mittens, fingerless)).toBeGreaterThan(0.95);
    const { sums } = weightTotals(mittens);
    expect(sums.every((s) => Math.abs(s - 1) < 1e-6)).toBe(true);
  });

  it('copes with partial rigs: no head, no arms, no legs, no feet', () => {
    const g9 = buildTestSkeleton('g9');
    const without = (pattern: RegExp): SkeletonDefinition => ({
      ...g9,
      bones: g9.bones.filter((b) => !pattern.test(b.name)),
    });
    const rigs = [
      without(/^head$|eye|jaw|facerig/),
      without(/shoulder|arm|hand|thumb|index|mid\d|ring|pinky/),
      without(/thigh|shin|foot|toe|metatarsal|heel/),
      without(/foot|toe|metatarsal|heel/),
    ];
    for (const rig of rigs) {
      const partial = buildMannequin(rig);
      expect(vertexCount(partial)).toBeGreaterThan(5_000);
      expect(partial.positions.every(Number.isFinite)).toBe(true);
      expect(outwardFaceFraction(partial, rig)).toBeGreaterThan(0.95);
    }
    // A rig without foot bones still gets legs, ending in a rounded ankle.
    expect(buildMannequin(rigs[3]).faceGroupNames).toContain('l_shin');
    expect(() => buildMannequin({ ...g9, bones: g9.bones.slice(0, 1) })).toThrow(/no body/);
  });

  it('morphs move the parts they are about', () => {
    const heavy = mesh.morphs.find((m) => m.name === 'body_bs_BodyHeavy')!;
    const headSize = mesh.morphs.find((m) => m.name === 'head_bs_HeadSize')!;
    const belly = mesh.morphs.find((m) => m.name === 'body_bs_Belly')!;
    expect(heavy.indices.length).toBeGreaterThan(0.5 * vertexCount(mesh));
    // Head Size moves only head and eye vertices: all above the neck.
    expect(Math.min(...Array.from(headSize.indices, (v) => mesh.positions[3 * v + 1]))).toBeGreaterThan(140);
    // Belly pushes forward only.
    const sideways = belly.indices.filter(
      (_, i) => belly.deltas[3 * i] !== 0 || belly.deltas[3 * i + 2] <= 0,
    );
    expect(sideways.length).toBe(0);
  });
});
