import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANONICAL_JOINTS } from '../../src/bonemaps/canonical.js';
import { normalizeJointName } from '../../src/bonemaps/conventions/convention.js';
import { SOURCE_CONVENTIONS } from '../../src/bonemaps/conventions/tables.js';
import { getSkeletonDefinition } from '../../src/bonemaps/genesis/index.js';

describe('normalizeJointName', () => {
  it.each([
    // namespaces, paths and rig prefixes
    ['mixamorig:LeftArm', 'leftarm'],
    ['mixamorig1:LeftArm', 'leftarm'],
    ['mixamorigLeftArm', 'leftarm'],
    ['mixamorig_LeftArm', 'leftarm'],
    ['Char1:ref:Spine', 'spine'],
    ['Armature|Hips', 'hips'],
    ['|Root|Hips|Spine1', 'spine1'],
    ['Character1_LeftUpLeg', 'leftupleg'],
    ['Bip01 L Thigh', 'leftthigh'],
    ['Bip001 R UpperArm', 'rightupperarm'],
    ['Bip01_Spine1', 'spine1'],
    ['Bip01', 'bip01'],
    // separators and case
    ['Left_Up_Leg', 'leftupleg'],
    ['left up leg', 'leftupleg'],
    ['LEFT-UP-LEG', 'leftupleg'],
    // every spelling of a side
    ['UpperArm_L', 'leftupperarm'],
    ['upperarm.L', 'leftupperarm'],
    ['upperarm_l', 'leftupperarm'],
    ['L_UpperArm', 'leftupperarm'],
    ['l_upperarm', 'leftupperarm'],
    ['LeftUpperArm', 'leftupperarm'],
    ['UpperArmLeft', 'leftupperarm'],
    ['Upper Arm Left', 'leftupperarm'],
    ['Shoulder_R', 'rightshoulder'],
    ['lHip', 'lefthip'],
    ['hip_l', 'lefthip'],
    ['LeftHip', 'lefthip'],
    ['rShldrBend', 'rightshldrbend'],
    ['LThumb', 'leftthumb'],
    ['RHipJoint', 'righthipjoint'],
    ['lTorso_Clavicle', 'lefttorsoclavicle'],
    // names that only look like they carry a side
    ['LowerBack', 'lowerback'],
    ['lowerJaw', 'lowerjaw'],
    ['RootJoint', 'rootjoint'],
    ['Reference', 'reference'],
    ['L1', 'l1'],
    ['LUMBAR', 'lumbar'],
    ['Left', 'left'],
    ['pelvis_lowerback', 'pelvislowerback'],
    ['HeadTop_End', 'headtopend'],
  ])('%s → %s', (name, key) => {
    expect(normalizeJointName(name)).toBe(key);
  });

  it('takes a one-letter side before a word that starts like the other spelling (lEfta is l + Efta)', () => {
    expect(normalizeJointName('lEfta')).toBe('leftefta');
    expect(normalizeJointName('rIghtward')).toBe('rightightward');
    expect(normalizeJointName('LEFTARM')).toBe('leftarm');
  });

  // A word as exporters write joint names: a capital, then lower-case letters, maybe a digit.
  const word = fc
    .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.stringMatching(/^[a-z]{2,7}[0-9]?$/))
    .map(([first, rest]) => first + rest);
  const baseName = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(''));

  it('every side spelling of a name gives one key, and left and right give different keys', () => {
    const spellings = (base: string, side: 'Left' | 'Right') => {
      const l = side[0];
      const snake = base.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_');
      return [
        `${side}${base}`,
        `${side}_${snake}`,
        `${base}_${l}`,
        `${base}.${l}`,
        `${snake.toLowerCase()}_${l.toLowerCase()}`,
        `${l}_${base}`,
        `${l.toLowerCase()}${base}`,
        `${base}${side}`,
        `mixamorig:${side}${base}`,
        `Armature|${base}.${l}`,
      ];
    };
    fc.assert(
      fc.property(baseName, (base) => {
        const left = new Set(spellings(base, 'Left').map(normalizeJointName));
        const right = new Set(spellings(base, 'Right').map(normalizeJointName));
        expect([...left]).toEqual([`left${base.toLowerCase()}`]);
        expect([...right]).toEqual([`right${base.toLowerCase()}`]);
      }),
      { numRuns: 300 },
    );
  });

  it('a name without a side marker keeps its letters; prefixes and namespaces never change the key', () => {
    fc.assert(
      fc.property(
        baseName,
        fc.constantFrom('', 'mixamorig:', 'ns:sub:', 'Armature|', 'Character1_'),
        (base, prefix) => {
          // `L`/`R` followed by a capitalised word is a side (LThumb); keep those out.
          fc.pre(!/^(?:[LR][A-Z]|Left|Right)/.test(base));
          expect(normalizeJointName(prefix + base)).toBe(base.toLowerCase());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges no two bones of a Genesis figure', () => {
    for (const id of ['genesis9', 'genesis8female', 'genesis8male'] as const) {
      const names = getSkeletonDefinition(id).bones.map((b) => b.name);
      const keys = new Map<string, string>();
      for (const name of names) {
        const key = normalizeJointName(name);
        expect(keys.get(key), `${id}: ${name} and ${keys.get(key)} → ${key}`).toBeUndefined();
        keys.set(key, name);
      }
    }
  });

  it('no convention lists one normalised name for two canonical joints, or maps a name it ignores', () => {
    for (const convention of SOURCE_CONVENTIONS) {
      const owner = new Map<string, string>();
      for (const [joint, aliases] of Object.entries(convention.joints)) {
        expect(CANONICAL_JOINTS).toContain(joint);
        for (const alias of aliases ?? []) {
          const key = normalizeJointName(alias);
          const previous = owner.get(key);
          expect(
            previous === undefined || previous === joint,
            `${convention.id}: ${alias} → ${previous} and ${joint}`,
          ).toBe(true);
          owner.set(key, joint);
        }
      }
      for (const name of [...(convention.spine ?? []), ...(convention.ignored ?? [])]) {
        expect(
          owner.has(normalizeJointName(name)),
          `${convention.id}: ${name} is both named and chain/ignored`,
        ).toBe(false);
      }
    }
  });
});
