/**
 * The mannequin generator: a closed, skinned, UV-mapped stand-in for a Genesis figure's mesh,
 * built from any Genesis skeleton definition. Parts are tubes and ellipsoids along the bones
 * (overlapping at joints, like a mannequin's, not welded), grouped into DAZ-like surfaces and
 * bone-named face groups, with smooth skin weights and a few shape morphs. Pure and deterministic:
 * the same skeleton and options give the same arrays, byte for byte.
 */
import type { SkeletonDefinition } from '../../../bonemaps/genesis/skeleton-definition.js';
import { DazportError } from '../../../errors.js';
import { layOutMannequin } from './mannequin-layout.js';
import type { MannequinMesh, MannequinOptions } from './mannequin-mesh.js';
import { MeshAccumulator } from './mesh-accumulator.js';
import { buildMorphs } from './morphs.js';
import { SURFACE_ORDER } from './part-plan.js';
import { AnchorWeights, collectBoneWeights } from './skin-weights.js';
import { emitTube } from './tube.js';
import { packUvs } from './uv-packing.js';

export { BASE_VERTEX_SPACING, MAX_DETAIL } from './mannequin-layout.js';

export function buildMannequin(skeleton: SkeletonDefinition, options: MannequinOptions = {}): MannequinMesh {
  const { plan, chains, ellipsoids } = layOutMannequin(skeleton, options.detail ?? 1);

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
  for (const { plan: chain, rings: layout } of chains) {
    const { rings, segments, length } = layout;
    emitTube(acc, rings, segments, {
      kind: chain.kind,
      heavy: chain.heavy,
      paramStart: 0,
      paramLength: length,
      weights: new AnchorWeights(chain.anchors, boneIndex),
      seamAngle: chain.seamAngle,
    });
  }
  for (const { plan: ellipsoid, rings, segments } of ellipsoids) {
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
    morphs: buildMorphs(acc, plan.headCentre, plan.scale, skeleton),
  };
}
