/**
 * `getsnapshot`'s reply: the document as Dust3D writes it over Remote IO, i.e. toSnapshot "for
 * nodes" (no canvas attributes; materials, poses and motions empty) written by
 * saveSkeletonToXmlStream with QXmlStreamWriter auto-formatting: `<?xml version="1.0"?>`,
 * 4-space indentation, elements ordered by id, attributes by name (std::map), empty elements
 * self-closed, the part's `dirty` flag left out.
 *
 * The protocol document's example has the same elements and attributes in the same order; its
 * copy lost the indentation and has typographic quotes.
 *
 * @category Dust3D emulator
 */
import type { Dust3dDocument } from './document-model.js';
import { formatQtNumber } from './qt-text.js';

type Attrs = Record<string, string>;

/** The snapshot XML of the document. */
export function writeSnapshotXml(doc: Dust3dDocument): string {
  const lines = ['<?xml version="1.0"?>', '<canvas>'];
  const section = (name: string, element: string, items: Attrs[]) => {
    if (!items.length) {
      lines.push(`    <${name}/>`);
      return;
    }
    lines.push(`    <${name}>`);
    for (const attrs of items) lines.push(`        <${element}${attributes(attrs)}/>`);
    lines.push(`    </${name}>`);
  };
  const byId = <T extends { id: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => compare(a.id, b.id));

  section(
    'nodes',
    'node',
    byId(doc.nodes.values()).map((n) => ({
      ...(n.boneMark !== 'None' ? { boneMark: n.boneMark } : {}),
      id: n.id,
      partId: n.partId,
      radius: formatQtNumber(n.radius),
      x: formatQtNumber(n.x),
      y: formatQtNumber(n.y),
      z: formatQtNumber(n.z),
    })),
  );
  section(
    'edges',
    'edge',
    byId(doc.edges.values()).map((e) => ({ from: e.from, id: e.id, partId: e.partId, to: e.to })),
  );
  const parts = byId(doc.parts.values());
  section(
    'parts',
    'part',
    parts.map((p) => ({
      chamfered: String(p.chamfered),
      ...(p.color ? { color: p.color } : {}),
      disabled: String(p.disabled),
      id: p.id,
      locked: String(p.locked),
      rounded: String(p.rounded),
      subdived: String(p.subdived),
      visible: String(p.visible),
      xMirrored: String(p.xMirrored),
      zMirrored: String(p.zMirrored),
    })),
  );
  // Dust3D writes <components> only when the root component has children; the root lists its
  // children in the order they were added, which for the emulator is the parts' order of creation.
  const components = [...doc.parts.values()].map((p) => ({
    combineMode: 'Normal',
    expanded: 'false',
    id: p.componentId,
    linkData: p.id,
    linkDataType: 'partId',
  }));
  if (components.length) {
    lines.push('    <components>');
    for (const c of components) lines.push(`        <component${attributes(c)}/>`);
    lines.push('    </components>');
  }
  lines.push('    <materials/>', '    <poses/>', '    <motions/>', '</canvas>');
  return `${lines.join('\n')}\n`;
}

function attributes(attrs: Attrs): string {
  return Object.keys(attrs)
    .sort(compare)
    .map((k) => ` ${k}="${escapeAttribute(attrs[k])}"`)
    .join('');
}

/** QString's operator< compares UTF-16 code units, as JavaScript's default comparison does. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}
