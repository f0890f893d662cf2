/**
 * Which files the exports of a folder use. A .gltf names its .bin and textures by relative URI,
 * a .usda its textures (and any sublayer) by asset path; several exports may share a folder,
 * even a texture file. The multi-file commit (set-plan.ts, set-commit.ts, set-journal.ts) asks
 * here before it replaces or removes a file, so it never takes one away from an export.
 *
 * Paths are compared without regard to case: on the case-insensitive file systems of Windows
 * and macOS `Skin.png` and `skin.png` are one file, and treating them as one elsewhere only
 * keeps a file that could have gone.
 */
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readGltfReferences } from './gltf/gltf-references.js';
import { readUsdaReferences } from './usda/usda-references.js';

export interface ExportReferences {
  /** Absolute paths of the files the export references. */
  files: string[];
  /** Written by dazport (glTF `asset.generator`, USD `customLayerData.generator`): only then are its old files removed. */
  byDazport: boolean;
}

/** A .gltf or a .usda: an export that references files beside it. */
export function isExportWithFiles(name: string): boolean {
  return /\.(gltf|usda)$/i.test(name);
}

/** What the export at `path` references; empty when there is no file; null when it cannot be read. */
export function readExportReferences(path: string): ExportReferences | null {
  return extname(path).toLowerCase() === '.usda' ? readUsdaReferences(path) : readGltfReferences(path);
}

/** A set of paths compared without regard to case. */
export class PathSet {
  readonly #keys = new Set<string>();

  constructor(paths: Iterable<string> = []) {
    for (const p of paths) this.add(p);
  }

  add(path: string): void {
    this.#keys.add(path.toLowerCase());
  }

  has(path: string): boolean {
    return this.#keys.has(path.toLowerCase());
  }
}

/** Everything the other .gltf and .usda files of `folder` reference; 'all' if one cannot be read. */
export function referencesOfOtherExports(folder: string, mainName: string): PathSet | 'all' {
  const all = new PathSet();
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 'all';
  }
  for (const name of names) {
    if (name === mainName || !isExportWithFiles(name)) continue;
    const refs = readExportReferences(join(folder, name));
    if (!refs) return 'all';
    for (const f of refs.files) all.add(f);
  }
  return all;
}
