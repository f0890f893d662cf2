/** `export --dry-run`'s report for a person: what would be read, what would be written. */
import type { ExportPlan } from '../jobs/plan-export.js';

export function describePlan(plan: ExportPlan): string[] {
  const kinds = Object.entries(plan.nodes)
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ');
  const lines = [
    `would read from ${plan.source}: ${kinds || 'no nodes'}`,
    `  ${count(plan.meshes, 'mesh', 'meshes')}, ${count(plan.vertices, 'vertex', 'vertices')}, ${count(plan.facets, 'facet', 'facets')}, about ${size(plan.readBytes)} to transfer`,
  ];
  for (const o of plan.outputs) {
    lines.push(
      `would write ${o.file} (${o.format}, about ${size(o.bytes)})${o.replaces ? ', replacing the file there' : ''}`,
    );
    if (o.binary)
      lines.push(
        `  ${o.binary.path} (about ${size(o.binary.bytes)})${o.binary.replaces ? ', replacing' : ''}`,
      );
    if (o.textureFolder && o.textures.length) {
      const replaced = o.textures.filter((t) => t.replaces).length;
      lines.push(
        `  ${count(o.textures.length, 'texture', 'textures')} into ${o.textureFolder} (${size(o.textures.reduce((s, t) => s + t.bytes, 0))})${replaced ? `, ${replaced} there already` : ''}`,
      );
    } else if (o.format === 'glb' && plan.textureSources.length)
      lines.push(`  ${count(plan.textureSources.length, 'texture', 'textures')} embedded`);
  }
  for (const note of plan.notes) lines.push(`note: ${note}`);
  lines.push('nothing written (--dry-run)');
  return lines;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}
