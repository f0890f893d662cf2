/**
 * Poser geometries (one per actor) into one neutral Mesh: world vertices in cm, polygons (fanned
 * into triangles past four corners), the texture polygons as per-corner UV indices, and a
 * material slot per polygon. A figure's body parts go into one mesh, one after another; a prop is
 * a mesh of its own. Body parts are not welded: a vertex Poser shares across a seam stays two.
 */
import { DazportError } from '../../errors.js';
import type { Mesh } from '../../scene/mesh.js';
import {
  CM_PER_PNU,
  decodeFloat32,
  decodeUint32,
  type WalkGeometry,
  type WalkMaterial,
} from './poser-walk.js';

export class PoserMeshBuilder {
  readonly #positions: number[] = [];
  readonly #faceSizes: number[] = [];
  readonly #corners: number[] = [];
  readonly #uvs: number[] = [];
  readonly #uvCorners: number[] = [];
  readonly #faceSlots: number[] = [];
  readonly #slotNames: string[] = [];
  readonly #slotMaterials: number[] = [];
  readonly #rest: number[] = [];
  /** The joint each vertex is bound to, -1 for none (rigged figures). */
  readonly #vertexJoints: number[] = [];
  #restComplete = true;

  /**
   * Adds one actor's geometry. `materialIndex` gives the Scene.materials index of a material of
   * this mesh's owner, by name (the caller keeps one per figure or prop); `joint` is the
   * skeleton joint of a body part, which all its vertices follow in a rigged export.
   */
  add(actor: string, g: WalkGeometry, materialIndex: (m: WalkMaterial) => number, joint = -1): void {
    const points = decodeFloat32(g.positions);
    const rest = decodeFloat32(g.rest ?? '');
    const sizes = decodeUint32(g.sizes);
    const corners = decodeUint32(g.corners);
    const slots = decodeUint32(g.slots);
    const uvs = decodeFloat32(g.uvs);
    const texSizes = decodeUint32(g.texSizes);
    const texCorners = decodeUint32(g.texCorners);
    const bad = (what: string) =>
      new DazportError(
        'DAZPORT_MESH_TOPOLOGY',
        `the geometry of Poser actor "${actor}" is inconsistent: ${what}`,
        {
          context: { actor },
        },
      );
    if (points.length !== g.vertices * 3) throw bad(`${points.length / 3} world vertices for ${g.vertices}`);
    if (slots.length !== sizes.length)
      throw bad(`${slots.length} material indices for ${sizes.length} polygons`);
    const hasUvs = texSizes.length > 0;
    if (hasUvs && texSizes.length !== sizes.length)
      throw bad(`${texSizes.length} texture polygons for ${sizes.length} polygons`);

    if (rest.length > 0 && rest.length !== points.length)
      throw bad(`${rest.length / 3} rest vertices for ${g.vertices}`);
    const vertexBase = this.#positions.length / 3;
    for (const c of points) this.#positions.push(c * CM_PER_PNU);
    if (rest.length === 0 || joint < 0) this.#restComplete = false;
    for (const c of rest) this.#rest.push(c * CM_PER_PNU);
    for (let v = 0; v < g.vertices; v++) this.#vertexJoints.push(joint);
    const uvBase = this.#uvs.length / 2;
    if (hasUvs) for (const c of uvs) this.#uvs.push(c);
    else this.#uvs.push(0, 0); // one UV for every corner of a geometry without texture polygons
    const slotOf = g.materials.map((m) => this.#slot(m.name, materialIndex(m)));

    let at = 0;
    let texAt = 0;
    for (let p = 0; p < sizes.length; p++) {
      const n = sizes[p];
      if (hasUvs && texSizes[p] !== n)
        throw bad(`polygon ${p} has ${n} corners and ${texSizes[p]} texture corners`);
      const v = Array.from(corners.subarray(at, at + n));
      const t = hasUvs ? Array.from(texCorners.subarray(texAt, texAt + n)) : new Array<number>(n).fill(0);
      if (v.length < n || t.length < n) throw bad(`polygon ${p} runs past the end of the corner list`);
      if (v.some((i) => i >= g.vertices)) throw bad(`polygon ${p} names a vertex past ${g.vertices}`);
      if (hasUvs && t.some((i) => i >= uvs.length / 2))
        throw bad(`polygon ${p} names a texture vertex past the end`);
      if (slots[p] >= slotOf.length)
        throw bad(`polygon ${p} has material index ${slots[p]} of ${slotOf.length}`);
      at += n;
      texAt += hasUvs ? n : 0;
      if (n < 3) continue; // a line or a point: nothing to draw
      // Quads and triangles stay as they are; larger polygons become a fan of triangles.
      const pieces =
        n <= 4 ? [[...Array(n).keys()]] : Array.from({ length: n - 2 }, (_, k) => [0, k + 1, k + 2]);
      for (const piece of pieces) {
        this.#faceSizes.push(piece.length);
        for (const k of piece) {
          this.#corners.push(vertexBase + v[k]);
          this.#uvCorners.push(uvBase + t[k]);
        }
        this.#faceSlots.push(slotOf[slots[p]]);
      }
    }
  }

  get empty(): boolean {
    return this.#faceSizes.length === 0;
  }

  /**
   * Rest data for a rigged export: the unposed vertices (figure space, cm), each bound with
   * weight 1 to its body part's joint. Null unless every geometry brought its rest vertices and
   * a joint.
   */
  rest(skeleton: number, jointCount: number): NonNullable<Mesh['rest']> | null {
    if (!this.#restComplete || this.#rest.length !== this.#positions.length) return null;
    const members: number[][] = Array.from({ length: jointCount }, () => []);
    this.#vertexJoints.forEach((j, v) => {
      members[j].push(v);
    });
    return {
      positions: Float32Array.from(this.#rest),
      skin: {
        skeleton,
        joints: members.map((indices, joint) => ({
          joint,
          indices: Uint32Array.from(indices),
          weights: new Float32Array(indices.length).fill(1),
        })),
      },
      morphs: [],
    };
  }

  build(name: string, node: number): Mesh {
    return {
      name,
      node,
      space: 'world',
      positions: Float32Array.from(this.#positions),
      faceSizes: Uint8Array.from(this.#faceSizes),
      faceVertexIndices: Uint32Array.from(this.#corners),
      uvSets: [
        {
          name: 'Default',
          values: Float32Array.from(this.#uvs),
          cornerIndices: Uint32Array.from(this.#uvCorners),
        },
      ],
      normals: null,
      faceMaterial: Uint16Array.from(this.#faceSlots),
      materials: [...this.#slotMaterials],
      materialGroups: [...this.#slotNames],
      subdivision: { enabled: false, level: 0 },
    };
  }

  #slot(name: string, sceneMaterial: number): number {
    const found = this.#slotNames.indexOf(name);
    if (found >= 0) return found;
    this.#slotMaterials.push(sceneMaterial);
    return this.#slotNames.push(name) - 1;
  }
}
