/**
 * Writes docs/skeleton-profiles.md from the engine profile tables (src/export/skeleton-profiles).
 *
 *   npx tsx scripts/skeleton-profile-tables.ts
 *
 * test/export/skeleton-profiles/profile-doc.test.ts fails when the file is not what this writes.
 */
import { writeFileSync } from 'node:fs';
import { skeletonProfilesDoc } from '../src/export/skeleton-profiles/profile-doc.js';

writeFileSync('docs/skeleton-profiles.md', skeletonProfilesDoc());
