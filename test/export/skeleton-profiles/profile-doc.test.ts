/** docs/skeleton-profiles.md is what scripts/skeleton-profile-tables.ts writes from the tables. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skeletonProfilesDoc } from '../../../src/export/skeleton-profiles/profile-doc.js';

describe('docs/skeleton-profiles.md', () => {
  it('holds the profile tables as the code has them (run npx tsx scripts/skeleton-profile-tables.ts)', () => {
    expect(readFileSync('docs/skeleton-profiles.md', 'utf8')).toBe(skeletonProfilesDoc());
  });
  it('has a row for every bone with each profile’s name', () => {
    const doc = skeletonProfilesDoc();
    expect(doc).toContain('| `l_upperarmtwist1` | `upperarm_twist_01_l` | · | · |');
    expect(doc).toContain('| `lShldrBend` | `upperarm_l` | `LeftUpperArm` | `mixamorig:LeftArm` |');
  });
});
