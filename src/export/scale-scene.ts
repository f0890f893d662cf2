/**
 * `--scale S` on the neutral model, first thing in each writer (exportGltf, exportUsda): every
 * length is multiplied, nothing else, so glTF and USDA get the same result and a skinned mesh
 * still deforms as it did. With
 * translations, joint centres and points all S times larger, a joint's world matrix J becomes
 * S·J·S⁻¹ (its translation × S, rotation unchanged), and so does its inverse bind matrix; a
 * skinned vertex Σ w·J·B·v becomes S times the old one: the posed mesh, S times larger.
 *
 * Lengths in the model: node world translations, mesh points (posed and rest), morph deltas,
 * joint centres, ends and current translations, motion translations (joint tracks, and the
 * translation of each animated node's world matrix per frame), camera distances (near,
 * far, focus) and light sizes. Rotations, node scales, normals, UVs and angles stay; so does the
 * USDA writer's own point-light radius (`pointLightRadiusCm`), an option, not scene data.
 */
import type { Mesh, MorphTarget } from '../scene/mesh.js';
import type { Motion } from '../scene/motion.js';
import type { Scene } from '../scene/scene.js';
import type { SceneNode } from '../scene/scene-node.js';
import type { Joint, Skeleton } from '../scene/skeleton.js';

/** A copy of `scene` with every length times `s` (the scene itself when `s` is 1). */
export function scaleScene(scene: Scene, s: number): Scene {
  if (s === 1) return scene;
  const times = (a: Float32Array) => a.map((v) => v * s);
  const vec3 = (v: [number, number, number]): [number, number, number] => [v[0] * s, v[1] * s, v[2] * s];
  return {
    ...scene,
    nodes: scene.nodes.map((n): SceneNode => {
      const worldMatrix = Float64Array.from(n.worldMatrix);
      for (const i of [12, 13, 14]) worldMatrix[i] *= s;
      return { ...n, worldMatrix };
    }),
    meshes: scene.meshes.map(
      (m): Mesh => ({
        ...m,
        positions: times(m.positions),
        ...(m.rest
          ? {
              rest: {
                ...m.rest,
                positions: times(m.rest.positions),
                morphs: m.rest.morphs.map((t): MorphTarget => ({ ...t, deltas: times(t.deltas) })),
              },
            }
          : {}),
      }),
    ),
    skeletons: scene.skeletons.map(
      (k): Skeleton => ({
        ...k,
        joints: k.joints.map(
          (j): Joint => ({
            ...j,
            origin: vec3(j.origin),
            end: vec3(j.end),
            translation: vec3(j.translation),
          }),
        ),
      }),
    ),
    motions: scene.motions.map(
      (m): Motion => ({
        ...m,
        tracks: m.tracks.map((t) => (t.translations ? { ...t, translations: times(t.translations) } : t)),
        ...(m.nodeTracks
          ? {
              nodeTracks: m.nodeTracks.map((t) => {
                const worldMatrices = Float64Array.from(t.worldMatrices);
                for (let f = 0; f < worldMatrices.length; f += 16)
                  for (const i of [12, 13, 14]) worldMatrices[f + i] *= s;
                return { ...t, worldMatrices };
              }),
            }
          : {}),
      }),
    ),
    cameras: scene.cameras.map((c) => ({
      ...c,
      nearCm: c.nearCm * s,
      farCm: c.farCm * s,
      focalDistanceCm: c.focalDistanceCm * s,
    })),
    lights: scene.lights.map((l) => ({ ...l, widthCm: l.widthCm * s, heightCm: l.heightCm * s })),
  };
}
