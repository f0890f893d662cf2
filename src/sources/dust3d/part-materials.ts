/**
 * Which part each face of Dust3D's result mesh belongs to, and one material per part colour.
 *
 * Dust3D's OBJ carries no part or colour (MeshLoader::exportAsObj writes `v` and `f` only), so
 * the part of a face is decided geometrically: the part whose shape (a capsule per edge, a
 * sphere per lone node, in mesh space) has its surface nearest to the face's centre, inside or
 * out, so a part's faces buried in a bigger part stay with their own part. Where two parts meet, faces near the seam may go to either; faces of one
 * colour stay one colour whatever the split. Parts without a colour get Dust3D's default part
 * colour, white (MeshGenerator::m_defaultPartColor).
 *
 * @category Dust3D
 */
import type { Material } from '../../scene/material.js';
import { type MeshNode, toMeshSpace, type Vec3 } from './mesh-space.js';
import type { Dust3dSnapshot } from './parse-snapshot.js';

/** Dust3D's colour for a part that has none. */
export const DUST3D_DEFAULT_PART_COLOR: Vec3 = [1, 1, 1];

interface Shape {
  part: number;
  a: Vec3;
  b: Vec3;
  ra: number;
  rb: number;
}

export interface PartMaterials {
  /** Material slot per face. */
  faceMaterial: Uint16Array;
  /** One per distinct colour, in order of first use by the snapshot's parts. */
  materials: Material[];
  /** Faces per part id, for the source description and tests. */
  facesPerPart: Map<string, number>;
}

/** Assigns faces (mesh space, Dust3D units) to parts and parts to colour materials. */
export function assignPartMaterials(
  snapshot: Dust3dSnapshot,
  nodes: readonly MeshNode[],
  origin: Vec3,
  positions: Float64Array,
  faceSizes: Uint8Array,
  faceVertexIndices: Uint32Array,
): PartMaterials {
  const partIndex = new Map(snapshot.parts.map((p, i) => [p.id, i]));
  const slotOfColour = new Map<string, number>();
  const materials: Material[] = [];
  const slotOfPart = snapshot.parts.map((p) => {
    const colour = p.color ?? DUST3D_DEFAULT_PART_COLOR;
    const key = hex(colour);
    let slot = slotOfColour.get(key);
    if (slot === undefined) {
      slot = materials.length;
      slotOfColour.set(key, slot);
      materials.push({
        name: `Dust3D ${key}`,
        // Dust3D's own glTF writes metallic 0, roughness 1 and the colour: DAZ's Default shader
        // with Glossiness 0 maps to exactly that (src/export/material-mapping.ts).
        shader: 'DAZ Studio Default',
        channels: {
          'Diffuse Color': { label: 'Diffuse Color', value: [...colour] as Vec3 },
          Glossiness: { label: 'Glossiness', value: 0 },
        },
      });
    }
    return slot;
  });

  const shapes = partShapes(snapshot, nodes, origin, partIndex);
  const faceMaterial = new Uint16Array(faceSizes.length);
  const facesPerPart = new Map<string, number>();
  if (!materials.length || !shapes.length) {
    if (!materials.length) materials.push(defaultMaterial());
    return { faceMaterial, materials, facesPerPart };
  }
  let corner = 0;
  for (let f = 0; f < faceSizes.length; f++) {
    const c: Vec3 = [0, 0, 0];
    for (let k = 0; k < faceSizes[f]; k++) {
      const v = faceVertexIndices[corner + k];
      for (let a = 0; a < 3; a++) c[a] += positions[v * 3 + a] / faceSizes[f];
    }
    corner += faceSizes[f];
    let best = shapes[0].part;
    let bestDistance = Infinity;
    for (const s of shapes) {
      const d = Math.abs(capsuleDistance(c, s));
      if (d < bestDistance) {
        bestDistance = d;
        best = s.part;
      }
    }
    faceMaterial[f] = slotOfPart[best];
    const id = snapshot.parts[best].id;
    facesPerPart.set(id, (facesPerPart.get(id) ?? 0) + 1);
  }
  return { faceMaterial, materials, facesPerPart };
}

function defaultMaterial(): Material {
  return {
    name: `Dust3D ${hex(DUST3D_DEFAULT_PART_COLOR)}`,
    shader: 'DAZ Studio Default',
    channels: {
      'Diffuse Color': { label: 'Diffuse Color', value: [...DUST3D_DEFAULT_PART_COLOR] as Vec3 },
      Glossiness: { label: 'Glossiness', value: 0 },
    },
  };
}

function partShapes(
  snapshot: Dust3dSnapshot,
  nodes: readonly MeshNode[],
  origin: Vec3,
  partIndex: Map<string, number>,
): Shape[] {
  const byKey = new Map(nodes.map((n) => [`${n.id}|${n.mirrored}`, n]));
  const linked = new Set<string>();
  const shapes: Shape[] = [];
  for (const e of snapshot.edges) {
    for (const mirrored of [false, true]) {
      const a = byKey.get(`${e.from}|${mirrored}`);
      const b = byKey.get(`${e.to}|${mirrored}`);
      const part = partIndex.get(e.partId) ?? partIndex.get(a?.partId ?? '');
      if (!a || !b || part === undefined) continue;
      linked.add(`${a.id}|${mirrored}`).add(`${b.id}|${mirrored}`);
      shapes.push({ part, a: toMeshSpace(a, origin), b: toMeshSpace(b, origin), ra: a.radius, rb: b.radius });
    }
  }
  for (const n of nodes) {
    const part = partIndex.get(n.partId);
    if (part === undefined || linked.has(`${n.id}|${n.mirrored}`)) continue;
    const p = toMeshSpace(n, origin);
    shapes.push({ part, a: p, b: p, ra: n.radius, rb: n.radius });
  }
  return shapes;
}

/** Distance from p to the surface of a cone-capsule (negative inside). */
function capsuleDistance(p: Vec3, s: Shape): number {
  const ab: Vec3 = [s.b[0] - s.a[0], s.b[1] - s.a[1], s.b[2] - s.a[2]];
  const ap: Vec3 = [p[0] - s.a[0], p[1] - s.a[1], p[2] - s.a[2]];
  const len2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  const t = len2 ? Math.min(1, Math.max(0, (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / len2)) : 0;
  const d = Math.hypot(ap[0] - t * ab[0], ap[1] - t * ab[1], ap[2] - t * ab[2]);
  return d - (s.ra + t * (s.rb - s.ra));
}

function hex(colour: readonly number[]): string {
  return `#${colour
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
