/**
 * The live scene → a scene file (the format load-scene.ts reads, docs/scene-file.md): what
 * `Scene.saveScene(path)` and the plugin's `POST /scene/save-copy` write. Loading the file back
 * gives the scene as it was saved, as far as the format reaches: node labels, names, parents (props)
 * and transforms (translate, rotate, general scale), figure poses (bone rotations) and morph
 * values, camera lens and light values, the timeline, and keys on transform channels, bone
 * rotations and morphs (written as linear keys). Figures and props keep what only their source
 * spec knows (figure generation, mesh detail, prop shape and surface).
 *
 * Written to a temporary file beside the target, then renamed over it, so a reader never sees
 * half a scene.
 */
import { writeFileAtomicallySync } from '../atomic-file.js';
import { DzBasicCamera } from '../dom/dz-camera.js';
import { DzLight, DzPointLight, DzSpotLight } from '../dom/dz-light.js';
import type { DzNode } from '../dom/dz-node.js';
import type { DzScene } from '../dom/dz-scene.js';
import { DzSkeleton } from '../dom/dz-skeleton.js';
import type { DzObject } from '../dom/geometry/dz-object.js';
import { DzMorph } from '../dom/modifiers/dz-morph.js';
import type { DzFloatProperty } from '../dom/properties/dz-float-property.js';
import type {
  CameraSpec,
  FigureSpec,
  KeyChannel,
  KeySpec,
  LightSpec,
  PropSpec,
  SceneSpec,
  TransformSpec,
  Vec3,
} from './scene-spec.js';

/** Where each built figure and prop came from (filled in by the scene builder). */
export type NodeSources = WeakMap<DzNode, FigureSpec | PropSpec>;

export function sceneSpecOf(scene: DzScene, name: string, sources: NodeSources): SceneSpec {
  const figures: FigureSpec[] = [];
  const props: PropSpec[] = [];
  const cameras: CameraSpec[] = [];
  const lights: LightSpec[] = [];
  const keys: KeySpec[] = [];
  const step = scene.getTimeStep();
  for (const node of scene.getNodeList()) {
    const source = sources.get(node);
    if (node instanceof DzSkeleton && source && 'figure' in source) {
      figures.push({ ...source, label: node.getLabel(), transform: transformOf(node), ...poseOf(node) });
      if (node.isSelected()) figures[figures.length - 1].selected = true;
      else delete figures[figures.length - 1].selected;
    } else if (source && 'shape' in source) {
      const parent = node.getNodeParent();
      const prop: PropSpec = {
        ...source,
        label: node.getLabel(),
        name: node.getName(),
        transform: transformOf(node),
      };
      if (parent) prop.parent = parent.getLabel();
      else delete prop.parent;
      props.push(prop);
    } else if (node instanceof DzLight) {
      lights.push(lightOf(node));
    } else if (node instanceof DzBasicCamera) {
      cameras.push(cameraOf(node));
    } else continue;
    keys.push(...keysOf(node, step));
  }
  return {
    name,
    figures,
    props,
    cameras,
    lights,
    time: {
      fps: round(4800 / step),
      frame: scene.getFrame(),
      endFrame: round(scene.getAnimRange().end / step),
    },
    keys,
  };
}

/** Write `spec` to `path` atomically (temporary file, then rename). */
export function writeSceneFile(path: string, spec: SceneSpec): void {
  writeFileAtomicallySync(path, `${JSON.stringify(spec, null, 1)}\n`);
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
/**
 * What a channel holds itself, before its ERC controllers (a corrective morph's bone-driven part):
 * that is what a scene file stores, and loading adds the controllers back.
 */
const raw = (p: DzFloatProperty) => round(p.getRawValue());
const vec = (a: DzFloatProperty, b: DzFloatProperty, c: DzFloatProperty): Vec3 => [raw(a), raw(b), raw(c)];

function transformOf(node: DzNode): TransformSpec {
  return {
    translate: vec(node.getXPosControl(), node.getYPosControl(), node.getZPosControl()),
    rotate: vec(node.getXRotControl(), node.getYRotControl(), node.getZRotControl()),
    scale: raw(node.getScaleControl()),
  };
}

function morphsOf(node: DzNode): DzMorph[] {
  const object = node.getObject() as DzObject | null;
  const out: DzMorph[] = [];
  for (let i = 0; object && i < object.getNumModifiers(); i++) {
    const m = object.getModifier(i);
    if (m instanceof DzMorph) out.push(m);
  }
  return out;
}

function poseOf(figure: DzSkeleton): Pick<FigureSpec, 'pose' | 'morphs'> {
  const pose: Record<string, Vec3> = {};
  for (const bone of figure.getAllBones()) {
    const r = vec(bone.getXRotControl(), bone.getYRotControl(), bone.getZRotControl());
    if (r.some((v) => v !== 0)) pose[bone.getName()] = r;
  }
  const morphs: Record<string, number> = {};
  for (const m of morphsOf(figure)) {
    const value = raw(m.getValueControl());
    if (value !== 0) morphs[m.getName()] = value;
  }
  return { pose, morphs };
}

function cameraOf(camera: DzBasicCamera): CameraSpec {
  return {
    label: camera.getLabel(),
    name: camera.getName(),
    transform: transformOf(camera),
    focalLength: round(camera.focalLength),
    frameWidth: round(camera.frameWidth),
    fStop: round(camera.fStop),
    depthOfField: camera.depthOfField,
    aspect: [camera.aspectWidth, camera.aspectHeight],
    near: round(camera.nearClippingPlane),
    far: round(camera.farClippingPlane),
  };
}

function lightOf(light: DzLight): LightSpec {
  const value = (label: string) => (light.findPropertyByLabel(label) as DzFloatProperty | null)?.getValue();
  const color = light.findProperty('Color') as unknown as {
    getFloatColorValue(): { red: number; green: number; blue: number };
  };
  const c = color.getFloatColorValue();
  const spec: LightSpec = {
    kind: light instanceof DzSpotLight ? 'spot' : light instanceof DzPointLight ? 'point' : 'distant',
    label: light.getLabel(),
    name: light.getName(),
    transform: transformOf(light),
    color: [round(c.red), round(c.green), round(c.blue)],
    intensity: value('Intensity'),
    flux: value('Luminous Flux (Lumen)'),
    on: light.isOn(),
    temperature: value('Temperature (K)'),
  };
  if (light instanceof DzSpotLight) spec.spreadAngle = light.getSpreadAngle();
  return spec;
}

const CHANNELS: [KeyChannel, (n: DzNode) => DzFloatProperty][] = [
  ['XTranslate', (n) => n.getXPosControl()],
  ['YTranslate', (n) => n.getYPosControl()],
  ['ZTranslate', (n) => n.getZPosControl()],
  ['XRotate', (n) => n.getXRotControl()],
  ['YRotate', (n) => n.getYRotControl()],
  ['ZRotate', (n) => n.getZRotControl()],
];

function keyList(property: DzFloatProperty, step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < property.getNumKeys(); i++)
    out.push([round(property.getKeyTime(i) / step), round(property.getKeyValue(i))]);
  return out;
}

/** Keys on the node's transform channels, its bones' channels (figures) and its morphs. */
function keysOf(node: DzNode, step: number): KeySpec[] {
  const label = node.getLabel();
  const out: KeySpec[] = [];
  const channels = (target: DzNode, bone?: string) => {
    for (const [channel, control] of CHANNELS) {
      const keys = keyList(control(target), step);
      if (keys.length) out.push(bone ? { node: label, bone, channel, keys } : { node: label, channel, keys });
    }
  };
  channels(node);
  if (node instanceof DzSkeleton) for (const bone of node.getAllBones()) channels(bone, bone.getName());
  for (const m of morphsOf(node)) {
    const keys = keyList(m.getValueControl(), step);
    if (keys.length) out.push({ node: label, morph: m.getName(), keys });
  }
  return out;
}
