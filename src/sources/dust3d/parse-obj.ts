/**
 * The OBJ text of Dust3D's result mesh (`exportasobj`) as indexed polygons.
 *
 * Dust3D writes `# DUST3D`, then `v x y z` per vertex and `f a b c …` per polygon with 1-based
 * vertex indices only (MeshLoader::exportAsObj); this reader also takes `vt`, `vn`, the
 * `a/b/c`, `a//c`, `a/b` corner forms and negative (relative) indices, so an OBJ saved by any
 * tool reads too. The neutral {@link Mesh} keeps polygons of 3 or 4 corners, so larger
 * polygons are fanned from their first corner into triangles; `fannedPolygons` counts them
 * and `polygonOfFace` says which polygon each face came from.
 *
 * @category Dust3D
 */
import { Dust3dParseError } from './errors.js';

export interface ObjMesh {
  /** xyz per vertex, in the file's units (Dust3D units for Dust3D). */
  positions: Float64Array;
  /** 3 or 4 per face. */
  faceSizes: Uint8Array;
  faceVertexIndices: Uint32Array;
  /** The input polygon (0-based, in file order) each face comes from. */
  polygonOfFace: Uint32Array;
  /** Polygons in the file. */
  polygonCount: number;
  /** Polygons of 5+ corners that were fanned into triangles. */
  fannedPolygons: number;
  /** Texture coordinates, when the file has `vt` and the faces use them. */
  uvs: { values: Float32Array; cornerIndices: Uint32Array } | null;
  /** Per-vertex normals (the mean of the `vn` each vertex's corners name, normalised), when given. */
  normals: Float32Array | null;
}

const IGNORED = new Set(['o', 'g', 's', 'usemtl', 'mtllib', 'l', 'p']);

/** Parses OBJ text. Throws `DAZPORT_SCENE_INVALID` naming the line and column. */
export function parseObj(text: string): ObjMesh {
  const positions: number[] = [];
  const uvValues: number[] = [];
  const normalValues: number[] = [];
  const faceSizes: number[] = [];
  const corners: number[] = [];
  const uvCorners: number[] = [];
  const normalCorners: number[] = [];
  const polygonOfFace: number[] = [];
  let polygonCount = 0;
  let fannedPolygons = 0;
  let cornersWithUv = 0;
  let cornersWithNormal = 0;

  const lines = text.split('\n');
  lines.forEach((raw, lineIndex) => {
    const line = raw.replace(/\r$/, '');
    const fail = (column: number, message: string): never => {
      throw new Dust3dParseError('OBJ', lineIndex + 1, column, message);
    };
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const tokens = [...trimmed.matchAll(/\S+/g)];
    const columnOf = (i: number) => line.indexOf(trimmed) + (tokens[i].index ?? 0) + 1;
    const keyword = tokens[0][0];
    const numbers = (count: number, min: number) => {
      if (tokens.length - 1 < min)
        fail(columnOf(0), `"${keyword}" needs ${min} numbers, found ${tokens.length - 1}`);
      const out: number[] = [];
      for (let i = 1; i <= count && i < tokens.length; i++) {
        const value = Number(tokens[i][0]);
        if (!Number.isFinite(value)) fail(columnOf(i), `"${tokens[i][0]}" is not a number`);
        out.push(value);
      }
      return out;
    };
    if (keyword === 'v') positions.push(...numbers(3, 3));
    else if (keyword === 'vt') uvValues.push(...[...numbers(2, 1), 0].slice(0, 2));
    else if (keyword === 'vn') normalValues.push(...numbers(3, 3));
    else if (keyword === 'f') {
      if (tokens.length < 4) fail(columnOf(0), `a face needs 3 corners, found ${tokens.length - 1}`);
      const vs: number[] = [];
      const ts: number[] = [];
      const ns: number[] = [];
      for (let i = 1; i < tokens.length; i++) {
        const parts = tokens[i][0].split('/');
        if (parts.length > 3) fail(columnOf(i), `corner "${tokens[i][0]}" is not v, v/vt, v//vn or v/vt/vn`);
        const index = (part: string | undefined, count: number, what: string): number => {
          if (part === undefined || part === '') return -1;
          const n = Number(part);
          if (!Number.isInteger(n) || n === 0)
            fail(columnOf(i), `${what} index "${part}" is not a non-zero integer`);
          const resolved = n > 0 ? n - 1 : count + n;
          if (resolved < 0 || resolved >= count)
            fail(columnOf(i), `${what} index ${n} is out of range (${count} ${what}s so far)`);
          return resolved;
        };
        const v = index(parts[0], positions.length / 3, 'vertex');
        if (v === -1) fail(columnOf(i), `corner "${tokens[i][0]}" has no vertex index`);
        vs.push(v);
        ts.push(index(parts[1], uvValues.length / 2, 'texture'));
        ns.push(index(parts[2], normalValues.length / 3, 'normal'));
      }
      const emit = (picks: number[]) => {
        faceSizes.push(picks.length);
        polygonOfFace.push(polygonCount);
        for (const k of picks) {
          corners.push(vs[k]);
          uvCorners.push(ts[k]);
          normalCorners.push(ns[k]);
          if (ts[k] >= 0) cornersWithUv++;
          if (ns[k] >= 0) cornersWithNormal++;
        }
      };
      if (vs.length <= 4) emit(vs.map((_, k) => k));
      else {
        fannedPolygons++;
        for (let k = 1; k + 1 < vs.length; k++) emit([0, k, k + 1]);
      }
      polygonCount++;
    } else if (!IGNORED.has(keyword))
      fail(columnOf(0), `"${keyword}" is not an OBJ statement this reader takes`);
  });

  const vertexCount = positions.length / 3;
  return {
    positions: Float64Array.from(positions),
    faceSizes: Uint8Array.from(faceSizes),
    faceVertexIndices: Uint32Array.from(corners),
    polygonOfFace: Uint32Array.from(polygonOfFace),
    polygonCount,
    fannedPolygons,
    uvs:
      cornersWithUv === corners.length && corners.length
        ? { values: Float32Array.from(uvValues), cornerIndices: Uint32Array.from(uvCorners) }
        : null,
    normals:
      cornersWithNormal === corners.length && corners.length
        ? vertexNormals(vertexCount, corners, normalCorners, normalValues)
        : null,
  };
}

function vertexNormals(
  vertexCount: number,
  corners: number[],
  normalCorners: number[],
  values: number[],
): Float32Array {
  const sum = new Float64Array(vertexCount * 3);
  corners.forEach((v, k) => {
    for (let a = 0; a < 3; a++) sum[v * 3 + a] += values[normalCorners[k] * 3 + a];
  });
  const out = new Float32Array(vertexCount * 3);
  for (let v = 0; v < vertexCount; v++) {
    const len = Math.hypot(sum[v * 3], sum[v * 3 + 1], sum[v * 3 + 2]) || 1;
    for (let a = 0; a < 3; a++) out[v * 3 + a] = sum[v * 3 + a] / len;
  }
  return out;
}
