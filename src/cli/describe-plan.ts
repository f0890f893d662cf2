/** `export --dry-run`'s report for a person: what would be read, what would be written. */
import type { ExportPlan } from '../jobs/plan-export.js';
import { formatBytes, plural } from './human-units.js';

export function describePlan(plan: ExportPlan): string[] {
  const kinds = Object.entries(plan.nodes)
    // The plan's kinds are plural nouns (its JSON keys): `figures` → `1 figure`, `143 bones`.
    .map(([kinds, n]) => plural(n, kinds.slice(0, -1), kinds))
    .join(', ');
  const lines = [
    `would read from ${plan.source}: ${kinds || 'no nodes'}`,
    `  ${plural(plan.meshes, 'mesh', 'meshes')}, ${plural(plan.vertices, 'vertex', 'vertices')}, ${plural(plan.facets, 'facet', 'facets')}, about ${formatBytes(plan.readBytes)} to transfer`,
  ];
  for (const o of plan.outputs) {
    lines.push(
      `would write ${o.file} (${o.format}, about ${formatBytes(o.bytes)})${o.replaces ? ', replacing the file there' : ''}`,
    );
    if (o.binary)
      lines.push(
        `  ${o.binary.path} (about ${formatBytes(o.binary.bytes)})${o.binary.replaces ? ', replacing' : ''}`,
      );
    if (o.textureFolder && o.textures.length) {
      const replaced = o.textures.filter((t) => t.replaces).length;
      lines.push(
        `  ${plural(o.textures.length, 'texture', 'textures')} into ${o.textureFolder} (${formatBytes(o.textures.reduce((s, t) => s + t.bytes, 0))})${replaced ? `, ${replaced} there already` : ''}`,
      );
    } else if (o.format === 'glb' && plan.textureSources.length)
      lines.push(`  ${plural(plan.textureSources.length, 'texture', 'textures')} embedded`);
  }
  for (const note of plan.notes) lines.push(`note: ${note}`);
  lines.push('nothing written (--dry-run)');
  return lines;
}
