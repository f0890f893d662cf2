/**
 * `dazport inspect` on a glTF file summarises it. The files are real exports (an emulated scene,
 * rigged with morphs, as .glb and .gltf; a retargeted clip as .glb), and every count is checked
 * against the file's own JSON read here by hand: the GLB's JSON chunk, accessor counts, the
 * PNG headers of the images. BVH files are inspected as before; other files keep their error.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CMU = join(__dirname, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');

interface GltfJson {
  asset: { version: string };
  scenes?: { nodes?: number[] }[];
  nodes?: { extensions?: Record<string, unknown> }[];
  cameras?: unknown[];
  meshes?: { primitives: { attributes: { POSITION: number }; indices?: number; targets?: unknown[] }[] }[];
  materials?: { name?: string }[];
  textures?: { source: number }[];
  images?: { uri?: string; bufferView?: number; mimeType?: string }[];
  skins?: { joints: number[] }[];
  animations?: { channels: unknown[]; samplers: { input: number }[] }[];
  accessors: { count: number; min?: number[]; max?: number[] }[];
  bufferViews: { byteOffset?: number; byteLength: number }[];
  extensionsUsed?: string[];
}

/**
 * The JSON chunk of a GLB (header 12 bytes, then length + type + data per chunk), and the bytes
 * of its image `i` from the binary chunk.
 */
function readGlb(file: string): { json: GltfJson; image: (i: number) => Buffer } {
  const glb = readFileSync(file);
  expect(glb.toString('latin1', 0, 4)).toBe('glTF');
  const jsonLength = glb.readUInt32LE(12);
  const json = JSON.parse(glb.toString('utf8', 20, 20 + jsonLength));
  const binStart = 20 + jsonLength;
  const bin = glb.subarray(binStart + 8, binStart + 8 + glb.readUInt32LE(binStart));
  const image = (i: number) => {
    const view = json.bufferViews[json.images[i].bufferView];
    return bin.subarray(view.byteOffset ?? 0, (view.byteOffset ?? 0) + view.byteLength);
  };
  return { json, image };
}

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

/** What the summary must say, computed from the file's JSON and image bytes. */
function expected(json: GltfJson, image: (i: number) => Buffer) {
  const count = (accessor: number) => json.accessors[accessor].count;
  return {
    version: json.asset.version,
    scenes: (json.scenes ?? []).map((s) => s.nodes?.length ?? 0),
    nodes: json.nodes?.length ?? 0,
    cameras: json.cameras?.length ?? 0,
    lights: (json.nodes ?? []).filter((n) => n.extensions?.KHR_lights_punctual).length,
    meshes: (json.meshes ?? []).map((m) => ({
      primitives: m.primitives.length,
      vertices: m.primitives.reduce((n, p) => n + count(p.attributes.POSITION), 0),
      triangles: m.primitives.reduce((n, p) => n + count(p.indices as number) / 3, 0),
      morphTargets: m.primitives[0].targets?.length ?? 0,
    })),
    materials: (json.materials ?? []).map((m) => m.name ?? ''),
    textures: (json.textures ?? []).map((t) => {
      const bytes = image(t.source);
      return { size: pngSize(bytes), bytes: bytes.length };
    }),
    skins: (json.skins ?? []).map((s) => s.joints.length),
    animations: (json.animations ?? []).map((a) => {
      const inputs = a.samplers.map((s) => json.accessors[s.input]);
      return {
        channels: a.channels.length,
        keyframes: Math.max(...inputs.map((x) => x.count)),
        durationSec:
          Math.max(...inputs.map((x) => x.max?.[0] ?? 0)) - Math.min(...inputs.map((x) => x.min?.[0] ?? 0)),
      };
    }),
    extensionsUsed: [...(json.extensionsUsed ?? [])].sort(),
  };
}

interface Summary {
  ok: boolean;
  version: string;
  fileBytes: number;
  scenes: { rootNodes: number }[];
  nodes: number;
  cameras: number;
  lights: number;
  meshes: { primitives: number; vertices: number; triangles: number; morphTargets: number }[];
  materials: string[];
  textures: { width: number; height: number; bytes: number }[];
  skins: { joints: number }[];
  animations: { channels: number; keyframes: number; durationSec: number }[];
  extensionsUsed: string[];
}

/** The summary in the shape of {@link expected}. */
function reported(s: Summary) {
  return {
    version: s.version,
    scenes: s.scenes.map((x) => x.rootNodes),
    nodes: s.nodes,
    cameras: s.cameras,
    lights: s.lights,
    meshes: s.meshes.map(({ primitives, vertices, triangles, morphTargets }) => ({
      primitives,
      vertices,
      triangles,
      morphTargets,
    })),
    materials: s.materials,
    textures: s.textures.map((t) => ({ size: [t.width, t.height], bytes: t.bytes })),
    skins: s.skins.map((k) => k.joints),
    animations: s.animations.map(({ channels, keyframes, durationSec }) => ({
      channels,
      keyframes,
      durationSec: expect.closeTo(durationSec, 5) as unknown as number,
    })),
    extensionsUsed: [...s.extensionsUsed].sort(),
  };
}

async function inspectJson(file: string): Promise<Summary> {
  const r = await runInProcess(['--json', 'inspect', file]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('dazport inspect on glTF files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-inspect-gltf-'));
    const scene = await runInProcess([
      'export',
      '--emulated',
      'g9',
      '--rigged',
      '--morphs',
      '--out',
      join(dir, 'g9.glb'),
      '--out',
      join(dir, 'g9.gltf'),
      '-q',
    ]);
    expect(scene.code, scene.stderr).toBe(0);
    const clip = await runInProcess([
      'retarget',
      CMU,
      '--to',
      'genesis8f',
      '--out',
      join(dir, 'walk.glb'),
      '-q',
    ]);
    expect(clip.code, clip.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a rigged scene .glb: meshes, morph targets, materials, textures, skin, lights, as its JSON says', async () => {
    const file = join(dir, 'g9.glb');
    const { json, image } = readGlb(file);
    const summary = await inspectJson(file);
    expect(summary.ok).toBe(true);
    expect(summary.fileBytes).toBe(statSync(file).size);
    const want = expected(json, image);
    expect(reported(summary)).toEqual(want);
    // Not empty by accident: the export has what the scene has.
    expect(want.skins).toEqual([143]);
    // Body Heavy, Head Size, Belly, 7 face/neck morphs (facs_bs_TongueOut moves nothing: not
    // written) and 3 limb correctives.
    expect(want.meshes[0].morphTargets).toBe(13);
    expect(want.textures.length).toBeGreaterThan(0);
    expect(want.lights).toBe(3);
  });

  it('a .gltf: the same, its images read from the files beside it', async () => {
    const file = join(dir, 'g9.gltf');
    const json = JSON.parse(readFileSync(file, 'utf8')) as GltfJson;
    const image = (i: number) =>
      readFileSync(join(dirname(file), decodeURIComponent(json.images?.[i].uri ?? '')));
    const summary = await inspectJson(file);
    expect(summary.fileBytes).toBe(statSync(file).size);
    expect(reported(summary)).toEqual(expected(json, image));
  });

  it('a retargeted clip: the animation with its channels, keys and duration', async () => {
    const file = join(dir, 'walk.glb');
    const { json, image } = readGlb(file);
    const summary = await inspectJson(file);
    const want = expected(json, image);
    expect(reported(summary)).toEqual(want);
    expect(want.skins).toEqual([170]);
    expect(want.animations).toHaveLength(1);
    // The CMU walk: 2752 frames at 120 fps.
    expect(want.animations[0].durationSec).toBeCloseTo(2751 / 120, 2);
  });

  it('prints a readable summary', async () => {
    const r = await runInProcess(['inspect', join(dir, 'walk.glb')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/walk\.glb: binary glTF \(GLB\) 2\.0, [\d.]+ MB/);
    expect(r.stdout).toMatch(/\n {4}Genesis 8 Female\s+6 primitives, [\d,]+ vertices, [\d,]+ triangles\n/);
    expect(r.stdout).toMatch(/\n {2}skins:\n {4}Genesis 8 Female {2}170 joints\n/);
    expect(r.stdout).toMatch(/\n {4}cmu_01_01 {2}\d+ channels, 2,752 keys, 22\.9\d s\n/);
  });

  it('a damaged .glb is an input error (exit 2, DAZPORT_GLTF_READ)', async () => {
    const broken = join(dir, 'broken.glb');
    writeFileSync(broken, readFileSync(join(dir, 'g9.glb')).subarray(0, 200));
    const r = await runInProcess(['--json', 'inspect', broken]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'DAZPORT_GLTF_READ' });
  });

  it('BVH clips are inspected as before; other files keep their typed error', async () => {
    const bvh = await runInProcess(['--json', 'inspect', CMU]);
    expect(bvh.code).toBe(0);
    expect(JSON.parse(bvh.stdout)).toMatchObject({ ok: true, joints: 31, frames: 2752 });
    const obj = join(dir, 'cube.obj');
    writeFileSync(obj, '# cube\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n');
    const r = await runInProcess(['--json', 'inspect', obj]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'DAZPORT_INPUT_TYPE' });
  });

  it('as a command: exit 0 and exactly one JSON object on stdout', async () => {
    const r = await runCli(['inspect', join(dir, 'g9.glb'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, container: 'glb', skins: [{ joints: 143 }] });
  }, 60_000);
});
