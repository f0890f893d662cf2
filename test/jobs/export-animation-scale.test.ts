/**
 * `scale` on an animated scene (the g9-anim emulator scene, `animation: 'bake'`): every
 * translation key, the keyed cube's as well as the hip's, is twice the unscaled export's, and
 * rotations and morph weights are unchanged; read back with glTF-Transform, checked by the
 * Khronos validator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEmbeddedEmulator } from '../../src/jobs/embedded-emulator.js';
import { exportScene } from '../../src/jobs/export-scene.js';
import { readBack } from '../export/gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';

function channels(doc: Document): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const a of doc.getRoot().listAnimations())
    for (const c of a.listChannels())
      out.set(`${c.getTargetNode()?.getName()}.${c.getTargetPath()}`, [
        ...(c.getSampler()?.getOutput()?.getArray() ?? []),
      ]);
  return out;
}

describe('scale on scene animation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-anim-scale-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('translation keys × 2 (hip and keyed node), rotations and weights as they were', async () => {
    const plain = join(dir, 'plain.glb');
    const doubled = join(dir, 'doubled.glb');
    await withEmbeddedEmulator('g9-anim', async ({ client }) => {
      await exportScene(client, plain, { animation: 'bake' });
      await exportScene(client, doubled, { animation: 'bake', scale: 2 });
    });
    const report = await validateFile(doubled);
    expect(report.issues.numErrors, summarizeIssues(report).join('; ')).toBe(0);
    const a = channels(await readBack(plain));
    const b = channels(await readBack(doubled));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const translations = [...a.keys()].filter((k) => k.endsWith('.translation'));
    expect(translations.length).toBeGreaterThan(1);
    let worst = 0;
    for (const [key, values] of a) {
      const k = key.endsWith('.translation') ? 2 : 1;
      const scaled = b.get(key) as number[];
      for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(scaled[i] - k * values[i]));
    }
    expect(worst).toBeLessThan(1e-5);
  }, 90_000);
});
