/**
 * A read is one state of the scene or none: a second client poses a bone, dials a morph or
 * moves a node while a read is under way (none of which sends a scene event or changes a count),
 * and the read must stop with DAZPORT_SCENE_CHANGED, or, with rereads, return the new state
 * whole. Whether a finished read is one state is judged against clean reads of each state, not
 * by the fingerprints the reader itself uses.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { compareInventories, type InventoryEntry } from '../../src/client/scene-consistency.js';
import { type ReadSceneOptions, readScene, SceneReader } from '../../src/client/scene-reader.js';
import type { Scene } from '../../src/scene/scene.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

/** One atomic edit: any of a bone's rotation, a morph's value, a prop's place. */
const EDIT = `(function () {
  var a = getArguments()[0], figure = Scene.findNodeByLabel("Genesis 9");
  if (a.bone !== undefined) figure.findBone("l_forearm").getYRotControl().setValue(a.bone);
  if (a.morph !== undefined) figure.getObject().findModifier("body_bs_BodyHeavy").getValueControl().setValue(a.morph);
  if (a.move !== undefined) Scene.findNodeByLabel("Textured Cube").getXPosControl().setValue(a.move);
  return true;
})()`;

/** The values EDIT sets, as the scene holds them now. */
const STATE = `(function () {
  var figure = Scene.findNodeByLabel("Genesis 9");
  return {
    bone: figure.findBone("l_forearm").getYRotControl().getValue(),
    morph: figure.getObject().findModifier("body_bs_BodyHeavy").getValueControl().getValue(),
    move: Scene.findNodeByLabel("Textured Cube").getXPosControl().getValue()
  };
})()`;

interface Edit {
  bone?: number;
  morph?: number;
  move?: number;
}

const KINDS: { kind: string; edit: Edit; says: RegExp }[] = [
  { kind: 'a bone rotated', edit: { bone: -20 }, says: /Genesis 9: its pose changed/ },
  { kind: 'a morph dialled', edit: { morph: 0.9 }, says: /Genesis 9: its shape changed \(a morph value/ },
  {
    kind: 'a prop moved',
    edit: { move: 140 },
    says: /Textured Cube: it moved|Textured Cube: its pose changed/,
  },
];

/**
 * One request at a time, in chunks small enough for a read of g9 to take dozens of requests:
 * the edit, sent when the first vertices are in, lands between two of them, long before the end.
 */
const SLOW_READ: ReadSceneOptions = { rigged: true, chunkBytes: 60_000, concurrency: 1 };

describe('a read during scene edits that send no event', () => {
  // One emulator for the file (a start costs about a second); each test begins from the
  // scene's own values, so an edit always changes something.
  let t: TestEmulator;
  let client: DazClient;
  let initial: Edit;
  beforeAll(async () => {
    t = await startTestEmulator({ scene: 'g9' });
    client = t.client();
    initial = (await t.execute(STATE)).result as Edit;
    expect(initial).toEqual({
      bone: expect.any(Number),
      morph: expect.any(Number),
      move: expect.any(Number),
    });
    for (const { edit } of KINDS) expect(initial).not.toMatchObject(edit);
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
  });
  beforeEach(async () => {
    await applyEdit(initial);
    expect((await t.execute(STATE)).result).toEqual(initial);
  });

  /** Make an edit from another client (the test's own connection), checking that it ran. */
  const applyEdit = async (edit: Edit) => {
    expect(await t.execute(EDIT, edit as Record<string, unknown>)).toMatchObject({ success: true });
  };

  /** A read that makes `edit` once, from another client, after its first vertices are in. */
  const readWithEditMidway = async (edit: Edit, options: ReadSceneOptions = {}) => {
    let editing: Promise<void> | null = null;
    const reading = new SceneReader(client, {
      ...SLOW_READ,
      ...options,
      onProgress: (p) => {
        if (p.phase === 'mesh' && p.done > 0 && !editing) editing = applyEdit(edit);
      },
    }).read();
    await reading.catch(() => undefined);
    expect(editing, 'the edit was made during the read').not.toBeNull();
    await editing;
    return reading;
  };

  for (const { kind, edit, says } of KINDS) {
    it(`stops with DAZPORT_SCENE_CHANGED when ${kind} during the read, naming what changed`, async () => {
      await expect(readWithEditMidway(edit)).rejects.toMatchObject({
        code: 'DAZPORT_SCENE_CHANGED',
        message: expect.stringMatching(says),
      });
    });

    it(`with rereads, returns the scene after ${kind}, whole`, async () => {
      const reasons: string[] = [];
      const got = await readWithEditMidway(edit, { rereads: 2, onReread: (e) => reasons.push(e.message) });
      expect(reasons).toHaveLength(1);
      const clean = await readScene(client, { rigged: true });
      expectSameState(got, clean);
    });
  }

  it('every read finished while another client flips bone, morph and prop between two states is one of them', async () => {
    const states: Edit[] = [
      { bone: 0, morph: 0.3, move: 70 },
      { bone: -25, morph: 0.8, move: 120 },
    ];
    const clean: Scene[] = [];
    let longestRead = 0;
    for (const s of states) {
      await applyEdit(s);
      const began = Date.now();
      clean.push(await readScene(client, { rigged: true, chunkBytes: 60_000 }));
      longestRead = Math.max(longestRead, Date.now() - began);
    }
    // Quiet spells outlast a read as this machine does one now, so some reads finish whole and
    // the check that matters (a whole read is one of the two states) runs, however loaded.
    const quietMs = 1.5 * longestRead + 200;
    let flipping = true;
    const flipper = (async () => {
      for (let k = 0; flipping; k++) {
        await applyEdit(states[k % 2]);
        // Bursts of flips, then a quiet spell longer than a read: reads land in both.
        await new Promise((r) => setTimeout(r, k % 6 === 5 ? quietMs : 5 + ((k * 7) % 23)));
      }
    })();
    const outcomes = { whole: 0, stopped: 0 };
    try {
      for (let read = 0; read < 8; read++) {
        try {
          const got = await readScene(client, { rigged: true, chunkBytes: 60_000 });
          const match = clean.findIndex((c) => sameState(got, c));
          expect(match, 'a finished read must be one of the two states').toBeGreaterThanOrEqual(0);
          outcomes.whole++;
        } catch (err) {
          expect(err).toMatchObject({ code: 'DAZPORT_SCENE_CHANGED' });
          outcomes.stopped++;
        }
      }
    } finally {
      flipping = false;
      await flipper;
    }
    expect(outcomes.whole + outcomes.stopped).toBe(8);
    expect(outcomes.whole, 'reads that finished whole (and were compared)').toBeGreaterThan(0);
  });
});

describe('compareInventories', () => {
  const node = (id: number, over: Partial<InventoryEntry> = {}): InventoryEntry => ({
    id,
    label: `node ${id}`,
    parent: -1,
    m: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
    mesh: null,
    fp: [1, 2],
    fig: null,
    ...over,
  });
  const snap = (nodes: InventoryEntry[], time = 0) => ({ nodes, time });

  it('finds nothing between equal inventories', () => {
    expect(compareInventories(snap([node(1), node(2)]), snap([node(1), node(2)]), null)).toBeNull();
  });

  it('names the node and the kind of change', () => {
    const before = snap([node(1), node(2, { parent: 1, fig: [5, 6] })]);
    const cases: [InventoryEntry[], RegExp][] = [
      [[node(1), node(2, { parent: 1, fig: [9, 6] })], /node 2: its pose changed/],
      [[node(1), node(2, { parent: 1, fig: [5, 9] })], /node 2: its shape changed/],
      [
        [node(1, { m: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 3, 0] }), node(2, { parent: 1, fig: [5, 6] })],
        /node 1: it moved/,
      ],
      [[node(1)], /node 2 was removed/],
      [[node(1), node(2, { parent: 1, fig: [5, 6] }), node(3, { parent: 2 })], /node 3 was added/],
      [
        [node(1, { label: 'renamed' }), node(2, { parent: 1, fig: [5, 6] })],
        /node 1: was renamed to renamed/,
      ],
    ];
    for (const [after, says] of cases) expect(compareInventories(before, snap(after), null)).toMatch(says);
    expect(compareInventories(before, snap(before.nodes, 480), null)).toMatch(
      /time moved from tick 0 to 480/,
    );
  });

  it('ignores nodes outside a selection, but not a node added under it', () => {
    const before = snap([node(1), node(2)]);
    const moved = snap([node(1), node(2, { fp: [7, 2] })]);
    expect(compareInventories(before, moved, new Set([1]))).toBeNull();
    expect(compareInventories(before, moved, new Set([2]))).toMatch(/node 2: its pose changed/);
    const added = snap([node(1), node(2), node(3, { parent: 1 })]);
    expect(compareInventories(before, added, new Set([1]))).toMatch(/node 3 was added/);
    expect(compareInventories(before, added, new Set([2]))).toBeNull();
  });
});

/** The parts of a read that follow the pose: posed vertices, joint rotations, morph values, node places. */
function stateOf(scene: Scene) {
  return {
    positions: scene.meshes.map((m) => Array.from(m.positions)),
    rotations: scene.skeletons.map((s) => s.joints.map((j) => j.rotation)),
    morphs: scene.meshes.map((m) => m.rest?.morphs.map((x) => x.value) ?? []),
    places: scene.nodes.map((n) => Array.from(n.worldMatrix)),
  };
}

function sameState(a: Scene, b: Scene): boolean {
  return JSON.stringify(stateOf(a)) === JSON.stringify(stateOf(b));
}

function expectSameState(a: Scene, b: Scene): void {
  const [sa, sb] = [stateOf(a), stateOf(b)];
  expect(sa.rotations).toEqual(sb.rotations);
  expect(sa.morphs).toEqual(sb.morphs);
  expect(sa.places).toEqual(sb.places);
  expect(sameState(a, b)).toBe(true);
}
