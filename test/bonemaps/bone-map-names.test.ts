/**
 * A user bone map accepts the names the docs, templates and errors use: every canonical joint
 * (clavicle, not only collar, in any case), and the common synonyms (`l_collar`, `r_upperLeg`,
 * `pelvis` …) for the same joints. Every name a template or a coverage error writes reads back.
 */
import { describe, expect, it } from 'vitest';
import { CANONICAL_JOINTS } from '../../src/bonemaps/canonical.js';
import { canonicalJointNamed } from '../../src/bonemaps/canonical-names.js';
import { parseUserBoneMap } from '../../src/bonemaps/user-map.js';

const parse = (joints: Record<string, string | null>) =>
  parseUserBoneMap(JSON.stringify({ joints }), 'map.json');

describe('names a bone map accepts', () => {
  it('every canonical joint, as written and in another case', () => {
    const joints = Object.fromEntries(CANONICAL_JOINTS.map((j) => [`src_${j}`, j]));
    const upper = Object.fromEntries(CANONICAL_JOINTS.map((j) => [`up_${j}`, j.toUpperCase()]));
    const map = parse({ ...joints, ...upper });
    for (const j of CANONICAL_JOINTS) expect(map.joints[j]).toEqual([`up_${j}`, `src_${j}`]);
  });

  it('collar and the other synonyms map to their canonical joints, on both sides', () => {
    const map = parse({
      LCollar: 'l_collar',
      RCollar: 'r_collar',
      LThigh: 'l_upperLeg',
      RCalf: 'r_calf',
      LForearm: 'l_lowerArm',
      Pelvis: 'pelvis',
      LToe: 'l_toe',
    });
    expect(map.joints.l_clavicle).toEqual(['LCollar']);
    expect(map.joints.r_clavicle).toEqual(['RCollar']);
    expect(map.joints.l_thigh).toEqual(['LThigh']);
    expect(map.joints.r_shin).toEqual(['RCalf']);
    expect(map.joints.l_forearm).toEqual(['LForearm']);
    expect(map.joints.hips).toEqual(['Pelvis']);
    expect(map.joints.l_toes).toEqual(['LToe']);
    expect(canonicalJointNamed('collar')).toBeUndefined(); // a side joint needs its side
  });

  it('an unknown name fails naming the entry, the value and what is accepted', () => {
    expect(() => parse({ LArm: 'l_arm' })).toThrowError(
      expect.objectContaining({
        code: 'DAZPORT_BONEMAP_INVALID',
        message: expect.stringMatching(
          /map\.json: joints\.LArm: expected .*l_clavicle.*l_collar = l_clavicle.*got "l_arm"/,
        ),
      }),
    );
  });
});
