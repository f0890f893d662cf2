import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { type ReadProgress, readScene, SceneReader } from '../../src/client/scene-reader.js';
import type { RetryInfo } from '../../src/client/transport.js';
import type { DzNode } from '../../src/emulator/dom/dz-node.js';
import type { DzScene } from '../../src/emulator/dom/dz-scene.js';
import { type DzFacetMesh, meshPositions } from '../../src/emulator/dom/geometry/dz-facet-mesh.js';
import type { DzObject } from '../../src/emulator/dom/geometry/dz-object.js';
import type { Scene } from '../../src/scene/scene.js';
import { busyScript, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { inProcessScene } from '../helpers/in-process-scene.js';

function meshNodes(scene: DzScene): DzNode[] {
  const out: DzNode[] = [];
  for (let i = 0; i < scene.getNumNodes(); i++) {
    const n = scene.getNode(i) as DzNode;
    if (n.getObject() && !n.inherits('DzBone')) out.push(n);
  }
  return out;
}

describe('SceneReader against the emulator', () => {
  let t: TestEmulator;
  let client: DazClient;
  let scene: Scene;
  let truth: DzScene;
  beforeAll(async () => {
    t = await startTestEmulator({ scene: 'g8f' });
    client = t.client();
    scene = await readScene(client, { rigged: true });
    truth = inProcessScene('g8f');
  });
  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('reads the node tree: every node once, parents first, kinds and classes', () => {
    expect(scene.nodes).toHaveLength(truth.getNumNodes());
    scene.nodes.forEach((n, i) => {
      if (n.parent >= 0) expect(n.parent).toBeLessThan(i);
    });
    const kinds = scene.nodes.reduce<Record<string, number>>((acc, n) => {
      acc[n.kind] = (acc[n.kind] ?? 0) + 1;
      return acc;
    }, {});
    expect(kinds).toEqual({ figure: 1, bone: 170, mesh: 1, camera: 1, light: 3 });
    const figure = scene.nodes.find((n) => n.kind === 'figure');
    expect(figure).toMatchObject({
      label: 'Genesis 8 Female',
      name: 'Genesis8Female',
      className: 'DzFigure',
    });
  });

  it('reads posed world-space vertices, facets, UVs and normals equal to the emulator’s own', () => {
    for (const node of meshNodes(truth)) {
      const object = node.getObject() as DzObject;
      object.forceCacheUpdate(node, false);
      const cached = object.getCachedGeom();
      const base = object.getCurrentShape().getGeometry() as DzFacetMesh;
      const mesh = scene.meshes.find((m) => m.name === node.getLabel());
      if (!mesh) throw new Error(`mesh ${node.getLabel()} not read`);
      const expected = meshPositions(cached);
      expect(mesh.positions.length).toBe(expected.length);
      let worst = 0;
      for (let i = 0; i < expected.length; i++)
        worst = Math.max(worst, Math.abs(mesh.positions[i] - expected[i]));
      expect(worst).toBeLessThan(1e-5); // cm: the transport's 1e-6 cm fixed point, then float32
      expect(mesh.space).toBe('world');
      expect(mesh.faceSizes.length).toBe(base.getNumFacets());
      let corner = 0;
      for (let f = 0; f < base.getNumFacets(); f += 97) {
        const facet = base.getFacet(f);
        // Corner offset of facet f: sum of sizes before it.
        corner = mesh.faceSizes.subarray(0, f).reduce((a, b) => a + b, 0);
        expect(mesh.faceSizes[f]).toBe(facet.isQuad() ? 4 : 3);
        expect(mesh.faceVertexIndices[corner]).toBe(facet.vertIdx1);
        expect(mesh.faceVertexIndices[corner + 2]).toBe(facet.vertIdx3);
        expect(mesh.uvSets[0].cornerIndices[corner + 1]).toBe(facet.uvwIdx2);
        expect(mesh.materialGroups[mesh.faceMaterial[f]] ?? '').toBe(
          base.getMaterialGroup(facet.materialIndex)?.getName(),
        );
      }
      const uvs = base.getUVs();
      expect(mesh.uvSets[0].values.length).toBe(uvs.getNumValues() * 2);
      for (let i = 0; i < uvs.getNumValues(); i += 101) {
        const p = uvs.getPnt2Vec(i);
        expect(mesh.uvSets[0].values[i * 2]).toBeCloseTo(p.x, 6);
        expect(mesh.uvSets[0].values[i * 2 + 1]).toBeCloseTo(p.y, 6);
      }
      const normals = mesh.normals as Float32Array;
      for (let i = 0; i < cached.getNumNormals(); i += 211) {
        const n = cached.getNormal(i);
        expect(normals[i * 3]).toBeCloseTo(n.x, 5);
        expect(normals[i * 3 + 2]).toBeCloseTo(n.z, 5);
      }
    }
  });

  it('reads materials with shader, channels and texture maps, one slot per surface', () => {
    const figure = scene.meshes.find((m) => m.name === 'Genesis 8 Female');
    if (!figure) throw new Error('figure mesh missing');
    expect(figure.materialGroups).toEqual(figure.materials.map((i) => scene.materials[i].name));
    const torso = scene.materials[figure.materials[figure.materialGroups.indexOf('Torso')]];
    expect(torso.shader).toBe('Iray Uber');
    expect(torso.channels['Diffuse Color'].label).toBe('Base Color');
    expect(torso.channels['Diffuse Color'].map).toMatch(/skin_diffuse\.png$/);
    expect(torso.channels['Glossy Roughness'].value).toBeCloseTo(0.505, 10);
    expect(torso.channels['Base Mixing'].value).toBe('PBR Metallicity/Roughness');
  });

  it('reads cameras and lights with their lens and light values', () => {
    expect(scene.cameras).toHaveLength(1);
    expect(scene.cameras[0]).toMatchObject({
      name: 'Camera 1',
      focalLengthMm: 65,
      frameWidthMm: 36,
      depthOfField: false,
    });
    expect(scene.cameras[0].horizontalFovRad).toBeCloseTo(2 * Math.atan(36 / 130), 10);
    expect(scene.lights.map((l) => [l.name, l.kind])).toEqual([
      ['Distant Light 1', 'distant'],
      ['Spotlight 1', 'spot'],
      ['Point Light 1', 'point'],
    ]);
    expect(scene.lights[1]).toMatchObject({ fluxLm: 15000, spreadAngleDeg: 40, on: true });
    expect(scene.nodes[scene.cameras[0].node].kind).toBe('camera');
  });

  it('reads the skeleton and, rigged, the rest mesh, skin weights and morphs', () => {
    expect(scene.skeletons).toHaveLength(1);
    const skel = scene.skeletons[0];
    expect(skel.joints).toHaveLength(170);
    expect(skel.joints[0]).toMatchObject({ name: 'hip', parent: -1, rotationOrder: 'YZX' });
    const shldr = skel.joints.find((j) => j.name === 'lShldrBend');
    expect(shldr?.rotation[2]).toBeCloseTo(35, 10); // the built-in pose
    expect(skel.joints[shldr?.parent ?? -1].name).toBe('lCollar');
    const mesh = scene.meshes.find((m) => m.name === 'Genesis 8 Female');
    const rest = mesh?.rest;
    if (!rest?.skin) throw new Error('rest data missing');
    const node = meshNodes(truth).find((n) => n.getLabel() === 'Genesis 8 Female') as DzNode;
    const base = meshPositions((node.getObject() as DzObject).getCurrentShape().getGeometry());
    let worst = 0;
    for (let i = 0; i < base.length; i++) worst = Math.max(worst, Math.abs(rest.positions[i] - base[i]));
    expect(worst).toBeLessThan(1e-5);
    // Weights per vertex sum to 1.
    const sums = new Float64Array(base.length / 3);
    for (const j of rest.skin.joints) {
      for (let k = 0; k < j.indices.length; k++) sums[j.indices[k]] += j.weights[k];
    }
    expect(Math.max(...Array.from(sums, (s) => Math.abs(1 - s)))).toBeLessThan(1e-5);
    expect(rest.morphs.map((m) => m.label)).toEqual([
      'Body Heavy',
      'Head Size',
      'Belly',
      'Mouth Smile',
      'Eyes Closed',
      'AA',
      'EE',
      'pJCMNeckFwd_35',
      'pJCMForeArmFwd_135_L',
      'pJCMForeArmFwd_135_R',
      'pJCMShinBend_155_L',
    ]);
    expect(rest.morphs[0].value).toBeCloseTo(0.3, 10);
    expect(rest.morphs[0].indices.length * 3).toBe(rest.morphs[0].deltas.length);
  });

  it('gives the same result whatever the chunk size (1-element chunks to whole arrays)', async () => {
    const small = await readScene(client, { select: ['Textured Cube'], chunkBytes: 1, concurrency: 2 });
    const big = await readScene(client, { select: ['Textured Cube'], chunkBytes: 1e12 });
    expect(small.meshes).toHaveLength(1);
    expect(Array.from(small.meshes[0].positions)).toEqual(Array.from(big.meshes[0].positions));
    expect(Array.from(small.meshes[0].faceVertexIndices)).toEqual(
      Array.from(big.meshes[0].faceVertexIndices),
    );
    expect(Array.from(small.meshes[0].uvSets[0].values)).toEqual(Array.from(big.meshes[0].uvSets[0].values));
    expect(Array.from(small.meshes[0].faceMaterial)).toEqual(Array.from(big.meshes[0].faceMaterial));
    expect(small.nodes.map((n) => n.label)).toEqual(['Textured Cube']);
  });

  it('streams one array chunk by chunk, equal to the whole read, holding one chunk at a time', async () => {
    // About 80 chunks of the figure's positions (3_000 made 170, for no more coverage).
    const reader = new SceneReader(client, { chunkBytes: 6_000, concurrency: 2 });
    const whole = scene.meshes.find((m) => m.name === 'Genesis 8 Female')?.positions as Float32Array;
    const streamed = new Float32Array(whole.length);
    let chunks = 0;
    let largest = 0;
    for await (const { start, values } of reader.streamMesh('Genesis 8 Female', 'positions')) {
      streamed.set(values, start);
      chunks++;
      largest = Math.max(largest, values.length);
    }
    expect(chunks).toBeGreaterThan(50);
    expect(largest).toBeLessThan(whole.length / 20);
    expect(Array.from(streamed)).toEqual(Array.from(whole));
    await expect(async () => {
      for await (const _ of reader.streamMesh('Nobody', 'uvs')) break;
    }).rejects.toMatchObject({ code: 'DAZPORT_NODE_NOT_FOUND' });
  });

  it('streams facets chunk by chunk, equal to the whole read', async () => {
    const reader = new SceneReader(client, { chunkBytes: 3_000, concurrency: 2 });
    const whole = scene.meshes.find((m) => m.name === 'Genesis 8 Female') as Scene['meshes'][number];
    const sizes: number[] = [];
    const vertices: number[] = [];
    const uvs: number[] = [];
    const groups: string[] = [];
    let chunks = 0;
    for await (const chunk of reader.streamFacets('Genesis 8 Female')) {
      expect(chunk.start).toBe(sizes.length);
      sizes.push(...chunk.faceSizes);
      vertices.push(...chunk.vertexIndices);
      uvs.push(...chunk.uvIndices);
      groups.push(...Array.from(chunk.faceMaterial, (g) => whole.materialGroups[g]));
      chunks++;
    }
    expect(chunks).toBeGreaterThan(20);
    expect(sizes).toEqual(Array.from(whole.faceSizes));
    expect(vertices).toEqual(Array.from(whole.faceVertexIndices));
    expect(uvs).toEqual(Array.from(whole.uvSets[0].cornerIndices));
    // The whole read maps groups to material slots; the stream gives the groups themselves.
    expect(groups).toEqual(
      Array.from(whole.faceMaterial, (slot) => scene.materials[whole.materials[slot]].name),
    );
    await expect(async () => {
      for await (const _ of reader.streamFacets('Nobody')) break;
    }).rejects.toMatchObject({ code: 'DAZPORT_NODE_NOT_FOUND' });
  });

  it('names a selected node that is not there', async () => {
    await expect(readScene(client, { select: ['Nobody'] })).rejects.toMatchObject({
      code: 'DAZPORT_NODE_NOT_FOUND',
    });
  });

  it('reports progress from 0 to all vertices', async () => {
    const seen: number[] = [];
    await readScene(client, {
      select: ['Textured Cube'],
      chunkBytes: 500,
      onProgress: (p) => p.phase === 'mesh' && seen.push(p.done),
    });
    expect(seen.at(-1)).toBe(98);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('says which mesh of how many is being read, and how many bytes have come in', async () => {
    const reports: ReadProgress[] = [];
    // Chunks small enough for several reports per mesh, big enough to stay a few dozen requests.
    await readScene(client, { rigged: true, chunkBytes: 64 * 1024, onProgress: (p) => reports.push(p) });
    const meshes = reports.filter((p) => p.phase === 'mesh');
    const count = meshes[0].meshCount as number;
    expect(count).toBeGreaterThan(1);
    expect(new Set(meshes.map((p) => p.meshIndex)).size).toBe(count);
    for (const p of meshes) expect(p.meshIndex).toBeLessThanOrEqual(count);
    // Bytes only grow, and the inventory alone is already some.
    const bytes = reports.map((p) => p.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBeGreaterThan(meshes[0].total * 3);
    // The rig phase counts its meshes too, instead of one step for all of them.
    const rig = reports.filter((p) => p.phase === 'rig');
    expect(rig.map((p) => p.meshIndex)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });
});

/** A client of the test emulator `t`, told about retries if asked. */
function connectTo(t: TestEmulator, onRetry?: (info: RetryInfo) => void): DazClient {
  return t.client({ onRetry });
}

describe('SceneReader on a mesh whose facets are in no order', () => {
  it('reads every facet of a shuffled figure exactly (no strips to exploit)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dazport-shuffled-'));
    const file = join(dir, 'shuffled.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'shuffled', figures: [{ figure: 'genesis8female', facetOrder: 'shuffled' }] }),
    );
    const t = await startTestEmulator({ scene: file });
    const client = connectTo(t);
    try {
      const mesh = (await readScene(client, { chunkBytes: 50_000 })).meshes[0];
      const node = meshNodes(inProcessScene(file))[0];
      const base = (node.getObject() as DzObject).getCurrentShape().getGeometry() as DzFacetMesh;
      const expected = {
        sizes: [] as number[],
        vertices: [] as number[],
        uvs: [] as number[],
        groups: [] as string[],
      };
      for (let f = 0; f < base.getNumFacets(); f++) {
        const facet = base.getFacet(f);
        const size = facet.isQuad() ? 4 : 3;
        expected.sizes.push(size);
        expected.vertices.push(
          ...[facet.vertIdx1, facet.vertIdx2, facet.vertIdx3, facet.vertIdx4].slice(0, size),
        );
        expected.uvs.push(...[facet.uvwIdx1, facet.uvwIdx2, facet.uvwIdx3, facet.uvwIdx4].slice(0, size));
        expected.groups.push(base.getMaterialGroup(facet.materialIndex)?.getName() ?? '');
      }
      expect(Array.from(mesh.faceSizes)).toEqual(expected.sizes);
      expect(Array.from(mesh.faceVertexIndices)).toEqual(expected.vertices);
      expect(Array.from(mesh.uvSets[0].cornerIndices)).toEqual(expected.uvs);
      expect(Array.from(mesh.faceMaterial, (g) => mesh.materialGroups[g])).toEqual(expected.groups);
    } finally {
      await client.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('SceneReader under the server limits', () => {
  it('asks for bigger chunks when the rate limit refuses requests, and reads the scene whole', async () => {
    const t = await startTestEmulator({
      scene: 'g9',
      rateLimit: { enabled: true, maxRequests: 8, windowMs: 1_000 },
    });
    const client = connectTo(t);
    const executed = async () =>
      (await t.call('GET', '/metrics')).json<{ total_requests: number }>().total_requests;
    try {
      const scene = await new SceneReader(client, {
        chunkBytes: 8_000, // ≈ 100 chunk requests for the figure at this size
        watchEvents: false,
        normals: false,
        select: ['Genesis 9'],
      }).read();
      const requests = await executed();
      // Every request went through in the end, and the chunks grew: far fewer than 100 requests.
      const truth = inProcessScene('g9');
      const figure = meshNodes(truth).find((n) => n.getLabel() === 'Genesis 9') as DzNode;
      expect(scene.meshes[0].positions.length / 3).toBe(
        ((figure.getObject() as DzObject).getCurrentShape().getGeometry() as DzFacetMesh).getNumVertices(),
      );
      expect(requests).toBeLessThan(40);
    } finally {
      await client.close();
      await t.close();
    }
  }, 60_000);
});

describe('SceneReader beside another client', () => {
  it('reads the scene whole while another client holds one of the server concurrency slots', async () => {
    const t = await startTestEmulator({ scene: 'g9', maxConcurrent: 2 });
    const refusals: string[] = [];
    const client = connectTo(t, (info) => refusals.push(info.code ?? info.reason));
    try {
      // Another client's long script holds one of the two slots for the first 1.5 s (asleep,
      // as a busy loop would hold it but without burning a core meanwhile).
      const hog = t.execute(busyScript(1500));
      const scene = await new SceneReader(client, {
        chunkBytes: 20_000,
        watchEvents: false,
        concurrency: 3,
      }).read();
      await hog;
      expect(refusals).toContain('CONCURRENT_LIMIT_EXCEEDED');
      expect(scene.meshes.map((m) => m.name)).toContain('Genesis 9');
    } finally {
      await client.close();
      await t.close();
    }
  }, 60_000);
});

describe('SceneReader consistency', () => {
  // One g9 emulator for the three reads that change the time: each starts at time 0.
  let t: TestEmulator;
  let client: DazClient;
  beforeAll(async () => {
    t = await startTestEmulator({ scene: 'g9' });
    client = connectTo(t);
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
  });
  beforeEach(async () => {
    expect((await t.execute('Scene.setTime(0); Scene.getTime()')).result).toBe(0);
  });

  it('stops with DazSceneChangedError when the scene changes during the read', async () => {
    let poked = false;
    const reading = new SceneReader(client, {
      chunkBytes: 20_000,
      concurrency: 1,
      onProgress: (p) => {
        if (p.phase === 'mesh' && p.done > 0 && !poked) {
          poked = true;
          void t.execute('Scene.setTime(480)');
        }
      },
    }).read();
    await expect(reading).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_CHANGED',
      message: expect.stringContaining('time.changed'),
    });
  });

  it('reads again when asked (rereads), and gets the changed scene whole', async () => {
    let poked = false;
    const rereads: string[] = [];
    const scene = await new SceneReader(client, {
      chunkBytes: 20_000,
      concurrency: 1,
      rereads: 2,
      onReread: (reason, n) => rereads.push(`${n}: ${reason.message}`),
      onProgress: (p) => {
        if (p.phase === 'mesh' && p.done > 0 && !poked) {
          poked = true;
          void t.execute('Scene.setTime(480)');
        }
      },
    }).read();
    expect(rereads).toHaveLength(1);
    expect(rereads[0]).toMatch(/^1: .*time\.changed/);
    expect(scene.timeSec).toBeCloseTo(480 / 4800, 9);
    expect(scene.meshes.length).toBeGreaterThan(0);
  });

  it('gives up after its rereads, and a stopped read sends no more chunk requests', async () => {
    const executes = async () =>
      (await t.call('GET', '/metrics')).json<{ total_requests: number }>().total_requests;
    let time = 0;
    let pokedThisRead = false;
    const reading = new SceneReader(client, {
      chunkBytes: 4_000, // hundreds of chunks per mesh: a read that went on would show
      concurrency: 2,
      rereads: 1,
      onReread: () => {
        pokedThisRead = false;
      },
      onProgress: (p) => {
        if (p.phase === 'mesh' && p.done > 0 && !pokedThisRead) {
          pokedThisRead = true;
          time += 160;
          void t.execute(`Scene.setTime(${time})`);
        }
      },
    }).read();
    await expect(reading).rejects.toMatchObject({ code: 'DAZPORT_SCENE_CHANGED' });
    const atRejection = await executes();
    await new Promise((r) => setTimeout(r, 500));
    // At most the requests already sent (2 in flight) finish on the server after the stop.
    expect((await executes()) - atRejection).toBeLessThanOrEqual(2);
  });

  it('leaves no timer behind once a read is over (the event watch gives up its 2 s wait)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    // A server whose event stream connects at once and stays open until the read ends.
    const client = fakeBoxServer(() => undefined);
    (client as unknown as { events: unknown }).events = (o: { onConnect: () => void; signal: AbortSignal }) =>
      (async function* () {
        o.onConnect();
        await new Promise((resolve) => o.signal.addEventListener('abort', resolve));
      })();
    const before = timers();
    await new SceneReader(client, { normals: false }).read();
    expect(timers()).toBe(before);
  });

  it('stops when an element count moves between chunks', async () => {
    // The vertex count changes after the first chunk.
    let calls = 0;
    const reader = new SceneReader(
      fakeBoxServer((name, args) => {
        if (name !== 'mesh-positions') return undefined;
        calls++;
        return { n: calls === 1 ? 4 : 5, p: JSON.stringify(Array(args.count * 3).fill(0)) };
      }),
      { chunkBytes: 60, concurrency: 1, watchEvents: false, normals: false },
    );
    await expect(reader.read()).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_CHANGED',
      message: expect.stringContaining('vertex count went from 4 to 5'),
    });
  });

  it('refuses a posed mesh whose vertices are not those of its base facets (SubD shown), saying why', async () => {
    const reader = new SceneReader(
      fakeBoxServer((name) => (name === 'mesh-begin' ? { ...BOX_BEGIN, vertices: 9 } : undefined)),
      { watchEvents: false, normals: false },
    );
    await expect(reader.read()).rejects.toMatchObject({
      code: 'DAZPORT_MESH_TOPOLOGY',
      message: 'Box: the posed mesh has 9 vertices but its base mesh 4, so the base facets do not fit it',
      suggestion: expect.stringContaining('Mesh Resolution to Base'),
    });
  });
});

const BOX_BEGIN = {
  vertices: 4,
  baseVertices: 4,
  facets: 1,
  uvs: 0,
  uvSet: '',
  groups: ['S'],
  materials: ['S'],
  subd: { enabled: false, level: 0 },
};

/**
 * A fake server holding one quad, "Box"; `override` may answer a script in its own way (return
 * undefined to keep the box's answer).
 */
function fakeBoxServer(override: (script: string, args: Record<string, number>) => unknown): DazClient {
  const box = (name: string, args: Record<string, number>): unknown => {
    switch (name) {
      case 'inventory':
        return {
          nodes: [
            {
              id: 1,
              name: 'Box',
              label: 'Box',
              cls: 'DzNode',
              parent: -1,
              skeleton: false,
              bone: false,
              light: false,
              camera: false,
              visible: true,
              m: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
              origin: [0, 0, 0],
              mesh: { vertices: 4, facets: 1 },
            },
          ],
          time: 0,
          timeStep: 160,
          filename: '',
        };
      case 'mesh-begin':
        return BOX_BEGIN;
      case 'mesh-positions':
        return { n: 4, p: JSON.stringify(Array(args.count * 3).fill(0)) };
      case 'mesh-facets':
        return { n: 1, c: '[0,1,2,3,0,0,0,0]', r: '[]', m: '[0,1]' };
      case 'materials':
        return [];
      case 'cameras-lights':
        return { cameras: [], lights: [] };
      default:
        throw new Error(`unexpected ${name}`);
    }
  };
  return {
    url: 'fake',
    events: () => (async function* () {})(),
    run: async (script: { name: string }, args: Record<string, number>) => {
      const result = override(script.name, args) ?? box(script.name, args);
      return { result, output: [], requestId: 'x', bytes: 100 };
    },
  } as unknown as DazClient;
}
