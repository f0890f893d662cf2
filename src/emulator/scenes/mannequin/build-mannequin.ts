/**
 * The mannequin generator: a closed, skinned, UV-mapped stand-in for a Genesis figure's mesh,
 * built from any Genesis skeleton definition. Parts are tubes and ellipsoids along the bones
 * (overlapping at joints, like a mannequin's, not welded), grouped into DAZ-like surfaces and
 * bone-named face groups, with smooth skin weights and a few shape morphs. Pure and deterministic:
 * the same skeleton and options give the same arrays, byte for byte.
 */
import type { SkeletonDefinition } from '../../../bonemaps/genesis/skeleton-definition.js';
import { DazportError } from '../../../errors.js';
import { ringsForChain } from './chain-rings.js';
import { ringsForEllipsoid } from './ellipsoid.js';
import { readFigureAnatomy } from './figure-anatomy.js';
import type { MannequinMesh, MannequinOptions } from './mannequin-mesh.js';
import { MeshAccumulator } from './mesh-accumulator.js';
import { buildMorphs } from './morphs.js';
import { SURFACE_ORDER } from './part-plan.js';
import { planBody } from './plan-body.js';
import { AnchorWeights, collectBoneWeights } from './skin-weights.js';
import { emitTube } from './tube.js';
import { packUvs } from './uv-packing.js';

/**
 * Vertex spacing at detail 1 on a 170 cm figure, cm: about 20k vertices, the density of a real
 * figure's base mesh. Spacing shrinks as 1/detail, so vertex count grows about as detail².
 */
export const BASE_VERTEX_SPACING = 1.1;
/** Detail 16 is already several million vertices; beyond that is a typo, not a benchmark. */
export const MAX_DETAIL = 16;

export function buildMannequin(skeleton: SkeletonDefinition, options: MannequinOptions = {}): MannequinMesh {
  const detail = options.detail ?? 1;
  if (!Number.isFinite(detail) || detail <= 0 || detail > MAX_DETAIL) {
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `mannequin detail must be a number in (0, ${MAX_DETAIL}], got ${detail}`,
      {
        context: { figure: skeleton.id, detail },
        suggestion: 'Use detail 1 for a realistic figure, 2-4 for heavy benchmark scenes.',
      },
    );
  }
  const anatomy = readFigureAnatomy(skeleton);
  const plan = planBody(anatomy);
  const spacing = (BASE_VERTEX_SPACING * anatomy.scale) / detail;

  const boneNames = skeleton.bones.map((b) => b.name);
  const boneIndices = new Map(boneNames.map((name, i) => [name, i]));
  const boneIndex = (name: string): number => {
    const index = boneIndices.get(name);
    if (index === undefined) {
      throw new DazportError('DAZPORT_SCENE_INVALID', `mannequin weights name an unknown bone "${name}"`, {
        context: { figure: skeleton.id },
      });
    }
    return index;
  };

  const acc = new MeshAccumulator();
  for (const chain of plan.chains) {
    const { rings, segments, length } = ringsForChain(chain, spacing);
    emitTube(acc, rings, segments, {
      kind: chain.kind,
      heavy: chain.heavy,
      paramStart: 0,
      paramLength: length,
      weights: new AnchorWeights(chain.anchors, boneIndex),
      seamAngle: chain.seamAngle,
    });
  }
  for (const ellipsoid of plan.ellipsoids) {
    const { rings, segments } = ringsForEllipsoid(ellipsoid, spacing);
    emitTube(acc, rings, segments, {
      kind: ellipsoid.kind,
      heavy: 0,
      paramStart: 0,
      paramLength: 1,
      weights: new AnchorWeights([{ s: 0, bone: ellipsoid.bone }], boneIndex),
      // Seam down the back of the head (the depth axis of a head is -Z).
      seamAngle: Math.PI / 2,
    });
  }
  if (acc.vertexCount === 0) {
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `skeleton "${skeleton.id}" has no body the mannequin can be built on`,
      {
        context: { figure: skeleton.id },
        suggestion: 'The skeleton needs at least a spine (bones with role "body" going up from the root).',
      },
    );
  }

  // Only surfaces that are used are listed, in DAZ's usual order.
  const surfaceFaces = acc.faceSurfaces.toArray();
  const used = new Set(surfaceFaces);
  const materialNames: string[] = [];
  const remap = new Uint16Array(SURFACE_ORDER.length);
  SURFACE_ORDER.forEach((name, i) => {
    if (!used.has(i)) return;
    remap[i] = materialNames.length;
    materialNames.push(name);
  });
  for (let f = 0; f < surfaceFaces.length; f++) surfaceFaces[f] = remap[surfaceFaces[f]];

  return {
    positions: acc.positions.toArray(),
    faceSizes: acc.faceSizes.toArray(),
    faceVertexIndices: acc.faceVertexIndices.toArray(),
    faceUvIndices: acc.faceUvIndices.toArray(),
    uvs: packUvs(acc),
    faceMaterial: surfaceFaces,
    materialNames,
    faceGroup: acc.faceGroups.toArray(),
    faceGroupNames: [...acc.groupNames],
    weights: collectBoneWeights(acc, boneNames),
    morphs: buildMorphs(acc, plan.headCentre, plan.scale),
  };
}
