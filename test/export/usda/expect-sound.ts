/**
 * Shared expectations for exported files: what the emulator holds (the truth to compare with)
 * and what every export must pass whatever its options.
 */
import { expect } from 'vitest';
import type { DzNode } from '../../../src/emulator/dom/dz-node.js';
import type { DzScene } from '../../../src/emulator/dom/dz-scene.js';
import { type DzFacetMesh, meshPositions } from '../../../src/emulator/dom/geometry/dz-facet-mesh.js';
import type { DzObject } from '../../../src/emulator/dom/geometry/dz-object.js';
import { type ReadBack, unexpectedDrops } from './read-back.js';
import { tinyMaterials, tinyNodes } from './tinyusdz.js';
import { allPrims, flat, type UsdPrim } from './usda-parse.js';

export interface Truth {
  label: string;
  posed: Float32Array;
  base: DzFacetMesh;
}

export function truthMeshes(scene: DzScene): Truth[] {
  const out: Truth[] = [];
  for (let i = 0; i < scene.getNumNodes(); i++) {
    const node = scene.getNode(i) as DzNode;
    const object = node.getObject() as DzObject | null;
    if (!object || node.inherits('DzBone')) continue;
    object.forceCacheUpdate(node, false);
    out.push({
      label: node.getLabel(),
      posed: meshPositions(object.getCachedGeom()),
      base: object.getCurrentShape().getGeometry() as DzFacetMesh,
    });
  }
  return out;
}

const TINY_TYPES: Record<string, string> = {
  Mesh: 'mesh',
  Camera: 'camera',
  DistantLight: 'directionalLight',
  SphereLight: 'pointLight',
};

/** What every export must pass, whatever its options. */
export function expectSound(r: ReadBack): void {
  expect(r.problems).toEqual([]);
  expect(r.differences).toEqual([]);
  expect(unexpectedDrops(r)).toEqual([]);
  // TinyUSDZ's composed scene: the same prims (those it makes nodes of), typed alike.
  const byPath = new Map(allPrims(r.layer).map((p) => [p.path, p]));
  for (const node of tinyNodes(r.tiny.getDefaultRootNode())) {
    // TinyUSDZ 0.9 leaves the name (and path) of DistantLight nodes empty: match those by type.
    if (node.nodeType === 'directionalLight' && node.primName === '') continue;
    const prim = byPath.get(node.absPath);
    expect(prim, node.absPath).toBeDefined();
    if (prim && TINY_TYPES[prim.type]) expect(node.nodeType).toBe(TINY_TYPES[prim.type]);
  }
  const meshes = allPrims(r.layer).filter((p) => p.type === 'Mesh');
  expect(r.tiny.numMeshes()).toBe(meshes.length);
  for (let i = 0; i < r.tiny.numMeshes(); i++) {
    const tm = r.tiny.getMesh(i);
    const prim = byPath.get(tm.absPath) as UsdPrim;
    const counts = flat(prim.props.get('faceVertexCounts')?.value);
    expect(tm.faceVertexCounts.length).toBe(counts.reduce((s, c) => s + c - 2, 0));
  }
  expect(tinyMaterials(r.tiny)).toHaveLength(allPrims(r.layer).filter((p) => p.type === 'Material').length);
}
