/**
 * `dazport inspect --bone-map-template` as a user runs it: on a clip whose naming is only partly
 * known, inspect still succeeds, writes (or prints) the template, and the filled template makes
 * the body complete.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBoneMapTemplate } from '../../src/bonemaps/bone-map-template.js';
import { chooseJointMapping } from '../../src/bonemaps/choose-mapping.js';
import { runCli } from '../helpers/cli.js';

/** Joint → parent for a Rokoko-like skeleton whose shins and feet have made-up names. */
const PARENT: [string, string | null][] = [
  ['Hips', null],
  ['LeftThigh', 'Hips'],
  ['LeftLowerShin', 'LeftThigh'],
  ['LeftAnkleFoot', 'LeftLowerShin'],
  ['LeftToe', 'LeftAnkleFoot'],
  ['RightThigh', 'Hips'],
  ['RightLowerShin', 'RightThigh'],
  ['RightAnkleFoot', 'RightLowerShin'],
  ['RightToe', 'RightAnkleFoot'],
  ['Spine1', 'Hips'],
  ['Spine2', 'Spine1'],
  ['Spine3', 'Spine2'],
  ['Spine4', 'Spine3'],
  ['Neck', 'Spine4'],
  ['Head', 'Neck'],
  ['LeftShoulder', 'Spine4'],
  ['LeftArm', 'LeftShoulder'],
  ['LeftForeArm', 'LeftArm'],
  ['LeftHand', 'LeftForeArm'],
  ['RightShoulder', 'Spine4'],
  ['RightArm', 'RightShoulder'],
  ['RightForeArm', 'RightArm'],
  ['RightHand', 'RightForeArm'],
];

/** A two-frame BVH of that skeleton (offsets 10 units down the tree), joints in PARENT order. */
function rokokoLikeBvh(): string {
  const children = (name: string) => PARENT.filter(([, p]) => p === name).map(([c]) => c);
  const lines: string[] = ['HIERARCHY'];
  const write = (name: string, depth: number) => {
    const pad = '  '.repeat(depth);
    lines.push(`${pad}${depth ? 'JOINT' : 'ROOT'} ${name}`, `${pad}{`);
    lines.push(`${pad}  OFFSET 0 ${depth ? 10 : 0} 0`);
    lines.push(
      `${pad}  CHANNELS ${depth ? '3' : '6 Xposition Yposition Zposition'} Zrotation Xrotation Yrotation`,
    );
    const kids = children(name);
    if (kids.length) for (const kid of kids) write(kid, depth + 1);
    else lines.push(`${pad}  End Site`, `${pad}  {`, `${pad}    OFFSET 0 5 0`, `${pad}  }`);
    lines.push(`${pad}}`);
  };
  write('Hips', 0);
  const channels = 6 + 3 * (PARENT.length - 1);
  const frame = new Array(channels).fill('0').join(' ');
  lines.push('MOTION', 'Frames: 2', 'Frame Time: 0.033333', frame, frame, '');
  return lines.join('\n');
}

describe('inspect --bone-map-template', () => {
  let dir: string;
  let clip: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-inspect-template-'));
    clip = join(dir, 'take.bvh');
    writeFileSync(clip, rokokoLikeBvh());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the missing body joints without failing, and writes the template', async () => {
    const out = join(dir, 'map.json');
    const r = await runCli(['inspect', clip, '--bone-map-template', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('convention: Rokoko (Newton skeleton)');
    expect(r.stdout).toContain('missing body joints: l_shin, l_foot, r_shin, r_foot');
    expect(r.stdout).toContain(`bone map template: ${out}`);
    const template = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(template.joints)).toEqual(PARENT.map(([name]) => name));
    expect(template.joints).toMatchObject({
      LeftThigh: 'l_thigh',
      Spine4: 'chestUpper',
      LeftLowerShin: null,
    });
    expect(template.missing).toEqual(['l_shin', 'l_foot', 'r_shin', 'r_foot']);

    // Without a file the template alone goes to stdout, the same text.
    const printed = await runCli(['inspect', clip, '--bone-map-template']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toBe(readFileSync(out, 'utf8'));
  });

  it('the filled template completes the body', async () => {
    const out = join(dir, 'filled.json');
    // The same template inspect writes, built in-process (one CLI run fewer).
    const names = PARENT.map(([name]) => name);
    const { mapping } = chooseJointMapping(names, { allowPartial: true });
    const template = buildBoneMapTemplate(names, mapping, { clip });
    Object.assign(template.joints, {
      LeftLowerShin: 'l_shin',
      LeftAnkleFoot: 'l_foot',
      RightLowerShin: 'r_shin',
      RightAnkleFoot: 'r_foot',
    });
    writeFileSync(out, JSON.stringify(template, null, 2));
    const r = await runCli(['--json', 'inspect', clip, '--bone-map', out]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.missingBodyJoints).toEqual([]);
    expect(report.unmapped).toEqual([]);
    expect(report.mapped).toMatchObject({
      LeftLowerShin: 'l_shin',
      RightAnkleFoot: 'r_foot',
      Spine1: 'spineLower',
    });
  });
});
