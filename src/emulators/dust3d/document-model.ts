/**
 * The emulator's Dust3D document: nodes, edges, parts (with every switch the protocol sets and a
 * colour), one component per part, the canvas origin, and the undo/redo history. It follows
 * Dust3D's Document (src/document.cpp) where the protocol can see it:
 *
 * - ids print as `{uuid}`; maps are ordered by id (Dust3D keeps std::map<QUuid, …>).
 * - edits of unknown ids do nothing (Dust3D logs and returns; the reply is still `+OK`).
 * - `addNode` without a from-node starts a new part (and its component); with one, the node joins
 *   the from-node's part, linked by a new edge. `addEdge` across two parts merges the second
 *   into the first.
 * - `saveSnapshot` pushes the document onto the undo stack; `undo` needs two entries (the last is
 *   the present), as Dust3D's `undoable()`.
 * - The origin is unset in a new document; the first node added sets it to its own position,
 *   which is what the protocol document's example shows (its lone node's box is centred on 0).
 *
 * Simplified: removing a node or edge does not split a part that falls apart; `paste` has no
 * clipboard and does nothing.
 *
 * @category Dust3D emulator
 */
import { randomUUID } from 'node:crypto';
import { QT_NULL_UUID } from './qt-text.js';

export interface EmuNode {
  id: string;
  partId: string;
  x: number;
  y: number;
  z: number;
  radius: number;
  boneMark: string;
}

export interface EmuEdge {
  id: string;
  from: string;
  to: string;
  partId: string;
}

export interface EmuPart {
  id: string;
  visible: boolean;
  locked: boolean;
  subdived: boolean;
  disabled: boolean;
  xMirrored: boolean;
  zMirrored: boolean;
  rounded: boolean;
  chamfered: boolean;
  /** `#rrggbb` when the part has its own colour. */
  color?: string;
  /** Its component's id (one component per part, children of the root). */
  componentId: string;
}

interface DocumentState {
  nodes: Map<string, EmuNode>;
  edges: Map<string, EmuEdge>;
  parts: Map<string, EmuPart>;
  origin: [number, number, number] | null;
}

/** Dust3D's bone marks in 1.0.0-beta (src/bonemark.h); anything else reads as None. */
export const BONE_MARKS = ['None', 'Neck', 'Limb', 'Tail', 'Joint'] as const;

/** Undo entries Dust3D keeps (Document's m_undoItems limit). */
const MAX_UNDO = 100;

export type DocumentEventListener = (name: string, id?: string) => void;

export class Dust3dDocument {
  private state: DocumentState = emptyState();
  private undoStack: DocumentState[] = [];
  private redoStack: DocumentState[] = [];
  private readonly listeners = new Set<DocumentEventListener>();
  /** Bumped on every change of what the mesh depends on. */
  revision = 0;

  constructor(private readonly newId: () => string = () => `{${randomUUID()}}`) {}

  onEvent(listener: DocumentEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get nodes(): ReadonlyMap<string, EmuNode> {
    return this.state.nodes;
  }
  get edges(): ReadonlyMap<string, EmuEdge> {
    return this.state.edges;
  }
  get parts(): ReadonlyMap<string, EmuPart> {
    return this.state.parts;
  }
  /** Canvas origin; [0, 0, 0] until the first node sets it. */
  get origin(): [number, number, number] {
    return this.state.origin ?? [0, 0, 0];
  }

  // ─── nodes ───

  /** Adds a node; `fromNodeId` that does not exist makes the whole call do nothing (as Dust3D). */
  addNode(
    id: string | null,
    x: number,
    y: number,
    z: number,
    radius: number,
    fromNodeId: string | null,
  ): void {
    const from = fromNodeId ? this.state.nodes.get(fromNodeId) : undefined;
    if (fromNodeId && !from) return;
    const nodeId = id ?? this.newId();
    let partId = from?.partId;
    if (!partId) {
      partId = this.newId();
      this.state.parts.set(partId, newPart(partId, this.newId()));
    }
    this.state.nodes.set(nodeId, { id: nodeId, partId, x, y, z, radius, boneMark: 'None' });
    if (!this.state.origin) {
      this.state.origin = [x, y, z];
      this.emit('originchanged');
    }
    if (!from) this.emit('partadded', partId);
    this.emit('nodeadded', nodeId);
    if (from) {
      const edgeId = this.newId();
      this.state.edges.set(edgeId, { id: edgeId, from: from.id, to: nodeId, partId });
      this.emit('edgeadded', edgeId);
    } else this.emit('componentchildrenchanged', QT_NULL_UUID);
    this.changed();
  }

  removeNode(id: string): void {
    const node = this.state.nodes.get(id);
    if (!node) return;
    for (const edge of [...this.state.edges.values()])
      if (edge.from === id || edge.to === id) {
        this.state.edges.delete(edge.id);
        this.emit('edgeremoved', edge.id);
      }
    this.state.nodes.delete(id);
    this.emit('noderemoved', id);
    this.dropPartIfEmpty(node.partId);
    this.changed();
  }

  /** Applies `edit` to a node and emits `event` for it; unknown ids do nothing. */
  editNode(id: string, event: string, edit: (node: EmuNode) => void): void {
    const node = this.state.nodes.get(id);
    if (!node) return;
    edit(node);
    this.emit(event, id);
    this.changed();
  }

  /** Sets the canvas origin (what opening a .ds3 file does; no Remote IO command sets it outright). */
  setOrigin(x: number, y: number, z: number): void {
    this.state.origin = [x, y, z];
    this.emit('originchanged');
    this.changed();
  }

  moveOriginBy(dx: number, dy: number, dz: number): void {
    const [x, y, z] = this.origin;
    this.state.origin = [x + dx, y + dy, z + dz];
    this.emit('originchanged');
    this.changed();
  }

  // ─── edges ───

  addEdge(fromId: string, toId: string): void {
    const from = this.state.nodes.get(fromId);
    const to = this.state.nodes.get(toId);
    if (!from || !to || fromId === toId) return;
    for (const e of this.state.edges.values())
      if ((e.from === fromId && e.to === toId) || (e.from === toId && e.to === fromId)) return;
    if (from.partId !== to.partId) {
      const merged = to.partId;
      for (const n of this.state.nodes.values()) if (n.partId === merged) n.partId = from.partId;
      for (const e of this.state.edges.values()) if (e.partId === merged) e.partId = from.partId;
      this.state.parts.delete(merged);
      this.emit('partremoved', merged);
    }
    const edgeId = this.newId();
    this.state.edges.set(edgeId, { id: edgeId, from: fromId, to: toId, partId: from.partId });
    this.emit('edgeadded', edgeId);
    this.changed();
  }

  removeEdge(id: string): void {
    if (!this.state.edges.delete(id)) return;
    this.emit('edgeremoved', id);
    this.changed();
  }

  // ─── parts ───

  removePart(id: string): void {
    const part = this.state.parts.get(id);
    if (!part) return;
    for (const e of [...this.state.edges.values()])
      if (e.partId === id) {
        this.state.edges.delete(e.id);
        this.emit('edgeremoved', e.id);
      }
    for (const n of [...this.state.nodes.values()])
      if (n.partId === id) {
        this.state.nodes.delete(n.id);
        this.emit('noderemoved', n.id);
      }
    this.state.parts.delete(id);
    this.emit('partremoved', id);
    this.emit('componentchildrenchanged', QT_NULL_UUID);
    this.changed();
  }

  /** Applies `edit` to a part and emits `event`; unknown ids do nothing. */
  editPart(id: string, event: string, edit: (part: EmuPart) => void): void {
    const part = this.state.parts.get(id);
    if (!part) return;
    edit(part);
    this.emit(event, id);
    this.changed();
  }

  // ─── history ───

  saveSnapshot(): void {
    this.undoStack.push(cloneState(this.state));
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.redoStack = [];
  }

  undo(): void {
    if (this.undoStack.length < 2) return;
    this.redoStack.push(this.undoStack.pop() as DocumentState);
    this.restore(this.undoStack[this.undoStack.length - 1]);
  }

  redo(): void {
    const item = this.redoStack.pop();
    if (!item) return;
    this.undoStack.push(item);
    this.restore(item);
  }

  /** `new`: histories cleared, document emptied, the empty document saved. */
  reset(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.state = emptyState();
    this.emit('cleanup');
    this.changed();
    this.saveSnapshot();
  }

  private restore(item: DocumentState): void {
    this.state = cloneState(item);
    this.emit('cleanup');
    for (const id of this.state.parts.keys()) this.emit('partadded', id);
    for (const id of this.state.nodes.keys()) this.emit('nodeadded', id);
    for (const id of this.state.edges.keys()) this.emit('edgeadded', id);
    this.changed();
  }

  private dropPartIfEmpty(partId: string): void {
    for (const n of this.state.nodes.values()) if (n.partId === partId) return;
    if (!this.state.parts.delete(partId)) return;
    this.emit('partremoved', partId);
    this.emit('componentchildrenchanged', QT_NULL_UUID);
  }

  private changed(): void {
    this.revision++;
    this.emit('skeletonchanged');
  }

  private emit(name: string, id?: string): void {
    for (const listener of [...this.listeners]) listener(name, id);
  }
}

function newPart(id: string, componentId: string): EmuPart {
  return {
    id,
    visible: true,
    locked: false,
    subdived: false,
    disabled: false,
    xMirrored: false,
    zMirrored: false,
    rounded: false,
    chamfered: false,
    componentId,
  };
}

function emptyState(): DocumentState {
  return { nodes: new Map(), edges: new Map(), parts: new Map(), origin: null };
}

function cloneState(s: DocumentState): DocumentState {
  return {
    nodes: new Map([...s.nodes].map(([k, v]) => [k, { ...v }])),
    edges: new Map([...s.edges].map(([k, v]) => [k, { ...v }])),
    parts: new Map([...s.parts].map(([k, v]) => [k, { ...v }])),
    origin: s.origin ? [...s.origin] : null,
  };
}
