/**
 * `exportUsda(scene, outPath, options)`: a Scene as one USDA layer, streamed to a temporary file
 * mesh by mesh, with the textures copied beside it. The prim tree is decided first
 * (scene-plan.ts); then the file is written in one pass: stage metadata, the node hierarchy
 * (Xforms, SkelRoots with their Skeleton, Meshes, Cameras, lights), the Materials scope. The
 * .usda and its textures are committed as one set (set-commit.ts): a reader finds the previous
 * export or the new one whole, whenever the process dies.
 *
 * Memory: the writer holds one buffered chunk (1 MiB) plus, for a skinned mesh, its dense
 * joint influences; never the text of a whole mesh, let alone the scene.
 */

import { statSync } from 'node:fs';
import { appendFile, copyFile, truncate } from 'node:fs/promises';
import { DazportError, isDazportError } from '../../errors.js';
import { flagAndOption } from '../../flag-and-option.js';
import { restWithMorphs, triangleCount } from '../../scene/mesh.js';
import type { Scene } from '../../scene/scene.js';
import { AtomicFileSink, discardTemp, outputError } from '../atomic-write.js';
import { checkEngineOutputOptions, engineReport } from '../engine-options.js';
import type { ExportSummary } from '../export-types.js';
import { type PbrMaterial, toPbr } from '../material-mapping.js';
import { prepareOutputPath } from '../output-path.js';
import { scaleScene } from '../scale-scene.js';
import { commitSetSync, refuseNonFile } from '../set-commit.js';
import { SetPlanner } from '../set-plan.js';
import { newTempPath } from '../temp-files.js';
import {
  cameraCustomData,
  lightCustomData,
  usdLight,
  writeCameraProperties,
  writeLightProperties,
} from './cameras-lights.js';
import { materialCustomData, type TextureResolver, writeMaterial } from './materials.js';
import { facesBySlot, validateMesh, writeMesh } from './mesh.js';
import { type GeometryPrim, type NodePrim, planScene, ROOT_NAME, type ScenePlan } from './scene-plan.js';
import { skinInfluences, writeBlendShape, writeSkeleton, writeSkinBinding } from './skel.js';
import { posedLocals } from './skeleton-layout.js';
import { stageMetadata } from './stage.js';
import { TextureCopies } from './texture-files.js';
import { upAxisToken, writeUpAxisTransform } from './up-axis.js';
import { customDataLines, formatDouble, NonFiniteError, quoteString } from './usda-format.js';
import { USDA_EXPORT_DEFAULTS, type UsdaExportOptions } from './usda-options.js';
import { UsdaWriter } from './usda-writer.js';
import { localTransform, type Mat4, writeTransform, writeTransformSamples } from './xforms.js';

const NAME = 'export-usda';

interface Counters {
  nodes: number;
  meshes: number;
  vertices: number;
  triangles: number;
  cameras: number;
  lights: number;
}

/**
 * Write `scene` to `outPath` as USDA (text USD). Textures are copied to `<stem>_textures/`
 * beside it (or `options.textureFolder`). A leading `~` is the home folder; missing folders are
 * made. The file appears whole or not at all (DazportError `DAZPORT_OUTPUT` when it
 * cannot be written, `DAZPORT_SCENE_INVALID` for a value USD cannot hold).
 *
 * ```ts
 * const scene = await readScene(client, { rigged: true });
 * const summary = await exportUsda(scene, 'out/scene.usda', { rigged: true, morphs: true });
 * ```
 */
export async function exportUsda(
  sourceScene: Scene,
  requestedPath: string,
  options: UsdaExportOptions = {},
): Promise<ExportSummary> {
  checkEngineOutputOptions(options, [requestedPath]);
  const scene = scaleScene(sourceScene, options.scale ?? 1);
  const o = { ...USDA_EXPORT_DEFAULTS, ...options };
  const outPath = prepareOutputPath(requestedPath);
  const warnings = new Set<string>();
  const warn = (text: string) => warnings.add(text);
  if (o.morphs && !o.rigged)
    warn(`morphs need a rigged export, ${flagAndOption('--rigged', 'rigged: true')}: not written`);
  for (const mesh of scene.meshes) validateMesh(mesh);
  const plan = planScene(scene, { rigged: o.rigged, morphs: o.morphs && o.rigged }, warn);
  refuseNonFile(outPath);
  const planner = new SetPlanner(outPath);
  const textures = new TextureCopies(planner, warn, o.textureFolder, o);
  const pbrCache = new Map<number, PbrMaterial>();
  const pbrOf = (m: number): PbrMaterial => {
    let pbr = pbrCache.get(m);
    if (!pbr) {
      pbr = toPbr(scene.materials[m], 'usd');
      for (const text of pbr.warnings) warn(text);
      pbrCache.set(m, pbr);
    }
    return pbr;
  };
  const counters: Counters = { nodes: 0, meshes: 0, vertices: 0, triangles: 0, cameras: 0, lights: 0 };
  const totalVertices = plan.prims.reduce((s, p) => s + verticesUnder(scene, p), 0);
  const progress = (phase: string, done: number, total: number) => o.onProgress?.({ phase, done, total });

  const sink = new AtomicFileSink(outPath);
  const w = new UsdaWriter(sink);
  let stagedMainTemp: string | null = null;
  try {
    w.header(
      stageMetadata({
        defaultPrim: ROOT_NAME,
        source: scene.source,
        upAxis: upAxisToken(o.up),
        ...(plan.timing ? { timing: plan.timing } : {}),
        layerData: [
          `double dazFrameRate = ${formatDouble(scene.frameRate)}`,
          `double dazTimeSec = ${formatDouble(scene.timeSec)}`,
        ],
      }),
    );
    await w.beginPrim('Xform', ROOT_NAME);
    writeUpAxisTransform(w, o.up);
    progress('meshes', 0, totalVertices);
    const context: WriteContext = {
      scene,
      options: o,
      plan,
      w,
      warn,
      pbrOf,
      counters,
      totalVertices,
      progress,
    };
    for (const prim of plan.prims) await writeNode(context, prim, null);
    // The materials, which name the textures, come last: a staged .usda (texture names staged)
    // is this file up to here and the materials written again.
    await w.flush();
    const materialsAt = sink.bytes;
    const stagedTail: string[] = [];
    const stagedWriter = w.fork({ write: async (chunk) => void stagedTail.push(chunk) });
    const writeTail = async (writer: UsdaWriter, resolver: TextureResolver) => {
      await writeMaterials({ ...context, w: writer }, resolver);
      await writer.endPrim();
      await writer.flush();
    };
    await writeTail(w, textures);
    progress('textures', 0, textures.planned.length);
    const members = await textures.prepare();
    const mainTemp = await sink.finish();
    if (textures.anyStaged) {
      await writeTail(stagedWriter, textures.staged);
      stagedMainTemp = newTempPath(outPath);
      await copyFile(mainTemp, stagedMainTemp);
      await truncate(stagedMainTemp, materialsAt);
      await appendFile(stagedMainTemp, stagedTail.join(''));
    }
    const replaced = planner.replacedFiles(
      members.map((m) => m.path),
      members.flatMap((m) => (m.staged ? [m.path] : [])),
    );
    progress('textures', members.length, members.length);
    commitSetSync({
      main: outPath,
      mainTemp,
      stagedMainTemp,
      members,
      replaced,
      folders: textures.foldersFor(replaced),
    });
  } catch (err) {
    await sink.abort().catch(() => {});
    if (stagedMainTemp) await discardTemp(stagedMainTemp).catch(() => {});
    await textures.discard().catch(() => {});
    throw asExportError(err, outPath, w.path);
  }
  const sideFiles = textures.planned.map((p) => p.path);
  progress('done', 1, 1);
  return {
    file: outPath,
    format: 'usda',
    bytes: sink.bytes + sideFiles.reduce((sum, f) => sum + statSync(f).size, 0),
    nodes: counters.nodes,
    meshes: counters.meshes,
    vertices: counters.vertices,
    triangles: counters.triangles,
    materials: plan.materialScopes.reduce((s, m) => s + m.materials.length, 0),
    textures: sideFiles.length,
    cameras: counters.cameras,
    lights: counters.lights,
    joints: plan.skeletons.reduce((s, k) => s + k.layout.order.length, 0),
    animations: plan.animations,
    sideFiles,
    warnings: [...warnings],
    ...engineReport(options),
  };
}

interface WriteContext {
  scene: Scene;
  options: typeof USDA_EXPORT_DEFAULTS & UsdaExportOptions;
  plan: ScenePlan;
  w: UsdaWriter;
  warn: (text: string) => void;
  pbrOf: (material: number) => PbrMaterial;
  counters: Counters;
  totalVertices: number;
  progress: (phase: string, done: number, total: number) => void;
}

async function writeNode(c: WriteContext, prim: NodePrim, parentWorld: Mat4 | null): Promise<void> {
  const { scene, w } = c;
  const node = scene.nodes[prim.node];
  const custom = [
    `string dazLabel = ${quoteString(node.label)}`,
    `string dazName = ${quoteString(node.name)}`,
    `string dazId = ${quoteString(node.id)}`,
    `string dazClass = ${quoteString(node.className)}`,
  ];
  const camera = node.camera !== undefined ? scene.cameras[node.camera] : undefined;
  const light = node.light !== undefined ? scene.lights[node.light] : undefined;
  const lux = light ? usdLight(light, c.options.pointLightRadiusCm) : undefined;
  let type = prim.skeleton ? 'SkelRoot' : 'Xform';
  const schemas: string[] = [];
  if (camera) {
    type = 'Camera';
    custom.push(...cameraCustomData(camera));
  } else if (light && lux) {
    type = lux.type;
    schemas.push(...lux.apiSchemas);
    custom.push(...lightCustomData(light));
  }
  await w.beginPrim(type, prim.name, [
    ...(schemas.length ? [`prepend apiSchemas = [${schemas.map(quoteString).join(', ')}]`] : []),
    ...customDataLines(custom),
  ]);
  c.counters.nodes++;
  const samples = prim.worldSamples;
  if (samples) {
    // The parent's current transform: a node animated under an animated parent is not handled.
    const locals = samples.worlds.map((world) => localTransform(parentWorld, world));
    await writeTransformSamples(w, localTransform(parentWorld, prim.world), samples.timeCodes, locals);
  } else writeTransform(w, localTransform(parentWorld, prim.world));
  if (!node.visible || (light && !light.on)) w.prop('token visibility', '"invisible"');
  if (camera) {
    writeCameraProperties(w, camera);
    c.counters.cameras++;
  }
  if (lux) {
    writeLightProperties(w, lux);
    c.counters.lights++;
  }
  if (prim.skeleton) {
    const s = prim.skeleton;
    const tokens: string[] = [];
    const weights: number[] = [];
    for (const g of s.meshes) {
      for (const b of g.blendShapes) {
        if (tokens.includes(b.name)) continue;
        tokens.push(b.name);
        weights.push(b.morph.value);
      }
    }
    await writeSkeleton(w, {
      layout: s.layout,
      name: s.name,
      local: localTransform(prim.world, s.layout.figureWorld),
      animationName: s.animationName,
      pose: posedLocals(s.layout),
      ...(s.motion ? { motion: s.motion } : {}),
      blendShapes: { tokens, weights, ...blendShapeSamples(s, tokens, weights) },
      customData: [`string dazFigure = ${quoteString(s.layout.skeleton.label)}`],
    });
  }
  for (const g of prim.geometry) await writeGeometry(c, g, prim.world);
  for (const child of prim.children) await writeNode(c, child, prim.world);
  await w.endPrim();
}

/** Weights of every blend shape token per time code: animated morphs move, the others hold. */
function blendShapeSamples(
  s: NonNullable<NodePrim['skeleton']>,
  tokens: string[],
  weights: number[],
): { samples?: { timeCodes: number[]; weights: number[][] } } {
  const m = s.morphMotion;
  if (!m) return {};
  const tokenOf = new Map<string, number>();
  for (const g of s.meshes)
    for (const b of g.blendShapes)
      if (!tokenOf.has(b.morph.name)) tokenOf.set(b.morph.name, tokens.indexOf(b.name));
  const frames = m.timeCodes.map((_, f) => {
    const row = [...weights];
    for (const t of m.tracks) {
      const k = tokenOf.get(t.morph);
      if (k !== undefined && k >= 0) row[k] = t.weights[f];
    }
    return row;
  });
  return { samples: { timeCodes: m.timeCodes, weights: frames } };
}

async function writeGeometry(c: WriteContext, g: GeometryPrim, parentWorld: Mat4): Promise<void> {
  const mesh = c.scene.meshes[g.mesh];
  const skinned = g.skinnedTo;
  let points = mesh.positions;
  if (skinned && mesh.rest) {
    points = mesh.rest.positions;
    if (!c.options.morphs) points = restWithMorphs(points, mesh.rest.morphs);
  } else if (!skinned && mesh.space === 'rest' && mesh.rest) {
    points = mesh.rest.positions;
  }
  const scheme = c.options.subdivision && mesh.subdivision.enabled ? 'catmullClark' : 'none';
  const bySlot = facesBySlot(mesh);
  const sides: boolean[] = [];
  bySlot.forEach((faces, slot) => {
    const m = mesh.materials[slot];
    if (faces.length && m !== undefined && c.scene.materials[m]) sides.push(c.pbrOf(m).doubleSided);
  });
  if (sides.some((x) => x) && !sides.every((x) => x)) {
    c.warn(
      `mesh "${mesh.name}": some surfaces are double-sided, some not; the whole mesh is written double-sided`,
    );
  }
  let skin: Parameters<typeof writeMesh>[1]['skin'];
  const schemas: string[] = [];
  if (skinned && mesh.rest?.skin) {
    const influences = skinInfluences(mesh.rest.skin, points.length / 3, skinned.layout);
    if (influences.unweighted)
      c.warn(`mesh "${mesh.name}": ${influences.unweighted} vertices have no skin weights`);
    schemas.push('SkelBindingAPI');
    skin = {
      properties: () =>
        writeSkinBinding(c.w, influences, skinned.path, {
          tokens: g.blendShapes.map((b) => b.name),
          paths: g.blendShapes.map((b) => b.path),
        }),
      children: async () => {
        for (const b of g.blendShapes) await writeBlendShape(c.w, b.name, b.morph);
      },
    };
  }
  await writeMesh(
    c.w,
    {
      mesh,
      name: g.name,
      local: localTransform(parentWorld, g.world),
      points,
      normals: skinned || scheme !== 'none' ? null : mesh.normals,
      subdivisionScheme: scheme,
      doubleSided: sides.some((x) => x),
      material: g.material,
      subsets: g.subsets,
      apiSchemas: schemas,
      customData: [
        `string dazMesh = ${quoteString(mesh.name)}`,
        `string dazSpace = ${quoteString(skinned ? 'figure (rest)' : mesh.space)}`,
        `bool dazSubdivision = ${mesh.subdivision.enabled ? 1 : 0}`,
        `int dazSubdivisionLevel = ${mesh.subdivision.level}`,
      ],
      ...(skin ? { skin } : {}),
    },
    bySlot,
  );
  c.counters.meshes++;
  c.counters.vertices += points.length / 3;
  c.counters.triangles += triangleCount(mesh.faceSizes);
  c.progress('meshes', c.counters.vertices, c.totalVertices);
}

async function writeMaterials(c: WriteContext, textures: TextureResolver): Promise<void> {
  const { w, plan } = c;
  if (plan.materialScopes.length === 0) return;
  await w.beginPrim('Scope', plan.materialsPath.split('/').at(-1) as string);
  for (const scope of plan.materialScopes) {
    await w.beginPrim(
      'Scope',
      scope.name,
      customDataLines([`string dazMesh = ${quoteString(c.scene.meshes[scope.mesh].name)}`]),
    );
    for (const m of scope.materials) {
      const material = c.scene.materials[m.material];
      await writeMaterial(
        w,
        m.name,
        c.pbrOf(m.material),
        textures,
        materialCustomData(material.name, material.shader),
      );
    }
    await w.endPrim();
  }
  await w.endPrim();
}

function verticesUnder(scene: Scene, prim: NodePrim): number {
  let n = 0;
  for (const g of prim.geometry) n += scene.meshes[g.mesh].positions.length / 3;
  for (const child of prim.children) n += verticesUnder(scene, child);
  return n;
}

/** Keep dazport's errors; a value USD cannot hold names its prim; file system errors are DAZPORT_OUTPUT. */
function asExportError(err: unknown, outPath: string, primPath: string): unknown {
  if (isDazportError(err)) return err;
  if (err instanceof NonFiniteError) {
    return new DazportError(
      'DAZPORT_SCENE_INVALID',
      `${NAME}: ${primPath}: ${err.message}; USD cannot store it`,
      {
        context: { prim: primPath },
        cause: err,
      },
    );
  }
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return outputError(outPath, err);
  }
  return err;
}
