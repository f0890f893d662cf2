import type { DomContext } from './dom-context.js';
import { DzNode, type NodeRestData } from './dz-node.js';

/** DzBone: a node of a figure's skeleton; its own getObject() is null (the mesh is the figure's). */
export class DzBone extends DzNode {
  protected override readonly classChain = ['DzBone', 'DzNode', 'DzElement', 'DzBase', 'QObject'];

  constructor(ctx: DomContext, name: string, label: string, rest: NodeRestData) {
    super(ctx, name, label, rest);
  }

  /** Bones of a fitted figure follow these; none here. */
  getFollowBone(): DzBone | null {
    return null;
  }

  getFollowMode(): number {
    return 0;
  }
}
