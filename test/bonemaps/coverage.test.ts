import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingBodyJoints, REQUIRED_BODY_JOINTS } from '../../src/bonemaps/body-coverage.js';
import { buildBoneMapTemplate, formatBoneMapTemplate } from '../../src/bonemaps/bone-map-template.js';
import { type CanonicalJoint, isBodyJoint } from '../../src/bonemaps/canonical.js';
import { chooseJointMapping } from '../../src/bonemaps/choose-mapping.js';
import { RetargetCoverageError } from '../../src/bonemaps/coverage-error.js';
import { mapJoints } from '../../src/bonemaps/detect-convention.js';
import { readUserBoneMap } from '../../src/bonemaps/user-map.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { suggestionFor } from '../../src/errors.js';

/**
 * A Rokoko-like clip whose shins and feet a studio tool renamed (made-up names): the rest is
 * Newton's, and a tail no convention knows.
 */
const ROKOKO_LIKE = [
  'Hips',
  'LeftThigh',
  'LeftLowerShin',
  'LeftAnkleFoot',
  'LeftToe',
  'RightThigh',
  'RightLowerShin',
  'RightAnkleFoot',
  'RightToe',
  'Spine1',
  'Spine2',
  'Spine3',
  'Spine4',
  'LeftShoulder',
  'LeftArm',
  'LeftForeArm',
  'LeftHand',
  'RightShoulder',
  'RightArm',
  'RightForeArm',
  'RightHand',
  'Neck',
  'Head',
  'Tail',
];
const LEGS = ['l_shin', 'l_foot', 'r_shin', 'r_foot'];

function coverageError(names: readonly string[], options = {}): RetargetCoverageError {
  try {
    chooseJointMapping(names, options);
  } catch (err) {
    if (err instanceof RetargetCoverageError) return err;
    throw err;
  }
  throw new Error('chooseJointMapping accepted a partial mapping');
}

describe('body coverage', () => {
  it('requires hips, head, a spine joint and both arms and legs down to hands and feet', () => {
    expect(REQUIRED_BODY_JOINTS).toEqual([
      'hips',
      'spine',
      'head',
      'l_upperArm',
      'l_forearm',
      'l_hand',
      'l_thigh',
      'l_shin',
      'l_foot',
      'r_upperArm',
      'r_forearm',
      'r_hand',
      'r_thigh',
      'r_shin',
      'r_foot',
    ]);
    const only = (joints: CanonicalJoint[]) => ({ canonical: new Map(joints.map((j, i) => [i, j])) });
    expect(missingBodyJoints(only(['hips', 'chestUpper', 'head']))).toEqual(REQUIRED_BODY_JOINTS.slice(3));
    expect(missingBodyJoints(only(['hips', 'head']))).toContain('spine');
  });

  it('stops with the missing joints, the unmapped names, both forms of the advice and exit 2', () => {
    const err = coverageError(ROKOKO_LIKE);
    expect(err.code).toBe('DAZPORT_RETARGET_COVERAGE');
    expect(exitCodeFor(err.code)).toBe(2);
    expect(err.missing).toEqual(LEGS);
    expect(err.unmapped).toEqual([
      'LeftLowerShin',
      'LeftAnkleFoot',
      'RightLowerShin',
      'RightAnkleFoot',
      'Tail',
    ]);
    expect(err.message).toMatch(
      /^4 body joints have no source joint under the Rokoko \(Newton skeleton\) naming/,
    );
    expect(err.message).toContain(': l_shin, l_foot, r_shin, r_foot;');
    expect(err.message).toContain('source joints not mapped: LeftLowerShin, LeftAnkleFoot, RightLowerShin');
    const cli = suggestionFor(err, 'cli') ?? '';
    expect(cli).toContain('--bone-map map.json');
    expect(cli).toContain('dazport inspect <clip> --bone-map-template map.json');
    expect(cli).toContain('--allow-partial');
    const library = suggestionFor(err, 'library') ?? '';
    expect(library).toMatch(/boneMapFile.*allowPartial: true/);
    expect(library).not.toContain('--');
    expect(err.context).toMatchObject({ missing: LEGS, convention: 'Rokoko (Newton skeleton)' });
  });

  it('allowPartial lets the partial mapping through, legs unmapped', () => {
    const { mapping } = chooseJointMapping(ROKOKO_LIKE, { allowPartial: true });
    expect(mapping.convention.id).toBe('rokoko');
    expect(missingBodyJoints(mapping)).toEqual(LEGS);
    expect(mapping.canonical.get(ROKOKO_LIKE.indexOf('Spine4'))).toBe('chestUpper');
  });

  it('a complete mapping passes without allowPartial', () => {
    const names = ROKOKO_LIKE.map((n) => n.replace('LowerShin', 'Shin').replace('AnkleFoot', 'Foot'));
    expect(missingBodyJoints(chooseJointMapping(names).mapping)).toEqual([]);
  });

  it('names the bone map file when the user map itself leaves joints out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dazport-coverage-'));
    try {
      const file = join(dir, 'partial.json');
      writeFileSync(file, JSON.stringify({ convention: 'rokoko', joints: { LeftLowerShin: 'l_shin' } }));
      const err = coverageError(ROKOKO_LIKE, { boneMapFile: file });
      expect(err.missing).toEqual(LEGS.slice(1));
      expect(err.message).toContain(`under the bone map ${file}`);
      expect(suggestionFor(err, 'cli')).toContain(`--bone-map ${file}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bone map template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dazport-template-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every source joint, pre-filled with the detected mapping, the rest null', () => {
    const { mapping } = chooseJointMapping(ROKOKO_LIKE, { allowPartial: true });
    const template = buildBoneMapTemplate(ROKOKO_LIKE, mapping, { clip: 'walk.bvh' });
    expect(Object.keys(template.joints)).toEqual(ROKOKO_LIKE);
    ROKOKO_LIKE.forEach((name, i) => {
      expect(template.joints[name]).toBe(mapping.canonical.get(i) ?? null);
    });
    expect(template.missing).toEqual(LEGS);
    expect(template.unmapped).toEqual(mapping.unmapped);
    expect(template.$comment.join('\n')).toContain('dazport retarget walk.bvh --bone-map');
    // The text is the same object, as JSON.
    expect(JSON.parse(formatBoneMapTemplate(template))).toEqual(template);
  });

  it('filled as a user would, round-trips through readUserBoneMap and maps every body joint', () => {
    const err = coverageError(ROKOKO_LIKE);
    const edited = JSON.parse(err.boneMapTemplate);
    expect(Object.keys(edited.joints)).toEqual(ROKOKO_LIKE);
    Object.assign(edited.joints, {
      LeftLowerShin: 'l_shin',
      LeftAnkleFoot: 'l_foot',
      RightLowerShin: 'r_shin',
      RightAnkleFoot: 'r_foot',
    });
    const file = join(dir, 'map.json');
    writeFileSync(file, JSON.stringify(edited, null, 2));

    const mapping = mapJoints(ROKOKO_LIKE, readUserBoneMap(file));
    expect(missingBodyJoints(mapping)).toEqual([]);
    expect(mapping.unmapped).toEqual([]); // Tail stayed null: left out on purpose
    const body = [...mapping.canonical.values()].filter(isBodyJoint);
    expect(body).toHaveLength(1 + 4 + 2 + 2 * 8);
    // What detection had found is kept as it was.
    const detected = chooseJointMapping(ROKOKO_LIKE, { allowPartial: true }).mapping;
    for (const [index, joint] of detected.canonical) expect(mapping.canonical.get(index)).toBe(joint);
    // And the retarget path accepts it without allowPartial.
    expect(() => chooseJointMapping(ROKOKO_LIKE, { boneMapFile: file })).not.toThrow();
  });
});
