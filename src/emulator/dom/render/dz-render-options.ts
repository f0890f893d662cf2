/**
 * DzRenderOptions and QSize as DAZ scripts see them: render settings are script properties
 * (`opts.imageSize = new QSize(640, 480)`, `opts.renderImgFilename = path`,
 * `opts.renderImgToId = opts.DirectToFile`), with DAZ's enum values both on the class and on
 * each instance. Names follow the DAZ object index (dazscript-types `dz_renderOptions.d.ts`);
 * setter methods DAZ does not have (`setImageFilename`, `setImageSize`) stay absent.
 */
import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';

/** QSize: a width and a height in pixels (`.width`, `.height`, `setWidth`, `setHeight`). */
export class QSize {
  width: number;
  height: number;

  constructor(width = -1, height = -1) {
    this.width = Math.trunc(Number(width));
    this.height = Math.trunc(Number(height));
  }

  setWidth(w: number): void {
    this.width = Math.trunc(Number(w));
  }

  setHeight(h: number): void {
    this.height = Math.trunc(Number(h));
  }

  isValid(): boolean {
    return this.width >= 0 && this.height >= 0;
  }

  toString(): string {
    return `QSize(${this.width}, ${this.height})`;
  }
}

const ENUMS = {
  ScreenShot: 0,
  HardwareAssisted: 1,
  Software: 2,
  ActiveView: 0,
  NewWindow: 1,
  DirectToFile: 2,
  MovieFile: 0,
  ImageSeries: 1,
  Normal: 0,
  Cartoon: 1,
  Box: 0,
  Triangle: 1,
  CatmullRom: 2,
  Gaussian: 3,
  Sinc: 4,
  GCOff: 0,
  GCOn: 1,
} as const;

interface Settings {
  renderImgToId: number;
  renderImgFilename: string;
  lastRenderImgFilename: string;
  width: number;
  height: number;
  isAspectConstrained: boolean;
  renderType: number;
  doubleSided: boolean;
  gamma: number;
  gammaCorrection: number;
  isCurrentFrameRender: boolean;
}

/** The emulator's Render Settings defaults: a 1920×1080 Iray render to a new window. */
const DEFAULTS: Settings = {
  renderImgToId: ENUMS.NewWindow,
  renderImgFilename: '',
  lastRenderImgFilename: '',
  width: 1920,
  height: 1080,
  isAspectConstrained: true,
  renderType: ENUMS.Software,
  doubleSided: true,
  gamma: 2.2,
  gammaCorrection: ENUMS.GCOn,
  isCurrentFrameRender: true,
};

/** @internal Record the file a render wrote (`lastRenderImgFilename`). */
export let recordWrittenImage: (o: DzRenderOptions, path: string) => void;

export class DzRenderOptions extends DzBase {
  protected readonly classChain = ['DzRenderOptions', 'QObject'] as const;
  readonly #ctx: DomContext;
  #s: Settings = { ...DEFAULTS };

  static {
    recordWrittenImage = (o, path) => {
      o.#s.lastRenderImgFilename = path;
    };
    for (const [name, value] of Object.entries(ENUMS)) {
      Object.defineProperty(DzRenderOptions, name, { value, enumerable: false });
      Object.defineProperty(DzRenderOptions.prototype, name, { get: () => value, enumerable: false });
    }
  }

  constructor(ctx: DomContext) {
    super('');
    this.#ctx = ctx;
  }

  get renderImgToId(): number {
    return this.#s.renderImgToId;
  }
  set renderImgToId(id: number) {
    this.#s.renderImgToId = this.#int('renderImgToId', id, 0, 2);
  }
  get renderImgFilename(): string {
    return this.#s.renderImgFilename;
  }
  set renderImgFilename(path: string) {
    this.#s.renderImgFilename = String(path ?? '');
  }
  get lastRenderImgFilename(): string {
    return this.#s.lastRenderImgFilename;
  }
  get imageSize(): QSize {
    return new QSize(this.#s.width, this.#s.height);
  }
  set imageSize(size: QSize) {
    const w = Number((size as { width?: unknown } | null)?.width);
    const h = Number((size as { height?: unknown } | null)?.height);
    if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) {
      throw this.#ctx.typeError(
        `DzRenderOptions.imageSize: expected a QSize of positive integers, got ${String(size)}`,
      );
    }
    this.#s.width = w;
    this.#s.height = h;
  }
  get aspect(): number {
    return this.#s.width / this.#s.height;
  }
  get aspectWidth(): number {
    return this.#s.width;
  }
  get aspectHeight(): number {
    return this.#s.height;
  }
  get isAspectConstrained(): boolean {
    return this.#s.isAspectConstrained;
  }
  set isAspectConstrained(onOff: boolean) {
    this.#s.isAspectConstrained = Boolean(onOff);
  }
  get renderType(): number {
    return this.#s.renderType;
  }
  set renderType(type: number) {
    this.#s.renderType = this.#int('renderType', type, 0, 2);
  }
  get doubleSided(): boolean {
    return this.#s.doubleSided;
  }
  set doubleSided(onOff: boolean) {
    this.#s.doubleSided = Boolean(onOff);
  }
  get gamma(): number {
    return this.#s.gamma;
  }
  set gamma(value: number) {
    const g = Number(value);
    if (!(g > 0) || !Number.isFinite(g))
      throw this.#ctx.typeError(`DzRenderOptions.gamma: expected a positive number, got ${String(value)}`);
    this.#s.gamma = g;
  }
  get gammaCorrection(): number {
    return this.#s.gammaCorrection;
  }
  set gammaCorrection(mode: number) {
    this.#s.gammaCorrection = this.#int('gammaCorrection', mode, 0, 1);
  }
  get isCurrentFrameRender(): boolean {
    return this.#s.isCurrentFrameRender;
  }
  set isCurrentFrameRender(onOff: boolean) {
    this.#s.isCurrentFrameRender = Boolean(onOff);
  }

  setAspectRatio(widthRatio: number, heightRatio: number): void {
    const w = Number(widthRatio);
    const h = Number(heightRatio);
    if (w > 0 && h > 0) this.#s.height = Math.max(1, Math.round((this.#s.width * h) / w));
  }

  /** Persist the settings (DAZ writes them to its settings manager; the emulator keeps them). */
  applyChanges(): void {}

  resetOptions(): void {
    this.#s = { ...DEFAULTS };
  }

  restoreDefaultSettings(): void {
    this.resetOptions();
  }

  setToDefaults(): void {
    this.resetOptions();
  }

  copyFrom(options: DzRenderOptions): void {
    if (!(options instanceof DzRenderOptions))
      throw this.#ctx.typeError('DzRenderOptions.copyFrom: expected a DzRenderOptions');
    this.#s = { ...options.#s };
  }

  #int(name: string, value: unknown, min: number, max: number): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw this.#ctx.typeError(
        `DzRenderOptions.${name}: expected an integer ${min}..${max}, got ${String(value)}`,
      );
    }
    return n;
  }
}

/** @internal What doRender reads, and where it records the file it wrote. */
export const renderSettings = {
  size: (o: DzRenderOptions) => o.imageSize,
  gammaOut: (o: DzRenderOptions) => (o.gammaCorrection === ENUMS.GCOn ? o.gamma : 1),
  writesFile: (o: DzRenderOptions) => o.renderImgToId === ENUMS.DirectToFile,
};
