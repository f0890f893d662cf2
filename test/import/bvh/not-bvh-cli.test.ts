/**
 * The CLI on files that are not BVH (issue 14, item 6): exit 2, the message names the file type,
 * and stderr is plain text, never the file's bytes.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-not-bvh-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Printable text: no control character but the newline (and no replacement character). */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffd]/;

function glb(): Buffer {
  let json = JSON.stringify({ asset: { version: '2.0' } });
  while (json.length % 4 !== 0) json += ' ';
  const header = Buffer.alloc(20);
  header.write('glTF', 0, 'latin1');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(20 + json.length, 8);
  header.writeUInt32LE(json.length, 12);
  header.write('JSON', 16, 'latin1');
  return Buffer.concat([header, Buffer.from(json)]);
}

describe('dazport on a file that is not BVH', () => {
  it('inspect x.png exits 2 and says it is a PNG image', async () => {
    const png = join(dir, 'x.png');
    copyFileSync(new URL('../../../assets/textures/skin_diffuse.png', import.meta.url), png);
    const r = await runCli(['inspect', png]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x.png is a PNG image, not BVH motion capture');
    expect(r.stderr).not.toMatch(CONTROL);
  });

  it('retarget x.glb --to genesis9 exits 2 and says it is a binary glTF', async () => {
    const file = join(dir, 'x.glb');
    writeFileSync(file, glb());
    const r = await runCli(['retarget', file, '--to', 'genesis9', '--out', join(dir, 'out.glb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x.glb is a binary glTF (GLB) file, not BVH motion capture');
    expect(r.stderr).toMatch(/Blender/);
    expect(r.stderr).not.toMatch(CONTROL);
  });
});
