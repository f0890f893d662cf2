import { type Quat, quatConjugate, quatMultiply, quatToEulerDegrees } from '../../math/euler.js';
import type { RotationOrderName } from '../../math/rotation-order.js';
import type { DomContext } from './dom-context.js';
import { DzElement } from './dz-element.js';
import { DzBox3, POSED_BOX } from './math/dz-box3.js';
import { type DzMatrix3, matrix3Of } from './math/dz-matrix3.js';
import { type DzQuat, quatOf, quatTuple } from './math/dz-quat.js';
import { DzRotationOrder, rotationOrderName } from './math/dz-rotation-order.js';
import { DzVec3, vec3Of } from './math/dz-vec3.js';
import {
  identity,
  invert,
  localMatrix,
  type Mat4,
  multiply,
  rotationOf,
  scaleOf,
  transformPoint,
} from './node-transform.js';
import { DzFloatProperty } from './properties/dz-float-property.js';

/** Rest data of a node: where it pivots and how its axes sit (DSF center_point, end_point, orientation). */
export interface NodeRestData {
  origin?: [number, number, number];
  end?: [number, number, number];
  orientation?: Quat;
  rotationOrder?: RotationOrderName;
}

/** What a node's owner (the scene) is told about, for events and membership. */
export interface NodeObserver {
  nodeChildAdded(parent: DzNode, child: DzNode): void;
  nodeChildRemoved(parent: DzNode, child: DzNode): void;
  selectionChanged(node: DzNode, selected: boolean): void;
}

type Vec3 = [number, number, number];
type Channels = [DzFloatProperty, DzFloatProperty, DzFloatProperty];

/** Internal access to nodes for emulator code (not part of the DAZ API). */
export interface NodeInternals {
  worldMatrix(node: DzNode, time?: number): Mat4;
  attachObject(node: DzNode, object: unknown): void;
  setObserver(node: DzNode, observer: NodeObserver | null): void;
  objectOf(node: DzNode): unknown;
}

export let nodeInternals: NodeInternals;

/**
 * DzNode: hierarchy, rest data, transform channels (as properties), world and local transforms
 * evaluated at the current scene time (or the time given), visibility and selection.
 * See node-transform.ts for the transform model.
 */
export class DzNode extends DzElement {
  protected readonly classChain: readonly string[] = ['DzNode', 'DzElement', 'DzBase', 'QObject'];
  #parent: DzNode | null = null;
  readonly #children: DzNode[] = [];
  #object: unknown = null;
  #observer: NodeObserver | null = null;
  #origin: Vec3;
  #end: Vec3;
  #orientation: Quat;
  readonly #defaults: { origin: Vec3; end: Vec3; orientation: Quat };
  #rotationOrder: RotationOrderName;
  #visible = true;
  #visibleInRender = true;
  #visibleInViewport = true;
  #selected = false;
  readonly #t: Channels;
  readonly #r: Channels;
  readonly #s: Channels;
  readonly #scale: DzFloatProperty;

  static {
    nodeInternals = {
      worldMatrix: (node, time) => node.#world(time === undefined ? node.ctx.clock.now() : time),
      attachObject: (node, object) => {
        node.#object = object;
      },
      setObserver: (node, observer) => {
        node.#observer = observer;
      },
      objectOf: (node) => node.#object,
    };
  }

  constructor(ctx: DomContext, name: string, label: string, rest: NodeRestData = {}) {
    super(ctx, name, label);
    this.#origin = [...(rest.origin ?? [0, 0, 0])];
    this.#end = [...(rest.end ?? rest.origin ?? [0, 0, 0])];
    this.#orientation = [...(rest.orientation ?? [0, 0, 0, 1])];
    this.#defaults = { origin: [...this.#origin], end: [...this.#end], orientation: [...this.#orientation] };
    this.#rotationOrder = rest.rotationOrder ?? 'XYZ';
    const axes = ['X', 'Y', 'Z'] as const;
    this.#t = axes.map((a) =>
      this.addProperty(new DzFloatProperty(ctx, `${a}Translate`, `${a} Translate`)),
    ) as Channels;
    this.#r = axes.map((a) =>
      this.addProperty(new DzFloatProperty(ctx, `${a}Rotate`, `${a} Rotate`, { min: -360, max: 360 })),
    ) as Channels;
    this.#s = axes.map((a) =>
      this.addProperty(new DzFloatProperty(ctx, `${a}Scale`, `${a} Scale`, { value: 1 })),
    ) as Channels;
    this.#scale = this.addProperty(new DzFloatProperty(ctx, 'Scale', 'Scale', { value: 1 }));
  }

  // ─── hierarchy ───
  getNodeParent(): DzNode | null {
    return this.#parent;
  }

  getNumNodeChildren(): number {
    return this.#children.length;
  }

  getNodeChild(index: number): DzNode | null {
    return this.#children[Math.trunc(index)] ?? null;
  }

  getNodeChildren(recurse = false): DzNode[] {
    return this.ctx.array(this.#descendants(recurse));
  }

  /** Main-realm list (script-realm arrays lack find()). */
  #descendants(recurse: boolean): DzNode[] {
    const out: DzNode[] = [];
    const walk = (n: DzNode) => {
      for (const c of n.#children) {
        out.push(c);
        if (recurse) walk(c);
      }
    };
    walk(this);
    return out;
  }

  findNodeChild(name: string, recurse = false): DzNode | null {
    return this.#descendants(recurse).find((n) => n.getName() === String(name)) ?? null;
  }

  findNodeChildByLabel(label: string, recurse = false): DzNode | null {
    return this.#descendants(recurse).find((n) => n.getLabel() === String(label)) ?? null;
  }

  isRootNode(): boolean {
    return this.#parent === null;
  }

  isNodeChild(node: DzNode): boolean {
    return this.#children.includes(node);
  }

  /**
   * Parent `child` to this node. With `inPlace`, the child keeps its world position and
   * rotation (its channels are rewritten), as DAZ Studio does. Returns a DzError (0 = ok).
   */
  addNodeChild(child: DzNode, inPlace = false): number {
    if (!(child instanceof DzNode) || child === this || child.#isAncestorOf(this)) return 1;
    const worldPos = inPlace ? child.getWSPos() : null;
    const worldRot = inPlace ? child.getWSRot() : null;
    child.#parent?.removeNodeChild(child);
    child.#parent = this;
    this.#children.push(child);
    if (worldPos && worldRot) {
      child.setWSRot(worldRot);
      child.setWSPos(worldPos);
    }
    this.ctx.revision++;
    this.#observer?.nodeChildAdded(this, child);
    return 0;
  }

  removeNodeChild(child: DzNode, inPlace = false): number {
    const at = this.#children.indexOf(child);
    if (at < 0) return 1;
    const worldPos = inPlace ? child.getWSPos() : null;
    const worldRot = inPlace ? child.getWSRot() : null;
    this.#children.splice(at, 1);
    child.#parent = null;
    if (worldPos && worldRot) {
      child.setWSRot(worldRot);
      child.setWSPos(worldPos);
    }
    this.ctx.revision++;
    this.#observer?.nodeChildRemoved(this, child);
    return 0;
  }

  #isAncestorOf(node: DzNode): boolean {
    for (let n: DzNode | null = node; n; n = n.#parent) if (n === this) return true;
    return false;
  }

  /** The skeleton this node belongs to (itself for a figure), or null. */
  getSkeleton(): DzNode | null {
    for (let n: DzNode | null = this; n; n = n.#parent) if (n.inherits('DzSkeleton')) return n;
    return null;
  }

  isInScene(): boolean {
    return this.#observer !== null;
  }

  // ─── object ───
  getObject(): unknown {
    return this.#object;
  }

  // ─── rest data ───
  getOrigin(defaultVal = false): DzVec3 {
    return vec3Of(defaultVal ? this.#defaults.origin : this.#origin);
  }

  setOrigin(origin: DzVec3, makeDefault = false): void {
    this.#origin = [origin.x, origin.y, origin.z];
    if (makeDefault) this.#defaults.origin = [...this.#origin];
    this.ctx.revision++;
  }

  getEndPoint(defaultVal = false): DzVec3 {
    return vec3Of(defaultVal ? this.#defaults.end : this.#end);
  }

  setEndPoint(end: DzVec3, makeDefault = false): void {
    this.#end = [end.x, end.y, end.z];
    if (makeDefault) this.#defaults.end = [...this.#end];
  }

  getOrientation(defaultVal = false): DzQuat {
    return quatOf(defaultVal ? this.#defaults.orientation : this.#orientation);
  }

  setOrientation(orientation: DzQuat, makeDefault = false): void {
    this.#orientation = quatTuple(orientation);
    if (makeDefault) this.#defaults.orientation = [...this.#orientation];
    this.ctx.revision++;
  }

  getRotationOrder(): DzRotationOrder {
    return new DzRotationOrder(this.#rotationOrder);
  }

  setRotationOrder(order: DzRotationOrder | number | string): void {
    this.#rotationOrder = rotationOrderName(
      order instanceof DzRotationOrder ? order : new DzRotationOrder(order),
    );
    this.ctx.revision++;
  }

  inheritsScale(): boolean {
    return true;
  }

  // ─── channels ───
  getXPosControl(): DzFloatProperty {
    return this.#t[0];
  }
  getYPosControl(): DzFloatProperty {
    return this.#t[1];
  }
  getZPosControl(): DzFloatProperty {
    return this.#t[2];
  }
  getXRotControl(): DzFloatProperty {
    return this.#r[0];
  }
  getYRotControl(): DzFloatProperty {
    return this.#r[1];
  }
  getZRotControl(): DzFloatProperty {
    return this.#r[2];
  }
  getXScaleControl(): DzFloatProperty {
    return this.#s[0];
  }
  getYScaleControl(): DzFloatProperty {
    return this.#s[1];
  }
  getZScaleControl(): DzFloatProperty {
    return this.#s[2];
  }
  getScaleControl(): DzFloatProperty {
    return this.#scale;
  }
  getFirstAxisRotControl(): DzFloatProperty {
    return this.#r[axisOf(this.#rotationOrder, 0)];
  }
  getSecondAxisRotControl(): DzFloatProperty {
    return this.#r[axisOf(this.#rotationOrder, 1)];
  }
  getThirdAxisRotControl(): DzFloatProperty {
    return this.#r[axisOf(this.#rotationOrder, 2)];
  }

  // ─── transforms ───
  #local(time: number): Mat4 {
    const v = (p: DzFloatProperty) => p.getValue(time);
    return localMatrix(
      { origin: this.#origin, orientation: this.#orientation },
      {
        translate: [v(this.#t[0]), v(this.#t[1]), v(this.#t[2])],
        rotate: [v(this.#r[0]), v(this.#r[1]), v(this.#r[2])],
        scale: [v(this.#s[0]), v(this.#s[1]), v(this.#s[2])],
        generalScale: v(this.#scale),
      },
      this.#rotationOrder,
    );
  }

  #worldCache = { revision: -1, time: Number.NaN, matrix: identity() };

  #world(time: number): Mat4 {
    const cache = this.#worldCache;
    if (cache.revision === this.ctx.revision && cache.time === time) return cache.matrix;
    const local = this.#local(time);
    const matrix = this.#parent ? multiply(this.#parent.#world(time), local) : local;
    this.#worldCache = { revision: this.ctx.revision, time, matrix };
    return matrix;
  }

  #time(tm: unknown): number {
    return typeof tm === 'number' ? Math.trunc(tm) : this.ctx.clock.now();
  }

  /** World position of the node's origin (its pivot). */
  getWSPos(tm?: number): DzVec3 {
    return vec3Of(transformPoint(this.#world(this.#time(tm)), this.#origin));
  }

  getWSRot(tm?: number): DzQuat {
    return quatOf(rotationOf(this.#world(this.#time(tm))));
  }

  getWSScale(tm?: number): DzMatrix3 {
    const [sx, sy, sz] = scaleOf(this.#world(this.#time(tm)));
    return matrix3Of(new Float64Array([sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1]));
  }

  getWSTransform(tm?: number): DzMatrix3 {
    return matrix3Of(this.#world(this.#time(tm)));
  }

  /** Position of the origin relative to the parent's origin, in the parent's rest frame. */
  getLocalPos(tm?: number): DzVec3 {
    const time = this.#time(tm);
    const world = transformPoint(this.#world(time), this.#origin);
    const parentOrigin = this.#parent ? this.#parent.#origin : [0, 0, 0];
    const inParent = this.#parent ? transformPoint(invert(this.#parent.#world(time)), world) : world;
    return new DzVec3(
      inParent[0] - parentOrigin[0],
      inParent[1] - parentOrigin[1],
      inParent[2] - parentOrigin[2],
    );
  }

  /** Rotation relative to the parent: O · R · O⁻¹. */
  getLocalRot(tm?: number): DzQuat {
    return quatOf(rotationOf(this.#local(this.#time(tm))));
  }

  getLocalScale(tm?: number): DzMatrix3 {
    const [sx, sy, sz] = scaleOf(this.#local(this.#time(tm)));
    return matrix3Of(new Float64Array([sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1]));
  }

  getLocalTransform(tm?: number): DzMatrix3 {
    return matrix3Of(this.#local(this.#time(tm)));
  }

  // ─── bounding boxes ───
  /**
   * "A box containing the current node (including associated geometry, if any), oriented to the
   * world axes, in world coordinates" (DAZ's wording). With geometry: the mesh as posed now
   * (morphs, skinning, the node's transform). Without (cameras, lights, bones, null nodes): the
   * node itself, a box of no size at its world position.
   */
  getWSBoundingBox(): DzBox3 {
    const object = this.#object as { [POSED_BOX]?: () => DzBox3 } | null;
    const box = object?.[POSED_BOX]?.();
    if (box?.isValid()) return box;
    const at = this.getWSPos();
    return new DzBox3(at, at);
  }

  /** The world-axis box of getWSBoundingBox(), relative to the node's world position (DAZ's wording). */
  getLocalBoundingBox(): DzBox3 {
    const box = this.getWSBoundingBox();
    box.translate(this.getWSPos().multiply(-1));
    return box;
  }

  /** `(pos)` or `(time, pos)`: set the translate channels so the origin lands on `pos` in world space. */
  setWSPos(a: number | DzVec3, b?: DzVec3): void {
    const [tm, pos] = typeof a === 'number' ? [Math.trunc(a), b as DzVec3] : [undefined, a];
    const time = tm ?? this.ctx.clock.now();
    const parentWorld = this.#parent ? this.#parent.#world(time) : identity();
    const p = transformPoint(invert(parentWorld), [pos.x, pos.y, pos.z]);
    this.#setTranslate([p[0] - this.#origin[0], p[1] - this.#origin[1], p[2] - this.#origin[2]], tm);
  }

  /** `(pos)` or `(time, pos)`: the inverse of getLocalPos. */
  setLocalPos(a: number | DzVec3, b?: DzVec3): void {
    const [tm, pos] = typeof a === 'number' ? [Math.trunc(a), b as DzVec3] : [undefined, a];
    const parentOrigin = this.#parent ? this.#parent.#origin : [0, 0, 0];
    this.#setTranslate(
      [
        pos.x + parentOrigin[0] - this.#origin[0],
        pos.y + parentOrigin[1] - this.#origin[1],
        pos.z + parentOrigin[2] - this.#origin[2],
      ],
      tm,
    );
  }

  /** `(rot)` or `(time, rot)`: set the rotate channels so that getLocalRot() returns `rot`. */
  setLocalRot(a: number | DzQuat, b?: DzQuat): void {
    const [tm, rot] = typeof a === 'number' ? [Math.trunc(a), b as DzQuat] : [undefined, a];
    const o = this.#orientation;
    const r = quatMultiply(quatMultiply(quatConjugate(o), quatTuple(rot)), o);
    this.#setRotate(quatToEulerDegrees(this.#rotationOrder, r), tm);
  }

  /** `(rot)` or `(time, rot)`: set the rotate channels so that getWSRot() returns `rot`. */
  setWSRot(a: number | DzQuat, b?: DzQuat): void {
    const [tm, rot] = typeof a === 'number' ? [Math.trunc(a), b as DzQuat] : [undefined, a];
    const time = tm ?? this.ctx.clock.now();
    const parentRot = this.#parent ? rotationOf(this.#parent.#world(time)) : ([0, 0, 0, 1] as Quat);
    const local = quatMultiply(quatConjugate(parentRot), quatTuple(rot));
    this.setLocalRot(...((tm === undefined ? [quatOf(local)] : [tm, quatOf(local)]) as [DzQuat]));
  }

  #setTranslate(v: Vec3, tm: number | undefined): void {
    for (let i = 0; i < 3; i++) {
      if (tm === undefined) this.#t[i].setValue(v[i]);
      else this.#t[i].setValue(tm, v[i]);
    }
  }

  #setRotate(v: Vec3, tm: number | undefined): void {
    for (let i = 0; i < 3; i++) {
      if (tm === undefined) this.#r[i].setValue(v[i]);
      else this.#r[i].setValue(tm, v[i]);
    }
  }

  // ─── visibility and selection ───
  isVisible(): boolean {
    return this.#visible;
  }
  setVisible(onOff: boolean): void {
    if (this.#visible !== Boolean(onOff)) this.ctx.edits++;
    this.#visible = Boolean(onOff);
  }
  isVisibleInRender(): boolean {
    return this.#visibleInRender;
  }
  setVisibleInRender(onOff: boolean): void {
    if (this.#visibleInRender !== Boolean(onOff)) this.ctx.edits++;
    this.#visibleInRender = Boolean(onOff);
  }
  isVisibleInViewport(): boolean {
    return this.#visibleInViewport;
  }
  setVisibleInViewport(onOff: boolean): void {
    if (this.#visibleInViewport !== Boolean(onOff)) this.ctx.edits++;
    this.#visibleInViewport = Boolean(onOff);
  }
  isSelected(): boolean {
    return this.#selected;
  }
  select(onOff = true): void {
    const selected = Boolean(onOff);
    if (selected === this.#selected) return;
    this.#selected = selected;
    this.#observer?.selectionChanged(this, selected);
  }
}

function axisOf(order: RotationOrderName, position: 0 | 1 | 2): 0 | 1 | 2 {
  return (order.charCodeAt(position) - 88) as 0 | 1 | 2;
}
