/**
 * glTF 2.0 export of a neutral Scene, built as a glTF-Transform Document and written by NodeIO:
 * a .glb atomically, a .gltf and its files as one set (write-files.ts). The builders run in
 * dependency order: nodes → skins → materials and meshes → cameras, lights → animations; then
 * one write.
 *
 * @example
 * ```ts
 * const scene = await readScene(client, { rigged: true });
 * const summary = await exportGltf(scene, 'out/scene.glb', { rigged: true, morphs: true });
 * console.log(summary.warnings);
 * ```
 */
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { Document, Format, type ILogger, NodeIO } from '@gltf-transform/core';
import {
  KHRLightsPunctual,
  KHRMaterialsEmissiveStrength,
  KHRTextureTransform,
} from '@gltf-transform/extensions';
import { DazportError } from '../../errors.js';
import { flagAndOption } from '../../flag-and-option.js';
import type { Scene } from '../../scene/scene.js';
import { writeFileAtomic } from '../atomic-write.js';
import { checkEngineOutputOptions, engineReport } from '../engine-options.js';
import type { ExportOptions, ExportSummary } from '../export-types.js';
import { folderUriPrefix, textureFolderPath } from '../output-layout.js';
import { prepareOutputPath } from '../output-path.js';
import { scaleScene } from '../scale-scene.js';
import { buildAnimations } from './animation.js';
import { buildCameras, buildLights } from './cameras-lights.js';
import type { GltfContext } from './context.js';
import { binFileName } from './file-names.js';
import { MATERIAL_EXTENSIONS } from './material-extensions.js';
import { MaterialBuilder } from './materials.js';
import { buildMeshes } from './meshes.js';
import { buildNodes, planNodes } from './nodes.js';
import { OPTIMIZE_EXTENSIONS, optimizeGltf } from './optimize.js';
import { buildSkins } from './skin.js';
import { TextureLibrary } from './textures.js';
import { UniqueNames } from './unique-names.js';
import { writeGltfSet } from './write-files.js';

/** The extensions dazport may use; all optional for readers (none goes to extensionsRequired). */
const EXTENSIONS = [
  KHRTextureTransform,
  KHRLightsPunctual,
  KHRMaterialsEmissiveStrength,
  ...MATERIAL_EXTENSIONS,
];

/**
 * Write `scene` to `outPath`: `.glb` (one file, textures embedded) or `.gltf` (+ `<name>.bin`
 * beside it and the textures in `<name>_textures/`, or `options.textureFolder`; relative,
 * URI-escaped URIs). A leading `~` is the home folder; missing folders are made. Rigged and
 * morph output need a scene read with `rigged: true`. Throws DazportError `DAZPORT_USAGE` for another extension,
 * `DAZPORT_SCENE_INVALID` for `rigged` without rest data, `DAZPORT_OUTPUT` when a file cannot
 * be written (nothing partial is left behind). `summary.bytes` counts every file written, side
 * files included; `summary.vertices` are glTF vertices (after splitting at UV seams and between
 * surfaces), `triangles` after fanning.
 */
export async function exportGltf(
  sourceScene: Scene,
  requestedPath: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  checkEngineOutputOptions(options, [requestedPath]);
  const scene = scaleScene(sourceScene, options.scale ?? 1);
  const ext = extname(requestedPath).toLowerCase();
  if (ext !== '.glb' && ext !== '.gltf') {
    throw new DazportError(
      'DAZPORT_USAGE',
      `glTF output must end in .glb or .gltf, got "${basename(requestedPath)}"`,
      {
        context: { file: requestedPath },
      },
    );
  }
  const format = ext === '.glb' ? 'glb' : 'gltf';
  const outPath = prepareOutputPath(requestedPath);
  const stem = basename(outPath, extname(outPath));
  const warnings: string[] = [];
  const logger: ILogger = {
    debug: () => {},
    info: () => {},
    warn: (text) => warnings.push(`glTF-Transform: ${text}`),
    error: (text) => warnings.push(`glTF-Transform: ${text}`),
  };
  const doc = new Document().setLogger(logger);
  doc.getRoot().getAsset().generator = 'dazport (glTF-Transform)';
  doc.getRoot().setExtras({
    dazport: {
      source: scene.source.description,
      ...(scene.source.sceneName ? { sceneName: scene.source.sceneName } : {}),
      frameRate: scene.frameRate,
      timeSec: scene.timeSec,
      rigged: Boolean(options.rigged),
      morphs: Boolean(options.rigged && options.morphs),
    },
  });
  const buffer = doc.createBuffer();
  if (format === 'gltf') buffer.setURI(binFileName(stem));
  const ctx: GltfContext = {
    doc,
    buffer,
    gltfScene: doc.createScene(scene.source.sceneName ? basename(scene.source.sceneName) : 'Scene'),
    scene,
    options,
    names: new UniqueNames(),
    nodes: new Array(scene.nodes.length),
    warnings,
    riggedSkeletons: options.rigged ? riggedSkeletons(scene, warnings) : new Set(),
  };
  if (options.morphs && !options.rigged)
    warnings.push(
      `morphs need a rigged export, ${flagAndOption('--rigged', 'rigged: true')}: current morph values are baked into the posed mesh`,
    );
  doc.getRoot().setDefaultScene(ctx.gltfScene);

  const plan = planNodes(ctx);
  buildNodes(ctx, plan);
  const skins = buildSkins(ctx);
  const library = new TextureLibrary(
    doc,
    (w) => warnings.push(w),
    [basename(outPath), binFileName(stem)],
    format === 'gltf' ? textureFolderUri(outPath, options.textureFolder) : '',
    options,
  );
  const materials = new MaterialBuilder(ctx, library);
  const stats = await buildMeshes(ctx, { plan, material: (i) => materials.get(i), skins });
  const cameras = buildCameras(ctx);
  const lights = buildLights(ctx);
  const animations = buildAnimations(ctx);

  // Nothing to hold: glTF forbids an empty scene node list and a buffer without bytes.
  if (ctx.gltfScene.listChildren().length === 0) ctx.gltfScene.dispose();
  const root = doc.getRoot();
  if (root.listAccessors().length === 0 && (format === 'gltf' || root.listTextures().length === 0))
    buffer.dispose();

  options.onProgress?.({ phase: 'write', done: 0, total: 1 });
  const io = new NodeIO().registerExtensions([...EXTENSIONS, ...OPTIMIZE_EXTENSIONS]).setLogger(logger);
  await optimizeGltf(doc, io, options);
  let bytes: number;
  let sideFiles: string[] = [];
  if (format === 'glb') {
    const data = await io.writeBinary(doc);
    await writeFileAtomic(outPath, data);
    bytes = data.byteLength;
  } else {
    const { json, resources } = await io.writeJSON(doc, { format: Format.GLTF });
    const written = await writeGltfSet(outPath, json, resources);
    bytes = written.bytes;
    // Where the files went: a texture whose name another export uses for other pixels has its own.
    sideFiles = written.files.map((f) => join(dirname(outPath), relative(dirname(resolve(outPath)), f)));
  }
  options.onProgress?.({ phase: 'write', done: 1, total: 1 });

  return {
    file: outPath,
    format,
    bytes,
    nodes: root.listNodes().length,
    meshes: stats.meshes,
    vertices: stats.vertices,
    triangles: stats.triangles,
    materials: root.listMaterials().length,
    textures: root.listTextures().length,
    cameras,
    lights,
    // From the root: quantize (optimize.ts) replaces the skins it rebinds.
    joints: root.listSkins().reduce((n, s) => n + s.listJoints().length, 0),
    animations,
    sideFiles,
    warnings: [...new Set(warnings)],
    ...engineReport(options),
  };
}

/** Skeletons to write as joints: those with a skinned mesh; `rigged` without rest data is an error. */
function riggedSkeletons(scene: Scene, warnings: string[]): Set<number> {
  const skinned = new Set<number>();
  for (const m of scene.meshes) if (m.rest?.skin) skinned.add(m.rest.skin.skeleton);
  if (scene.skeletons.length > 0 && !scene.meshes.some((m) => m.rest)) {
    throw new DazportError('DAZPORT_SCENE_INVALID', 'a rigged export needs the rest mesh and skin weights', {
      suggestion: 'read the scene with readScene(client, { rigged: true })',
      cliSuggestion: 'export with --rigged',
    });
  }
  const out = new Set<number>();
  scene.skeletons.forEach((s, i) => {
    if (!skinned.has(i)) warnings.push(`${s.label}: no skinned mesh; written posed, without joints`);
    else if (s.joints.some((j) => j.node < 0 || scene.nodes[j.node]?.kind !== 'bone'))
      warnings.push(`${s.label}: some joints have no bone node; written posed, without joints`);
    else out.add(i);
  });
  return out;
}

/** The texture folder of a .gltf as a URI prefix, relative to the .gltf. */
function textureFolderUri(outPath: string, textureFolder: string | undefined): string {
  const folder = dirname(resolve(outPath));
  return folderUriPrefix(relative(folder, textureFolderPath(folder, outPath, textureFolder)));
}
