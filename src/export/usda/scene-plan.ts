/**
 * Decides the prim tree before a byte is written: names (valid, unique among siblings), paths,
 * the world transform each prim must end up with, and which meshes are skinned. Writing can then
 * stream mesh by mesh, since every relationship target (materials, skeletons, blend shapes) is
 * known up front. Only names, indices and small matrices are held here, never mesh data.
 *
 * The tree:
 *
 * ```
 * /Scene                              Xform, the defaultPrim
 *   /<node>                           one prim per non-bone scene node, in the DAZ hierarchy,
 *                                     with the node's frame as transform: Xform, SkelRoot
 *                                     (figures with a skeleton written), Camera or a UsdLux light
 *     /Skeleton (/<Pose|motion>)      a figure's Skeleton and SkelAnimation (rigged, or animated)
 *     /<mesh>                         the node's Mesh; its transform undoes the node's, so posed
 *                                     world-space points stay exactly where DAZ has them; a skinned
 *                                     mesh sits in figure space like its Skeleton
 *       /<surface>                    GeomSubsets (one per material slot), BlendShapes
 *   /Materials/<mesh>/<surface>       Material networks, one scope per mesh
 * ```
 *
 * Bones are not prims: in a rigged export they are the Skeleton's joints; a non-bone node
 * parented to a bone hangs under the nearest written ancestor, with a transform that keeps it
 * where it is.
 */
import { DazportError } from '../../errors.js';
import { flagAndOption } from '../../flag-and-option.js';
import type { MorphTarget } from '../../scene/mesh.js';
import type { MorphTrack, Motion } from '../../scene/motion.js';
import type { Scene } from '../../scene/scene.js';
import { SiblingNames } from './identifiers.js';
import type { SubsetSpec } from './mesh.js';
import {
  layoutSkeleton,
  type MotionTracks,
  matchTracks,
  motionSkeleton,
  type SkeletonLayout,
} from './skeleton-layout.js';
import type { StageTiming } from './stage.js';
import { identity, type Mat4 } from './xforms.js';

export const ROOT_NAME = 'Scene';
export const MATERIALS_SCOPE = 'Materials';

export interface NodePrim {
  node: number;
  name: string;
  path: string;
  /** The world transform this prim has (the node's frame). */
  world: Mat4;
  children: NodePrim[];
  /** Written before the children, in this order. */
  skeleton?: SkeletonPrim;
  geometry: GeometryPrim[];
  /** An animated node (a NodeTrack): its world transform at each time code. */
  worldSamples?: { timeCodes: number[]; worlds: Mat4[] };
}

export interface GeometryPrim {
  mesh: number;
  name: string;
  path: string;
  /** Identity (posed points are world space) or the figure's transform (skinned, figure space). */
  world: Mat4;
  skinnedTo: SkeletonPrim | null;
  /** One material for the whole mesh, or subsets. */
  material: string | null;
  subsets: SubsetSpec[];
  blendShapes: { name: string; path: string; morph: MorphTarget }[];
}

export interface SkeletonPrim {
  skeleton: number;
  name: string;
  path: string;
  animationName: string;
  layout: SkeletonLayout;
  motion?: { tracks: MotionTracks; timeCodes: number[] };
  meshes: GeometryPrim[];
  /** Animated morphs of its skinned meshes (MorphTracks), written as blendShapeWeights samples. */
  morphMotion?: { tracks: MorphTrack[]; timeCodes: number[] };
}

export interface MaterialScope {
  mesh: number;
  name: string;
  path: string;
  materials: { material: number; name: string; path: string }[];
}

export interface ScenePlan {
  rootPath: string;
  prims: NodePrim[];
  materialsPath: string;
  materialScopes: MaterialScope[];
  skeletons: SkeletonPrim[];
  timing?: StageTiming;
  /** Motions written as time samples. */
  animations: number;
}

export interface PlanOptions {
  rigged: boolean;
  morphs: boolean;
}

export function planScene(scene: Scene, options: PlanOptions, warn: (text: string) => void): ScenePlan {
  const rootPath = `/${ROOT_NAME}`;
  const materialsPath = `${rootPath}/${MATERIALS_SCOPE}`;
  const rootNames = new SiblingNames([MATERIALS_SCOPE]);
  const namesOf = new Map<NodePrim | null, SiblingNames>([[null, rootNames]]);
  const primOf = new Map<number, NodePrim>();
  const prims: NodePrim[] = [];

  // Motions: at most one per skeleton, time codes = frames at the first motion's rate.
  const motionFor = new Map<number, MotionTracks>();
  for (const motion of scene.motions) {
    // Scene animation with no bone tracks (props, morphs): planned with the nodes and meshes.
    if (motion.tracks.length === 0 && (motion.nodeTracks?.length || motion.morphTracks?.length)) continue;
    const s = motionSkeleton(scene, motion);
    if (s === undefined)
      warn(`motion "${motion.name}": no skeleton in the scene has its joints; not written`);
    else if (motionFor.has(s))
      warn(`motion "${motion.name}": ${scene.skeletons[s].label} already has a motion; not written`);
    else {
      const tracks = matchTracks(scene.skeletons[s], motion);
      if (tracks.unmatched.length) {
        warn(
          `motion "${motion.name}": ${tracks.unmatched.length} track(s) name no joint of ${scene.skeletons[s].label} (${tracks.unmatched.slice(0, 5).join(', ')})`,
        );
      }
      motionFor.set(s, tracks);
    }
  }
  const rates = [...motionFor.values()].map((t) => t.motion.frameRate).filter((r) => r > 0);
  const sceneRates = scene.motions
    .filter((m) => m.nodeTracks?.length || m.morphTracks?.length)
    .map((m) => m.frameRate)
    .filter((r) => r > 0);
  const timeCodesPerSecond = rates[0] ?? sceneRates[0] ?? scene.frameRate;
  let endTimeCode = 0;
  const timeCodesOf = (m: Motion) => {
    const step = timeCodesPerSecond / (m.frameRate > 0 ? m.frameRate : timeCodesPerSecond);
    const codes = Array.from({ length: m.frameCount }, (_, f) => f * step);
    endTimeCode = Math.max(endTimeCode, codes.at(-1) ?? 0);
    return codes;
  };

  // Nodes, parents first.
  scene.nodes.forEach((node, index) => {
    if (node.kind === 'bone') return;
    let parent: NodePrim | null = null;
    for (let p = node.parent; p >= 0 && !parent; p = scene.nodes[p].parent) parent = primOf.get(p) ?? null;
    const names = namesOf.get(parent) as SiblingNames;
    const name = names.claim(node.label || node.name, 'node');
    const prim: NodePrim = {
      node: index,
      name,
      path: `${parent ? parent.path : rootPath}/${name}`,
      world: Float64Array.from(node.worldMatrix),
      children: [],
      geometry: [],
    };
    namesOf.set(prim, new SiblingNames());
    primOf.set(index, prim);
    (parent ? parent.children : prims).push(prim);
  });

  // Animated nodes: their world transform per time code.
  // Motions with no bone tracks that got something written (they count as animations).
  const sceneMotions = new Set<Motion>();
  for (const motion of scene.motions) {
    if (!motion.nodeTracks?.length) continue;
    const timeCodes = timeCodesOf(motion);
    for (const track of motion.nodeTracks) {
      const prim = primOf.get(track.node);
      if (!prim) continue;
      const worlds = timeCodes.map((_, f) =>
        Float64Array.from(track.worldMatrices.subarray(f * 16, f * 16 + 16)),
      );
      prim.worldSamples = { timeCodes, worlds };
      if (!motion.tracks.length) sceneMotions.add(motion);
    }
  }

  // Skeletons: all of them when rigged, else those a motion drives.
  const skeletons: SkeletonPrim[] = [];
  scene.skeletons.forEach((skeleton, index) => {
    const tracks = motionFor.get(index);
    if (!options.rigged && !tracks) return;
    const owner = primOf.get(skeleton.node);
    if (!owner) {
      warn(`skeleton of ${skeleton.label}: its figure node is not in the scene; not written`);
      return;
    }
    const name = (namesOf.get(owner) as SiblingNames).claim('Skeleton');
    const path = `${owner.path}/${name}`;
    let motion: SkeletonPrim['motion'];
    if (tracks) {
      const m = tracks.motion;
      const step = timeCodesPerSecond / (m.frameRate > 0 ? m.frameRate : timeCodesPerSecond);
      const timeCodes = Array.from({ length: m.frameCount }, (_, f) => f * step);
      endTimeCode = Math.max(endTimeCode, timeCodes.at(-1) ?? 0);
      motion = { tracks, timeCodes };
    }
    const prim: SkeletonPrim = {
      skeleton: index,
      name,
      path,
      animationName: tracks ? new SiblingNames().claim(tracks.motion.name, 'Animation') : 'Pose',
      layout: layoutSkeleton(scene, skeleton),
      ...(motion ? { motion } : {}),
      meshes: [],
    };
    owner.skeleton = prim;
    skeletons.push(prim);
  });
  const skeletonPrim = new Map(skeletons.map((s) => [s.skeleton, s]));

  // Meshes, their materials, subsets and blend shapes.
  const materialNames = new SiblingNames();
  const materialScopes: MaterialScope[] = [];
  const materialPath = new Map<number, string>();
  scene.meshes.forEach((mesh, index) => {
    const owner = primOf.get(mesh.node);
    if (!owner) {
      warn(`mesh "${mesh.name}": its node is not in the scene (or is a bone); not written`);
      return;
    }
    const node = scene.nodes[mesh.node];
    if (options.rigged && node.kind === 'figure' && !mesh.rest) {
      throw new DazportError('DAZPORT_USAGE', `rigged export: mesh "${mesh.name}" has no rest data`, {
        context: { mesh: mesh.name },
        suggestion: 'read the scene with the rigged option (readScene(client, { rigged: true }))',
        cliSuggestion: 'export with --rigged',
      });
    }
    const skin = options.rigged ? mesh.rest?.skin : null;
    let skinnedTo: SkeletonPrim | null = null;
    if (skin) {
      skinnedTo = skeletonPrim.get(skin.skeleton) ?? null;
      const figure = skinnedTo ? primOf.get(scene.skeletons[skin.skeleton].node) : undefined;
      if (!skinnedTo || !figure || !(owner === figure || owner.path.startsWith(`${figure.path}/`))) {
        warn(`mesh "${mesh.name}": its skeleton is not above it in the scene; written posed, not skinned`);
        skinnedTo = null;
      }
    }
    const names = namesOf.get(owner) as SiblingNames;
    const name = names.claim(mesh.name, 'Mesh');
    const path = `${owner.path}/${name}`;
    const childNames = new SiblingNames();

    // Materials: one scope per mesh; a material shared by meshes is written once.
    const used = usedSlots(mesh.faceMaterial, Math.max(mesh.materials.length, 1));
    let scope: MaterialScope | undefined;
    const pathForSlot = (slot: number): string | null => {
      const m = mesh.materials[slot];
      if (m === undefined || !scene.materials[m]) return null;
      const known = materialPath.get(m);
      if (known) return known;
      if (!scope) {
        const scopeName = materialNames.claim(mesh.name, 'Mesh');
        scope = { mesh: index, name: scopeName, path: `${materialsPath}/${scopeName}`, materials: [] };
        materialScopes.push(scope);
      }
      const taken = new SiblingNames(scope.materials.map((x) => x.name));
      const matName = taken.claim(scene.materials[m].name, 'Material');
      const p = `${scope.path}/${matName}`;
      scope.materials.push({ material: m, name: matName, path: p });
      materialPath.set(m, p);
      return p;
    };
    let material: string | null = null;
    const subsets: SubsetSpec[] = [];
    if (used.length === 1) material = pathForSlot(used[0]);
    else {
      for (const slot of used) {
        const label =
          mesh.materialGroups[slot] ?? scene.materials[mesh.materials[slot]]?.name ?? `slot${slot}`;
        subsets.push({ name: childNames.claim(label, 'Surface'), slot, material: pathForSlot(slot) });
      }
    }
    const blendShapes: GeometryPrim['blendShapes'] = [];
    if (skinnedTo && options.morphs) {
      for (const morph of mesh.rest?.morphs ?? []) {
        if (morph.indices.length === 0) continue;
        const n = childNames.claim(morph.name || morph.label, 'Morph');
        blendShapes.push({ name: n, path: `${path}/${n}`, morph });
      }
    }
    let world = identity();
    if (skinnedTo) world = skinnedTo.layout.figureWorld;
    else if (mesh.space === 'rest') {
      // Object-space points without a skin: placed by the figure's (or node's) transform.
      const own = node.skeleton !== undefined ? skeletonPrim.get(node.skeleton) : undefined;
      world = own ? own.layout.figureWorld : owner.world;
      if (!own)
        warn(
          `mesh "${mesh.name}" is in object space: placed at its node's frame (pivot taken as its origin)`,
        );
    }
    const geometry: GeometryPrim = {
      mesh: index,
      name,
      path,
      world,
      skinnedTo,
      material,
      subsets,
      blendShapes,
    };
    owner.geometry.push(geometry);
    skinnedTo?.meshes.push(geometry);
  });

  // Animated morphs: onto the SkelAnimation of the skeleton their mesh is skinned to.
  for (const motion of scene.motions) {
    for (const track of motion.morphTracks ?? []) {
      const owner = primOf.get(scene.meshes[track.mesh]?.node ?? -1);
      const g = owner?.geometry.find((x) => x.mesh === track.mesh);
      const morphed = g?.blendShapes.some((b) => b.morph.name === track.morph);
      if (!g?.skinnedTo || !morphed) {
        warn(
          `motion "${motion.name}": morph ${track.morph} of ${scene.meshes[track.mesh]?.name} is animated but written as no blend shape (export with ${flagAndOption('--morphs', 'morphs: true')}); not written`,
        );
        continue;
      }
      const s = g.skinnedTo;
      s.morphMotion ??= { tracks: [], timeCodes: timeCodesOf(motion) };
      s.morphMotion.tracks.push(track);
      if (!motion.tracks.length) sceneMotions.add(motion);
    }
  }

  const animations = skeletons.filter((s) => s.motion).length + sceneMotions.size;
  return {
    rootPath,
    prims,
    materialsPath,
    materialScopes,
    skeletons,
    ...(animations ? { timing: { timeCodesPerSecond, startTimeCode: 0, endTimeCode } } : {}),
    animations,
  };
}

/** Slots that have at least one face, ascending. */
function usedSlots(faceMaterial: Uint16Array, slots: number): number[] {
  const seen = new Uint8Array(slots);
  for (let f = 0; f < faceMaterial.length; f++) seen[Math.min(faceMaterial[f], slots - 1)] = 1;
  const out: number[] = [];
  seen.forEach((s, i) => {
    if (s) out.push(i);
  });
  return out;
}
