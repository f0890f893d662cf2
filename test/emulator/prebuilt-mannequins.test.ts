/**
 * An emulator's worker gets the figure meshes its host thread built (prebuilt-mannequins.ts), so
 * a process starting many emulators builds each realistic-density mannequin once.
 */
import { describe, expect, it } from 'vitest';
import { mannequinFor } from '../../src/emulator/scenes/build-scene.js';
import { prebuiltMannequins } from '../../src/emulator/scenes/prebuilt-mannequins.js';

describe('prebuiltMannequins', () => {
  it("hands over the built-in scene's figure mesh, built once per process", () => {
    const first = prebuiltMannequins('g9');
    expect(Object.keys(first)).toEqual(['genesis9@1']);
    expect(first['genesis9@1'].positions.length).toBeGreaterThan(60_000);
    // The same object the scene builder uses in this thread: not a second build.
    expect(prebuiltMannequins('g9')['genesis9@1']).toBe(first['genesis9@1']);
    expect(mannequinFor('genesis9', 1)).toBe(first['genesis9@1']);
  });

  it('shares no heavy benchmark figure, and nothing for a scene it cannot read (the worker says why)', () => {
    expect(prebuiltMannequins('heavy')).toEqual({});
    expect(prebuiltMannequins('/no/such/scene.json')).toEqual({});
    expect(prebuiltMannequins('empty')).toEqual({});
  });
});
