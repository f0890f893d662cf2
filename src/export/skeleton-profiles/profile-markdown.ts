/**
 * The profile tables as Markdown, for docs/skeleton-profiles.md (written by
 * scripts/skeleton-profile-tables.ts; a test holds the file to this text, so the document is
 * the code's tables, not a copy that drifts).
 */
import { GENESIS8_RIG } from '../../bonemaps/genesis/genesis8-rig.js';
import { GENESIS9_RIG } from '../../bonemaps/genesis/genesis9-rig.js';
import type { RigRow } from '../../bonemaps/genesis/rig-spec.js';
import { type GenesisGeneration, SKELETON_PROFILES } from './profiles.js';

const RIGS: Record<GenesisGeneration, { title: string; rows: readonly RigRow[] }> = {
  genesis9: { title: 'Genesis 9', rows: GENESIS9_RIG },
  genesis8: { title: 'Genesis 8 / 8.1 (Female and Male)', rows: GENESIS8_RIG },
};

/** One table per Genesis generation: a row per left-side or centre bone, a column per profile. */
export function profileTablesMarkdown(): string {
  const out: string[] = [];
  for (const generation of ['genesis9', 'genesis8'] as const) {
    const { title, rows } = RIGS[generation];
    out.push(`### ${title}`, '');
    out.push(`| DAZ bone | ${SKELETON_PROFILES.map((p) => p.id).join(' | ')} |`);
    out.push(`|---|${SKELETON_PROFILES.map(() => '---').join('|')}|`);
    for (const [bone] of rows) {
      const cells = SKELETON_PROFILES.map((p) => {
        const name = p[generation][bone];
        return name ? `\`${name}\`` : '·';
      });
      out.push(`| \`${bone}\` | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Each profile's sources, as a list. */
export function profileSourcesMarkdown(): string {
  return SKELETON_PROFILES.map(
    (p) => `- **${p.id}** (${p.label}):\n${p.sources.map((s) => `  - ${s}`).join('\n')}`,
  ).join('\n');
}
