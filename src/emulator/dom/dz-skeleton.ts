import type { DomContext } from './dom-context.js';
import { DzBone } from './dz-bone.js';
import { DzNode, type NodeRestData } from './dz-node.js';

/**
 * DzSkeleton / DzFigure: the figure node, root of its bones. Bones are reached with
 * `getAllBones()` (depth-first, parents first), `findBone(name)` and `findBoneByLabel(label)`;
 * DAZ Studio has no `getNumBones()` / `getBone(i)`.
 */
export class DzSkeleton extends DzNode {
  protected override readonly classChain: readonly string[] = [
    'DzSkeleton',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];

  constructor(ctx: DomContext, name: string, label: string, rest: NodeRestData = {}) {
    super(ctx, name, label, rest);
  }

  getAllBones(): DzBone[] {
    return this.ctx.array(this.#bones());
  }

  /** Main-realm list: script-realm arrays lack post-ES5 methods like find(). */
  #bones(): DzBone[] {
    const bones: DzBone[] = [];
    const walk = (n: DzNode) => {
      for (let i = 0; i < n.getNumNodeChildren(); i++) {
        const child = n.getNodeChild(i);
        if (child instanceof DzBone) {
          bones.push(child);
          walk(child);
        }
      }
    };
    walk(this);
    return bones;
  }

  findBone(name: string): DzBone | null {
    return this.#bones().find((b) => b.getName() === String(name)) ?? null;
  }

  findBoneByLabel(label: string): DzBone | null {
    return this.#bones().find((b) => b.getLabel() === String(label)) ?? null;
  }

  #followTarget: DzSkeleton | null = null;

  /**
   * The figure this one is fitted to (Edit > Fit To), or null. The emulator records the link that
   * `setFollowTarget` makes; a fitted figure's bones do not yet follow its target's pose.
   */
  getFollowTarget(): DzSkeleton | null {
    return this.#followTarget;
  }

  setFollowTarget(skeleton: DzSkeleton | null): void {
    const target = skeleton instanceof DzSkeleton && skeleton !== this ? skeleton : null;
    if (target !== this.#followTarget) this.ctx.edits++;
    this.#followTarget = target;
  }

  getNumFollowSkeletons(): number {
    return 0;
  }
}

/** @internal Set by the scene builder: the figure's DzSkinBinding. */
export let setSkinBinding: (figure: DzFigure, binding: unknown) => void;

/** DzFigure: a skeleton with a skinned mesh (its object) and a skin binding. */
export class DzFigure extends DzSkeleton {
  protected override readonly classChain = [
    'DzFigure',
    'DzSkeleton',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];
  #skinBinding: unknown = null;

  static {
    setSkinBinding = (figure, binding) => {
      figure.#skinBinding = binding;
    };
  }

  getSkinBinding(): unknown {
    return this.#skinBinding;
  }

  getNumGraftFigures(): number {
    return 0;
  }
}
