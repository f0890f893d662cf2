/**
 * The neutral scene model: what sources (the DazScript client, the BVH importer) produce and
 * writers (glTF, USDA, .duf, live keys) consume. Plain data and typed arrays; no I/O.
 *
 * Units and frames are DAZ's: centimetres, Y up, right-handed, quaternions [x, y, z, w],
 * Euler angles in degrees, time in seconds (DAZ ticks are converted once, by the client).
 */
import type { Camera } from './camera.js';
import type { Light } from './light.js';
import type { Material } from './material.js';
import type { Mesh } from './mesh.js';
import type { Motion } from './motion.js';
import type { SceneNode } from './scene-node.js';
import type { Skeleton } from './skeleton.js';

export interface SceneSource {
  /** Where the scene came from, e.g. `DAZ Studio 4.22 (DazScript Server 2.9.2) at http://127.0.0.1:18811`. */
  description: string;
  /** The application's scene name or file, when known. */
  sceneName?: string;
}

export interface Scene {
  source: SceneSource;
  /** Parents before children. */
  nodes: SceneNode[];
  meshes: Mesh[];
  materials: Material[];
  cameras: Camera[];
  lights: Light[];
  skeletons: Skeleton[];
  /** Animation, when the scene carries any (retargeted mocap, keys read back). */
  motions: Motion[];
  /** Timeline: frames per second and the current time, seconds. */
  frameRate: number;
  timeSec: number;
}

/** An empty scene, for builders. */
export function createScene(source: SceneSource): Scene {
  return {
    source,
    nodes: [],
    meshes: [],
    materials: [],
    cameras: [],
    lights: [],
    skeletons: [],
    motions: [],
    frameRate: 30,
    timeSec: 0,
  };
}
