/**
 * DAZ morphs → glTF morph targets (§3.7.2.2): POSITION deltas (metres) and NORMAL deltas
 * (normals of the fully applied morph minus the base normals), per primitive. A target that moves
 * under a third of a primitive's vertices is stored sparse (only the moved vertices are
 * written); mesh weights are the morphs' current values, `extras.targetNames` their DAZ names.
 */
import type { Primitive } from '@gltf-transform/core';
import type { Mesh, MorphTarget } from '../../scene/mesh.js';
import { createAccessor, gatherVec3 } from './attributes.js';
import { CM_TO_M } from './constants.js';
import type { GltfContext } from './context.js';
import { computeNormals } from './normals.js';
import type { PrimitiveLayout } from './split-seams.js';

/** Dense per-source-vertex deltas of every morph of a mesh. */
export interface MorphDeltas {
  morphs: MorphTarget[];
  /** Per morph: xyz per source vertex, metres. */
  positions: Float32Array[];
  /** Per morph: xyz normal delta per source vertex. */
  normals: Float32Array[];
}

/** Dense deltas of every morph of `mesh`: positions in metres and the normal change each causes. */
export function morphDeltas(mesh: Mesh, restCm: Float32Array, baseNormals: Float32Array): MorphDeltas {
  const morphs = mesh.rest?.morphs ?? [];
  const positions: Float32Array[] = [];
  const normals: Float32Array[] = [];
  for (const m of morphs) {
    const dense = new Float32Array(restCm.length);
    const shaped = Float32Array.from(restCm);
    for (let k = 0; k < m.indices.length; k++) {
      const i = m.indices[k] * 3;
      for (let c = 0; c < 3; c++) {
        dense[i + c] = m.deltas[k * 3 + c] * CM_TO_M;
        shaped[i + c] += m.deltas[k * 3 + c];
      }
    }
    const shapedNormals = computeNormals(shaped, mesh.faceSizes, mesh.faceVertexIndices);
    for (let i = 0; i < shapedNormals.length; i++) shapedNormals[i] -= baseNormals[i];
    positions.push(dense);
    normals.push(shapedNormals);
  }
  return { morphs, positions, normals };
}

/** Add one target per morph to a primitive. */
export function addTargets(
  ctx: GltfContext,
  prim: Primitive,
  layout: PrimitiveLayout,
  deltas: MorphDeltas,
): void {
  // A target that moves nothing on this primitive gets one dense zero accessor, shared by all
  // such targets: written sparse it would have no entries and no buffer view, which glTF allows
  // (zeros) but importers such as assimp refuse.
  let zeros: ReturnType<typeof createAccessor> | undefined;
  deltas.morphs.forEach((m, t) => {
    const target = ctx.doc.createPrimitiveTarget(m.name);
    for (const [semantic, source] of [
      ['POSITION', deltas.positions[t]],
      ['NORMAL', deltas.normals[t]],
    ] as const) {
      const values = gatherVec3(source, layout.vertices);
      const moved = movedVertices(values);
      if (moved === 0) {
        zeros ??= createAccessor(ctx, 'VEC3', values);
        target.setAttribute(semantic, zeros);
        continue;
      }
      const accessor = createAccessor(ctx, 'VEC3', values);
      if (isWorthSparse(moved, layout.vertices.length)) accessor.setSparse(true);
      target.setAttribute(semantic, accessor);
    }
    prim.addTarget(target);
  });
}

/** Elements of `values` (`size` components each) with a component other than zero. */
export function movedVertices(values: ArrayLike<number>, size = 3): number {
  let n = 0;
  for (let i = 0; i < values.length; i += size)
    for (let c = 0; c < size; c++)
      if (values[i + c] !== 0) {
        n++;
        break;
      }
  return n;
}

/**
 * A target is stored sparse when it moves under a third of the vertices: a sparse entry costs
 * its index besides its value, so past that the dense array is about as small and simpler.
 */
export function isWorthSparse(moved: number, count: number): boolean {
  return moved * 3 < count;
}
