/**
 * What the emulator itself holds for a scene's meshes, independent of the client and the
 * writer: posed world-space positions (its own skinning), UVs, and per material group the
 * triangles DAZ's polygons fan into, as (vertex, UV index) corners in facet order.
 */
import type { DzNode } from '../../../../src/emulator/dom/dz-node.js';
import type { DzScene } from '../../../../src/emulator/dom/dz-scene.js';
import { type DzFacetMesh, meshPositions } from '../../../../src/emulator/dom/geometry/dz-facet-mesh.js';
import type { DzObject } from '../../../../src/emulator/dom/geometry/dz-object.js';

export interface TruthMesh {
  label: string;
  /** Posed world positions, cm. */
  positionsCm: Float32Array;
  /** u, v per UV index (DAZ, v up). */
  uvs: Float64Array;
  /** Per material group name: vertex and UV index per triangle corner. */
  groups: Map<string, { vertices: number[]; uvIndices: number[] }>;
}

export function truthMeshes(scene: DzScene): Map<string, TruthMesh> {
  const out = new Map<string, TruthMesh>();
  for (let i = 0; i < scene.getNumNodes(); i++) {
    const node = scene.getNode(i) as DzNode;
    if (!node.getObject() || node.inherits('DzBone')) continue;
    out.set(node.getLabel(), truthMesh(node));
  }
  return out;
}

export function truthMesh(node: DzNode): TruthMesh {
  const object = node.getObject() as DzObject;
  object.forceCacheUpdate(node, false);
  const positionsCm = meshPositions(object.getCachedGeom());
  const base = object.getCurrentShape().getGeometry() as DzFacetMesh;
  const uvSet = base.getUVs();
  const uvs = new Float64Array(uvSet.getNumValues() * 2);
  for (let i = 0; i < uvSet.getNumValues(); i++) {
    const p = uvSet.getPnt2Vec(i);
    uvs[i * 2] = p.x;
    uvs[i * 2 + 1] = p.y;
  }
  const groups = new Map<string, { vertices: number[]; uvIndices: number[] }>();
  for (let f = 0; f < base.getNumFacets(); f++) {
    const facet = base.getFacet(f);
    const name = base.getMaterialGroup(facet.materialIndex)?.getName() ?? '';
    let g = groups.get(name);
    if (!g) {
      g = { vertices: [], uvIndices: [] };
      groups.set(name, g);
    }
    const v = [facet.vertIdx1, facet.vertIdx2, facet.vertIdx3, facet.vertIdx4];
    const t = [facet.uvwIdx1, facet.uvwIdx2, facet.uvwIdx3, facet.uvwIdx4];
    const n = facet.isQuad() ? 4 : 3;
    for (let k = 1; k + 1 < n; k++) {
      for (const c of [0, k, k + 1]) {
        g.vertices.push(v[c]);
        g.uvIndices.push(t[c]);
      }
    }
  }
  return { label: node.getLabel(), positionsCm, uvs, groups };
}
