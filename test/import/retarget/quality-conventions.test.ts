/**
 * Acceptance (issue 12, "Conventions"): every naming family of the synthetic captures is
 * detected with the defaults, each joint that is a body point maps to that body part, and no
 * joint is left unmapped.
 */
import { describe, expect, it } from 'vitest';
import { chooseJointMapping } from '../../../src/bonemaps/choose-mapping.js';
import { FAMILY_IDS, familySkeleton } from './quality/synthetic/naming-families.js';

describe('naming families are detected by default', () => {
  for (const family of FAMILY_IDS)
    it(family, () => {
      const skeleton = familySkeleton(family);
      const { mapping } = chooseJointMapping(skeleton.joints.map((j) => j.name));
      expect(mapping.unmapped).toEqual([]);
      const wrong = skeleton.joints.flatMap((j, i) => {
        if (!j.point) return [];
        const got = mapping.canonical.get(i);
        // A joint carrying neck and head together may be either.
        const allowed = j.role === 'neckHead' ? ['neck', 'head'] : [j.point];
        return got !== undefined && allowed.includes(got)
          ? []
          : [`${j.name}: ${got ?? 'unmapped'}, expected ${allowed.join(' or ')}`];
      });
      expect(wrong).toEqual([]);
    });
});
