import type { ScriptRealm } from '../runtime/script-runtime.js';
import { DzBase } from './dz-base.js';
import type { DzNode } from './dz-node.js';

/** The `Scene` global: every node in the scene, in depth-first order, with lookups. */
export class DzScene extends DzBase {
  protected readonly classChain = ['DzScene', 'DzBase', 'QObject'] as const;
  readonly #nodes: DzNode[] = [];
  readonly #realm: ScriptRealm;

  constructor(realm: ScriptRealm, roots: DzNode[]) {
    super('Scene');
    this.#realm = realm;
    for (const root of roots) root.collect(this.#nodes);
  }

  getNumNodes(): number {
    return this.#nodes.length;
  }

  getNode(index: number): DzNode | null {
    return this.#nodes[index] ?? null;
  }

  getNodeList(): DzNode[] {
    const list = this.#realm.evaluate<DzNode[]>('[]');
    for (const node of this.#nodes) list.push(node);
    return list;
  }

  findNode(name: string): DzNode | null {
    return this.#nodes.find((n) => n.getName() === String(name)) ?? null;
  }

  findNodeByLabel(label: string): DzNode | null {
    return this.#nodes.find((n) => n.getLabel() === String(label)) ?? null;
  }
}
