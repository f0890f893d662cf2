/** startEmulator({ tokenFile: '~/…' }) writes the token under the home folder, not into ./~ . */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/start-emulator.js';

describe('emulator token file under ~', () => {
  const home = mkdtempSync(join(tmpdir(), 'dazport-emuhome-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('expands a leading ~ with the given home', async () => {
    const emulator = await startEmulator({ port: 0, home, tokenFile: '~/emu/token.txt' });
    try {
      const file = join(home, 'emu', 'token.txt');
      expect(emulator.tokenFile).toBe(file);
      expect(readFileSync(file, 'utf8').trim()).toBe(emulator.token);
      expect(existsSync('~')).toBe(false);
    } finally {
      await emulator.stop();
    }
  });
});
