/**
 * Where each file of a multi-file export goes (a .gltf's .bin and textures, a .usda's
 * textures), decided before anything is written, so that writing it changes no other export in
 * the folder and its commit (set-commit.ts) can keep the previous version whole until the end.
 *
 * For a file that wants the name `skin_diffuse.png`, the first of `skin_diffuse.png`,
 * `skin_diffuse_2.png`, `skin_diffuse_3.png` ... (the writer's own suffix style) that is
 * - not there: written there;
 * - there with the same bytes: used as it is, not written (two exports may share it);
 * - there with other bytes, used by another .gltf/.usda of the folder: passed over, so that
 *   export keeps its pixels (before, writing scene-b.gltf replaced scene-a.gltf's texture);
 * - there with other bytes, used by the previous version of this export only: replaced, through
 *   a staged name (set-commit.ts), so a reader of the previous version never sees the new bytes;
 * - there with other bytes, used by no export: replaced.
 * A re-export therefore keeps its names: its previous files are its first choice.
 */
import { lstatSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DazportError } from '../errors.js';
import {
  type ExportReferences,
  PathSet,
  readExportReferences,
  referencesOfOtherExports,
} from './export-references.js';
import { type Content, holdsContent } from './same-content.js';
import { notAFile } from './set-commit.js';
import { sweepStaleTemps } from './stale-temps.js';

export type { Content } from './same-content.js';

export interface Placement {
  /** Where the file goes (absolute). */
  path: string;
  /** `write` it there, `keep` the identical file there, or `stage` it (it replaces a file of the previous version). */
  action: 'write' | 'keep' | 'stage';
}

/** How many suffixed names are tried before giving up (a folder of thousands of same-named textures). */
const MAX_CANDIDATES = 10_000;

export class SetPlanner {
  readonly main: string;
  readonly folder: string;
  /** What the previous version of the export references (null: a file there that is not a readable export). */
  readonly previous: ExportReferences | null;
  readonly #previousFiles: PathSet;
  #others: PathSet | 'all' | undefined;

  /** Sweeps the folder of what killed runs left (their journals settled first), then reads the previous export. */
  constructor(mainPath: string) {
    this.main = resolve(mainPath);
    this.folder = dirname(this.main);
    sweepStaleTemps(this.folder);
    this.previous = readExportReferences(this.main);
    this.#previousFiles = new PathSet(this.previous?.files ?? []);
  }

  /**
   * Choose the file for `content`, which wants the name `wanted` (absolute path); `suffixFrom`
   * is the first number of the writer's suffixes (`_2` for glTF, `_1` for USDA); `taken` says
   * which names the export uses for its other files.
   */
  place(wanted: string, content: Content, suffixFrom: number, taken: (path: string) => boolean): Placement {
    const ext = extname(wanted);
    const stem = join(dirname(wanted), basename(wanted, ext));
    for (let n = suffixFrom - 1; n < suffixFrom + MAX_CANDIDATES; n++) {
      const path = n < suffixFrom ? wanted : `${stem}_${n}${ext}`;
      if (taken(path)) continue;
      const action = this.#actionFor(path, content);
      if (action) return { path, action };
    }
    throw new DazportError(
      'DAZPORT_OUTPUT',
      `cannot name ${basename(wanted)}: ${MAX_CANDIDATES} files of that name are in ${dirname(wanted)}`,
      { context: { file: wanted }, suggestion: 'export into another folder' },
    );
  }

  /**
   * The files of the previous version that the commit replaces (`staged`: their new bytes come
   * in under a staged name first) or drops (not among `kept`, the new version's files). Files
   * of an export dazport did not write are never dropped.
   */
  replacedFiles(kept: string[], staged: string[]): string[] {
    if (!this.previous?.byDazport) return staged;
    const keep = new PathSet(kept);
    return [...staged, ...this.previous.files.filter((f) => !keep.has(f))];
  }

  /** What to do with `path`, or null to try the next name. */
  #actionFor(path: string, content: Content): Placement['action'] | null {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(path);
    } catch {
      return 'write';
    }
    if (!stat.isFile()) throw notAFile(path);
    if (holdsContent(path, stat.size, content)) return 'keep';
    if (this.#usedByOthers(path)) return null;
    return this.#previousFiles.has(path) ? 'stage' : 'write';
  }

  #usedByOthers(path: string): boolean {
    this.#others ??= referencesOfOtherExports(this.folder, basename(this.main));
    return this.#others === 'all' || this.#others.has(path);
  }
}
