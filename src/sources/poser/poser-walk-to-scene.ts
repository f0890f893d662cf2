/**
 * A Poser scene walk (poser-walk.ts) as the neutral Scene: PNU → cm, Poser's row-vector matrices
 * → column-major node frames at each actor's pivot, every figure as a figure node owning one
 * posed world mesh (its body parts') and a skeleton of its body parts, props as mesh nodes,
 * cameras and lights. Poser is Y up like dazport's model, so no axis changes. Pure.
 *
 * What Poser does not say and dazport assumes (see README, Sources → Poser):
 * - a body part's rotation parameters compose in the order Parameters() lists them, the first
 *   outermost (the CR2 channel order, twist axis first), as DAZ's rotation orders do;
 * - cameras and lights look down their local −Z;
 * - the film back is 26 mm wide, what a renderer plugin's author measured for Poser's main and
 *   auxiliary cameras (the dolly camera's is said to be 22 mm);
 * - image-based lights are left out (no light of the neutral model matches them).
 */
import { mat4 } from 'gl-matrix';
import { eulerDegreesToQuat } from '../../math/euler.js';
import { isRotationOrderName } from '../../math/rotation-order.js';
import type { Camera } from '../../scene/camera.js';
import type { Light } from '../../scene/light.js';
import type { Material } from '../../scene/material.js';
import { createScene, type Scene } from '../../scene/scene.js';
import type { SceneNode, SceneNodeKind } from '../../scene/scene-node.js';
import type { Joint } from '../../scene/skeleton.js';
import { PoserMeshBuilder } from './poser-mesh-builder.js';
import {
  CM_PER_PNU,
  type PoserWalk,
  type WalkActor,
  type WalkCamera,
  type WalkMaterial,
} from './poser-walk.js';

/** Horizontal film back of Poser's main camera, mm (see the module comment). */
export const POSER_FILM_WIDTH_MM = 26;

const LIGHT_KINDS: Record<number, Light['kind']> = { 0: 'distant', 1: 'spot', 2: 'point' };

const cm = (v: readonly number[]): [number, number, number] => [
  v[0] * CM_PER_PNU,
  v[1] * CM_PER_PNU,
  v[2] * CM_PER_PNU,
];

/** Poser's body-part internal names carry the figure's number (`rForeArm:1`); bone names do not. */
export function boneName(internal: string): string {
  return internal.replace(/:\d+$/, '');
}

/** The actor's frame in world space, cm, column-major, at its (posed) origin. */
export function actorFrame(a: WalkActor): Float64Array {
  // Poser's rows with translation last, read in order, are the column-major form of the
  // column-vector matrix: no transpose.
  const w = Float64Array.from(a.matrix);
  w[12] *= CM_PER_PNU;
  w[13] *= CM_PER_PNU;
  w[14] *= CM_PER_PNU;
  return mat4.translate(new Float64Array(16), w, cm(a.origin)) as Float64Array;
}

export function poserWalkToScene(walk: PoserWalk, description: string): Scene {
  const scene = createScene({ description });
  scene.frameRate = walk.frameRate || 30;
  const nodeOf = new Map<string, number>();
  const addNode = (a: WalkActor, kind: SceneNodeKind, className: string, parent: number, label = a.name) => {
    const node: SceneNode = {
      id: `poser:${a.internal}`,
      name: kind === 'bone' ? boneName(a.internal) : a.internal,
      label,
      kind,
      className,
      parent,
      worldMatrix: actorFrame(a),
      visible: a.visible,
    };
    nodeOf.set(a.internal, scene.nodes.push(node) - 1);
    return scene.nodes.length - 1;
  };
  /** Scene materials of one figure or prop, by name: body parts share their figure's. */
  const materialsOf = () => {
    const byName = new Map<string, number>();
    return (m: WalkMaterial) => {
      const known = byName.get(m.name);
      if (known !== undefined) return known;
      const index = scene.materials.push(toMaterial(m)) - 1;
      byName.set(m.name, index);
      return index;
    };
  };

  for (const figure of walk.figures) {
    const internals = new Set(figure.actors.map((a) => a.internal));
    const roots = figure.actors.filter((a) => !a.parent || !internals.has(a.parent));
    const body = roots.find((a) => !a.geometry) ?? roots[0];
    if (!body) continue;
    const figureNode = addNode(body, 'figure', 'PoserFigure', parentNode(body, nodeOf), figure.name);
    scene.nodes[figureNode].name = figure.internal;
    const joints: Joint[] = [];
    const jointOf = new Map<string, number>();
    const builder = new PoserMeshBuilder();
    const material = materialsOf();
    for (const part of parentsFirst(figure.actors.filter((a) => a !== body))) {
      const node = addNode(part, 'bone', 'PoserBodyPart', nodeOf.get(part.parent ?? '') ?? figureNode);
      jointOf.set(part.internal, joints.length);
      joints.push(toJoint(part, node, part.parent ? (jointOf.get(part.parent) ?? -1) : -1));
    }
    for (const part of figure.actors) {
      if (part.geometry) builder.add(part.name, part.geometry, material, jointOf.get(part.internal) ?? -1);
    }
    const skeleton = joints.length > 0 ? scene.skeletons.length : -1;
    if (skeleton >= 0) {
      scene.skeletons.push({ name: figure.internal, label: figure.name, node: figureNode, joints });
      scene.nodes[figureNode].skeleton = skeleton;
    }
    if (!builder.empty) {
      const mesh = builder.build(figure.name, figureNode);
      const rest = skeleton >= 0 ? builder.rest(skeleton, joints.length) : null;
      if (rest) mesh.rest = rest;
      scene.nodes[figureNode].mesh = scene.meshes.push(mesh) - 1;
    }
  }

  for (const prop of parentsFirst(walk.props.filter((p) => p.geometry))) {
    const node = addNode(prop, 'mesh', 'PoserProp', parentNode(prop, nodeOf));
    const builder = new PoserMeshBuilder();
    if (prop.geometry) builder.add(prop.name, prop.geometry, materialsOf());
    if (!builder.empty) scene.nodes[node].mesh = scene.meshes.push(builder.build(prop.name, node)) - 1;
  }

  const [width, height] = walk.outputRes;
  const aspect = width > 0 && height > 0 ? width / height : 4 / 3;
  for (const c of walk.cameras) {
    const node = addNode(c, 'camera', 'PoserCamera', parentNode(c, nodeOf));
    scene.nodes[node].camera = scene.cameras.push(toCamera(c, node, aspect)) - 1;
  }
  for (const l of walk.lights) {
    const kind = LIGHT_KINDS[l.lightType ?? -1];
    if (!kind) continue;
    const node = addNode(l, 'light', 'PoserLight', parentNode(l, nodeOf));
    const light: Light = {
      name: l.name,
      node,
      kind,
      color: l.color,
      intensity: l.intensity,
      fluxLm: 0,
      photometric: false,
      on: true,
      geometry: 0,
      widthCm: 0,
      heightCm: 0,
    };
    scene.nodes[node].light = scene.lights.push(light) - 1;
  }
  return scene;
}

function parentNode(a: WalkActor, nodeOf: Map<string, number>): number {
  return a.parent ? (nodeOf.get(a.parent) ?? -1) : -1;
}

/** Actors ordered so that each comes after its parent when the parent is among them. */
function parentsFirst<T extends WalkActor>(actors: T[]): T[] {
  const byInternal = new Map(actors.map((a) => [a.internal, a]));
  const out: T[] = [];
  const placed = new Set<string>();
  const place = (a: T, depth: number) => {
    if (placed.has(a.internal) || depth > actors.length) return;
    const parent = a.parent ? byInternal.get(a.parent) : undefined;
    if (parent) place(parent, depth + 1);
    placed.add(a.internal);
    out.push(a);
  };
  for (const a of actors) place(a, 0);
  return out;
}

function toJoint(a: WalkActor, node: number, parent: number): Joint {
  const order = a.rotations.map(([axis]) => axis).join('');
  const rotation: [number, number, number] = [0, 0, 0];
  for (const [axis, value] of a.rotations) rotation['XYZ'.indexOf(axis)] = value;
  const [ax, ay, az] = a.alignment;
  return {
    name: boneName(a.internal),
    label: a.name,
    parent,
    node,
    rotationOrder: isRotationOrderName(order) ? order : 'XYZ',
    origin: cm(a.origin),
    end: cm(a.end),
    orientation: ax || ay || az ? eulerDegreesToQuat('XYZ', ax, ay, az) : [0, 0, 0, 1],
    rotation,
    translation: cm(a.translation),
  };
}

function toMaterial(m: WalkMaterial): Material {
  return {
    name: m.name,
    shader: 'Poser',
    channels: {
      'Diffuse Color': { label: 'Diffuse Color', value: m.diffuse, ...(m.texture ? { map: m.texture } : {}) },
    },
  };
}

function toCamera(c: WalkCamera, node: number, aspect: number): Camera {
  const focal = c.focal > 0 ? c.focal : 50;
  return {
    name: c.name,
    node,
    focalLengthMm: focal,
    frameWidthMm: POSER_FILM_WIDTH_MM,
    aspectRatio: aspect,
    nearCm: Math.max(c.hither * CM_PER_PNU, 0.1),
    farCm: c.yon > c.hither ? c.yon * CM_PER_PNU : 100_000,
    focalDistanceCm: c.focusDistance * CM_PER_PNU,
    fStop: c.fStop,
    // Poser turns depth of field on in the render settings, not on the camera.
    depthOfField: false,
    horizontalFovRad: 2 * Math.atan(POSER_FILM_WIDTH_MM / 2 / focal),
  };
}
