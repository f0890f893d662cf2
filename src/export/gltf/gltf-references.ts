/** The files a .gltf references by relative URI (its buffers and images). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ExportReferences } from '../export-references.js';

/** What a .gltf references; an empty set when there is no file; null when it cannot be read as glTF. */
export function readGltfReferences(path: string): ExportReferences | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { files: [], byDazport: false } : null;
  }
  let json: { asset?: { generator?: unknown }; buffers?: unknown; images?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const folder = dirname(path);
  const files: string[] = [];
  for (const list of [json.buffers, json.images]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const uri = (item as { uri?: unknown } | null)?.uri;
      const file = typeof uri === 'string' ? relativeUriPath(folder, uri) : null;
      if (file) files.push(file);
    }
  }
  const generator = json.asset?.generator;
  return { files, byDazport: typeof generator === 'string' && generator.startsWith('dazport') };
}

/** The file a relative URI names; null for data: URIs, other schemes and absolute paths. */
export function relativeUriPath(folder: string, uri: string): string | null {
  if (uri.startsWith('data:') || /^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/')) return null;
  let decoded = uri;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    // A malformed escape: glTF readers fall back to the raw text too.
  }
  return resolve(folder, decoded);
}
