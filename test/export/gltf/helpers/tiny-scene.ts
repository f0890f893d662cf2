/** Hand-built scenes for focused tests: one mesh node, polygons laid out inline. */
import type { Material } from '../../../../src/scene/material.js';
import type { Mesh } from '../../../../src/scene/mesh.js';
import { createScene, type Scene } from '../../../../src/scene/scene.js';

export const IDENTITY = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

export interface TinyMesh {
  positions: number[];
  faces: number[][];
  /** UV values (u, v pairs) and per face its UV indices; default: one UV per vertex. */
  uvs?: number[];
  faceUvs?: number[][];
  faceMaterial?: number[];
  materials?: Material[];
}

export function tinyMesh(t: TinyMesh, node = 0, materialBase = 0): Mesh {
  const faceSizes = Uint8Array.from(t.faces.map((f) => f.length));
  const uvs =
    t.uvs ?? t.positions.flatMap((_, i) => (i % 3 === 0 ? [t.positions[i], t.positions[i + 1]] : []));
  const materials = t.materials ?? [iray('Surface', {})];
  return {
    name: 'Tiny',
    node,
    space: 'world',
    positions: Float32Array.from(t.positions),
    faceSizes,
    faceVertexIndices: Uint32Array.from(t.faces.flat()),
    uvSets: [
      {
        name: 'UV',
        values: Float32Array.from(uvs),
        cornerIndices: Uint32Array.from((t.faceUvs ?? t.faces).flat()),
      },
    ],
    normals: null,
    faceMaterial: Uint16Array.from(t.faceMaterial ?? t.faces.map(() => 0)),
    materials: materials.map((_, i) => materialBase + i),
    materialGroups: materials.map((m) => m.name),
    subdivision: { enabled: false, level: 0 },
  };
}

export function iray(name: string, channels: Material['channels']): Material {
  return { name, shader: 'Iray Uber', channels };
}

/** A scene with one prop node holding `mesh`. */
export function tinyScene(t: TinyMesh): Scene {
  const scene = createScene({ description: 'tiny' });
  scene.nodes.push({
    id: '7',
    name: 'Tiny',
    label: 'Tiny',
    kind: 'mesh',
    className: 'DzNode',
    parent: -1,
    worldMatrix: IDENTITY,
    visible: true,
    mesh: 0,
  });
  const materials = t.materials ?? [iray('Surface', {})];
  scene.materials.push(...materials);
  scene.meshes.push(tinyMesh({ ...t, materials }));
  return scene;
}

/** A unit quad in the XY plane, facing +Z, UVs = positions. */
export const QUAD: TinyMesh = { positions: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0], faces: [[0, 1, 2, 3]] };
