/**
 * The emulator's worker loads from TypeScript sources through tsx (`npm run dazport`, scripts,
 * a library user on tsx), or from a JavaScript build when DAZPORT_EMULATOR_WORKER_JS names one,
 * as in this test suite (test/helpers/global-setup.ts), whose other tests all take that path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const SUITE_BUILD = process.env.DAZPORT_EMULATOR_WORKER_JS;
const G8F_FIGURE = 'Scene.findNodeByLabel("Genesis 8 Female") !== null && Scene.getNumSkeletons()';

describe('the emulator worker', () => {
  let t: TestEmulator | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    if (SUITE_BUILD === undefined) delete process.env.DAZPORT_EMULATOR_WORKER_JS;
    else process.env.DAZPORT_EMULATOR_WORKER_JS = SUITE_BUILD;
  });

  it('starts from the TypeScript sources when no JavaScript build is named', async () => {
    delete process.env.DAZPORT_EMULATOR_WORKER_JS;
    t = await startTestEmulator({ scene: 'g8f' });
    expect(await t.execute(G8F_FIGURE)).toMatchObject({ success: true, result: 1 });
  });

  it('falls back to the sources when the named build is not there', async () => {
    process.env.DAZPORT_EMULATOR_WORKER_JS = join(tmpdir(), 'no-such-folder', 'worker-main.js');
    t = await startTestEmulator({ scene: 'g8f' });
    expect(await t.execute(G8F_FIGURE)).toMatchObject({ success: true, result: 1 });
  });

  it('loads the build DAZPORT_EMULATOR_WORKER_JS names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dazport-worker-'));
    const entry = join(dir, 'worker-main.mjs');
    writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.postMessage({ type: 'fatal', message: 'the named worker ran' });\n",
    );
    process.env.DAZPORT_EMULATOR_WORKER_JS = entry;
    try {
      await expect(startTestEmulator({ scene: 'g8f' })).rejects.toThrow(/the named worker ran/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(SUITE_BUILD)("starts from the suite's JavaScript build", async () => {
    t = await startTestEmulator({ scene: 'g8f' });
    expect(await t.execute(G8F_FIGURE)).toMatchObject({ success: true, result: 1 });
  });
});
