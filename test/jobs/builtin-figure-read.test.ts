/**
 * Built-in retarget targets are read once per process: the first call streams the figure from
 * an embedded emulator, later ones get a copy of it (and a single 'done' progress event), and a
 * copy changed by one retarget leaves the next one untouched.
 */
import { describe, expect, it } from 'vitest';
import { findBuiltinFigure } from '../../src/bonemaps/genesis/builtin-figures.js';
import type { ReadProgress } from '../../src/client/scene-reader.js';
import { forgetBuiltinFigureReads, readBuiltinFigure } from '../../src/jobs/builtin-figure-read.js';

describe('readBuiltinFigure', () => {
  it('reads the figure once, then hands out independent copies', async () => {
    const builtin = findBuiltinFigure('genesis8m');
    if (!builtin) throw new Error('genesis8m is a built-in figure');
    forgetBuiltinFigureReads();
    const heard: ReadProgress['phase'][][] = [[], []];
    const first = await readBuiltinFigure(builtin, (p) => heard[0].push(p.phase));
    const second = await readBuiltinFigure(builtin, (p) => heard[1].push(p.phase));
    // The first call streamed the meshes; the second did not read at all.
    expect(heard[0]).toContain('mesh');
    expect(heard[1]).toEqual(['done']);
    expect(second).toEqual(first);
    expect(first.skeletons[0].label).toBe('Genesis 8 Male');
    // A retarget may change its copy (motions, positions): the next copy is the figure as read.
    first.motions.push({ name: 'x', frameRate: 30, frameCount: 1, skeleton: 0, tracks: [] });
    const positions = first.meshes[0].positions;
    positions[0] += 100;
    const third = await readBuiltinFigure(builtin);
    expect(third.motions).toEqual(second.motions);
    expect(third.meshes[0].positions[0]).toBe(second.meshes[0].positions[0]);
  }, 60_000);
});
