import type { NodeKind } from '../dom/dz-node.js';

/** A scene as data: what the emulator builds its DOM from (built-in or loaded from JSON). */
export interface SceneSpec {
  name: string;
  nodes: NodeSpec[];
}

export interface NodeSpec {
  kind: NodeKind;
  name: string;
  label: string;
  children?: NodeSpec[];
}
