/**
 * A scene listing (client/scene-listing.ts) as text: one row per node, children indented under
 * their parents, `label  DAZ class  what it holds`. `dazport scene` and the demo print it.
 */
import type { ListedNode, SceneListing } from '../client/scene-listing.js';
import { plural } from './human-units.js';

/** The rows, each starting with `indent`; with morphs listed under their node when read. */
export function sceneListingLines(listing: SceneListing, indent = ''): string[] {
  const labelWidth = Math.max(5, ...listing.nodes.map((n) => 2 * n.depth + n.label.length));
  const typeWidth = Math.max(16, ...listing.nodes.map((n) => n.type.length));
  const lines: string[] = [];
  for (const node of listing.nodes) {
    const label = `${'  '.repeat(node.depth)}${node.label}`.padEnd(labelWidth);
    lines.push(`${indent}${label}  ${node.type.padEnd(typeWidth)}  ${describeNode(node)}`.trimEnd());
    if (node.morphs) lines.push(...morphLines(node, `${indent}${' '.repeat(2 * node.depth + 4)}`));
  }
  return lines;
}

export function describeNode(node: ListedNode): string {
  const parts: string[] = [];
  if (node.bones) parts.push(plural(node.bones, 'bone'));
  if (node.vertices) parts.push(`${plural(node.vertices, 'vertex')}, ${plural(node.facets, 'facet')}`);
  if (node.kind === 'group') parts.push('group');
  if (!node.visible) parts.push('hidden');
  return parts.join(', ');
}

function morphLines(node: ListedNode, indent: string): string[] {
  const morphs = node.morphs ?? [];
  if (morphs.length === 0) return [`${indent}no morphs`];
  const nameWidth = Math.max(...morphs.map((m) => m.name.length));
  const labelWidth = Math.max(...morphs.map((m) => m.label.length));
  return [
    `${indent}${morphs.length} morphs (name, label, value):`,
    ...morphs.map(
      (m) =>
        `${indent}  ${m.name.padEnd(nameWidth)}  ${m.label.padEnd(labelWidth)}  ${Number(m.value.toFixed(3))}`,
    ),
  ];
}

/** `6 nodes (1 figure, 1 mesh, 1 camera, 3 lights) and 143 bones` */
export function summarizeListing(listing: SceneListing): string {
  const kinds = new Map<string, number>();
  for (const n of listing.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  const parts = ['figure', 'mesh', 'camera', 'light', 'group']
    .filter((k) => kinds.has(k))
    .map((k) => plural(kinds.get(k) ?? 0, k === 'mesh' ? 'prop' : k));
  return `${plural(listing.nodes.length, 'node')}${parts.length ? ` (${parts.join(', ')})` : ''} and ${plural(listing.bones, 'bone')}`;
}
