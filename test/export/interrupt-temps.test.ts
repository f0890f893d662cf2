/**
 * The signal path's removal of temporary files (removeOwnTempsSync) against a write that is
 * already queued in libuv's thread pool: the pool is kept busy so the write's open (O_CREAT)
 * runs only after the first removal pass found nothing. Without the pause and second pass, the
 * file appeared after the "clean-up" and was left behind (a CI run saw exactly that).
 */
import { pbkdf2 } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newTempPath, removeOwnTempsSync } from '../../src/export/temp-files.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-interrupt-temps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Occupy every thread of the pool for a moment (more jobs than any pool size in use here). */
function busyThreadPool(): Promise<unknown> {
  const jobs = Array.from(
    { length: 16 },
    () => new Promise((resolve) => pbkdf2('x', 'salt', 3000, 32, 'sha256', resolve)),
  );
  return Promise.all(jobs);
}

it('removes a temporary file whose creation was still queued when the signal came', async () => {
  const busy = busyThreadPool();
  const temp = newTempPath(join(dir, 'scene.gltf'));
  const writing = writeFile(temp, 'half of a file');
  const removed = removeOwnTempsSync();
  await Promise.allSettled([writing, busy]);
  expect(existsSync(temp)).toBe(false);
  expect(removed).toBe(1);
});
