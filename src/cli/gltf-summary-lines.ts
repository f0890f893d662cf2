/** A glTF summary (formats/gltf-summary.ts) as `dazport inspect model.glb` prints it. */
import type { GltfSummary } from '../formats/gltf-summary.js';

import { plural, formatBytes as size } from './human-units.js';

/** Rows of `[label, detail]` under a heading, the labels in one column. */
function table(heading: string, rows: [string, string][]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`  ${heading}:`, ...rows.map(([label, detail]) => `    ${label.padEnd(width)}  ${detail}`)];
}

const nameOr = (name: string, index: number) => name || `#${index}`;

export function gltfSummaryLines(s: GltfSummary): string[] {
  const kind = s.container === 'glb' ? 'binary glTF (GLB)' : 'glTF (JSON)';
  const made = s.generator ? `, made by ${s.generator}` : '';
  const lines = [
    `${s.file}: ${kind} ${s.version}, ${size(s.fileBytes)}${made}`,
    `  ${plural(s.scenes.length, 'scene')}, ${plural(s.nodes, 'node')}, ${plural(s.meshes.length, 'mesh', 'meshes')}, ` +
      `${plural(s.materials.length, 'material')}, ${plural(s.textures.length, 'texture')}, ${plural(s.skins.length, 'skin')}, ` +
      `${plural(s.animations.length, 'animation')}, ${plural(s.cameras, 'camera')}, ${plural(s.lights, 'light')}`,
  ];
  lines.push(
    ...table(
      'meshes',
      s.meshes.map((m, i) => [
        nameOr(m.name, i),
        `${plural(m.primitives, 'primitive')}, ${plural(m.vertices, 'vertex', 'vertices')}, ` +
          `${plural(m.triangles, 'triangle')}${m.morphTargets ? `, ${plural(m.morphTargets, 'morph target')}` : ''}`,
      ]),
    ),
  );
  if (s.materials.length) lines.push(`  materials: ${s.materials.map((m, i) => nameOr(m, i)).join(', ')}`);
  lines.push(
    ...table(
      'textures',
      s.textures.map((t, i) => [
        nameOr(t.name || t.uri, i),
        `${t.mimeType}, ${t.width !== null ? `${t.width}×${t.height}` : 'size unknown'}, ${size(t.bytes)}`,
      ]),
    ),
  );
  lines.push(
    ...table(
      'skins',
      s.skins.map((k, i) => [nameOr(k.name, i), plural(k.joints, 'joint')]),
    ),
  );
  lines.push(
    ...table(
      'animations',
      s.animations.map((a, i) => [
        nameOr(a.name, i),
        `${plural(a.channels, 'channel')}, ${plural(a.keyframes, 'key')}, ${a.durationSec.toFixed(2)} s`,
      ]),
    ),
  );
  if (s.extensionsUsed.length) {
    const required = new Set(s.extensionsRequired);
    lines.push(
      `  extensions: ${s.extensionsUsed.map((e) => (required.has(e) ? `${e} (required)` : e)).join(', ')}`,
    );
  }
  return lines;
}
