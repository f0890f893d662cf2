/** The emulator's result mesh: closed, outward shells around nodes and edges; mirrored and disabled parts. */
import { describe, expect, it } from 'vitest';
import {
  DUST3D_SCENE_NAMES,
  Dust3dDocument,
  type GeneratedMesh,
  generateMesh,
  loadBuiltinDust3dScene,
  writeObj,
} from '../../../src/emulators/dust3d/index.js';

/** Signed volume (positive when every face winds counter-clockwise seen from outside). */
function volume(m: GeneratedMesh): number {
  let v = 0;
  const p = (i: number) => m.vertices.slice(i * 3, i * 3 + 3);
  for (const f of m.faces)
    for (let k = 1; k + 1 < f.length; k++) {
      const [a, b, c] = [p(f[0]), p(f[k]), p(f[k + 1])];
      v +=
        (a[0] * (b[1] * c[2] - b[2] * c[1]) -
          a[1] * (b[0] * c[2] - b[2] * c[0]) +
          a[2] * (b[0] * c[1] - b[1] * c[0])) /
        6;
    }
  return v;
}

/** Directed edges that are not matched by exactly one opposite edge. */
function openEdges(m: GeneratedMesh): string[] {
  const seen = new Map<string, number>();
  for (const f of m.faces)
    f.forEach((a, k) => {
      const key = `${a}>${f[(k + 1) % f.length]}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
  return [...seen]
    .filter(([key, n]) => n !== 1 || seen.get(key.split('>').reverse().join('>')) !== 1)
    .map(([k]) => k);
}

const id = (n: number) => `{${String(n).padStart(8, '0')}-0000-4000-8000-000000000000}`;

describe('Dust3D emulator mesh', () => {
  it('makes closed outward shells: a box for a lone node, spheres and tubes for a chain', () => {
    const doc = new Dust3dDocument();
    doc.addNode(id(1), 0, 0, 0, 0.1, null);
    expect(openEdges(generateMesh(doc))).toEqual([]);
    expect(volume(generateMesh(doc))).toBeCloseTo(0.2 ** 3, 9);
    doc.addNode(id(2), 0.5, 0.2, 0.1, 0.05, id(1));
    const chain = generateMesh(doc);
    expect(openEdges(chain)).toEqual([]);
    expect(volume(chain)).toBeGreaterThan(0);
    expect(chain.faces.filter((f) => f.length === 8)).toHaveLength(2);
  });

  it('mirrors xMirrored parts across the origin’s x (still outward) and leaves disabled parts out', () => {
    const doc = new Dust3dDocument();
    doc.addNode(id(1), 0, 0, 0, 0.1, null); // sets the origin
    doc.addNode(id(2), 0.4, 0, 0, 0.05, null);
    doc.addNode(id(3), 0.6, 0.1, 0, 0.05, id(2));
    const plain = generateMesh(doc);
    const legPart = doc.nodes.get(id(2))?.partId as string;
    doc.editPart(legPart, 'partxmirrorstatechanged', (p) => (p.xMirrored = true));
    const mirrored = generateMesh(doc);
    const boxVolume = 0.2 ** 3;
    expect(volume(mirrored) - boxVolume).toBeCloseTo(2 * (volume(plain) - boxVolume), 9);
    expect(openEdges(mirrored)).toEqual([]);
    const xs = mirrored.vertices.filter((_, i) => i % 3 === 0);
    expect(Math.min(...xs)).toBeCloseTo(-0.65, 9);
    doc.editPart(legPart, 'partdisablestatechanged', (p) => (p.disabled = true));
    expect(generateMesh(doc).faces).toHaveLength(6);
  });

  it('writes OBJ as Dust3D does: "# DUST3D", v with Qt float text, f with 1-based indices', () => {
    const doc = new Dust3dDocument();
    doc.addNode(id(1), 0.51, 0.51, 1.01, 0.08, null);
    doc.moveOriginBy(0.000001, 0, 0);
    const text = writeObj(generateMesh(doc));
    expect(text.split('\n').slice(0, 2)).toEqual(['# DUST3D', 'v -0.080001 0.08 0.08']);
    expect(text).toMatch(/\nf 2 1 6 5\n/);
  });

  it('builds every built-in scene closed', () => {
    for (const name of DUST3D_SCENE_NAMES)
      expect(openEdges(generateMesh(loadBuiltinDust3dScene(name))), name).toEqual([]);
  });
});
