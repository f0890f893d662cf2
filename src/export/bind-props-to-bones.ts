/**
 * A prop parented to a bone (a sword in a hand, the Poser figure's ball) follows that bone in
 * rigged output: its mesh is bound rigidly to the bone's joint (weight 1 on every vertex), so
 * glTF and USD move it with the joint as they move the figure's skin, in an engine's own
 * animation as in the exported one. Without this its posed world-space vertices were written as
 * they stand, and the prop stayed in the air when the hand moved.
 *
 * The writers skin a rest vertex p as J · T(−c) · p, J the joint's world frame (the bone node's
 * worldMatrix, the frame glTF and USD joints get) and c the joint's rest centre
 * (gltf/skin.ts). So the rest position that lands on the posed world vertex v in the current
 * pose is p = c + J⁻¹ · v: at the exported pose the prop is exactly where DAZ has it.
 *
 * Posed output is not touched, nor are meshes with a skin of their own (figures). A prop under a
 * prop under a bone binds to that bone too. A held prop with morph targets is left where it
 * stands, with a warning: its targets' deltas would have to move into the joint's frame too.
 */
import { mat4 } from 'gl-matrix';
import type { Mesh } from '../scene/mesh.js';
import type { Scene } from '../scene/scene.js';
import { ancestorsOf } from '../scene/scene-node.js';

export interface BoundScene {
  scene: Scene;
  warnings: string[];
}

export function bindPropsToBones(scene: Scene): BoundScene {
  const warnings: string[] = [];
  const jointOfNode = new Map<number, { skeleton: number; joint: number }>();
  for (const [skeleton, s] of scene.skeletons.entries())
    for (const [joint, j] of s.joints.entries())
      if (j.node >= 0) jointOfNode.set(j.node, { skeleton, joint });
  if (jointOfNode.size === 0) return { scene, warnings };
  let bound = 0;
  const meshes = scene.meshes.map((mesh): Mesh => {
    if (mesh.rest?.skin || mesh.space !== 'world') return mesh;
    const bone = nearestBone(scene, mesh.node);
    const target = bone === undefined ? undefined : jointOfNode.get(bone);
    if (bone === undefined || !target) return mesh;
    if (mesh.rest?.morphs.length) {
      warnings.push(
        `${scene.nodes[mesh.node].label}: held by the bone ${scene.nodes[bone].name}, but it has morph targets; written where it stands, not moving with the bone`,
      );
      return mesh;
    }
    const inverse = mat4.invert(new Float64Array(16), scene.nodes[bone].worldMatrix);
    if (!inverse) return mesh; // a degenerate bone frame (zero scale): left as posed
    const centre = scene.skeletons[target.skeleton].joints[target.joint].origin;
    const count = mesh.positions.length / 3;
    const rest = new Float32Array(mesh.positions.length);
    const m = inverse as Float64Array;
    for (let v = 0; v < count; v++) {
      const x = mesh.positions[3 * v];
      const y = mesh.positions[3 * v + 1];
      const z = mesh.positions[3 * v + 2];
      rest[3 * v] = centre[0] + m[0] * x + m[4] * y + m[8] * z + m[12];
      rest[3 * v + 1] = centre[1] + m[1] * x + m[5] * y + m[9] * z + m[13];
      rest[3 * v + 2] = centre[2] + m[2] * x + m[6] * y + m[10] * z + m[14];
    }
    bound++;
    return {
      ...mesh,
      rest: {
        positions: rest,
        skin: {
          skeleton: target.skeleton,
          joints: [
            {
              joint: target.joint,
              indices: Uint32Array.from({ length: count }, (_, i) => i),
              weights: new Float32Array(count).fill(1),
            },
          ],
        },
        morphs: [],
      },
    };
  });
  return { scene: bound ? { ...scene, meshes } : scene, warnings };
}

/** The first bone above `node` (through props and groups), or undefined at a figure or the root. */
function nearestBone(scene: Scene, node: number): number | undefined {
  for (const up of ancestorsOf(scene.nodes, node)) {
    if (scene.nodes[up].kind === 'bone') return up;
    if (scene.nodes[up].kind === 'figure') return undefined;
  }
  return undefined;
}
