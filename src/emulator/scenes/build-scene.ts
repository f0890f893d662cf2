/**
 * Scene spec → emulated DAZ scene: the DOM objects, added to a DzScene in spec order (figures,
 * props, cameras, lights), and the script globals bound to it.
 */
import { getSkeletonDefinition } from '../../bonemaps/genesis/index.js';
import { DazportError } from '../../errors.js';
import { DomContext } from '../dom/dom-context.js';
import { DzScene, sceneInternals } from '../dom/dz-scene.js';
import { sceneGlobals } from '../dom/globals.js';
import { DzTimeRange } from '../dom/math/dz-time-range.js';
import type { GlobalBindings, ScriptRealm } from '../runtime/script-runtime.js';
import type { SceneEvent } from '../runtime/worker-protocol.js';
import { applyKeys } from './apply-keys.js';
import { buildFigure } from './build-figure.js';
import { buildCamera, buildLight, buildProp } from './build-nodes.js';
import { buildMannequin } from './mannequin/build-mannequin.js';
import type { MannequinMesh } from './mannequin/mannequin-mesh.js';
import { type NodeSources, sceneSpecOf, writeSceneFile } from './save-scene.js';
import { loadSceneFile } from './scene-file.js';
import type { SceneSpec } from './scene-spec.js';
import { shuffleFacets } from './shuffle-facets.js';

export interface BuiltScene {
  scene: DzScene;
  ctx: DomContext;
  globals: GlobalBindings;
}

/** Mannequin meshes are pure functions of (figure, detail): build each once per process. */
const mannequinCache = new Map<string, MannequinMesh>();

export function mannequinKey(figureId: string, detail: number): string {
  return `${figureId}@${detail}`;
}

/** Meshes another thread already built (prebuilt-mannequins.ts), used instead of building them again. */
export function adoptMannequins(meshes: Record<string, MannequinMesh>): void {
  for (const [key, mesh] of Object.entries(meshes))
    if (!mannequinCache.has(key)) mannequinCache.set(key, mesh);
}

export function mannequinFor(figureId: string, detail: number): MannequinMesh {
  const key = mannequinKey(figureId, detail);
  let mesh = mannequinCache.get(key);
  if (!mesh) {
    const skeleton = getSkeletonDefinition(figureId);
    if (!skeleton) throw new DazportError('DAZPORT_SCENE_INVALID', `unknown figure "${figureId}"`);
    mesh = buildMannequin(skeleton, { detail });
    mannequinCache.set(key, mesh);
  }
  return mesh;
}

export function buildScene(
  spec: SceneSpec,
  realm: ScriptRealm,
  emit: (event: SceneEvent) => void,
): BuiltScene {
  let scene: DzScene | null = null;
  const ctx = new DomContext(realm, { now: () => scene?.getTime() ?? 0 }, emit);
  scene = new DzScene(ctx);
  const sources: NodeSources = new WeakMap();
  let name = spec.name;
  sceneInternals.setLoader(scene, (target, file) => {
    const loaded = loadSceneFile(file);
    name = loaded.name;
    populate(ctx, target, loaded, sources);
  });
  sceneInternals.setSaver(scene, (target, file) => writeSceneFile(file, sceneSpecOf(target, name, sources)));
  populate(ctx, scene, spec, sources);
  sceneInternals.markSaved(scene);
  ctx.emit({ type: 'scene.loaded', data: {} });
  return { scene, ctx, globals: sceneGlobals(ctx, scene) };
}

/** Add the spec's nodes to `scene` and apply its timeline settings. */
function populate(ctx: DomContext, scene: DzScene, spec: SceneSpec, sources: NodeSources): void {
  sceneInternals.setFilename(scene, spec.name);
  const fps = spec.time?.fps ?? 30;
  scene.setTimeStep(Math.round(4800 / fps));
  const endFrame = spec.time?.endFrame ?? 30;
  scene.setAnimRange(new DzTimeRange(0, endFrame * scene.getTimeStep()));
  scene.setPlayRange(new DzTimeRange(0, endFrame * scene.getTimeStep()));

  for (const figure of spec.figures ?? []) {
    const skeleton = getSkeletonDefinition(figure.figure);
    if (!skeleton) throw new DazportError('DAZPORT_SCENE_INVALID', `unknown figure "${figure.figure}"`);
    const mesh = mannequinFor(figure.figure, figure.detail ?? 1);
    // Seeded by the figure's place in the scene: the same scene file gives the same mesh.
    const seed = (spec.figures ?? []).indexOf(figure) + 1;
    const ordered = figure.facetOrder === 'shuffled' ? shuffleFacets(mesh, seed) : mesh;
    const node = buildFigure(ctx, figure, skeleton, ordered);
    sources.set(node, figure);
    scene.addNode(node);
  }
  for (const prop of spec.props ?? []) {
    const node = buildProp(ctx, prop);
    sources.set(node, prop);
    const parent = prop.parent ? scene.findNodeByLabel(prop.parent) : null;
    if (prop.parent && !parent) {
      throw new DazportError(
        'DAZPORT_SCENE_INVALID',
        `prop "${prop.label}": parent "${prop.parent}" is not in the scene`,
      );
    }
    if (parent) parent.addNodeChild(node);
    else scene.addNode(node);
  }
  for (const camera of spec.cameras ?? []) scene.addNode(buildCamera(ctx, camera));
  for (const light of spec.lights ?? []) scene.addNode(buildLight(ctx, light));
  if (spec.keys) applyKeys(scene, spec.keys);
  if (spec.time?.frame) scene.setFrame(spec.time.frame);
}
