/**
 * Skeletons → glTF skins (§3.7.3).
 *
 * Joint frames: a joint's node sits at the bone's pivot with WORLD axes at rest (dazport's
 * choice; the alternative, bone-oriented axes, would put O into every rest rotation). With DAZ's
 * bone transform W = W_parent · T(t) · T(c) · O · R · O⁻¹ · T(−c) (src/emulator/dom/node-transform.ts),
 * the joint's world frame is J = W · T(c) (SceneNode.worldMatrix), so:
 * - a joint's local TRS (parent joint p) is translation (c − c_p + t)·0.01, rotation O·R·O⁻¹;
 * - at rest J = T(c), so the inverse bind matrix is T(−c·0.01): the unposed mesh in figure
 *   space (metres) is skinned to J · IBM = W, exactly DAZ's own skinning.
 * The figure node (the skeleton root, `skin.skeleton`) carries the figure's own transform.
 */
import type { Node, Skin } from '@gltf-transform/core';
import { createAccessor } from './attributes.js';
import { CM_TO_M } from './constants.js';
import type { GltfContext } from './context.js';

/** One glTF skin per rigged skeleton, joints in Skeleton.joints order. */
export function buildSkins(ctx: GltfContext): Map<number, Skin> {
  const skins = new Map<number, Skin>();
  for (const s of ctx.riggedSkeletons) {
    const skeleton = ctx.scene.skeletons[s];
    const ibm = new Float32Array(skeleton.joints.length * 16);
    const skin = ctx.doc.createSkin(skeleton.label);
    skeleton.joints.forEach((j, i) => {
      skin.addJoint(ctx.nodes[j.node] as Node);
      const m = i * 16;
      ibm[m] = 1;
      ibm[m + 5] = 1;
      ibm[m + 10] = 1;
      ibm[m + 15] = 1;
      ibm[m + 12] = -j.origin[0] * CM_TO_M;
      ibm[m + 13] = -j.origin[1] * CM_TO_M;
      ibm[m + 14] = -j.origin[2] * CM_TO_M;
    });
    skin.setInverseBindMatrices(createAccessor(ctx, 'MAT4', ibm));
    const root = ctx.nodes[skeleton.node];
    if (root) skin.setSkeleton(root);
    skin.setExtras({ daz: { figureId: ctx.scene.nodes[skeleton.node]?.id, skeleton: skeleton.name } });
    skins.set(s, skin);
  }
  return skins;
}
