/**
 * A .gltf is a set: the JSON file, the .bin beside it and the textures in its texture folder
 * (output-layout.ts), all referenced by relative URI. It is written as the shared multi-file
 * commit does (set-commit.ts), which keeps the previous set or the new one whole for a reader
 * at every instant, whenever the process dies; what it needs from glTF is here:
 *
 * 1. The folder is swept of what killed runs left; each file is given its place (set-plan.ts):
 *    its own URI, or a suffixed one (`skin_diffuse_2.png`) when another export of the folder
 *    uses that name for other bytes; an identical file already there is used as it is. Missing
 *    folders for the files are made (and swept when they exist, set-folders.ts).
 * 2. The new files and the final .gltf (URIs as placed) are written to temporary files; when
 *    a file replaces one the previous .gltf uses, a staged .gltf referencing it under its staged
 *    name too.
 * 3. The commit renames them in; its journal lets the next run finish a killed commit.
 *
 * Files of the previous set are removed only if the previous .gltf was written by dazport and
 * no other .gltf or .usda in the folder references them. Any failure throws DazportError
 * `DAZPORT_OUTPUT` and leaves one whole export: the previous one, or the new one if it was
 * already committed.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { GLTF } from '@gltf-transform/core';
import { isDazportError } from '../../errors.js';
import { discardTemp, outputError } from '../atomic-write.js';
import { PathSet } from '../export-references.js';
import { commitSetSync, refuseNonFile, type SetMember, stagedName } from '../set-commit.js';
import { prepareMemberFolders, removeEmptyFolders } from '../set-folders.js';
import { SetPlanner } from '../set-plan.js';
import { newTempPath } from '../temp-files.js';
import { relativeUriPath } from './gltf-references.js';

/** The .gltf's JSON; its `buffers[].uri` and `images[].uri` name the files of `resources`. */
type GltfJson = GLTF.IGLTF;

/** glTF-Transform's own suffixes start at `_2` (textures.ts). */
const FIRST_SUFFIX = 2;

interface Companion extends SetMember {
  /** The URI the writer gave it, the URI it is written under, and its staged URI. */
  uri: string;
  finalUri: string;
  stagedUri?: string;
  data: Uint8Array;
}

export interface GltfSetWritten {
  /** Bytes of the .gltf and every file it references. */
  bytes: number;
  /** The files the .gltf references (absolute paths), as placed. */
  files: string[];
}

/** Write `json` to `mainPath` and `resources` (relative URI → bytes) as one set. */
export async function writeGltfSet(
  mainPath: string,
  json: GltfJson,
  resources: Record<string, Uint8Array>,
): Promise<GltfSetWritten> {
  const folder = dirname(resolve(mainPath));
  for (const uri of Object.keys(resources))
    if (!relativeUriPath(folder, uri))
      throw outputError(mainPath, new Error(`"${uri}" is not a relative file URI`));
  refuseNonFile(mainPath);
  const planner = new SetPlanner(mainPath);
  const companions = place(planner, resources);
  const finalJson = withUris(json, new Map(companions.map((c) => [c.uri, c.finalUri])));
  const staged = new Map(
    companions.flatMap((c) => (c.stagedUri ? [[c.finalUri, c.stagedUri] as const] : [])),
  );
  const mainText = JSON.stringify(finalJson);
  const mainTemp = newTempPath(mainPath);
  const stagedMainTemp = staged.size ? newTempPath(mainPath) : null;
  let current = mainPath;
  let created: string[] = [];
  try {
    created = prepareMemberFolders(
      planner.folder,
      companions.flatMap((c) => (c.temp ? [c.path] : [])),
    );
    for (const c of companions) {
      if (!c.temp) continue;
      current = c.path;
      await writeFile(c.temp, c.data);
    }
    current = mainPath;
    await writeFile(mainTemp, mainText);
    if (stagedMainTemp) await writeFile(stagedMainTemp, JSON.stringify(withUris(finalJson, staged)));
  } catch (cause) {
    await Promise.all(
      [...companions.map((c) => c.temp), mainTemp, stagedMainTemp].map((t) => t && discardTemp(t)),
    );
    removeEmptyFolders(created);
    throw isDazportError(cause) ? cause : outputError(current, cause);
  }
  const files = companions.map((c) => c.path);
  const replaced = planner.replacedFiles(
    files,
    companions.flatMap((c) => (c.staged ? [c.path] : [])),
  );
  // Folders this export made, and those its dropped files leave (an old texture folder): removed if empty.
  const emptied = replaced.map(dirname).filter((f) => f !== planner.folder);
  commitSetSync({
    main: mainPath,
    mainTemp,
    stagedMainTemp,
    members: companions,
    replaced,
    folders: [...new Set([...created, ...emptied])].sort((a, b) => b.length - a.length),
  });
  return { bytes: companions.reduce((n, c) => n + c.data.byteLength, Buffer.byteLength(mainText)), files };
}

/** Each resource's place: its URI, or a suffixed one that clashes with no other export. */
function place(planner: SetPlanner, resources: Record<string, Uint8Array>): Companion[] {
  const folder = planner.folder;
  const wanted = new PathSet(Object.keys(resources).map((uri) => relativeUriPath(folder, uri)!));
  const placed = new PathSet();
  return Object.entries(resources).map(([uri, data]) => {
    const own = relativeUriPath(folder, uri)!;
    const taken = (p: string) => placed.has(p) || (p.toLowerCase() !== own.toLowerCase() && wanted.has(p));
    const { path, action } = planner.place(own, data, FIRST_SUFFIX, taken);
    placed.add(path);
    const finalUri = path === own ? uri : uriOf(folder, path);
    const companion: Companion = {
      uri,
      finalUri,
      data,
      path,
      temp: action === 'keep' ? null : newTempPath(path),
    };
    if (action === 'stage') {
      companion.stagedUri = stagedName(finalUri);
      companion.staged = relativeUriPath(folder, companion.stagedUri)!;
    }
    return companion;
  });
}

/** A relative URI for a file below `folder`. */
function uriOf(folder: string, path: string): string {
  return relative(folder, path).split(sep).map(encodeURIComponent).join('/');
}

function withUris(json: GltfJson, renamed: Map<string, string>): GltfJson {
  const rename = <T extends { uri?: string }>(items: T[] | undefined) =>
    items?.map((item) =>
      item.uri && renamed.has(item.uri) ? { ...item, uri: renamed.get(item.uri) } : item,
    );
  return { ...json, buffers: rename(json.buffers), images: rename(json.images) };
}
