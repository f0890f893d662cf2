import type { DomContext } from './dom-context.js';
import { DzNode, type NodeRestData } from './dz-node.js';
import { DzVec3 } from './math/dz-vec3.js';
import { DzFloatProperty } from './properties/dz-float-property.js';
import { DzBoolProperty } from './properties/dz-int-property.js';

export interface CameraSettings {
  /** mm (DAZ default 65). */
  focalLength?: number;
  /** Film width, mm (horizontal). */
  frameWidth?: number;
  /** Focus distance, cm. */
  focalDistance?: number;
  fStop?: number;
  depthOfField?: boolean;
  aspectWidth?: number;
  aspectHeight?: number;
  pixelsWidth?: number;
  pixelsHeight?: number;
  /** cm. */
  near?: number;
  far?: number;
}

/**
 * DzCamera / DzBasicCamera: lens values are script PROPERTIES (`cam.focalLength`), not getters,
 * as in DAZ Studio; the controls behind them are DzFloatProperty channels. Looks down local −Z.
 */
export class DzCamera extends DzNode {
  protected override readonly classChain: readonly string[] = [
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];
  protected readonly lens: {
    focalLength: DzFloatProperty;
    frameWidth: DzFloatProperty;
    focalDistance: DzFloatProperty;
    fStop: DzFloatProperty;
    dof: DzBoolProperty;
    lensShiftX: DzFloatProperty;
    lensShiftY: DzFloatProperty;
    perspective: DzBoolProperty;
  };
  #aspect: { w: number; h: number; pw: number; ph: number };
  #clip: { near: number; far: number };

  constructor(ctx: DomContext, name: string, label: string, rest: NodeRestData = {}, s: CameraSettings = {}) {
    super(ctx, name, label, rest);
    this.lens = {
      focalLength: this.addProperty(
        new DzFloatProperty(ctx, 'Focal Length', 'Focal Length (mm)', {
          value: s.focalLength ?? 65,
          min: 1,
          max: 10000,
          clamped: true,
        }),
      ),
      frameWidth: this.addProperty(
        new DzFloatProperty(ctx, 'Frame Width', 'Frame Width (mm)', {
          value: s.frameWidth ?? 36,
          min: 1,
          max: 1000,
          clamped: true,
        }),
      ),
      focalDistance: this.addProperty(
        new DzFloatProperty(ctx, 'Focal Distance', 'Focal Distance', {
          value: s.focalDistance ?? 500,
          min: 0,
          clamped: true,
        }),
      ),
      fStop: this.addProperty(
        new DzFloatProperty(ctx, 'F/Stop', 'F/Stop', {
          value: s.fStop ?? 22,
          min: 0.1,
          max: 1000,
          clamped: true,
        }),
      ),
      dof: this.addProperty(new DzBoolProperty(ctx, 'DOF', 'Depth of Field', s.depthOfField ?? false)),
      lensShiftX: this.addProperty(new DzFloatProperty(ctx, 'Lens Shift X', 'Lens Shift X (mm)')),
      lensShiftY: this.addProperty(new DzFloatProperty(ctx, 'Lens Shift Y', 'Lens Shift Y (mm)')),
      perspective: this.addProperty(new DzBoolProperty(ctx, 'Perspective', 'Perspective', true)),
    };
    this.#aspect = {
      w: s.aspectWidth ?? 16,
      h: s.aspectHeight ?? 9,
      pw: s.pixelsWidth ?? 1920,
      ph: s.pixelsHeight ?? 1080,
    };
    this.#clip = { near: s.near ?? 5, far: s.far ?? 1_000_000 };
  }

  get focalLength(): number {
    return this.lens.focalLength.getValue();
  }
  set focalLength(mm: number) {
    this.lens.focalLength.setValue(Number(mm));
  }
  get frameWidth(): number {
    return this.lens.frameWidth.getValue();
  }
  get focalDistance(): number {
    return this.lens.focalDistance.getValue();
  }
  set focalDistance(cm: number) {
    this.lens.focalDistance.setValue(Number(cm));
  }
  get aspectRatio(): number {
    return this.#aspect.w / this.#aspect.h;
  }
  get aspectWidth(): number {
    return this.#aspect.w;
  }
  get aspectHeight(): number {
    return this.#aspect.h;
  }
  get pixelsWidth(): number {
    return this.#aspect.pw;
  }
  get pixelsHeight(): number {
    return this.#aspect.ph;
  }
  get nearClippingPlane(): number {
    return this.#clip.near;
  }
  get farClippingPlane(): number {
    return this.#clip.far;
  }
  /** 0: perspective. */
  get type(): number {
    return 0;
  }

  getAspectRatio(): number {
    return this.aspectRatio;
  }
  getNearClippingPlane(): number {
    return this.#clip.near;
  }
  getFarClippingPlane(): number {
    return this.#clip.far;
  }

  /** Horizontal field of view, radians. */
  getFieldOfView(): number {
    return 2 * Math.atan(this.frameWidth / (2 * this.focalLength));
  }

  /** The point the camera focuses on: focal distance along its view direction. */
  getFocalPoint(): DzVec3 {
    const dir = this.getWSRot().multVec(new DzVec3(0, 0, -1));
    return this.getWSPos().add(dir.multiply(this.focalDistance));
  }

  /** Turn to look at `pos` (keeping +Y up) and focus there. */
  aimAt(pos: DzVec3): void {
    const from = this.getWSPos();
    const forward = pos.subtract(from);
    const distance = forward.length();
    if (distance === 0) return;
    const f = forward.normalized();
    // Yaw about Y then pitch about X, the way a camera on a tripod turns.
    const yaw = Math.atan2(-f.x, -f.z);
    const pitch = Math.asin(Math.max(-1, Math.min(1, f.y)));
    const r = 180 / Math.PI;
    this.getXRotControl().setValue(pitch * r);
    this.getYRotControl().setValue(yaw * r);
    this.getZRotControl().setValue(0);
    this.focalDistance = distance;
  }

  isViewCamera(): boolean {
    return false;
  }
}

export class DzBasicCamera extends DzCamera {
  protected override readonly classChain = [
    'DzBasicCamera',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];

  constructor(
    ctx: DomContext,
    name = 'Camera',
    label = name,
    rest: NodeRestData = {},
    s: CameraSettings = {},
  ) {
    super(ctx, name, label, { rotationOrder: 'YZX', ...rest }, s);
  }

  get depthOfField(): boolean {
    return this.lens.dof.getBoolValue();
  }
  set depthOfField(on: boolean) {
    this.lens.dof.setBoolValue(Boolean(on));
  }
  get fStop(): number {
    return this.lens.fStop.getValue();
  }
  set fStop(f: number) {
    this.lens.fStop.setValue(Number(f));
  }
  get isPerspective(): boolean {
    return this.lens.perspective.getBoolValue();
  }

  getFocalLengthControl(): DzFloatProperty {
    return this.lens.focalLength;
  }
  getFrameWidthControl(): DzFloatProperty {
    return this.lens.frameWidth;
  }
  getFStopControl(): DzFloatProperty {
    return this.lens.fStop;
  }
  getDepthOfFieldControl(): DzBoolProperty {
    return this.lens.dof;
  }
  getFocalDistanceControl(): DzFloatProperty {
    return this.lens.focalDistance;
  }
  getLensShiftXControl(): DzFloatProperty {
    return this.lens.lensShiftX;
  }
  getLensShiftYControl(): DzFloatProperty {
    return this.lens.lensShiftY;
  }
  getPerspectiveControl(): DzBoolProperty {
    return this.lens.perspective;
  }
}
