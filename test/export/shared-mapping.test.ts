import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtomicFileSink, writeFileAtomic } from '../../src/export/atomic-write.js';
import { cameraLens, physicalLight } from '../../src/export/lights-cameras.js';
import { toPbr } from '../../src/export/material-mapping.js';
import type { Material } from '../../src/scene/material.js';

const iray = (channels: Material['channels']): Material => ({
  name: 'Surface',
  shader: 'Iray Uber',
  channels,
});

describe('DAZ → PBR material mapping', () => {
  it('maps a Poser material as the Poser reader gives it (diffuse colour and map), saying what it did not read', () => {
    const pbr = toPbr({
      name: 'Skin',
      shader: 'Poser',
      channels: { 'Diffuse Color': { label: 'Diffuse Color', value: [1, 0.5, 0], map: '/t/skin.png' } },
    });
    expect(pbr.baseColor[1]).toBeCloseTo(0.214041, 5);
    expect(pbr).toMatchObject({ metallic: 0, roughness: 1, baseColorTexture: { file: '/t/skin.png' } });
    expect(pbr.warnings).toEqual([
      'Skin: a Poser material: only its diffuse colour and texture map are read (highlight, transparency, bump and shader nodes are not)',
    ]);
  });

  it('maps Iray Uber metallic/roughness, linearising colours and keeping maps with their colour space', () => {
    const pbr = toPbr(
      iray({
        'Base Mixing': { label: 'Base Mixing', value: 'PBR Metallicity/Roughness' },
        'Diffuse Color': { label: 'Base Color', value: [1, 0.5, 0], map: '/t/diffuse.png' },
        'Metallic Weight': { label: 'Metallicity', value: 0.25 },
        'Glossy Roughness': { label: 'Glossy Roughness', value: 0.6, map: '/t/rough.png' },
        'Normal Map': { label: 'Normal Map', value: 0.8, map: '/t/n.png' },
        'Horizontal Tiles': { label: 'Horizontal Tiles', value: 2 },
      }),
    );
    expect(pbr.baseColor[0]).toBeCloseTo(1, 10);
    expect(pbr.baseColor[1]).toBeCloseTo(0.214041, 5); // sRGB 0.5 → linear
    expect(pbr).toMatchObject({
      metallic: 0.25,
      roughness: 0.6,
      baseColorTexture: { file: '/t/diffuse.png', colorSpace: 'srgb' },
      roughnessTexture: { file: '/t/rough.png', colorSpace: 'linear' },
      normalTexture: { file: '/t/n.png', scale: 0.8, colorSpace: 'linear' },
      alphaMode: 'OPAQUE',
      doubleSided: true,
      uvTransform: { scale: [2, 1], offset: [0, 0] },
    });
  });

  it('uses 1 − Glossiness in specular/glossiness mode and warns', () => {
    const pbr = toPbr(
      iray({
        'Base Mixing': { label: '', value: 'PBR Specular/Glossiness' },
        Glossiness: { label: '', value: 0.7 },
      }),
    );
    expect(pbr.roughness).toBeCloseTo(0.3, 10);
    expect(pbr.metallic).toBe(0);
    expect(pbr.warnings.join()).toMatch(/Specular\/Glossiness/);
  });

  it('turns cutout opacity into MASK (map) or BLEND (constant below 1)', () => {
    expect(toPbr(iray({ 'Cutout Opacity': { label: '', value: 1, map: '/t/o.png' } }))).toMatchObject({
      alphaMode: 'MASK',
      alphaCutoff: 0.5,
    });
    expect(toPbr(iray({ 'Cutout Opacity': { label: '', value: 0.4 } }))).toMatchObject({
      alphaMode: 'BLEND',
      opacity: 0.4,
    });
  });

  it('mixes PBRSkin’s dual-lobe roughness and names what it drops', () => {
    const pbr = toPbr({
      name: 'Torso',
      shader: 'PBRSkin',
      channels: {
        'Specular Lobe 1 Roughness': { label: '', value: 0.5 },
        'Specular Lobe 2 Roughness Mult': { label: '', value: 0.6 },
        'Dual Lobe Specular Roughness Mult': { label: '', value: 1 },
        'Dual Lobe Specular Ratio': { label: '', value: 0.85 },
        'Sub Surface Enable': { label: '', value: true },
        'Bump Strength': { label: '', value: 1, map: '/t/bump.png' },
      },
    });
    expect(pbr.roughness).toBeCloseTo(0.5 * 0.15 + 0.3 * 0.85, 10);
    expect(pbr.warnings.some((w) => w.includes('subsurface'))).toBe(true);
    expect(pbr.warnings.some((w) => w.includes('bump map /t/bump.png'))).toBe(true);
  });

  it('maps DAZ Studio Default, and keeps only the colour of an unknown shader, with a warning', () => {
    const def = toPbr({
      name: 'M',
      shader: 'DAZ Studio Default',
      channels: {
        'Diffuse Color': { label: '', value: [1, 1, 1] },
        'Diffuse Strength': { label: '', value: 0.5 },
        Glossiness: { label: '', value: 0.8 },
        'Lighting Model': { label: '', value: 'Metallic' },
      },
    });
    expect(def).toMatchObject({ metallic: 1, doubleSided: false });
    expect(def.roughness).toBeCloseTo(0.2, 10);
    expect(def.baseColor[0]).toBeCloseTo(0.5, 10);
    expect(toPbr({ name: 'X', shader: 'omUberSurface', channels: {} }).warnings[0]).toMatch(
      /not one dazport maps/,
    );
  });
});

describe('lights and cameras in physical units', () => {
  const base = {
    name: 'L',
    node: 0,
    color: [1, 1, 1] as [number, number, number],
    intensity: 1,
    fluxLm: 15000,
    photometric: true,
    on: true,
    geometry: 0,
    widthCm: 0,
    heightCm: 0,
  };
  it('gives point and spot lights k·Φ/4π candela, spots their half cone', () => {
    const spot = physicalLight({ ...base, kind: 'spot', spreadAngleDeg: 60 });
    expect(spot.intensity).toBeCloseTo(15000 / (4 * Math.PI), 8);
    expect(spot).toMatchObject({ kind: 'spot', unit: 'cd', innerConeRad: 0 });
    expect(spot.outerConeRad).toBeCloseTo(Math.PI / 6, 10);
    expect(physicalLight({ ...base, kind: 'point', intensity: 0.5 }).intensity).toBeCloseTo(
      7500 / (4 * Math.PI),
      8,
    );
  });
  it('gives distant lights lux by the documented ratio', () => {
    expect(physicalLight({ ...base, kind: 'distant' })).toMatchObject({ kind: 'directional', unit: 'lx' });
    expect(physicalLight({ ...base, kind: 'distant' }).intensity).toBeCloseTo(15000 * (683 / 7500), 6);
  });
  it('derives a vertical field of view from the horizontal film width', () => {
    const lens = cameraLens({
      name: 'C',
      node: 0,
      focalLengthMm: 50,
      frameWidthMm: 36,
      aspectRatio: 1.5,
      nearCm: 1,
      farCm: 1000,
      focalDistanceCm: 100,
      fStop: 8,
      depthOfField: false,
      horizontalFovRad: 0,
    });
    expect(lens.yfovRad).toBeCloseTo(2 * Math.atan(24 / 100), 12);
    expect(lens.verticalApertureMm).toBeCloseTo(24, 12);
  });
});

describe('atomic writes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-atomic-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the old file and no temp file when a streamed write is aborted', async () => {
    const path = join(dir, 'out.usda');
    await writeFileAtomic(path, 'old');
    const sink = new AtomicFileSink(path);
    await sink.write('new partial');
    expect(readFileSync(path, 'utf8')).toBe('old');
    await sink.abort();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.usda']);
  });

  it('replaces the file only on commit', async () => {
    const path = join(dir, 'b.txt');
    const sink = new AtomicFileSink(path);
    await sink.write('a');
    await sink.write(new Uint8Array([98]));
    expect(existsSync(path)).toBe(false);
    await sink.commit();
    expect(readFileSync(path, 'utf8')).toBe('ab');
    expect(sink.bytes).toBe(2);
  });

  it('waits out backpressure on long streams without piling up listeners', async () => {
    const path = join(dir, 'long.bin');
    const sink = new AtomicFileSink(path);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const chunk = new Uint8Array(64 * 1024).fill(7); // 64 kB: every write hits the 16 kB high-water mark
    for (let i = 0; i < 200; i++) await sink.write(chunk);
    await sink.commit();
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(statSync(path).size).toBe(200 * 64 * 1024);
  });

  it('commit into a missing folder fails as a DazportError naming the file, leaving nothing', async () => {
    const path = join(dir, 'no-such-folder', 'x.usda');
    const sink = new AtomicFileSink(path);
    await sink.write('x').catch(() => undefined);
    await expect(sink.commit()).rejects.toMatchObject({ code: 'DAZPORT_OUTPUT', context: { file: path } });
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('reports an unwritable path as a DazportError naming it', async () => {
    await expect(writeFileAtomic(join(dir, 'missing-folder', 'x.glb'), 'x')).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
    });
  });
});
