import { DZ_SERIALIZE } from '../../runtime/json-builder.js';

/** Color (QColor): 0-255 channels; `rgb` is the packed 0xAARRGGBB-style int DAZ returns from getValue(). */
export class Color {
  red: number;
  green: number;
  blue: number;
  alpha: number;

  constructor(r: number | string = 0, g = 0, b = 0, a = 255) {
    if (typeof r === 'string') {
      const hex = /^#?([0-9a-f]{6})$/i.exec(r.trim());
      const n = hex ? Number.parseInt(hex[1], 16) : 0;
      this.red = (n >> 16) & 255;
      this.green = (n >> 8) & 255;
      this.blue = n & 255;
      this.alpha = 255;
    } else {
      this.red = clamp255(r);
      this.green = clamp255(g);
      this.blue = clamp255(b);
      this.alpha = clamp255(a);
    }
  }

  static fromPacked(rgb: number): Color {
    return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, (rgb >>> 24) & 255);
  }

  /** QRgb: 0xAARRGGBB as an unsigned int. */
  get rgb(): number {
    return ((this.alpha << 24) | (this.red << 16) | (this.green << 8) | this.blue) >>> 0;
  }

  get name(): string {
    return `#${[this.red, this.green, this.blue].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  }

  setRgb(r: number, g: number, b: number, a = 255): void {
    this.red = clamp255(r);
    this.green = clamp255(g);
    this.blue = clamp255(b);
    this.alpha = clamp255(a);
  }

  toString(): string {
    return this.name;
  }

  [DZ_SERIALIZE](): unknown {
    return { alpha: this.alpha, blue: this.blue, green: this.green, red: this.red };
  }
}

/** DzFloatColor: 0..1 channels. */
export class DzFloatColor {
  red: number;
  green: number;
  blue: number;
  alpha: number;

  constructor(r: number | Color | number[] = 0, g = 0, b = 0, a = 1) {
    if (r instanceof Color) {
      this.red = r.red / 255;
      this.green = r.green / 255;
      this.blue = r.blue / 255;
      this.alpha = r.alpha / 255;
    } else if (Array.isArray(r)) {
      [this.red, this.green, this.blue] = [Number(r[0] ?? 0), Number(r[1] ?? 0), Number(r[2] ?? 0)];
      this.alpha = Number(r[3] ?? 1);
    } else {
      this.red = Number(r);
      this.green = Number(g);
      this.blue = Number(b);
      this.alpha = Number(a);
    }
  }

  [DZ_SERIALIZE](): unknown {
    return { alpha: this.alpha, blue: this.blue, green: this.green, red: this.red };
  }
}

function clamp255(v: number): number {
  return Math.max(0, Math.min(255, Math.round(Number(v) || 0)));
}
