/**
 * The emulator's result mesh, in the spirit of Dust3D's generator: every enabled part becomes
 * closed shells around its nodes, in Dust3D units and mesh space, (x − originX, originY − y,
 * originZ − z) (src/meshgenerator.cpp):
 *
 * - a node with no edge: the box Dust3D makes of a lone node (±radius; the protocol
 *   document's `exportAsObj` example, same vertex and face order);
 * - a node with edges: a sphere (8 segments × 6 rings: quads, triangles at the poles);
 * - an edge: a tapered tube between its nodes' radii, 8 quads around and an 8-sided
 *   polygon closing each end (so clients meet n-gons, as in real OBJ files).
 *
 * Each shell is closed with outward (counter-clockwise) winding; shells overlap where Dust3D
 * would fuse them into one surface. Parts with `xMirrored` are added again with x negated (and
 * winding reversed, to stay outward). Disabled parts are left out; invisible ones stay in
 * (visibility is a view setting in Dust3D).
 *
 * @category Dust3D emulator
 */
import type { Dust3dDocument, EmuNode } from './document-model.js';
import { formatQtNumber } from './qt-text.js';

export interface GeneratedMesh {
  /** xyz per vertex, Dust3D units, mesh space. */
  vertices: number[];
  /** 0-based vertex indices per polygon. */
  faces: number[][];
}

type V3 = [number, number, number];

export const SPHERE_SEGMENTS = 8;
export const SPHERE_RINGS = 6;
export const TUBE_SIDES = 8;

/** The result mesh of the document as it is now. */
export function generateMesh(doc: Dust3dDocument): GeneratedMesh {
  const out: GeneratedMesh = { vertices: [], faces: [] };
  const [ox, oy, oz] = doc.origin;
  const linked = new Set<string>();
  for (const e of doc.edges.values()) linked.add(e.from).add(e.to);
  for (const part of doc.parts.values()) {
    if (part.disabled) continue;
    const nodes = [...doc.nodes.values()].filter((n) => n.partId === part.id);
    const edges = [...doc.edges.values()].filter((e) => e.partId === part.id);
    for (const mirror of part.xMirrored ? [1, -1] : [1]) {
      const at = (n: EmuNode): V3 => [n.x - ox, oy - n.y, oz - n.z];
      const shell = (vertices: V3[], faces: number[][]) => addShell(out, vertices, faces, mirror === -1);
      for (const n of nodes) {
        if (linked.has(n.id)) shell(...sphere(at(n), n.radius));
        else shell(...box(at(n), n.radius));
      }
      for (const e of edges) {
        const a = doc.nodes.get(e.from);
        const b = doc.nodes.get(e.to);
        if (a && b) shell(...tube(at(a), a.radius, at(b), b.radius));
      }
    }
  }
  return out;
}

/** Dust3D's OBJ text of a mesh (MeshLoader::exportAsObj): `# DUST3D`, `v`, `f` with 1-based indices. */
export function writeObj(mesh: GeneratedMesh): string {
  const lines = ['# DUST3D'];
  for (let i = 0; i < mesh.vertices.length; i += 3)
    lines.push(
      `v ${mesh.vertices
        .slice(i, i + 3)
        .map(formatQtNumber)
        .join(' ')}`,
    );
  for (const f of mesh.faces) lines.push(`f ${f.map((v) => v + 1).join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** Appends a shell; `mirror` negates x and reverses the winding so the copy still faces out. */
function addShell(out: GeneratedMesh, vertices: V3[], faces: number[][], mirror: boolean): void {
  const base = out.vertices.length / 3;
  for (const v of vertices) out.vertices.push(mirror ? -v[0] : v[0], v[1], v[2]);
  for (const f of faces) {
    const shifted = f.map((i) => i + base);
    out.faces.push(mirror ? shifted.reverse() : shifted);
  }
}

/** The protocol example's box: vertices and faces in the order Dust3D printed them. */
function box(c: V3, r: number): [V3[], number[][]] {
  const signs: V3[] = [
    [-1, 1, 1],
    [-1, -1, 1],
    [1, -1, 1],
    [1, -1, -1],
    [-1, -1, -1],
    [-1, 1, -1],
    [1, 1, -1],
    [1, 1, 1],
  ];
  const faces = [
    [2, 1, 6, 5],
    [3, 2, 5, 4],
    [2, 3, 8, 1],
    [8, 3, 4, 7],
    [5, 6, 7, 4],
    [1, 8, 7, 6],
  ].map((f) => f.map((i) => i - 1));
  return [signs.map((s) => [c[0] + s[0] * r, c[1] + s[1] * r, c[2] + s[2] * r]), faces];
}

/** A UV sphere with poles on ±y. */
function sphere(c: V3, r: number): [V3[], number[][]] {
  const vertices: V3[] = [[c[0], c[1] + r, c[2]]];
  for (let k = 1; k < SPHERE_RINGS; k++) {
    const phi = (Math.PI * k) / SPHERE_RINGS;
    for (let j = 0; j < SPHERE_SEGMENTS; j++) {
      const theta = (2 * Math.PI * j) / SPHERE_SEGMENTS;
      vertices.push([
        c[0] + r * Math.sin(phi) * Math.cos(theta),
        c[1] + r * Math.cos(phi),
        c[2] + r * Math.sin(phi) * Math.sin(theta),
      ]);
    }
  }
  vertices.push([c[0], c[1] - r, c[2]]);
  const south = vertices.length - 1;
  const ring = (k: number, j: number) => 1 + (k - 1) * SPHERE_SEGMENTS + (j % SPHERE_SEGMENTS);
  const faces: number[][] = [];
  for (let j = 0; j < SPHERE_SEGMENTS; j++) {
    faces.push([0, ring(1, j + 1), ring(1, j)]);
    for (let k = 1; k < SPHERE_RINGS - 1; k++)
      faces.push([ring(k, j), ring(k, j + 1), ring(k + 1, j + 1), ring(k + 1, j)]);
    faces.push([south, ring(SPHERE_RINGS - 1, j), ring(SPHERE_RINGS - 1, j + 1)]);
  }
  return [vertices, faces];
}

/** A tapered tube from a (radius ra) to b (radius rb), its ends closed by polygons. */
function tube(a: V3, ra: number, b: V3, rb: number): [V3[], number[][]] {
  const d = normalize([b[0] - a[0], b[1] - a[1], b[2] - a[2]]);
  const helper: V3 = Math.abs(d[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
  const u = normalize(cross(helper, d));
  const v = cross(d, u);
  const vertices: V3[] = [];
  for (const [c, r] of [
    [a, ra],
    [b, rb],
  ] as [V3, number][])
    for (let i = 0; i < TUBE_SIDES; i++) {
      const t = (2 * Math.PI * i) / TUBE_SIDES;
      const [cs, sn] = [Math.cos(t), Math.sin(t)];
      vertices.push([0, 1, 2].map((k) => c[k] + r * (cs * u[k] + sn * v[k])) as V3);
    }
  const faces: number[][] = [];
  for (let i = 0; i < TUBE_SIDES; i++) {
    const next = (i + 1) % TUBE_SIDES;
    faces.push([i, next, TUBE_SIDES + next, TUBE_SIDES + i]);
  }
  faces.push([...Array(TUBE_SIDES).keys()].reverse());
  faces.push([...Array(TUBE_SIDES).keys()].map((i) => TUBE_SIDES + i));
  return [vertices, faces];
}

function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalize(a: V3): V3 {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
}
