/**
 * TinyUSDZ (npm `tinyusdz`, an Emscripten WASM build for web pages and workers) in Node, as an
 * independent USD reader for the tests.
 *
 * Setup notes: the Emscripten factory (`tinyusdz/tinyusdz.js`, ESM) decides its environment
 * while it runs: `ENVIRONMENT_IS_WEB = typeof window == "object"` and
 * `ENVIRONMENT_IS_NODE = typeof process == "object" && process.versions?.node &&
 * process.type != "renderer"`; the build only accepts web/worker and aborts when it sees Node.
 * So while the factory runs we set `globalThis.window = {}` and `process.type = "renderer"`
 * (Electron's renderer marker), and restore both afterwards. The .wasm is passed as
 * `wasmBinary` (read from node_modules), so nothing is fetched. The module is created once.
 *
 * What it gives: `TinyUSDZLoaderNative#loadFromBinary(bytes, name)` (a composed "render scene":
 * node tree with types and matrices, triangulated meshes, bound materials) and
 * `#loadAsLayerFromBinary` + `#layerToString()` (the parsed layer printed back as USDA, every
 * prim, attribute, relationship and metadata it understood).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface TinyNode {
  primName: string;
  displayName: string;
  absPath: string;
  /** 'xform', 'mesh', 'camera', 'directionalLight', 'pointLight' ... */
  nodeType: string;
  contentId: number;
  /** Row-major as USD prints it (translation in elements 12..14). */
  localMatrix: number[];
  globalMatrix: number[];
  children?: TinyNode[];
}

export interface TinyMesh {
  primName: string;
  absPath: string;
  /** Triangulated. */
  faceVertexIndices: Uint32Array;
  faceVertexCounts: Uint32Array;
  points: Float32Array;
  normals?: Float32Array;
  texcoords?: Float32Array;
  materialId: number;
}

export interface TinyLoader {
  loadFromBinary(data: Uint8Array, name: string): boolean;
  loadAsLayerFromBinary(data: Uint8Array, name: string): boolean;
  error(): string;
  numMeshes(): number;
  getMesh(i: number): TinyMesh;
  getMaterial(i: number): Record<string, unknown>;
  /** A texture of the render scene (`<slot>TextureId` of a material). */
  getTexture(i: number): { textureImageId: number };
  /** An image: `uri` is the asset path as written (TinyUSDZ loads no file in the browser build). */
  getImage(i: number): { uri: string };
  getDefaultRootNode(): TinyNode;
  layerToString(): string;
  delete?(): void;
}

interface TinyModule {
  TinyUSDZLoaderNative: new () => TinyLoader;
}

let module: Promise<TinyModule> | null = null;

export function tinyUsdz(): Promise<TinyModule> {
  module ??= create();
  return module;
}

async function create(): Promise<TinyModule> {
  const dir = dirname(createRequire(import.meta.url).resolve('tinyusdz/package.json'));
  const wasmBinary = readFileSync(join(dir, 'tinyusdz.wasm'));
  const { default: factory } = (await import(pathToFileURL(join(dir, 'tinyusdz.js')).href)) as {
    default: (options: Record<string, unknown>) => Promise<TinyModule>;
  };
  const g = globalThis as { window?: unknown };
  const proc = process as unknown as { type?: string };
  const hadWindow = 'window' in g;
  const oldWindow = g.window;
  const hadType = 'type' in proc;
  const oldType = proc.type;
  g.window = {};
  proc.type = 'renderer';
  try {
    return await factory({ wasmBinary, print: () => {}, printErr: () => {} });
  } finally {
    if (hadWindow) g.window = oldWindow;
    else delete g.window;
    if (hadType) proc.type = oldType;
    else delete proc.type;
  }
}

export interface TinyRead {
  render: TinyLoader;
  /** The layer as TinyUSDZ understood it, printed back as USDA. */
  layerText: string;
}

/** TinyUSDZ's composed render scene of a USDA file; throws with TinyUSDZ's own message. */
export async function loadRenderScene(bytes: Uint8Array, name: string): Promise<TinyLoader> {
  const { TinyUSDZLoaderNative } = await tinyUsdz();
  const render = new TinyUSDZLoaderNative();
  if (!render.loadFromBinary(bytes, name))
    throw new Error(`TinyUSDZ could not load ${name}: ${render.error()}`);
  return render;
}

/** Read a USDA file both ways; throws with TinyUSDZ's own message if either fails. */
export async function readWithTinyUsdz(bytes: Uint8Array, name: string): Promise<TinyRead> {
  const { TinyUSDZLoaderNative } = await tinyUsdz();
  const render = await loadRenderScene(bytes, name);
  const layer = new TinyUSDZLoaderNative();
  if (!layer.loadAsLayerFromBinary(bytes, name))
    throw new Error(`TinyUSDZ could not read ${name} as a layer: ${layer.error()}`);
  const layerText = layer.layerToString();
  layer.delete?.();
  return { render, layerText };
}

/** Every node of the render scene's tree, depth first. */
export function tinyNodes(root: TinyNode): TinyNode[] {
  const out: TinyNode[] = [];
  const walk = (n: TinyNode) => {
    out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Every material of the render scene (getMaterial answers `{}` past the last one). */
export function tinyMaterials(render: TinyLoader): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 10_000; i++) {
    const m = render.getMaterial(i);
    if (!m || Object.keys(m).length === 0) break;
    out.push(m);
  }
  return out;
}

/**
 * For each material of the render scene, its texture slots (`diffuseColor`, `normal` ...) and
 * the asset path TinyUSDZ found for each, as written in the layer.
 */
export function tinyTextureSlots(render: TinyLoader): Record<string, string>[] {
  return tinyMaterials(render).map((m) => {
    const slots: Record<string, string> = {};
    for (const [key, id] of Object.entries(m)) {
      if (!key.endsWith('TextureId') || typeof id !== 'number' || id < 0) continue;
      slots[key.slice(0, -'TextureId'.length)] = render.getImage(render.getTexture(id).textureImageId).uri;
    }
    return slots;
  });
}
