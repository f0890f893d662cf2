import { DzBase } from './dz-base.js';

/** Node kinds of the minimal model; the class chain follows DAZ Studio's. */
export type NodeKind = 'node' | 'figure' | 'camera' | 'distant-light' | 'spot-light' | 'point-light';

const CHAINS: Record<NodeKind, readonly string[]> = {
  node: ['DzNode', 'DzElement', 'DzBase', 'QObject'],
  figure: ['DzFigure', 'DzSkeleton', 'DzNode', 'DzElement', 'DzBase', 'QObject'],
  camera: ['DzBasicCamera', 'DzCamera', 'DzNode', 'DzElement', 'DzBase', 'QObject'],
  'distant-light': ['DzDistantLight', 'DzLight', 'DzCamera', 'DzNode', 'DzElement', 'DzBase', 'QObject'],
  'spot-light': [
    'DzSpotLight',
    'DzDistantLight',
    'DzLight',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ],
  'point-light': [
    'DzPointLight',
    'DzDistantLight',
    'DzLight',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ],
};

/** A scene node: name (internal, not unique), label (what the UI shows), parent and children. */
export class DzNode extends DzBase {
  protected readonly classChain: readonly string[];
  #label: string;
  #parent: DzNode | null = null;
  readonly #children: DzNode[] = [];

  constructor(kind: NodeKind, name: string, label: string) {
    super(name);
    this.classChain = CHAINS[kind];
    this.#label = label;
  }

  getLabel(): string {
    return this.#label;
  }

  setLabel(label: string): number {
    this.#label = String(label);
    return 0; // DZ_NO_ERROR
  }

  getNodeParent(): DzNode | null {
    return this.#parent;
  }

  getNumNodeChildren(): number {
    return this.#children.length;
  }

  getNodeChild(index: number): DzNode | null {
    return this.#children[index] ?? null;
  }

  /** @internal Builds the hierarchy; scripts use `addNodeChild` (a later issue). */
  attachChild(child: DzNode): void {
    child.#parent = this;
    this.#children.push(child);
  }

  /** @internal Depth-first list of this node and its descendants. */
  collect(out: DzNode[]): void {
    out.push(this);
    for (const child of this.#children) child.collect(out);
  }
}
