/** Small BVH texts for unit tests, one line per array entry. */

export function bvh(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A root with 6 channels and one child with 3 and an End Site: 9 channels. */
export const TWO_JOINT_HIERARCHY = [
  'HIERARCHY',
  'ROOT Hips',
  '{',
  '  OFFSET 0 0 0',
  '  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation',
  '  JOINT Spine',
  '  {',
  '    OFFSET 0 5 0',
  '    CHANNELS 3 Zrotation Xrotation Yrotation',
  '    End Site',
  '    {',
  '      OFFSET 0 2 0',
  '    }',
  '  }',
  '}',
];

/** TWO_JOINT_HIERARCHY with two frames: values 1…9 and 10…18. Lines: MOTION is line 16, frames 19 and 20. */
export const TWO_JOINTS = bvh(
  ...TWO_JOINT_HIERARCHY,
  'MOTION',
  'Frames: 2',
  'Frame Time: 0.5',
  '1 2 3 4 5 6 7 8 9',
  '10 11 12 13 14 15 16 17 18',
);

/** TWO_JOINT_HIERARCHY followed by `motion` lines. */
export function twoJoints(...motion: string[]): string {
  return bvh(...TWO_JOINT_HIERARCHY, ...motion);
}
