/**
 * Two versions of one textured grid, exported over each other by the crash tests. Going from A
 * to B touches every kind of file a .gltf commit handles:
 * - the .bin keeps its name and changes (B's grid is twice as big);
 * - `checker_diffuse.png` keeps its name and changes (B reads a file of that name with other
 *   pixels, from `altFolder`);
 * - A's packed roughness texture is gone from B, and B has a normal map A does not.
 */
import { join } from 'node:path';
import type { MaterialChannel } from '../../../../src/scene/material.js';
import type { Scene } from '../../../../src/scene/scene.js';
import { iray, tinyScene } from './tiny-scene.js';

export type Version = 'A' | 'B';

/** `altFolder` holds B's `checker_diffuse.png` (other pixels than the asset of that name). */
export function sceneVersion(version: Version, textures: string, altFolder: string, cells = 48): Scene {
  const scale = version === 'A' ? 1 : 2;
  const positions: number[] = [];
  for (let y = 0; y <= cells; y++)
    for (let x = 0; x <= cells; x++) positions.push((x / cells) * scale, (y / cells) * scale, 0);
  const faces: number[][] = [];
  const row = cells + 1;
  for (let y = 0; y < cells; y++)
    for (let x = 0; x < cells; x++) {
      const i = y * row + x;
      faces.push([i, i + 1, i + row + 1, i + row]);
    }
  const channels: Record<string, MaterialChannel> =
    version === 'A'
      ? {
          'Diffuse Color': { label: '', value: [1, 1, 1], map: join(textures, 'checker_diffuse.png') },
          'Glossy Roughness': { label: '', value: 0.5, map: join(textures, 'checker_roughness.png') },
        }
      : {
          'Diffuse Color': { label: '', value: [1, 1, 1], map: join(altFolder, 'checker_diffuse.png') },
          'Normal Map': { label: '', value: 1, map: join(textures, 'skin_normal.png') },
        };
  return tinyScene({ positions, faces, materials: [iray('Surface', channels)] });
}
