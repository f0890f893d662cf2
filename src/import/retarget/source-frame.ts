/**
 * The rotation F taking the capture's own axes onto DAZ's (left +X, up +Y, facing +Z), read off
 * the reference pose: left from the thighs (else the upper arms, clavicles, feet), up from the
 * hips to the top of the trunk.
 */
import type { CanonicalJoint } from '../../bonemaps/canonical.js';
import { DazportError } from '../../errors.js';
import { frameToFrame, snapToAxis } from './quat.js';
import { trunkTop } from './source-reference.js';

export function sourceFrame(
  positions: Float64Array,
  sourceOf: ReadonlyMap<CanonicalJoint, number>,
): Float64Array {
  const at = (c: CanonicalJoint) => {
    const j = sourceOf.get(c);
    return j === undefined ? undefined : [positions[j * 3], positions[j * 3 + 1], positions[j * 3 + 2]];
  };
  const pairsLeft: [CanonicalJoint, CanonicalJoint][] = [
    ['l_thigh', 'r_thigh'],
    ['l_upperArm', 'r_upperArm'],
    ['l_clavicle', 'r_clavicle'],
    ['l_foot', 'r_foot'],
  ];
  let left: number[] | undefined;
  for (const [l, r] of pairsLeft) {
    const a = at(l);
    const b = at(r);
    if (a && b && Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) > 1e-6) {
      left = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
      break;
    }
  }
  const hips = at('hips');
  const topJoint = trunkTop(sourceOf);
  const top =
    topJoint === undefined
      ? undefined
      : [positions[topJoint * 3], positions[topJoint * 3 + 1], positions[topJoint * 3 + 2]];
  if (!left || !hips || !top) {
    throw new DazportError(
      'DAZPORT_RETARGET_COVERAGE',
      'cannot tell the capture’s left and up: map both thighs (or arms) and the head or chest',
    );
  }
  const up = [top[0] - hips[0], top[1] - hips[1], top[2] - hips[2]];
  // Capture axes are axis-aligned in practice: snapping keeps a slight lean of the reference
  // pose (DAZ's own hip → head is 1° off vertical) from tilting the whole capture, and keeps the
  // capture's world directions (where the walk goes) on DAZ's axes. What the snap leaves (a
  // performer standing 20° off an axis in the reference frame) is carried by the torso's rest
  // alignment, so the figure turns with the performer.
  const snapLeft = snapToAxis(left);
  const snapUp = snapToAxis(up);
  const orthogonal = snapLeft[0] * snapUp[0] + snapLeft[1] * snapUp[1] + snapLeft[2] * snapUp[2] === 0;
  return new Float64Array(
    orthogonal
      ? frameToFrame(snapLeft, snapUp, [1, 0, 0], [0, 1, 0])
      : frameToFrame(up, left, [0, 1, 0], [1, 0, 0]),
  );
}
