/**
 * The shape of what python/dazport_walk.py returns, and its decoding: base64 of little-endian
 * float32 / uint32 arrays into typed arrays. Lengths are still Poser Native Units here.
 */

/** 1 PNU (Poser Native Unit) = 100 inches = 8.6 feet = 262.128 cm. */
export const CM_PER_PNU = 262.128;

export interface WalkMaterial {
  name: string;
  /** DiffuseColor(), 0..1. */
  diffuse: [number, number, number];
  /** TextureMapFileName(), when set. */
  texture: string | null;
}

export interface WalkGeometry {
  vertices: number;
  /** World vertices, xyz float32, PNU. */
  positions: string;
  /** Unposed vertices (Vertices()), xyz float32, PNU; empty unless the walk was asked for them. */
  rest: string;
  /** Corners per polygon (uint32). */
  sizes: string;
  /** Vertex index per corner (uint32). */
  corners: string;
  /** Material index per polygon, into `materials` (uint32). */
  slots: string;
  materials: WalkMaterial[];
  /** Texture vertices, uv float32; empty when the geometry has no texture polygons. */
  uvs: string;
  texSizes: string;
  texCorners: string;
}

export interface WalkActor {
  name: string;
  internal: string;
  parent: string | null;
  /** WorldMatrix() flattened row by row (Poser's rows, translation last). */
  matrix: number[];
  origin: [number, number, number];
  end: [number, number, number];
  alignment: [number, number, number];
  /** Rotation parameters in the order Parameters() lists them: [axis, degrees]. */
  rotations: ['X' | 'Y' | 'Z', number][];
  translation: [number, number, number];
  visible: boolean;
  geometry?: WalkGeometry | null;
}

export interface WalkCamera extends WalkActor {
  focal: number;
  hither: number;
  yon: number;
  focusDistance: number;
  fStop: number;
}

export interface WalkLight extends WalkActor {
  lightType: number | null;
  color: [number, number, number];
  intensity: number;
}

export interface WalkFigure {
  name: string;
  internal: string;
  actors: WalkActor[];
}

export interface PoserWalk {
  walk: 1;
  python: string;
  outputRes: number[];
  frameRate: number;
  currentCamera: string | null;
  figures: WalkFigure[];
  props: WalkActor[];
  cameras: WalkCamera[];
  lights: WalkLight[];
}

export function decodeFloat32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

export function decodeUint32(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}
