/**
 * What a glTF file (.glb or .gltf with its resources) holds, read with glTF-Transform: scenes,
 * nodes, meshes with their vertex and triangle counts, materials, textures with their pixel
 * sizes, skins with their joints, animations with their durations, extensions. What `dazport
 * inspect model.glb` prints, in the spirit of `gltf-transform inspect`.
 */
import { stat } from 'node:fs/promises';
import { type Accessor, type Document, type ILogger, NodeIO, Primitive } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { DazportError } from '../errors.js';

export interface GltfMeshSummary {
  name: string;
  primitives: number;
  /** POSITION elements of all its primitives together. */
  vertices: number;
  /** Triangles drawn (triangle lists, strips and fans; 0 for points and lines). */
  triangles: number;
  /** Morph targets (of its first primitive: glTF requires every primitive to have as many). */
  morphTargets: number;
}

export interface GltfTextureSummary {
  name: string;
  /** Where the image lives for a .gltf (`''` when embedded). */
  uri: string;
  mimeType: string;
  /** Pixels, when the image format is one glTF-Transform can measure (PNG, JPEG, WebP, KTX2). */
  width: number | null;
  height: number | null;
  bytes: number;
}

export interface GltfAnimationSummary {
  name: string;
  channels: number;
  /** Key times of its longest sampler. */
  keyframes: number;
  /** From its first key to its last, over every sampler. */
  durationSec: number;
}

export interface GltfSummary {
  file: string;
  container: 'glb' | 'gltf';
  /** Size of the file itself (a .gltf's .bin and images not counted). */
  fileBytes: number;
  version: string;
  generator: string;
  scenes: { name: string; rootNodes: number }[];
  nodes: number;
  cameras: number;
  /** Nodes carrying a KHR_lights_punctual light. */
  lights: number;
  meshes: GltfMeshSummary[];
  materials: string[];
  textures: GltfTextureSummary[];
  skins: { name: string; joints: number }[];
  animations: GltfAnimationSummary[];
  extensionsUsed: string[];
  extensionsRequired: string[];
}

/** glTF-Transform's notes (unknown extensions, for instance) are not dazport's output. */
const SILENT: ILogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Summarise the glTF file at `file` (binary or JSON). Throws DazportError `DAZPORT_GLTF_READ`
 * (exit 2) when it cannot be read as glTF.
 */
export async function summarizeGltfFile(file: string): Promise<GltfSummary> {
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS).setLogger(SILENT);
  let document: Document;
  let fileBytes: number;
  try {
    fileBytes = (await stat(file)).size;
    document = await io.read(file);
  } catch (err) {
    throw new DazportError('DAZPORT_GLTF_READ', `${file} cannot be read as glTF: ${(err as Error).message}`, {
      context: { file },
      suggestion:
        'check the file (the Khronos glTF Validator names what is wrong); a .gltf needs its .bin and images beside it',
      cause: err,
    });
  }
  return summarizeDocument(document, file, fileBytes);
}

function summarizeDocument(document: Document, file: string, fileBytes: number): GltfSummary {
  const root = document.getRoot();
  const asset = root.getAsset();
  return {
    file,
    container: file.toLowerCase().endsWith('.gltf') ? 'gltf' : 'glb',
    fileBytes,
    version: asset.version,
    generator: asset.generator ?? '',
    scenes: root.listScenes().map((s) => ({ name: s.getName(), rootNodes: s.listChildren().length })),
    nodes: root.listNodes().length,
    cameras: root.listCameras().length,
    lights: root.listNodes().filter((n) => n.getExtension('KHR_lights_punctual')).length,
    meshes: root.listMeshes().map((mesh) => {
      const primitives = mesh.listPrimitives();
      return {
        name: mesh.getName(),
        primitives: primitives.length,
        vertices: primitives.reduce((n, p) => n + (p.getAttribute('POSITION')?.getCount() ?? 0), 0),
        triangles: primitives.reduce((n, p) => n + trianglesOf(p), 0),
        morphTargets: primitives[0]?.listTargets().length ?? 0,
      };
    }),
    materials: root.listMaterials().map((m) => m.getName()),
    textures: root.listTextures().map((t) => {
      const size = t.getSize();
      return {
        name: t.getName(),
        uri: t.getURI(),
        mimeType: t.getMimeType(),
        width: size?.[0] ?? null,
        height: size?.[1] ?? null,
        bytes: t.getImage()?.byteLength ?? 0,
      };
    }),
    skins: root.listSkins().map((s) => ({ name: s.getName(), joints: s.listJoints().length })),
    animations: root.listAnimations().map((a) => {
      const inputs = a
        .listSamplers()
        .map((s) => s.getInput())
        .filter((x): x is Accessor => x !== null);
      const first = Math.min(...inputs.map((x) => x.getMin([])[0] ?? 0));
      const last = Math.max(...inputs.map((x) => x.getMax([])[0] ?? 0));
      return {
        name: a.getName(),
        channels: a.listChannels().length,
        keyframes: Math.max(0, ...inputs.map((x) => x.getCount())),
        durationSec: inputs.length ? last - first : 0,
      };
    }),
    extensionsUsed: root.listExtensionsUsed().map((e) => e.extensionName),
    extensionsRequired: root.listExtensionsRequired().map((e) => e.extensionName),
  };
}

function trianglesOf(p: Primitive): number {
  const corners = p.getIndices()?.getCount() ?? p.getAttribute('POSITION')?.getCount() ?? 0;
  switch (p.getMode()) {
    case Primitive.Mode.TRIANGLES:
      return Math.floor(corners / 3);
    case Primitive.Mode.TRIANGLE_STRIP:
    case Primitive.Mode.TRIANGLE_FAN:
      return Math.max(0, corners - 2);
    default:
      return 0;
  }
}
