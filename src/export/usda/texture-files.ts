/**
 * Texture files beside the output: every map a material uses is copied once into
 * `<output stem>_textures/` and referenced with a path relative to the .usda (`@./x_textures/a.png@`,
 * anchored to the layer, so the folder can move as a whole). Two sources with the same file
 * name get `_1`, `_2` suffixes. A source that does not exist is a warning, not an error.
 *
 * Copies are atomic (temporary file + rename, named and swept as atomic-write.ts does) and
 * happen just before the .usda is committed; if the export fails, the copies it made are
 * removed again.
 */
import { existsSync, statSync } from 'node:fs';
import { copyFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DazportError } from '../../errors.js';
import { discardTemp, tempPathFor } from '../atomic-write.js';
import { ensureFolder } from '../ensure-folder.js';
import { releaseTemp } from '../temp-files.js';
import type { TextureResolver } from './materials.js';

interface Planned {
  source: string;
  /** Path written in the .usda. */
  asset: string;
  target: string;
}

export class TextureCopies implements TextureResolver {
  readonly folder: string;
  readonly #folderPath: string;
  readonly #warn: (text: string) => void;
  readonly #bySource = new Map<string, Planned | null>();
  readonly #names = new Set<string>();
  readonly #created: string[] = [];
  #createdFolder = false;

  constructor(outPath: string, warn: (text: string) => void, folder?: string) {
    const stem = basename(outPath, extname(outPath));
    this.folder = folder ?? `${stem}_textures`;
    this.#folderPath = join(dirname(resolve(outPath)), this.folder);
    this.#warn = warn;
  }

  resolve(file: string, usedBy: string): string | null {
    const known = this.#bySource.get(file);
    if (known !== undefined) return known?.asset ?? null;
    if (!isFile(file)) {
      this.#warn(`texture ${file} (${usedBy}) not found: left out, the material keeps its constant values`);
      this.#bySource.set(file, null);
      return null;
    }
    const ext = extname(file);
    const stem = basename(file, ext);
    let name = `${stem}${ext}`;
    for (let n = 1; this.#names.has(name.toLowerCase()); n++) name = `${stem}_${n}${ext}`;
    this.#names.add(name.toLowerCase());
    const planned = { source: file, asset: `./${this.folder}/${name}`, target: join(this.#folderPath, name) };
    this.#bySource.set(file, planned);
    return planned.asset;
  }

  /** The files to copy (sources that exist). */
  get planned(): Planned[] {
    return [...this.#bySource.values()].filter((p): p is Planned => p !== null);
  }

  /** Copy every planned file; returns the targets (absolute paths). */
  async copyAll(): Promise<string[]> {
    const planned = this.planned;
    if (planned.length === 0) return [];
    if (!existsSync(this.#folderPath)) {
      try {
        ensureFolder(this.#folderPath);
      } catch (cause) {
        throw copyError(this.#folderPath, cause);
      }
      this.#createdFolder = true;
    }
    for (const p of planned) {
      if (resolve(p.source) === resolve(p.target)) continue;
      const existed = existsSync(p.target);
      const temp = tempPathFor(p.target);
      try {
        await copyFile(p.source, temp);
        await rename(temp, p.target);
        releaseTemp(temp);
      } catch (cause) {
        await discardTemp(temp);
        throw copyError(p.target, cause);
      }
      if (!existed) this.#created.push(p.target);
    }
    return planned.map((p) => p.target);
  }

  /** Remove what {@link copyAll} created (after a failed export). */
  async removeCopies(): Promise<void> {
    for (const f of this.#created.splice(0)) await rm(f, { force: true });
    if (this.#createdFolder) await rmdir(this.#folderPath).catch(() => {});
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function copyError(path: string, cause: unknown): DazportError {
  return new DazportError('DAZPORT_OUTPUT', `cannot write texture ${path}: ${(cause as Error).message}`, {
    context: { file: path },
    cause,
  });
}
