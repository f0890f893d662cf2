/**
 * `exportScene` without the export: what it would read and write, from the scene's inventory
 * and its materials only (no vertex is streamed; a few small requests), and nothing written or
 * made. The CLI's `export --dry-run` prints it.
 *
 * Sizes are estimates from the inventory's counts, V vertices and F facets (polygons) of the
 * meshes the export would take; per vertex and per facet, bytes (fitted on the built-in scenes
 * g9, g8f, g8m and heavy, from 45k to 2.1M elements; every estimate there within 15% of the
 * real figure, the tests hold them to ±30%):
 *
 * | what                     | per vertex | per facet | why                                                  |
 * |--------------------------|-----------:|----------:|------------------------------------------------------|
 * | read, posed              |       27.5 |      27.5 | positions, normals, UVs, facets as delta-coded text   |
 * | read, rigged: add        |       51   |      51   | the rest mesh, skin weights, morph deltas            |
 * | .glb / .gltf, posed      |       40   |      24   | 32 B (position, normal, UV) × ~1.25 split at seams; two triangles of 3 × 4 B |
 * | .glb / .gltf, rigged: add|       22   |       0   | joints and weights, 4 each                           |
 * | .usda, posed             |       40   |     115   | points as text; normals and UVs per corner           |
 * | .usda, rigged            |       50   |     100   | rest points, joint indices and weights; UVs per corner |
 *
 * Each node adds 150 B to a glTF and 300 B to a USDA (its description as text). Textures count with their source files' sizes (a .glb embeds them, a .gltf or .usda copies
 * them into its texture folder; glTF may repack roughness, metallic and opacity maps into
 * other images, of similar size). Morph targets (`morphs`) are not in the estimate: the
 * inventory does not count them; the plan says so.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { DazClient } from '../client/dazscript-client.js';
import { type Inventory, type InventoryNode, kindOf } from '../client/inventory.js';
import { parseNodeTypes, selectNodes } from '../client/node-selection.js';
import { type AnimationChannels, readAnimationChannels } from '../client/read-animation.js';
import { listCorrectives } from '../client/read-correctives.js';
import { type RawMaterial, toMaterial } from '../client/scene-reader.js';
import * as S from '../client/scripts/scene-scripts.js';
import { checkEngineOutputOptions, type EngineOutputOptions } from '../export/engine-options.js';
import {
  alphaImageName,
  binFileName,
  imageExtension,
  imageStem,
  metallicRoughnessImageName,
  roughnessMapAsIs,
} from '../export/gltf/file-names.js';
import { type PbrMaterial, type PbrTexture, toPbr } from '../export/material-mapping.js';
import { textureFolderPath } from '../export/output-layout.js';
import { checkSceneFile } from '../export/write-scene-file.js';
import { expandHome } from '../fs/expand-home.js';
import { checkBakeCorrectives, type PlannedCorrectives, plannedCorrectives } from './corrective-plan.js';
import type { ExportSceneOptions } from './export-scene.js';
import { chooseMorphs, planMorphs, plannedMorphsNote } from './morph-report.js';
import { engineNotes, geometryFactor, type PlannedImage, plannedImage } from './plan-engine-options.js';

/** Bytes per vertex and per facet (see the table above). */
export const SIZE_PER_ELEMENT = {
  read: { posed: [27.5, 27.5], riggedExtra: [51, 51] },
  gltf: { posed: [40, 24], riggedExtra: [22, 0] },
  usda: { posed: [40, 115], rigged: [50, 100] },
} as const;

/** How the plan names each kind of node (`--only`'s words; a mesh that is no figure is a prop). */
const NODE_KIND_NAMES: Record<ReturnType<typeof kindOf>, string> = {
  figure: 'figures',
  bone: 'bones',
  mesh: 'props',
  camera: 'cameras',
  light: 'lights',
  group: 'groups',
};

/** Bytes per node of the text that describes it (a glTF node, a USD prim): small beside meshes. */
const BYTES_PER_NODE = { gltf: 150, usda: 300 } as const;

export interface PlannedFile {
  path: string;
  /** Estimated bytes (exact for copied textures: their source's size). */
  bytes: number;
  /** A file is there now and would be replaced. */
  replaces: boolean;
  /** A texture resized or converted by the engine options: its size and format as written. */
  width?: number;
  height?: number;
  mimeType?: 'image/png' | 'image/jpeg';
}

export interface PlannedOutput {
  file: string;
  format: 'glb' | 'gltf' | 'usda';
  /** Estimated bytes of the output and every file it references. */
  bytes: number;
  replaces: boolean;
  /** The .bin of a .gltf. */
  binary?: PlannedFile;
  /** Where texture files would go (none for a .glb, which embeds them). */
  textureFolder?: string;
  textures: PlannedFile[];
}

export interface ExportPlan {
  source: string;
  /** Nodes the export would take, by kind: figures, bones, props, cameras, lights, groups. */
  nodes: Record<string, number>;
  meshes: number;
  vertices: number;
  facets: number;
  /** Texture source files the materials use (absolute paths on the machine running DAZ Studio). */
  textureSources: { file: string; bytes: number | null }[];
  /** Estimated bytes to transfer for the read. */
  readBytes: number;
  outputs: PlannedOutput[];
  /** What the estimates leave out. */
  notes: string[];
  /** With `bakeCorrectives`: per figure the correctives that would be baked. */
  correctives?: PlannedCorrectives[];
}

/**
 * What `exportScene(client, outs, options)` would read and write. Reads the inventory and the
 * materials of the meshes it would take; writes nothing, makes no folder.
 */
export async function planExport(
  client: DazClient,
  outs: string | readonly string[],
  options: Pick<
    ExportSceneOptions,
    'select' | 'only' | 'rigged' | 'morphs' | 'morphPreset' | 'animation' | 'frame' | 'bakeCorrectives'
  > &
    EngineOutputOptions = {},
): Promise<ExportPlan> {
  const files = (typeof outs === 'string' ? [outs] : [...outs]).map((f) => expandHome(f));
  for (const out of files) checkSceneFile(out);
  checkEngineOutputOptions(options, files);
  const only = options.only?.length ? parseNodeTypes(options.only) : undefined;
  const animation = options.animation ?? 'none';
  checkBakeCorrectives(options.bakeCorrectives, animation);
  const morphPlan = planMorphs(options.morphs, options.morphPreset);
  const rigged = Boolean(options.rigged || morphPlan || animation !== 'none');
  const inventory = (await client.run<Inventory>(S.INVENTORY)).result;
  const wanted = selectNodes(inventory.nodes, options.select, only);
  const meshNodes = wanted.filter((n) => n.mesh && !n.bone);
  const vertices = sum(meshNodes, (n) => n.mesh?.vertices ?? 0);
  const facets = sum(meshNodes, (n) => n.mesh?.facets ?? 0);
  const materials = await materialsOf(client, meshNodes);
  const textureSources = usedTextures(materials);
  const rate = ([v, f]: readonly number[]) => v * vertices + f * facets;
  const read = rate(SIZE_PER_ELEMENT.read.posed) + (rigged ? rate(SIZE_PER_ELEMENT.read.riggedExtra) : 0);
  const nodes: Record<string, number> = {};
  for (const n of wanted) nodes[NODE_KIND_NAMES[kindOf(n)]] = (nodes[NODE_KIND_NAMES[kindOf(n)]] ?? 0) + 1;
  const notes: string[] = [];
  if (morphPlan) {
    notes.push('morph targets are not in the size estimates (the inventory does not count them)');
    for (const n of meshNodes) {
      const morphs = (await client.run<{ name: string; label: string }[]>(S.MORPH_NAMES, { id: n.id }))
        .result;
      if (morphs.length)
        notes.push(plannedMorphsNote(n.label, chooseMorphs(morphPlan, morphs), morphs.length));
    }
  }
  if (textureSources.some((t) => t.bytes === null))
    notes.push('some texture files are not on this machine: their sizes are not counted');
  notes.push(...engineNotes(options));
  if (animation !== 'none')
    notes.push(
      animationNote(animation, await readAnimationChannels(client), new Set(wanted.map((n) => n.id))),
    );
  if (options.frame !== undefined)
    notes.push(
      `posed at frame ${options.frame}: DAZ Studio's time is moved there for the read, then put back`,
    );
  const correctives = options.bakeCorrectives
    ? plannedCorrectives(await listCorrectives(client), meshNodes, morphPlan)
    : undefined;
  if (correctives) notes.push(...correctives.map((c) => c.note));
  return {
    source: `DazScript Server at ${client.url}${inventory.filename ? ` (${inventory.filename})` : ''}`,
    nodes,
    meshes: meshNodes.length,
    vertices,
    facets,
    textureSources,
    readBytes: Math.round(read),
    outputs: files.map((file) => {
      const images =
        extname(file).toLowerCase() === '.usda'
          ? mapImages(materials, options)
          : gltfImages(materials, options);
      return planOutput(file, rigged, rate, wanted.length, images, options);
    }),
    notes,
    ...(correctives ? { correctives } : {}),
  };
}

/** What `--animation` would read: the range, and what is keyed among the nodes taken. */
function animationNote(mode: string, channels: AnimationChannels, wanted: Set<number>): string {
  const taken = channels.nodes.filter((n) => wanted.has(n.id));
  const bones = sum(taken, (n) => n.bones.length);
  const nodes = taken.filter((n) => n.own).length;
  const morphs = sum(taken, (n) => n.morphs.length);
  const frames = channels.step > 0 ? Math.floor((channels.end - channels.start) / channels.step) + 1 : 0;
  const fps = channels.step > 0 ? 4800 / channels.step : 0;
  return `animation (${mode}): ${frames} frames at ${fps} fps (frames ${channels.start / channels.step}–${channels.end / channels.step}); keyed: ${count(bones, 'bone')}, ${count(nodes, 'node transform')}, ${count(morphs, 'morph')} (not in the size estimates)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function planOutput(
  file: string,
  rigged: boolean,
  rate: (perElement: readonly number[]) => number,
  nodeCount: number,
  textures: PlannedImage[],
  engine: EngineOutputOptions,
): PlannedOutput {
  const textureBytes = textures.reduce((s, t) => s + (t.bytes ?? 0), 0);
  const ext = extname(file).toLowerCase();
  const format = ext === '.glb' ? 'glb' : ext === '.gltf' ? 'gltf' : 'usda';
  const geometry =
    format === 'usda'
      ? rate(rigged ? SIZE_PER_ELEMENT.usda.rigged : SIZE_PER_ELEMENT.usda.posed)
      : (rate(SIZE_PER_ELEMENT.gltf.posed) + (rigged ? rate(SIZE_PER_ELEMENT.gltf.riggedExtra) : 0)) *
        geometryFactor(engine);
  const text = nodeCount * BYTES_PER_NODE[format === 'usda' ? 'usda' : 'gltf'];
  const output: PlannedOutput = {
    file,
    format,
    bytes: Math.round(geometry + text + textureBytes),
    replaces: existsSync(file),
    textures: [],
  };
  if (format === 'glb') return output;
  const folder = dirname(resolve(file));
  if (format === 'gltf') {
    const bin = join(folder, binFileName(stemOf(file)));
    output.binary = { path: bin, bytes: Math.round(geometry), replaces: existsSync(bin) };
  }
  output.textureFolder = textureFolderPath(folder, file);
  output.textures = textures.map((t) => {
    const path = join(output.textureFolder as string, t.name);
    const size = t.width === undefined ? {} : { width: t.width, height: t.height, mimeType: t.mimeType };
    return { path, bytes: t.bytes ?? 0, replaces: existsSync(path), ...size };
  });
  return output;
}

/** The PBR materials of `meshNodes`, as the writers map them. */
async function materialsOf(client: DazClient, meshNodes: InventoryNode[]): Promise<PbrMaterial[]> {
  const out: PbrMaterial[] = [];
  for (const n of meshNodes) {
    const raw = (await client.run<RawMaterial[]>(S.MATERIALS, { id: n.id })).result;
    for (const m of raw) out.push(toPbr(toMaterial(m)));
  }
  return out;
}

/** The texture files the materials use, once each. */
function usedTextures(materials: PbrMaterial[]): ExportPlan['textureSources'] {
  const files = new Set<string>();
  for (const pbr of materials)
    for (const t of [
      pbr.baseColorTexture,
      pbr.metallicTexture,
      pbr.roughnessTexture,
      pbr.normalTexture,
      pbr.opacityTexture,
      pbr.emissiveTexture,
    ])
      if (t) files.add(t.file);
  return [...files].sort().map((file) => ({ file, bytes: sizeOf(file) }));
}

/**
 * The images a .gltf would hold, named as its writer names them (gltf/file-names.ts): an opacity
 * map packed into the base colour's alpha, roughness and metallic packed into one image unless a
 * plain roughness map can be used as it is; sized as their largest source.
 */
function gltfImages(materials: PbrMaterial[], engine: EngineOutputOptions): PlannedImage[] {
  const images = new Map<string, PlannedImage>();
  const add = (name: string, ...sources: (PbrTexture | undefined)[]) => {
    const sizes = sources.flatMap((t) => (t ? [sizeOf(t.file)] : []));
    const bytes = sizes.includes(null) ? null : Math.max(0, ...(sizes as number[]));
    // The largest source sets the size; colour maps are sRGB (base colour, emission).
    const first = sources.find((t) => t) as PbrTexture;
    const role = first.colorSpace === 'srgb' ? 'color' : 'data';
    images.set(name, plannedImage(name, first.file, bytes, role, engine));
  };
  // Packed images are PNGs named `<name>.png`, made file names as the writer makes them.
  const packed = (name: string) => `${imageStem(`${name}.png`)}.png`;
  for (const pbr of materials) {
    const base = pbr.baseColorTexture;
    if (pbr.opacityTexture)
      add(packed(alphaImageName(base?.file, pbr.opacityTexture.file)), base, pbr.opacityTexture);
    else if (base) add(rawName(base.file), base);
    const rough = pbr.roughnessTexture;
    const metal = pbr.metallicTexture;
    const asIs = roughnessMapAsIs({
      roughness: Boolean(rough),
      metallicMap: Boolean(metal),
      inverted: Boolean(pbr.roughnessTextureInverted),
      metallic: pbr.metallic,
    });
    if (rough && asIs) add(rawName(rough.file), rough);
    else if (rough || metal) add(packed(metallicRoughnessImageName(rough?.file, metal?.file)), rough, metal);
    for (const t of [pbr.normalTexture, pbr.emissiveTexture]) if (t) add(rawName(t.file), t);
  }
  return [...images.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The maps a .usda (or, for its estimate, a .glb) would hold: each source once, as the options write it. */
function mapImages(materials: PbrMaterial[], engine: EngineOutputOptions): PlannedImage[] {
  const color = new Set<string>();
  for (const pbr of materials)
    for (const t of [pbr.baseColorTexture, pbr.emissiveTexture])
      if (t?.colorSpace === 'srgb') color.add(t.file);
  return usedTextures(materials).map((t) =>
    plannedImage(
      basename(t.file.replaceAll('\\', '/')),
      t.file,
      t.bytes,
      color.has(t.file) ? 'color' : 'data',
      engine,
    ),
  );
}

/** The name a file copied as it is gets (.png, or .jpg for JPEG, told here by its extension). */
function rawName(file: string): string {
  return `${imageStem(file)}${imageExtension(/\.jpe?g$/i.test(file) ? 'image/jpeg' : 'image/png')}`;
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

function stemOf(file: string): string {
  const name = file.split(/[\\/]/).pop() as string;
  return name.slice(0, name.length - extname(name).length);
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((s, x) => s + of(x), 0);
}
