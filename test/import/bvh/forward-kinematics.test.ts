import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BvhClip,
  createBvhPose,
  forwardKinematics,
  forwardKinematicsFrames,
  parseBvh,
} from '../../../src/import/bvh/index.js';
import { expectClose } from '../../helpers/expect-close.js';
import { ownBvhFixture, readText } from './helpers/bvh-fixtures.js';
import { bvh } from './helpers/bvh-text.js';

const sixChannel = () => parseBvh(readText(ownBvhFixture('six-channel-joints.bvh')), 'six.bvh');

/** Joint positions of `pose` as [x, y, z] triples. */
function triples(values: Float64Array): number[][] {
  return Array.from({ length: values.length / 3 }, (_, j) => Array.from(values.subarray(j * 3, j * 3 + 3)));
}

describe('forwardKinematics: hand-computed poses (six-channel-joints.bvh, frame 0)', () => {
  // Frame 0: Hips pos (1,2,3) rot Z90; Spine pos (0.5,1,-0.5) rot X90; Neck rot Y90;
  // Prop pos (1,2,3); Slider Yposition 7, Zrotation -90. OFFSETs: Hips (10,20,30), Spine (0,8,0),
  // Neck (0,6,1), Prop (4,0,0), Slider (-5,-2,0). Rz90: (x,y,z) → (-y,x,z); Rx90: (x,y,z) → (x,-z,y);
  // Ry90: (x,y,z) → (z,y,-x).
  it("'replace': position channels are the translation, OFFSET fills the axes without one", () => {
    const pose = forwardKinematics(sixChannel(), 0, { endSites: true });
    const positions = triples(pose.positions);
    const expected = [
      [1, 2, 3], // Hips: its channels, not OFFSET + channels
      [0, 2.5, 2.5], // Spine: Hips + Rz90·(0.5, 1, -0.5)
      [1, 2.5, 8.5], // Neck: Spine + Rz90·Rx90·(0, 6, 1)
      [3, 3.5, 4.5], // Prop: Spine + Rz90·Rx90·(1, 2, 3)
      [-6, -3, 3], // Slider: Hips + Rz90·(-5 from OFFSET, 7 from Yposition, 0 from OFFSET)
    ];
    positions.forEach((p, j) => {
      expectClose(p, expected[j], 12, `joint ${j}`);
    });
    const ends = triples(pose.endSitePositions!);
    expectClose(ends[2], [1, 2.5, 11.5], 12, 'Neck End Site'); // Neck + Rz90·Rx90·Ry90·(0,3,0)
    expectClose(ends[3], [3, 4.5, 4.5], 12, 'Prop End Site'); // Prop + Rz90·Rx90·(1,0,0)
    expectClose(ends[4], [-6, -7, 3], 12, 'Slider End Site'); // rotation Rz90·Rz-90 = identity
    expect(ends[0].every(Number.isNaN) && ends[1].every(Number.isNaN)).toBe(true);
  });

  it("'add': translation = OFFSET + channel values (three.js)", () => {
    const pose = forwardKinematics(sixChannel(), 0, { positionMode: 'add', endSites: true });
    const expected = [
      [11, 22, 33],
      [2, 22.5, 32.5], // Hips + Rz90·(0.5, 9, -0.5)
      [3, 22.5, 38.5],
      [5, 27.5, 34.5], // Spine + Rz90·Rx90·(5, 2, 3)
      [6, 17, 33], // Hips + Rz90·(-5, 5, 0)
    ];
    triples(pose.positions).forEach((p, j) => {
      expectClose(p, expected[j], 12, `joint ${j}`);
    });
    expectClose(triples(pose.endSitePositions!)[4], [6, 13, 33], 12, 'Slider End Site');
  });

  it('world rotations are unit quaternions [x, y, z, w] composed parent · local', () => {
    const pose = forwardKinematics(sixChannel(), 0);
    const h = Math.SQRT1_2;
    expectClose(pose.rotations.subarray(0, 4), [0, 0, h, h], 12, 'Hips: Rz90');
    expectClose(pose.rotations.subarray(4, 8), [0.5, 0.5, 0.5, 0.5], 12, 'Spine: Rz90·Rx90');
    expectClose(pose.rotations.subarray(16, 20), [0, 0, 0, 1], 12, 'Slider: Rz90·Rz-90');
  });
});

describe('forwardKinematics: rotation channels compose in file order, intrinsic', () => {
  function chain(channels: string, values: string): BvhClip {
    return parseBvh(
      bvh(
        'HIERARCHY',
        'ROOT R',
        '{',
        'OFFSET 0 0 0',
        `CHANNELS 3 ${channels}`,
        'JOINT C',
        '{',
        'OFFSET 0 1 0',
        'CHANNELS 0',
        '}',
        '}',
        'MOTION',
        'Frames: 1',
        'Frame Time: 1',
        values,
      ),
      'chain.bvh',
    );
  }

  it('"Zrotation Xrotation Yrotation" 90 90 0 is Rz·Rx: (0,1,0) → (0,0,1)', () => {
    const pose = forwardKinematics(chain('Zrotation Xrotation Yrotation', '90 90 0'), 0);
    expectClose(pose.positions.subarray(3, 6), [0, 0, 1], 12);
  });

  it('"Xrotation Zrotation Yrotation" with the same angles is Rx·Rz: (0,1,0) → (-1,0,0)', () => {
    const pose = forwardKinematics(chain('Xrotation Zrotation Yrotation', '90 90 0'), 0);
    expectClose(pose.positions.subarray(3, 6), [-1, 0, 0], 12);
  });

  it('matches a 4×4 matrix reference for every rotation order and random angles and offsets', () => {
    const orders = ['XYZ', 'XZY', 'YXZ', 'YZX', 'ZXY', 'ZYX'];
    const angle = fc.double({ min: -360, max: 360, noNaN: true });
    const coordinate = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom(...orders),
        fc.constantFrom(...orders),
        fc.array(angle, { minLength: 6, maxLength: 6 }),
        fc.array(coordinate, { minLength: 9, maxLength: 9 }),
        (order1, order2, angles, c) => {
          const names = (o: string) => [...o].map((a) => `${a}rotation`).join(' ');
          const text = bvh(
            'HIERARCHY',
            'ROOT A',
            '{',
            `OFFSET ${c[0]} ${c[1]} ${c[2]}`,
            `CHANNELS 6 Xposition Yposition Zposition ${names(order1)}`,
            'JOINT B',
            '{',
            `OFFSET ${c[3]} ${c[4]} ${c[5]}`,
            `CHANNELS 3 ${names(order2)}`,
            `End Site { OFFSET ${c[6]} ${c[7]} ${c[8]} }`,
            '}',
            '}',
            'MOTION',
            'Frames: 1',
            'Frame Time: 1',
            `${c[2]} ${c[0]} ${c[1]} ${angles.join(' ')}`,
          );
          const clip = parseBvh(text, 'random.bvh', { precision: 'float64' });
          const pose = forwardKinematics(clip, 0, { endSites: true });
          const rootLocal = multiply(
            translation([c[2], c[0], c[1]]),
            eulerMatrix(order1, angles.slice(0, 3)),
          );
          const childWorld = multiply(
            rootLocal,
            multiply(translation(c.slice(3, 6)), eulerMatrix(order2, angles.slice(3, 6))),
          );
          expectClose(pose.positions.subarray(0, 3), [rootLocal[3], rootLocal[7], rootLocal[11]], 9, 'A');
          expectClose(pose.positions.subarray(3, 6), [childWorld[3], childWorld[7], childWorld[11]], 9, 'B');
          const end = apply(childWorld, c.slice(6, 9));
          expectClose(pose.endSitePositions!.subarray(3, 6), end, 9, 'End Site');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('forwardKinematics: arrays and options', () => {
  it('fills a caller-supplied pose and returns it', () => {
    const clip = sixChannel();
    const pose = createBvhPose(clip.joints.length, true);
    expect(forwardKinematics(clip, 0, { target: pose })).toBe(pose);
    const first = Array.from(pose.positions);
    forwardKinematics(clip, 3, { target: pose });
    expect(Array.from(pose.positions)).not.toEqual(first);
    expect(forwardKinematics(clip, 0).endSitePositions).toBeNull();
  });

  it('rejects frames outside the clip', () => {
    const clip = sixChannel();
    expect(() => forwardKinematics(clip, clip.frameCount)).toThrow(RangeError);
    expect(() => forwardKinematics(clip, -1)).toThrow(RangeError);
    expect(() => forwardKinematics(clip, 0.5)).toThrow(RangeError);
  });

  it('forwardKinematicsFrames gives every frame, as frame-by-frame calls do', () => {
    const clip = sixChannel();
    const all = forwardKinematicsFrames(clip, { positionMode: 'add', endSites: true });
    expect(all.frames).toEqual([0, 1, 2, 3, 4, 5]);
    const j = clip.joints.length;
    for (const f of all.frames) {
      const pose = forwardKinematics(clip, f, { positionMode: 'add', endSites: true });
      expect(Array.from(all.positions.subarray(f * j * 3, (f + 1) * j * 3))).toEqual(
        Array.from(pose.positions),
      );
      expect(Array.from(all.rotations.subarray(f * j * 4, (f + 1) * j * 4))).toEqual(
        Array.from(pose.rotations),
      );
    }
    expect(forwardKinematicsFrames(clip, { frames: [5, 0] }).positions).toHaveLength(2 * j * 3);
  });

  it('poses several roots independently', () => {
    const clip = parseBvh(readText(ownBvhFixture('multi-root.bvh')), 'multi.bvh');
    const pose = forwardKinematics(clip, 1, { endSites: true });
    // Actor moved to (1,2,3), Hand rotated Z90 at (2,2,3); Prop: OFFSET (5,0,0), Z90.
    expect(triples(pose.positions).map((p) => p.map((v) => Math.round(v * 1e9) / 1e9))).toEqual([
      [1, 2, 3],
      [2, 2, 3],
      [5, 0, 0],
    ]);
    expectClose(triples(pose.endSitePositions!)[1], [2, 3, 3], 12, 'Hand End Site'); // Rz90·(1,0,0)
    expectClose(triples(pose.endSitePositions!)[2], [3, 0, 0], 12, 'Prop End Site'); // Rz90·(0,2,0)
  });
});

// ─── a 4×4 row-major matrix reference, independent of the quaternion code under test ───

type M4 = number[];

function translation([x, y, z]: number[]): M4 {
  return [1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z, 0, 0, 0, 1];
}

function axisRotation(axis: string, degrees: number): M4 {
  const r = (degrees * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  if (axis === 'X') return [1, 0, 0, 0, 0, c, -s, 0, 0, s, c, 0, 0, 0, 0, 1];
  if (axis === 'Y') return [c, 0, s, 0, 0, 1, 0, 0, -s, 0, c, 0, 0, 0, 0, 1];
  return [c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

/** R = R(first) · R(second) · R(third), angles given in the order's own order. */
function eulerMatrix(order: string, angles: number[]): M4 {
  return [...order].reduce(
    (m, axis, i) => multiply(m, axisRotation(axis, angles[i])),
    translation([0, 0, 0]),
  );
}

function multiply(a: M4, b: M4): M4 {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) out[r * 4 + c] += a[r * 4 + k] * b[k * 4 + c];
  return out;
}

function apply(m: M4, [x, y, z]: number[]): number[] {
  return [0, 1, 2].map((r) => m[r * 4] * x + m[r * 4 + 1] * y + m[r * 4 + 2] * z + m[r * 4 + 3]);
}
