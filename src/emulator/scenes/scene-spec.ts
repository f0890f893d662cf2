/**
 * The scene file format: what the emulator builds a DAZ scene from. Built-in scenes are written
 * in it, and users load their own with `dazport emulator --scene my-scene.json`.
 * Units are DAZ's: cm, degrees, Y up; colours linear 0..1.
 *
 * ```json
 * { "name": "duo",
 *   "figures": [{ "figure": "genesis9", "label": "Genesis 9", "pose": { "l_forearm": [0, 0, -40] } }],
 *   "props": [{ "shape": "box", "label": "Crate", "size": 40, "transform": { "translate": [60, 0, 0] } }],
 *   "cameras": [{ "label": "Camera 1", "transform": { "translate": [0, 150, 400] }, "aimAt": [0, 100, 0] }],
 *   "lights": [{ "kind": "spot", "label": "Key", "transform": { "translate": [200, 300, 200] }, "aimAt": [0, 100, 0] }] }
 * ```
 */
import type { GenesisFigureId } from '../../bonemaps/genesis/skeleton-definition.js';

export type Vec3 = [number, number, number];

export interface TransformSpec {
  translate?: Vec3;
  /** Degrees per axis, composed in the node's rotation order. */
  rotate?: Vec3;
  /** Uniform scale (the "Scale" channel). */
  scale?: number;
}

export interface FigureSpec {
  figure: GenesisFigureId;
  label?: string;
  transform?: TransformSpec;
  /** Bone rotations in degrees per axis (x, y, z), by bone name. */
  pose?: Record<string, Vec3>;
  /** Morph values by morph name or label. */
  morphs?: Record<string, number>;
  /** Mesh density multiplier (1 = realistic figure). */
  detail?: number;
  /**
   * `modelled` (default): polygons in the generator's strips. `shuffled`: in a seeded random
   * order, the worst case for clients that exploit facet order.
   */
  facetOrder?: 'modelled' | 'shuffled';
  selected?: boolean;
}

export interface SurfaceSpec {
  type?: 'iray' | 'pbrskin' | 'default';
  values?: Record<string, number | boolean | Vec3>;
  /** Texture per channel name: a built-in texture file name (e.g. `checker_diffuse.png`) or an absolute path. */
  maps?: Record<string, string>;
}

/** What a prop gets without `size` or `segments` (shared by the builder and the scene budget). */
export const PROP_DEFAULTS = { size: 40, boxSegments: 4, sphereRings: 16 } as const;

export interface PropSpec {
  shape: 'box' | 'sphere';
  label: string;
  name?: string;
  /** Box edge or sphere diameter, cm. */
  size?: number;
  /** Tessellation: box sides split n × n; sphere rings (segments = 2 × rings). Counts against the scene budget (scene-budget.ts). */
  segments?: number;
  transform?: TransformSpec;
  surface?: SurfaceSpec;
  /** Label of the node to parent to. */
  parent?: string;
}

export interface CameraSpec {
  label: string;
  name?: string;
  transform?: TransformSpec;
  /** Point the camera at this world position (also sets the focal distance). */
  aimAt?: Vec3;
  focalLength?: number;
  frameWidth?: number;
  fStop?: number;
  depthOfField?: boolean;
  aspect?: [number, number];
  near?: number;
  far?: number;
}

export interface LightSpec {
  kind: 'distant' | 'spot' | 'point';
  label: string;
  name?: string;
  transform?: TransformSpec;
  aimAt?: Vec3;
  color?: Vec3;
  intensity?: number;
  flux?: number;
  on?: boolean;
  spreadAngle?: number;
  temperature?: number;
}

export interface SceneSpec {
  name: string;
  figures?: FigureSpec[];
  props?: PropSpec[];
  cameras?: CameraSpec[];
  lights?: LightSpec[];
  /** Timeline: frames per second, current frame, animation range end frame. */
  time?: { fps?: number; frame?: number; endFrame?: number };
  /** Animation: keys on node transform channels, figure bone channels and morphs. */
  keys?: KeySpec[];
}

/** A transform channel, named as DAZ Studio's property names. */
export type KeyChannel = 'XTranslate' | 'YTranslate' | 'ZTranslate' | 'XRotate' | 'YRotate' | 'ZRotate';

/**
 * Keys on one animatable value: a transform channel of the node labelled `node` (or of its
 * figure's bone `bone`), or the morph `morph` (name or label) of its object. Keys are
 * `[frame, value]` (degrees, cm, morph weight), linear, as `setValue(time, value)` makes them.
 */
export interface KeySpec {
  node: string;
  bone?: string;
  channel?: KeyChannel;
  morph?: string;
  keys: [number, number][];
}
