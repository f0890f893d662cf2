/** Regenerate assets/textures from the procedural definitions (deterministic). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_TEXTURES, renderTexture, textureDirectory } from '../src/emulator/scenes/textures/builtin-textures.js';

const dir = textureDirectory();
mkdirSync(dir, { recursive: true });
for (const t of BUILTIN_TEXTURES) {
  const png = renderTexture(t);
  writeFileSync(join(dir, t.file), png);
  process.stdout.write(`${t.file} ${t.width}x${t.height} ${png.length} bytes\n`);
}
