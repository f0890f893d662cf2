/**
 * The emulator's renderer: a flat-shaded, z-buffered rasterisation of world-space polygons seen
 * through a pinhole camera. Pure: meshes, camera and lights in; RGB pixels out. It stands in for
 * Iray so render pipelines can be tested end to end; it makes no claim to look like Iray.
 *
 * Per triangle: one Lambert colour (albedo × Σ lights, plus a little ambient), from the face
 * normal; depth interpolated as 1/z in screen space (perspective-correct), nearest wins.
 * Polygons are fanned into triangles. A triangle with a corner behind the near plane is
 * skipped rather than clipped (the cameras the emulator stages see whole figures).
 */

/** A light as the renderer uses it: direction (distant) or position (spot/point), linear RGB. */
export interface RenderLight {
  /** Distant light: the world direction the light travels in. */
  direction?: [number, number, number];
  /** Spot or point light: its world position (cm). */
  position?: [number, number, number];
  color: [number, number, number];
}

/** One mesh: world positions, polygons (sizes + flat corner list), a linear RGB albedo per face. */
export interface RenderMesh {
  positions: ArrayLike<number>;
  faceSizes: ArrayLike<number>;
  faceVertexIndices: ArrayLike<number>;
  /** 3 floats per face, 0..1 linear. */
  faceAlbedo: Float32Array;
}

export interface RenderCamera {
  /** World → camera (camera looks down −Z, +Y up), column-major 4×4. */
  view: ArrayLike<number>;
  /** Horizontal field of view, radians (DAZ's getFieldOfView). */
  fovX: number;
  /** Near clipping distance, cm. */
  near: number;
}

export interface RasterizeOptions {
  width: number;
  height: number;
  camera: RenderCamera;
  meshes: RenderMesh[];
  /** Lights that are on; empty means a headlamp at the camera. */
  lights: RenderLight[];
  /** Shade faces turned away from the camera (true) or cull them (false). */
  doubleSided: boolean;
  /** Output gamma: pixel = linear^(1/gamma); 1 leaves values linear. */
  gamma: number;
  /** Background, 8-bit RGB. */
  background: [number, number, number];
  /** Polled every few hundred triangles; true stops the render (it returns null). */
  shouldStop?: () => boolean;
}

export interface RasterizeResult {
  /** Row-major 8-bit RGB, top row first. */
  rgb: Uint8Array;
  /** Triangles drawn (at least one pixel passed the depth test or not). */
  triangles: number;
}

const AMBIENT = 0.08;
const STOP_POLL_TRIANGLES = 256;

/** Render; null when `shouldStop` asked for it (a cancelled render leaves no image). */
export function rasterize(o: RasterizeOptions): RasterizeResult | null {
  const { width, height } = o;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < rgb.length; i += 3) rgb.set(o.background, i);
  const depth = new Float32Array(width * height); // 1/z, 0 = far away
  const focal = width / 2 / Math.tan(o.camera.fovX / 2);
  const v = o.camera.view;
  const encode = gammaTable(o.gamma);
  let triangles = 0;
  let sinceStop = 0;
  // Screen-space corners of the current triangle.
  const sx = new Float64Array(3);
  const sy = new Float64Array(3);
  const iz = new Float64Array(3);
  const world = new Float64Array(9);
  const cam = new Float64Array(9);

  for (const mesh of o.meshes) {
    const p = mesh.positions;
    let corner = 0;
    for (let f = 0; f < mesh.faceSizes.length; f++) {
      const n = mesh.faceSizes[f];
      const first = mesh.faceVertexIndices[corner];
      for (let t = 1; t + 1 < n; t++) {
        const ids = [first, mesh.faceVertexIndices[corner + t], mesh.faceVertexIndices[corner + t + 1]];
        if (++sinceStop >= STOP_POLL_TRIANGLES) {
          sinceStop = 0;
          if (o.shouldStop?.()) return null;
        }
        let behind = false;
        for (let k = 0; k < 3; k++) {
          const i = ids[k] * 3;
          const x = p[i];
          const y = p[i + 1];
          const z = p[i + 2];
          world[k * 3] = x;
          world[k * 3 + 1] = y;
          world[k * 3 + 2] = z;
          const cx = v[0] * x + v[4] * y + v[8] * z + v[12];
          const cy = v[1] * x + v[5] * y + v[9] * z + v[13];
          const cz = v[2] * x + v[6] * y + v[10] * z + v[14];
          cam[k * 3] = cx;
          cam[k * 3 + 1] = cy;
          cam[k * 3 + 2] = cz;
          const d = -cz;
          if (d < o.camera.near) behind = true;
          sx[k] = width / 2 + (cx / d) * focal;
          sy[k] = height / 2 - (cy / d) * focal;
          iz[k] = 1 / d;
        }
        if (behind) continue;
        const colour = shadeFace(world, cam, mesh.faceAlbedo, f, o);
        if (!colour) continue;
        triangles++;
        fillTriangle(sx, sy, iz, width, height, depth, rgb, [
          encode(colour[0]),
          encode(colour[1]),
          encode(colour[2]),
        ]);
      }
      corner += n;
    }
  }
  return { rgb, triangles };
}

/** Lambert colour of one triangle, or null when it faces away and is culled. */
function shadeFace(
  world: Float64Array,
  cam: Float64Array,
  albedo: Float32Array,
  face: number,
  o: RasterizeOptions,
): [number, number, number] | null {
  const ax = world[3] - world[0];
  const ay = world[4] - world[1];
  const az = world[5] - world[2];
  const bx = world[6] - world[0];
  const by = world[7] - world[1];
  const bz = world[8] - world[2];
  let nx = ay * bz - az * by;
  let ny = az * bx - ax * bz;
  let nz = ax * by - ay * bx;
  const len = Math.hypot(nx, ny, nz);
  if (len === 0) return null;
  nx /= len;
  ny /= len;
  nz /= len;
  // Facing: the same cross product in camera space, against the ray to the first corner.
  const cax = cam[3] - cam[0];
  const cay = cam[4] - cam[1];
  const caz = cam[5] - cam[2];
  const cbx = cam[6] - cam[0];
  const cby = cam[7] - cam[1];
  const cbz = cam[8] - cam[2];
  const facing =
    (cay * cbz - caz * cby) * -cam[0] + (caz * cbx - cax * cbz) * -cam[1] + (cax * cby - cay * cbx) * -cam[2];
  if (facing < 0) {
    if (!o.doubleSided) return null;
    nx = -nx;
    ny = -ny;
    nz = -nz;
  }
  const cx = (world[0] + world[3] + world[6]) / 3;
  const cy = (world[1] + world[4] + world[7]) / 3;
  const cz = (world[2] + world[5] + world[8]) / 3;
  let r = AMBIENT;
  let g = AMBIENT;
  let b = AMBIENT;
  const lights = o.lights.length > 0 ? o.lights : [headlamp(o.camera, cx, cy, cz)];
  for (const light of lights) {
    let lx: number;
    let ly: number;
    let lz: number;
    if (light.direction) {
      [lx, ly, lz] = [-light.direction[0], -light.direction[1], -light.direction[2]];
    } else {
      const pos = light.position ?? [0, 0, 0];
      [lx, ly, lz] = [pos[0] - cx, pos[1] - cy, pos[2] - cz];
    }
    const l = Math.hypot(lx, ly, lz) || 1;
    const lambert = Math.max(0, (nx * lx + ny * ly + nz * lz) / l);
    r += lambert * light.color[0];
    g += lambert * light.color[1];
    b += lambert * light.color[2];
  }
  const i = face * 3;
  return [Math.min(1, albedo[i] * r), Math.min(1, albedo[i + 1] * g), Math.min(1, albedo[i + 2] * b)];
}

/** DAZ's headlamp: white light from the camera's own position. */
function headlamp(camera: RenderCamera, _cx: number, _cy: number, _cz: number): RenderLight {
  const v = camera.view;
  // Camera position = −Rᵀ·t for a rigid view matrix.
  const position: [number, number, number] = [
    -(v[0] * v[12] + v[1] * v[13] + v[2] * v[14]),
    -(v[4] * v[12] + v[5] * v[13] + v[6] * v[14]),
    -(v[8] * v[12] + v[9] * v[13] + v[10] * v[14]),
  ];
  return { position, color: [1, 1, 1] };
}

/** Fill one triangle with a flat colour where it is nearer than what is there. */
function fillTriangle(
  sx: Float64Array,
  sy: Float64Array,
  iz: Float64Array,
  width: number,
  height: number,
  depth: Float32Array,
  rgb: Uint8Array,
  colour: [number, number, number],
): void {
  const area = (sx[1] - sx[0]) * (sy[2] - sy[0]) - (sx[2] - sx[0]) * (sy[1] - sy[0]);
  if (area === 0 || !Number.isFinite(area)) return;
  const minX = Math.max(0, Math.floor(Math.min(sx[0], sx[1], sx[2])));
  const maxX = Math.min(width - 1, Math.ceil(Math.max(sx[0], sx[1], sx[2])));
  const minY = Math.max(0, Math.floor(Math.min(sy[0], sy[1], sy[2])));
  const maxY = Math.min(height - 1, Math.ceil(Math.max(sy[0], sy[1], sy[2])));
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      // Barycentric weights from edge functions, normalised by the signed area.
      const w0 = ((sx[1] - px) * (sy[2] - py) - (sx[2] - px) * (sy[1] - py)) / area;
      const w1 = ((sx[2] - px) * (sy[0] - py) - (sx[0] - px) * (sy[2] - py)) / area;
      const w2 = 1 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      const z = w0 * iz[0] + w1 * iz[1] + w2 * iz[2];
      const at = y * width + x;
      if (z <= depth[at]) continue;
      depth[at] = z;
      rgb[at * 3] = colour[0];
      rgb[at * 3 + 1] = colour[1];
      rgb[at * 3 + 2] = colour[2];
    }
  }
}

/** Linear 0..1 → 8-bit with the output gamma. */
function gammaTable(gamma: number): (linear: number) => number {
  const inv = gamma > 0 ? 1 / gamma : 1;
  return (linear) => Math.round(255 * Math.max(0, Math.min(1, linear)) ** inv);
}
