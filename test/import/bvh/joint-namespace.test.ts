import { describe, expect, it } from 'vitest';
import { getNamespace, parseBvh, stripNamespace } from '../../../src/import/bvh/index.js';
import { ownBvhFixture, readText } from './helpers/bvh-fixtures.js';

describe('joint namespaces', () => {
  it.each([
    ['mixamorig:Hips', 'Hips', 'mixamorig'],
    ['Char1:ref:Spine', 'Spine', 'Char1:ref'],
    ['Hips', 'Hips', ''],
    ['Left Up Leg', 'Left Up Leg', ''],
    [':Odd', 'Odd', ''],
  ])('%s → %s in %j', (name, stripped, namespace) => {
    expect(stripNamespace(name)).toBe(stripped);
    expect(getNamespace(name)).toBe(namespace);
  });

  it('the reader keeps namespaces; stripping is the caller’s choice', () => {
    const clip = parseBvh(readText(ownBvhFixture('mixamo-namespaces-crlf.bvh')), 'mixamo.bvh');
    expect(clip.joints.map((j) => j.name)).toEqual([
      'mixamorig:Hips',
      'mixamorig:Spine',
      'mixamorig:LeftArm',
      'mixamorig:LeftUpLeg',
    ]);
    expect(clip.findJoint('mixamorig:Spine')).toBe(1);
    expect(clip.joints.map((j) => stripNamespace(j.name))).toEqual(['Hips', 'Spine', 'LeftArm', 'LeftUpLeg']);
  });
});
