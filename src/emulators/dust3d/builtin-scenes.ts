/**
 * The emulator's built-in documents, with fixed ids so replies are reproducible:
 *
 * - `creature`: a four-legged animal standing on y = 0 (mesh space), about 0.8 × 0.6 × 1.1
 *   Dust3D units: a body, a neck with head, a tail, and two legs drawn on its right side
 *   with `xMirrored` (Dust3D's way of modelling pairs), five colours, bone marks (Neck, Limb,
 *   Joint, Tail) for a skeleton.
 * - `seed`: the protocol document's example, exactly: window
 *   {658cac48-4cc4-42bf-a561-dbd28330777e}, one node {3dc475f6-…} at (0.51, 0.51, 1.01) with
 *   radius 0.08 in part {b8f9ae53-…}, component {946dad8f-…}: `getsnapshot`, `getnodepartid` and
 *   `exportasobj` answer what the document prints.
 * - `empty`: a new document.
 *
 * @category Dust3D emulator
 */
import { mulberry32 } from '../../math/seeded-random.js';
import { Dust3dDocument } from './document-model.js';

export const DUST3D_SCENE_NAMES = ['creature', 'seed', 'empty'] as const;
export type Dust3dSceneName = (typeof DUST3D_SCENE_NAMES)[number];

/** The window id of the protocol document's `listwindow` example. */
export const SEED_WINDOW_ID = '{658cac48-4cc4-42bf-a561-dbd28330777e}';

export function isDust3dSceneName(name: string): name is Dust3dSceneName {
  return (DUST3D_SCENE_NAMES as readonly string[]).includes(name);
}

/** A uuid-shaped id from a seeded sequence (version-4 layout), `{…}` as Qt prints it. */
export function seededIdSource(seed: number): () => string {
  const random = mulberry32(seed);
  return () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Number.parseInt(hex[16], 16) & 3) | 8).toString(16);
    const s = hex.join('');
    return `{${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}}`;
  };
}

/** A fresh document holding the named scene (history: one saved state, as after opening a file). */
export function loadBuiltinDust3dScene(name: Dust3dSceneName, seed = 3): Dust3dDocument {
  if (name === 'seed') return seedScene();
  const doc = new Dust3dDocument(seededIdSource(seed));
  if (name === 'creature') buildCreature(doc, seededIdSource(seed + 1000));
  doc.saveSnapshot();
  return doc;
}

function seedScene(): Dust3dDocument {
  const ids = ['{b8f9ae53-999c-4851-9c2b-69a427fca10c}', '{946dad8f-28d5-40c8-8c70-709ecc1ca048}'];
  const fallback = seededIdSource(17);
  const doc = new Dust3dDocument(() => ids.shift() ?? fallback());
  doc.addNode('{3dc475f6-dcda-45b8-bb76-59948db39968}', 0.51, 0.51, 1.01, 0.08, null);
  doc.saveSnapshot();
  return doc;
}

type NodeSpec = [x: number, y: number, z: number, radius: number, boneMark?: string];

/** Canvas coordinates (y down, z back): the origin (0.5, 0.815, 1.0) puts the feet on mesh y = 0. */
function buildCreature(doc: Dust3dDocument, nodeIds: () => string): void {
  const chain = (nodes: NodeSpec[], colour: string, mirrored = false) => {
    let previous: string | null = null;
    for (const [x, y, z, radius, mark] of nodes) {
      const id = nodeIds();
      doc.addNode(id, x, y, z, radius, previous);
      if (mark) doc.editNode(id, 'nodebonemarkchanged', (n) => (n.boneMark = mark));
      previous = id;
    }
    const partId = doc.nodes.get(previous as string)?.partId as string;
    doc.editPart(partId, 'partcolorstatechanged', (p) => {
      p.color = colour;
      p.xMirrored = mirrored;
    });
  };
  doc.setOrigin(0.5, 0.815, 1.0);
  // Body: middle (largest radius: the skeleton's root), chest, hips.
  chain(
    [
      [0.5, 0.43, 0.78, 0.12],
      [0.5, 0.42, 1.0, 0.15],
      [0.5, 0.44, 1.22, 0.11],
    ],
    '#c8a165',
  );
  chain(
    [
      [0.5, 0.38, 0.7, 0.07, 'Neck'],
      [0.5, 0.27, 0.6, 0.06],
      [0.5, 0.24, 0.5, 0.09],
    ],
    '#d2b48c',
  );
  chain(
    [
      [0.6, 0.5, 0.8, 0.05, 'Limb'],
      [0.62, 0.64, 0.8, 0.04, 'Joint'],
      [0.62, 0.78, 0.82, 0.035],
    ],
    '#8b5a2b',
    true,
  );
  chain(
    [
      [0.6, 0.5, 1.2, 0.05, 'Limb'],
      [0.62, 0.64, 1.2, 0.04, 'Joint'],
      [0.62, 0.78, 1.18, 0.035],
    ],
    '#8b5a2b',
    true,
  );
  chain(
    [
      [0.5, 0.4, 1.32, 0.04, 'Tail'],
      [0.5, 0.3, 1.5, 0.02],
    ],
    '#5a3d1e',
  );
}
