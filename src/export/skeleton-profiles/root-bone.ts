/**
 * Add a root bone to a skeleton: a joint on the floor (figure-space y = 0) under the hip, with
 * the figure's axes, the parent of the hip, as Unreal expects (`root` → `pelvis`). Its scene node
 * goes right before the hip's node, so nodes stay parents-first, and every node index of the
 * scene from there on moves up by one. The joint goes at the END of Skeleton.joints, so skin
 * joint indices stay valid and a vertex no bone weights stays bound to joint 0, the hip, as before
 * (writers order joints parents-first themselves where they must).
 */
import { mat4 } from 'gl-matrix';
import {
  eulerDegreesToQuat,
  type Quat,
  quatConjugate,
  quatInFrame,
  quatNormalize,
} from '../../math/euler.js';
import type { Scene } from '../../scene/scene.js';
import type { SceneNode } from '../../scene/scene-node.js';
import type { Joint } from '../../scene/skeleton.js';

/**
 * Give skeleton `s` of `scene` (arrays the caller owns: they are replaced or spliced) a root bone
 * named `name`; returns the new joint's index, or -1 when the skeleton has no single top joint
 * with a scene node to hang it over.
 */
export function addRootBone(scene: Scene, s: number, name: string): number {
  const tops = scene.skeletons[s].joints.flatMap((j, i) => (j.parent < 0 ? [i] : []));
  if (tops.length !== 1 || scene.skeletons[s].joints[tops[0]].node < 0) return -1;
  const hipIndex = tops[0];
  const at = scene.skeletons[s].joints[hipIndex].node;
  shiftNodeIndices(scene, at);
  const skeleton = scene.skeletons[s];
  const hip = skeleton.joints[hipIndex];
  const originCm: [number, number, number] = [hip.origin[0], 0, hip.origin[2]];
  const node: SceneNode = {
    id: `${scene.nodes[skeleton.node]?.id ?? skeleton.name}#root`,
    name,
    label: 'Root',
    kind: 'bone',
    className: 'DazportRootBone',
    parent: skeleton.node,
    // The hip's node is still at `at` until the root is spliced in before it.
    worldMatrix: rootWorld(scene.nodes[at].worldMatrix, hip, originCm),
    visible: true,
  };
  scene.nodes.splice(at, 0, node);
  const rootIndex = skeleton.joints.length;
  skeleton.joints.push({
    name,
    label: 'Root',
    parent: -1,
    node: at,
    rotationOrder: hip.rotationOrder,
    origin: originCm,
    end: [hip.origin[0], hip.origin[1], hip.origin[2]],
    orientation: [0, 0, 0, 1],
    rotation: [0, 0, 0],
    translation: [0, 0, 0],
  });
  skeleton.joints[hipIndex] = { ...hip, parent: rootIndex };
  scene.nodes[hip.node] = { ...scene.nodes[hip.node], parent: at };
  return rootIndex;
}

/** Every node index ≥ `at`, one up, in new arrays (the scene object itself is the caller's copy). */
function shiftNodeIndices(scene: Scene, at: number): void {
  const up = (i: number) => (i >= at ? i + 1 : i);
  scene.nodes = scene.nodes.map((n) => (n.parent >= at ? { ...n, parent: n.parent + 1 } : n));
  scene.meshes = scene.meshes.map((m) => (m.node >= at ? { ...m, node: m.node + 1 } : m));
  scene.cameras = scene.cameras.map((c) => (c.node >= at ? { ...c, node: c.node + 1 } : c));
  scene.lights = scene.lights.map((l) => (l.node >= at ? { ...l, node: l.node + 1 } : l));
  scene.skeletons = scene.skeletons.map((sk) => ({
    ...sk,
    node: up(sk.node),
    joints: sk.joints.map((j) => (j.node >= at ? { ...j, node: j.node + 1 } : j)),
  }));
  // Scene animation animates nodes by index too (a prop's track must stay on the prop).
  scene.motions = scene.motions.map((m) =>
    m.nodeTracks ? { ...m, nodeTracks: m.nodeTracks.map((t) => ({ ...t, node: up(t.node) })) } : m,
  );
}

/**
 * The root's world frame W_fig · T(origin). W_fig is found from the hip, as the USDA writer finds
 * it (skeleton-layout.ts): the hip's frame (world axes carried by its pose, at its pivot) is
 * W_fig · T(c + t) · (O·R·O⁻¹), so W_fig = hipWorld · (O·R·O⁻¹)⁻¹ · T(−(c + t)).
 */
function rootWorld(hipWorld: ArrayLike<number>, hip: Joint, originCm: readonly number[]): Float64Array {
  const o = quatNormalize(hip.orientation as Quat);
  const r = eulerDegreesToQuat(hip.rotationOrder, hip.rotation[0], hip.rotation[1], hip.rotation[2]);
  const local = quatNormalize(quatInFrame(o, r));
  const m = new Float64Array(16) as unknown as mat4;
  mat4.copy(m, hipWorld as unknown as mat4);
  const unturn = mat4.fromQuat(new Float64Array(16) as unknown as mat4, quatConjugate(local));
  mat4.multiply(m, m, unturn);
  const back = [0, 1, 2].map((k) => originCm[k] - hip.origin[k] - hip.translation[k]);
  mat4.translate(m, m, back);
  return m as unknown as Float64Array;
}
