/**
 * The images the built-in scenes use, drawn procedurally and shipped as PNG files in
 * `assets/textures` (regenerate with `npm run generate:textures`). Colour maps are sRGB,
 * data maps (normal, roughness) linear, as DAZ Studio treats them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png-writer.js';

export interface TextureImage {
  file: string;
  width: number;
  height: number;
  channels: 3 | 4;
  draw: (x: number, y: number) => number[];
}

const SIZE = 128;

/** Seams and UV layout show up in exports: a faint grid over the base tone. */
function grid(x: number, y: number, base: number[], line: number[]): number[] {
  return x % 16 === 0 || y % 16 === 0 ? line : base;
}

export const BUILTIN_TEXTURES: TextureImage[] = [
  {
    file: 'skin_diffuse.png',
    width: SIZE,
    height: SIZE,
    channels: 3,
    draw: (x, y) => grid(x, y, [222 - ((x * 7 + y * 3) % 9), 186 - ((x + y) % 7), 160], [200, 160, 140]),
  },
  {
    file: 'skin_normal.png',
    width: SIZE,
    height: SIZE,
    channels: 3,
    // Gentle bumps: a tangent-space normal tilted by a sine pattern.
    draw: (x, y) => {
      const nx = 0.15 * Math.sin((x / SIZE) * Math.PI * 8);
      const ny = 0.15 * Math.sin((y / SIZE) * Math.PI * 8);
      const nz = Math.sqrt(1 - nx * nx - ny * ny);
      return [nx, ny, nz].map((c) => Math.round((c * 0.5 + 0.5) * 255));
    },
  },
  {
    file: 'eye_diffuse.png',
    width: 64,
    height: 64,
    channels: 3,
    draw: (x, y) => {
      const r = Math.hypot(x - 32, y - 32);
      if (r < 6) return [10, 10, 12];
      if (r < 16) return [60, 110 + Math.round(r * 3), 150];
      return [240, 238, 232];
    },
  },
  {
    file: 'checker_diffuse.png',
    width: SIZE,
    height: SIZE,
    channels: 3,
    draw: (x, y) => ((Math.floor(x / 16) + Math.floor(y / 16)) % 2 ? [200, 60, 40] : [235, 230, 220]),
  },
  {
    file: 'checker_roughness.png',
    width: SIZE,
    height: SIZE,
    channels: 3,
    draw: (x, y) => {
      const v = (Math.floor(x / 16) + Math.floor(y / 16)) % 2 ? 200 : 60;
      return [v, v, v];
    },
  },
  {
    file: 'cutout_opacity.png',
    width: 64,
    height: 64,
    channels: 3,
    draw: (x, y) => {
      const v = (x - 32) ** 2 + (y - 32) ** 2 < 28 ** 2 ? 255 : 0;
      return [v, v, v];
    },
  },
];

export function renderTexture(t: TextureImage): Buffer {
  const pixels = new Uint8Array(t.width * t.height * t.channels);
  for (let y = 0; y < t.height; y++) {
    for (let x = 0; x < t.width; x++) {
      const px = t.draw(x, y);
      pixels.set(px.slice(0, t.channels), (y * t.width + x) * t.channels);
    }
  }
  return encodePng(t.width, t.height, t.channels, pixels);
}

/** `assets/textures` of the package (same depth from src/ and dist/). */
export function textureDirectory(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'assets', 'textures');
}

/** Absolute path of a built-in texture; throws if the asset is missing from the install. */
export function texturePath(file: string): string {
  const path = join(textureDirectory(), file);
  if (!existsSync(path)) throw new Error(`built-in texture missing: ${path} (run npm run generate:textures)`);
  return path;
}
