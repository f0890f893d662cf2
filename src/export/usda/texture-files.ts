/**
 * Texture files beside the output: every map a material uses is copied once into the texture
 * folder, `<output stem>_textures/` (output-layout.ts, the same rule as a .gltf's), and
 * referenced with a path relative to the .usda (`@./x_textures/a.png@`, anchored to the
 * layer, so the folder can move as a whole). Two sources with the same file
 * name get `_1`, `_2` suffixes; so does a map whose name another export of the folder uses for
 * other pixels (a shared `textureFolder`), while an identical file already there is used as it
 * is (set-plan.ts). A source that does not exist is a warning, not an error.
 *
 * Names are decided as the materials are written ({@link TextureCopies.resolve}); the copies
 * then go to temporary files ({@link TextureCopies.prepare}), and the .usda's commit renames them
 * in with it as one set (set-commit.ts). A map that replaces a file the previous .usda uses is
 * committed under a staged name first, which {@link TextureCopies.staged} gives for the staged
 * .usda.
 */
import { existsSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DazportError } from '../../errors.js';
import { ensureFolder } from '../../fs/ensure-folder.js';
import { discardTemp } from '../atomic-write.js';
import { changesTextures, type EngineOutputOptions } from '../engine-options.js';
import { PathSet } from '../export-references.js';
import { textureFolderOf } from '../output-layout.js';
import type { SetMember } from '../set-commit.js';
import { stagedName } from '../set-commit.js';
import type { SetPlanner } from '../set-plan.js';
import { sweepStaleTemps } from '../stale-temps.js';
import { newTempPath } from '../temp-files.js';
import { processTexture, TextureProcessError, type TextureRole } from '../texture-output.js';
import type { TextureResolver } from './materials.js';

/** USDA's suffixes for same-named maps start at `_1`. */
const FIRST_SUFFIX = 1;

interface Planned extends SetMember {
  source: string;
  /** Path written in the .usda. */
  asset: string;
  /** Where it is copied first, and what the staged .usda says, when it replaces a file of the previous set. */
  stagedAsset?: string;
  /** Copy to a temporary file (`write`, `stage`), or use the identical file there (`keep`). */
  copy: boolean;
  /** The bytes to write instead of the source's, when the engine options resized or converted it. */
  bytes?: Uint8Array;
}

export class TextureCopies implements TextureResolver {
  readonly folder: string;
  readonly #folderPath: string;
  readonly #planner: SetPlanner;
  readonly #warn: (text: string) => void;
  readonly #bySource = new Map<string, Planned | null>();
  readonly #targets = new PathSet();
  #createdFolder: string | null = null;

  readonly #engine: EngineOutputOptions;

  /** `engine`: texture size and format wanted (texture-output.ts); maps are copied as they are without. */
  constructor(
    planner: SetPlanner,
    warn: (text: string) => void,
    folder?: string,
    engine: EngineOutputOptions = {},
  ) {
    this.folder = textureFolderOf(planner.main, folder);
    this.#folderPath = join(planner.folder, this.folder);
    this.#planner = planner;
    this.#warn = warn;
    this.#engine = engine;
  }

  resolve(file: string, usedBy: string, role: TextureRole = 'data'): string | null {
    const known = this.#bySource.get(file);
    if (known !== undefined) return known?.asset ?? null;
    if (!isFile(file)) {
      this.#warn(`texture ${file} (${usedBy}) not found: left out, the material keeps its constant values`);
      this.#bySource.set(file, null);
      return null;
    }
    const bytes = this.#engineBytes(file, role);
    const name = bytes ? `${basename(file, extname(file))}${bytes.extension}` : basename(file);
    const wanted = join(this.#folderPath, name);
    const content = bytes ? bytes.data : { file };
    const { path, action } = this.#planner.place(wanted, content, FIRST_SUFFIX, (p) => this.#targets.has(p));
    this.#targets.add(path);
    const planned: Planned = {
      source: file,
      asset: `./${this.folder}/${basename(path)}`,
      path,
      temp: null,
      copy: action !== 'keep',
      ...(bytes ? { bytes: bytes.data } : {}),
    };
    if (action === 'stage') {
      const name = stagedName(basename(path));
      planned.staged = join(dirname(path), name);
      planned.stagedAsset = `./${this.folder}/${name}`;
    }
    this.#bySource.set(file, planned);
    return planned.asset;
  }

  /**
   * The map resized / converted as the engine options ask (its new extension), or null to copy
   * it as it is: no such option, nothing to change, or a file that cannot be decoded (warned).
   */
  #engineBytes(file: string, role: TextureRole): { data: Uint8Array; extension: string } | null {
    if (!changesTextures(this.#engine)) return null;
    let source: Uint8Array;
    try {
      source = readFileSync(file);
    } catch (cause) {
      throw copyError(file, cause);
    }
    try {
      const out = processTexture(source, role, this.#engine, file);
      if (out.bytes === source) return null;
      return { data: out.bytes, extension: out.mimeType === 'image/png' ? '.png' : '.jpg' };
    } catch (err) {
      if (!(err instanceof TextureProcessError)) throw err;
      this.#warn(`texture ${err.message}: copied as it is (not resized or converted)`);
      return null;
    }
  }

  /** The maps the .usda references (sources that exist). */
  get planned(): Planned[] {
    return [...this.#bySource.values()].filter((p): p is Planned => p !== null);
  }

  /** Whether a staged .usda is needed: some map replaces a file the previous .usda uses. */
  get anyStaged(): boolean {
    return this.planned.some((p) => p.staged);
  }

  /** The asset paths of the staged .usda: staged names where there are some. */
  readonly staged: TextureResolver = {
    resolve: (file) => {
      const p = this.#bySource.get(file);
      return p ? (p.stagedAsset ?? p.asset) : null;
    },
  };

  /** Folders the commit may leave empty: the texture folder if this export made it, and the folders of dropped files. */
  foldersFor(replaced: string[]): string[] {
    return [...new Set([...(this.#createdFolder ? [this.#createdFolder] : []), ...replaced.map(dirname)])];
  }

  /** Copy every map that is not there yet to a temporary file beside its target; the members of the set. */
  async prepare(): Promise<SetMember[]> {
    const planned = this.planned;
    if (planned.length === 0) return [];
    if (!existsSync(this.#folderPath)) {
      try {
        ensureFolder(this.#folderPath);
      } catch (cause) {
        throw copyError(this.#folderPath, cause);
      }
      this.#createdFolder = this.#folderPath;
    }
    if (resolve(this.#folderPath) !== this.#planner.folder) sweepStaleTemps(this.#folderPath);
    for (const p of planned) {
      if (!p.copy) continue;
      p.temp = newTempPath(p.path);
      try {
        if (p.bytes) await writeFile(p.temp, p.bytes);
        else await copyFile(p.source, p.temp);
      } catch (cause) {
        throw copyError(p.path, cause);
      }
    }
    return planned;
  }

  /** Remove the temporary copies and a texture folder this export made (after a failed export). */
  async discard(): Promise<void> {
    for (const p of this.planned) if (p.temp) await discardTemp(p.temp);
    if (this.#createdFolder) {
      try {
        rmdirSync(this.#createdFolder);
      } catch {
        // Not empty: the new set was committed (staged) before the failure, and uses it.
      }
    }
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
