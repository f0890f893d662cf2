/**
 * Where a scene export puts its files, one rule for every format: the main file where the user
 * asked, a .gltf's `<stem>.bin` beside it (the conventional place, so a viewer given the .gltf
 * alone finds it), and the texture files in `<stem>_textures/` beside the main file, so a
 * folder holding several exports stays readable and each export's maps move with it. A
 * `textureFolder` option overrides the folder (relative to the main file's folder; `.` puts
 * the maps beside the main file, as dazport 0.1's .gltf did).
 */
import { basename, extname, isAbsolute, join, sep } from 'node:path';

/** The texture folder of the export at `mainPath`, relative to its folder. */
export function textureFolderOf(mainPath: string, textureFolder?: string): string {
  return textureFolder ?? `${basename(mainPath, extname(mainPath))}_textures`;
}

/** The absolute texture folder, for a main file in `mainFolder`. */
export function textureFolderPath(mainFolder: string, mainPath: string, textureFolder?: string): string {
  const folder = textureFolderOf(mainPath, textureFolder);
  return isAbsolute(folder) ? folder : join(mainFolder, folder);
}

/**
 * A relative folder as the start of a glTF URI: each segment URI-escaped (a space is `%20`),
 * forward slashes, a trailing slash; empty for the main file's own folder.
 */
export function folderUriPrefix(folder: string): string {
  const segments = folder.split(sep === '\\' ? /[\\/]/ : '/').filter((s) => s !== '' && s !== '.');
  return segments
    .map((s) => (s === '..' ? s : encodeURIComponent(s)))
    .map((s) => `${s}/`)
    .join('');
}
