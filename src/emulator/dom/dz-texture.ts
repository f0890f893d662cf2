import { DzBase } from './dz-base.js';

/** DzTexture: an image a material channel uses; only its file and gamma matter to exporters. */
export class DzTexture extends DzBase {
  protected readonly classChain = ['DzTexture', 'DzImageAsset', 'DzBase', 'QObject'] as const;
  readonly #filename: string;
  readonly #gamma: number;
  readonly #size: { width: number; height: number };

  constructor(filename: string, gamma = 0, size = { width: 0, height: 0 }) {
    super(filename.split(/[\\/]/).pop() ?? filename);
    this.#filename = filename;
    this.#gamma = gamma;
    this.#size = size;
  }

  getFilename(): string {
    return this.#filename;
  }

  /** The file DAZ Studio renders from; the same as the source here (no conversion cache). */
  getTempFilename(): string {
    return this.#filename;
  }

  /** 0 means "automatic" (sRGB for colour maps, linear for data maps), as in DAZ Studio. */
  getGamma(): number {
    return this.#gamma;
  }

  getOriginalImageSize(): { width: number; height: number } {
    return { ...this.#size };
  }

  /** DzTexture.Standard. */
  getTextureType(): number {
    return 0;
  }
}
