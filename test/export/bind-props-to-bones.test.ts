/**
 * A prop parented to a bone is bound to that bone's joint in rigged output (bind-props-to-bones.ts),
 * so engines move it with the bone. Read back independently: glTF-Transform with the spec's
 * skinning (§3.7.3) and the UsdSkel skinning of the .usda (usd-eval.ts) put it exactly where DAZ
 * has it at the exported pose. A prop under a prop that no bone holds, and posed output, are left
 * as they were. (That the bound prop then follows an animation: test/jobs/retarget-poser.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { readScene } from '../../src/client/scene-reader.js';
import { bindPropsToBones } from '../../src/export/bind-props-to-bones.js';
import { exportScene } from '../../src/jobs/export-scene.js';
import type { Scene } from '../../src/scene/scene.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { TWO_FIGURE_SCENE } from '../helpers/two-figure-scene.js';
import { readBack, skinnedPositions } from './gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from './gltf/helpers/validate.js';
import { readBack as readUsda } from './usda/read-back.js';
import { skinnedPoints } from './usda/usd-eval.js';

/** Per axis min and max of xyz triples. */
function box(p: ArrayLike<number>, scale = 1): number[] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i++) {
    lo[i % 3] = Math.min(lo[i % 3], p[i] * scale);
    hi[i % 3] = Math.max(hi[i % 3], p[i] * scale);
  }
  return [...lo, ...hi];
}

const worst = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

let dir: string;
let emulator: TestEmulator;
let client: DazClient;
let scene: Scene;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-bind-props-'));
  const spec = join(dir, 'scene.json');
  writeFileSync(spec, JSON.stringify(TWO_FIGURE_SCENE));
  emulator = await startTestEmulator({ scene: spec });
  client = emulator.client();
  scene = await readScene(client, { rigged: true });
  files = [join(dir, 'rigged.glb'), join(dir, 'rigged.usda')];
  await exportScene(client, files, { rigged: true });
}, 120_000);
afterAll(async () => {
  await client?.close();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The world positions DAZ has for the mesh of the node labelled `label`, cm. */
function posed(label: string): Float32Array {
  const node = scene.nodes.findIndex((n) => n.label === label);
  const mesh = scene.meshes.find((m) => m.node === node);
  if (!mesh) throw new Error(`no mesh on ${label}`);
  return mesh.positions;
}

describe('props parented to bones, rigged', () => {
  it('binds the hat on the head to its joint, and nothing else', () => {
    const { scene: bound, warnings } = bindPropsToBones(scene);
    expect(warnings).toEqual([]);
    const skinOf = (label: string) => {
      const node = bound.nodes.findIndex((n) => n.label === label);
      return bound.meshes.find((m) => m.node === node)?.rest?.skin;
    };
    const hat = skinOf('Hat');
    const head = scene.nodes.find((n) => n.label === 'Hat')?.parent as number;
    expect(scene.nodes[head].kind).toBe('bone');
    expect(hat?.joints).toHaveLength(1);
    expect(scene.skeletons[hat?.skeleton as number].joints[hat?.joints[0].joint as number].node).toBe(head);
    expect(Array.from(new Set(hat?.joints[0].weights))).toEqual([1]);
    // The crate and the lid on it: no bone holds them.
    expect(skinOf('Crate') ?? null).toBeNull();
    expect(skinOf('Lid') ?? null).toBeNull();
    // The figures keep their own skins.
    expect(bound.meshes.filter((m) => m.rest?.skin).length).toBe(
      scene.meshes.filter((m) => m.rest?.skin).length + 1,
    );
  });

  it('writes a glTF whose skinned hat is where DAZ has it (validator: no errors)', async () => {
    const report = await validateFile(files[0]);
    expect(report.issues.numErrors, summarizeIssues(report).join('\n')).toBe(0);
    const doc = await readBack(files[0]);
    const hat = doc
      .getRoot()
      .listNodes()
      .find((n) => n.getName() === 'Hat') as Node;
    expect(hat.getSkin()).not.toBeNull();
    const [prim] = hat.getMesh()?.listPrimitives() ?? [];
    const skinned = skinnedPositions(hat, hat.getMesh() as never, prim);
    expect(worst(box(skinned), box(posed('Hat'), 0.01)), 'metres').toBeLessThan(1e-5);
    // The lid stays an unskinned mesh at its world positions.
    const lid = doc
      .getRoot()
      .listNodes()
      .find((n) => n.getName() === 'Lid') as Node;
    expect(lid.getSkin()).toBeNull();
  });

  it('writes a .usda whose skinned hat (UsdSkel) is where DAZ has it', async () => {
    const usd = await readUsda(files[1]);
    expect(usd.problems).toEqual([]);
    const hat = [...usd.layer.byPath.values()].find(
      (p) => p.type === 'Mesh' && p.path.includes('/Hat') && p.props.has('primvars:skel:jointIndices'),
    );
    expect(hat, 'a skinned Hat mesh').toBeDefined();
    const points = skinnedPoints(usd.layer, hat as never);
    expect(worst(box(points), box(posed('Hat'))), 'cm').toBeLessThan(1e-3);
  });

  it('leaves posed output as it was: the hat an unskinned mesh at its world positions', async () => {
    const file = join(dir, 'posed.glb');
    await exportScene(client, [file], {});
    const doc = await readBack(file);
    expect(doc.getRoot().listSkins()).toHaveLength(0);
    const hat = doc
      .getRoot()
      .listNodes()
      .find((n) => n.getName() === 'Hat') as Node;
    const [prim] = hat.getMesh()?.listPrimitives() ?? [];
    const positions = prim.getAttribute('POSITION')?.getArray() as Float32Array;
    expect(worst(box(positions), box(posed('Hat'), 0.01)), 'metres').toBeLessThan(1e-5);
  });
});
