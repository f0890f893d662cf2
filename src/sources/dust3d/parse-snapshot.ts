/**
 * Dust3D's snapshot XML (`getsnapshot`) as typed data. Dust3D builds it in Document::toSnapshot
 * and writes it with saveSkeletonToXmlStream (src/snapshotxml.cpp): `<canvas>` holding `<nodes>`,
 * `<edges>`, `<parts>`, `<components>` (nested), `<materials>`, `<poses>`, `<motions>`, every
 * value an attribute. Over Remote IO the snapshot is taken "for nodes", so the canvas carries
 * no origin and materials, poses and motions are empty; they are read when present.
 *
 * Node coordinates are Dust3D's canvas coordinates: x to the right, y DOWN, z away from the
 * viewer, in Dust3D units; the result mesh is (x − originX, originY − y, originZ − z)
 * (src/meshgenerator.cpp). See mesh-space.ts.
 *
 * @category Dust3D
 */
import { Dust3dParseError } from './errors.js';
import { readXml, type XmlElement } from './xml-reader.js';

/** A node of the skeleton graph: a sphere of `radius` at (x, y, z), canvas coordinates. */
export interface Dust3dNode {
  id: string;
  partId: string;
  x: number;
  y: number;
  z: number;
  radius: number;
  /** `None` when the attribute is absent; Dust3D 1.0 beta knows Neck, Limb, Tail, Joint. */
  boneMark: string;
  name?: string;
}

export interface Dust3dEdge {
  id: string;
  from: string;
  to: string;
  partId: string;
  name?: string;
}

/** A part: a connected group of nodes with its switches and colour. */
export interface Dust3dPart {
  id: string;
  visible: boolean;
  locked: boolean;
  subdived: boolean;
  disabled: boolean;
  xMirrored: boolean;
  zMirrored: boolean;
  rounded: boolean;
  chamfered: boolean;
  /** sRGB 0…1, when the part has its own colour (`color="#rrggbb"` or `#aarrggbb`). */
  color?: [number, number, number];
  name?: string;
  materialId?: string;
  /** Every attribute as written, including ones this type does not name. */
  attributes: Record<string, string>;
}

export interface Dust3dComponent {
  id: string;
  name?: string;
  combineMode: string;
  expanded: boolean;
  /** The part id when `linkDataType` is `partId`. */
  linkData?: string;
  linkDataType?: string;
  children: Dust3dComponent[];
}

export interface Dust3dMaterial {
  id: string;
  name?: string;
  attributes: Record<string, string>;
}

export interface Dust3dSnapshot {
  /** `<canvas>` attributes (originX/Y/Z, rigType) when present: absent over Remote IO. */
  canvas: Record<string, string>;
  nodes: Dust3dNode[];
  edges: Dust3dEdge[];
  parts: Dust3dPart[];
  components: Dust3dComponent[];
  materials: Dust3dMaterial[];
}

/** Parses `getsnapshot` data. Throws `DAZPORT_SCENE_INVALID` with the line of the bad element. */
export function parseSnapshot(xml: string): Dust3dSnapshot {
  const root = readXml(xml);
  if (root.name !== 'canvas') throw bad(root, `the root element is <${root.name}>, expected <canvas>`);
  const section = (name: string) => root.children.find((c) => c.name === name)?.children ?? [];
  return {
    canvas: { ...root.attributes },
    nodes: section('nodes').map(readNode),
    edges: section('edges').map(readEdge),
    parts: section('parts').map(readPart),
    components: section('components').map(readComponent),
    materials: section('materials').map((m) => ({
      id: required(m, 'id'),
      name: m.attributes.name,
      attributes: { ...m.attributes },
    })),
  };
}

function readNode(e: XmlElement): Dust3dNode {
  expectName(e, 'node');
  return {
    id: required(e, 'id'),
    partId: required(e, 'partId'),
    x: number(e, 'x'),
    y: number(e, 'y'),
    z: number(e, 'z'),
    radius: number(e, 'radius'),
    boneMark: e.attributes.boneMark ?? 'None',
    ...(e.attributes.name ? { name: e.attributes.name } : {}),
  };
}

function readEdge(e: XmlElement): Dust3dEdge {
  expectName(e, 'edge');
  return {
    id: required(e, 'id'),
    from: required(e, 'from'),
    to: required(e, 'to'),
    partId: required(e, 'partId'),
    ...(e.attributes.name ? { name: e.attributes.name } : {}),
  };
}

function readPart(e: XmlElement): Dust3dPart {
  expectName(e, 'part');
  const flag = (name: string, fallback: boolean) => boolean(e, name, fallback);
  const part: Dust3dPart = {
    id: required(e, 'id'),
    visible: flag('visible', true),
    locked: flag('locked', false),
    subdived: flag('subdived', false),
    disabled: flag('disabled', false),
    xMirrored: flag('xMirrored', false),
    zMirrored: flag('zMirrored', false),
    rounded: flag('rounded', false),
    chamfered: flag('chamfered', false),
    attributes: { ...e.attributes },
  };
  if (e.attributes.color !== undefined) part.color = parseColor(e, e.attributes.color);
  if (e.attributes.name) part.name = e.attributes.name;
  if (e.attributes.materialId) part.materialId = e.attributes.materialId;
  return part;
}

function readComponent(e: XmlElement): Dust3dComponent {
  expectName(e, 'component');
  return {
    id: required(e, 'id'),
    ...(e.attributes.name ? { name: e.attributes.name } : {}),
    combineMode: e.attributes.combineMode ?? 'Normal',
    expanded: boolean(e, 'expanded', false),
    ...(e.attributes.linkData ? { linkData: e.attributes.linkData } : {}),
    ...(e.attributes.linkDataType ? { linkDataType: e.attributes.linkDataType } : {}),
    children: e.children.map(readComponent),
  };
}

/** `#rgb`, `#rrggbb` (QColor::name) or `#aarrggbb` (QColor::HexArgb, later Dust3D) → sRGB 0…1. */
function parseColor(e: XmlElement, text: string): [number, number, number] {
  const hex = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.exec(text)?.[1];
  if (!hex) throw bad(e, `color "${text}" is not #rgb, #rrggbb or #aarrggbb`);
  const rgb = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(hex.length - 6);
  return [0, 2, 4].map((i) => Number.parseInt(rgb.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function expectName(e: XmlElement, name: string): void {
  if (e.name !== name) throw bad(e, `<${e.name}> where <${name}> was expected`);
}

function required(e: XmlElement, name: string): string {
  const value = e.attributes[name];
  if (value === undefined || value === '') throw bad(e, `<${e.name}> has no ${name}`);
  return value;
}

function number(e: XmlElement, name: string): number {
  const text = required(e, name);
  const value = Number(text);
  if (!Number.isFinite(value)) throw bad(e, `<${e.name}> ${name}="${text}" is not a number`);
  return value;
}

function boolean(e: XmlElement, name: string, fallback: boolean): boolean {
  const text = e.attributes[name];
  if (text === undefined) return fallback;
  if (text !== 'true' && text !== 'false') throw bad(e, `<${e.name}> ${name}="${text}" is not true or false`);
  return text === 'true';
}

function bad(e: XmlElement, message: string): Dust3dParseError {
  return new Dust3dParseError('snapshot XML', e.line, 1, message);
}
