/**
 * `Mesh` prims in DAZ's own layout (https://openusd.org/release/api/class_usd_geom_mesh.html):
 * polygons kept as they are (quads stay quads), per-vertex points and normals, UVs as an indexed
 * `faceVarying` primvar whose indices are DAZ's per-corner UV indices (so UV seams need no vertex
 * splitting), an `extent`, one `GeomSubset` per material slot (family `materialBind`, a
 * partition of the faces) and `subdivisionScheme = "none"` unless asked for subdivision.
 */
import { DazportError } from '../../errors.js';
import type { Mesh } from '../../scene/mesh.js';
import { customDataLines, formatFloat, formatPathRef, quoteString } from './usda-format.js';
import { intRange, type UsdaWriter, vec2fRange, vec3fRange } from './usda-writer.js';
import { type Mat4, writeTransform } from './xforms.js';

export interface SubsetSpec {
  name: string;
  /** Material slot of the mesh. */
  slot: number;
  /** Material prim to bind (null: unbound). */
  material: string | null;
}

export interface MeshPrimSpec {
  mesh: Mesh;
  name: string;
  local: Mat4;
  /** Points to write: the posed world-space ones, or the rest mesh of a skinned figure. */
  points: Float32Array;
  /** Per-vertex normals in the points' space, or null. */
  normals: Float32Array | null;
  subdivisionScheme: 'none' | 'catmullClark';
  doubleSided: boolean;
  /** One material for the whole mesh (bound on the mesh), or null with `subsets`. */
  material: string | null;
  subsets: SubsetSpec[];
  /** Extra API schemas (SkelBindingAPI) and `customData` entries. */
  apiSchemas: string[];
  customData: string[];
  /** Writes the SkelBindingAPI properties and BlendShape children, for skinned meshes. */
  skin?: { properties: () => Promise<void>; children: () => Promise<void> };
}

/** Check the topology before writing a byte of it: a broken index would make a file that lies. */
export function validateMesh(mesh: Mesh): void {
  const vertexCount = mesh.positions.length / 3;
  const fail = (what: string) => {
    throw new DazportError('DAZPORT_SCENE_INVALID', `mesh "${mesh.name}": ${what}`, {
      context: { mesh: mesh.name },
    });
  };
  if (!Number.isInteger(vertexCount)) fail(`${mesh.positions.length} position values is not a multiple of 3`);
  let corners = 0;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (mesh.faceSizes[f] < 3) fail(`face ${f} has ${mesh.faceSizes[f]} corners`);
    corners += mesh.faceSizes[f];
  }
  if (corners !== mesh.faceVertexIndices.length) {
    fail(
      `face sizes add up to ${corners} corners, but there are ${mesh.faceVertexIndices.length} corner indices`,
    );
  }
  for (let c = 0; c < corners; c++) {
    if (mesh.faceVertexIndices[c] >= vertexCount) {
      fail(`corner ${c} names vertex ${mesh.faceVertexIndices[c]}, the mesh has ${vertexCount}`);
    }
  }
  for (const uv of mesh.uvSets) {
    const n = uv.values.length / 2;
    if (uv.cornerIndices.length !== corners) {
      fail(`UV set "${uv.name}" has ${uv.cornerIndices.length} corner indices for ${corners} corners`);
    }
    for (let c = 0; c < corners; c++) {
      if (uv.cornerIndices[c] >= n)
        fail(`UV set "${uv.name}": corner ${c} names UV ${uv.cornerIndices[c]} of ${n}`);
    }
  }
  if (mesh.normals && mesh.normals.length !== mesh.positions.length) {
    fail(`${mesh.normals.length / 3} normals for ${vertexCount} vertices`);
  }
  if (mesh.faceMaterial.length !== mesh.faceSizes.length) {
    fail(`${mesh.faceMaterial.length} material slots for ${mesh.faceSizes.length} faces`);
  }
}

/** Faces per material slot. */
export function facesBySlot(mesh: Mesh): Uint32Array[] {
  const slots = Math.max(mesh.materials.length, 1);
  const counts = new Uint32Array(slots);
  for (let f = 0; f < mesh.faceMaterial.length; f++) counts[Math.min(mesh.faceMaterial[f], slots - 1)]++;
  const out = Array.from(counts, (n) => new Uint32Array(n));
  counts.fill(0);
  for (let f = 0; f < mesh.faceMaterial.length; f++) {
    const s = Math.min(mesh.faceMaterial[f], slots - 1);
    out[s][counts[s]++] = f;
  }
  return out;
}

/** [min xyz, max xyz] of the points. */
export function extentOf(points: Float32Array): [number[], number[]] {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = points[i + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  return points.length
    ? [min, max]
    : [
        [0, 0, 0],
        [0, 0, 0],
      ];
}

export async function writeMesh(w: UsdaWriter, spec: MeshPrimSpec, bySlot: Uint32Array[]): Promise<void> {
  const { mesh, points } = spec;
  const schemas = [
    ...spec.apiSchemas,
    ...(spec.material || spec.subsets.length ? ['MaterialBindingAPI'] : []),
  ];
  const meta = [
    ...(schemas.length ? [`prepend apiSchemas = [${schemas.map(quoteString).join(', ')}]`] : []),
    ...customDataLines(spec.customData),
  ];
  await w.beginPrim('Mesh', spec.name, meta);
  writeTransform(w, spec.local);
  await w.array('int[] faceVertexCounts', mesh.faceSizes.length, intRange(mesh.faceSizes));
  await w.array('int[] faceVertexIndices', mesh.faceVertexIndices.length, intRange(mesh.faceVertexIndices));
  await w.array('point3f[] points', points.length / 3, vec3fRange(points));
  const [min, max] = extentOf(points);
  w.propChecked(
    'float3[] extent',
    () => `[(${min.map(formatFloat).join(', ')}), (${max.map(formatFloat).join(', ')})]`,
  );
  if (spec.normals) {
    await w.array('normal3f[] normals', spec.normals.length / 3, vec3fRange(spec.normals), [
      'interpolation = "vertex"',
    ]);
  }
  for (const [k, uv] of mesh.uvSets.entries()) {
    const primvar = k === 0 ? 'primvars:st' : `primvars:st${k}`;
    await w.array(`texCoord2f[] ${primvar}`, uv.values.length / 2, vec2fRange(uv.values), [
      'interpolation = "faceVarying"',
    ]);
    await w.array(`int[] ${primvar}:indices`, uv.cornerIndices.length, intRange(uv.cornerIndices));
  }
  w.prop('uniform token subdivisionScheme', quoteString(spec.subdivisionScheme));
  w.prop('uniform bool doubleSided', spec.doubleSided ? '1' : '0');
  if (spec.material) w.prop('rel material:binding', formatPathRef(spec.material));
  if (spec.subsets.length) w.prop('uniform token subsetFamily:materialBind:familyType', '"partition"');
  await spec.skin?.properties();
  for (const subset of spec.subsets) {
    const faces = bySlot[subset.slot];
    await w.beginPrim('GeomSubset', subset.name, [
      ...(subset.material ? ['prepend apiSchemas = ["MaterialBindingAPI"]'] : []),
      ...customDataLines([
        `string dazMaterialGroup = ${quoteString(mesh.materialGroups[subset.slot] ?? '')}`,
      ]),
    ]);
    w.prop('uniform token elementType', '"face"');
    w.prop('uniform token familyName', '"materialBind"');
    await w.array('int[] indices', faces.length, intRange(faces));
    if (subset.material) w.prop('rel material:binding', formatPathRef(subset.material));
    await w.endPrim();
  }
  await spec.skin?.children();
  await w.endPrim();
}
