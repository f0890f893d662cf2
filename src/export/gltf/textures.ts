/**
 * Texture files → glTF textures, each file read once and each texture made once (keyed by what
 * it holds: a file as is, or a repacked combination). glTF core takes PNG and JPEG only
 * (§3.8.2): other formats, and files that are missing or unreadable, are dropped with a warning
 * naming the file, never a crash. Embedded in a GLB, or written in a .gltf's texture folder
 * (output-layout.ts) under a URI-safe, unique file name.
 */
import { readFile } from 'node:fs/promises';
import type { Document, Texture } from '@gltf-transform/core';
import { changesTextures, type EngineOutputOptions } from '../engine-options.js';
import { processTexture, TextureProcessError, type TextureRole } from '../texture-output.js';
import { imageExtension, imageStem } from './file-names.js';
import { isPng } from './png.js';

export interface ImageFile {
  file: string;
  bytes: Uint8Array;
  mimeType: 'image/png' | 'image/jpeg';
}

export interface TextureImage {
  /** File name wanted for the image (made URI-safe and unique here). */
  name: string;
  bytes: Uint8Array;
  mimeType: 'image/png' | 'image/jpeg';
  /** Colour (base colour, emission) or data map: decides what `textureFormat: 'jpeg'` converts. */
  role?: TextureRole;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export class TextureLibrary {
  readonly #doc: Document;
  readonly #warn: (text: string) => void;
  readonly #files = new Map<string, Promise<ImageFile | null>>();
  readonly #textures = new Map<string, Texture>();
  readonly #uris = new Set<string>();
  readonly #folderUri: string;
  readonly #engine: EngineOutputOptions;

  /**
   * `reserved`: URIs the export writes itself (the .gltf, the .bin), never used for images;
   * `folderUri`: the texture folder as a URI prefix (`scene_textures/`, or empty for beside the .gltf);
   * `engine`: texture size and format wanted (texture-output.ts).
   */
  constructor(
    doc: Document,
    warn: (text: string) => void,
    reserved: string[] = [],
    folderUri = '',
    engine: EngineOutputOptions = {},
  ) {
    this.#doc = doc;
    this.#engine = engine;
    this.#warn = warn;
    this.#folderUri = folderUri;
    for (const r of reserved) this.#uris.add(r.toLowerCase());
  }

  /** The image in `file`, or null (warned once per file) when it is missing or not PNG/JPEG. */
  read(file: string, usedBy: string): Promise<ImageFile | null> {
    let pending = this.#files.get(file);
    if (!pending) {
      pending = this.#load(file, usedBy);
      this.#files.set(file, pending);
    }
    return pending;
  }

  async #load(file: string, usedBy: string): Promise<ImageFile | null> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'not found' : `unreadable (${code ?? (err as Error).message})`;
      this.#warn(`texture ${file} ${why} (${usedBy}): the map is dropped`);
      return null;
    }
    if (isPng(bytes)) return { file, bytes, mimeType: 'image/png' };
    if (isJpeg(bytes)) return { file, bytes, mimeType: 'image/jpeg' };
    this.#warn(`texture ${file} is neither PNG nor JPEG, the only formats of glTF core (${usedBy}): dropped`);
    return null;
  }

  /** The texture for `key`, made by `make` the first time. */
  texture(key: string, make: () => TextureImage): Texture {
    const known = this.#textures.get(key);
    if (known) return known;
    const image = this.#engineImage(make());
    const uri = this.#uniqueUri(image.name, image.mimeType);
    const texture = this.#doc
      .createTexture(uri.slice(this.#folderUri.length).replace(/\.[^.]+$/, ''))
      .setImage(image.bytes)
      .setMimeType(image.mimeType)
      .setURI(uri);
    this.#textures.set(key, texture);
    return texture;
  }

  /** The image resized / converted as the engine options ask; as it is (warned) if it cannot be decoded. */
  #engineImage(image: TextureImage): TextureImage {
    if (!changesTextures(this.#engine)) return image;
    try {
      const out = processTexture(image.bytes, image.role ?? 'data', this.#engine, image.name);
      return { ...image, bytes: out.bytes, mimeType: out.mimeType };
    } catch (err) {
      if (!(err instanceof TextureProcessError)) throw err;
      this.#warn(`texture ${err.message}: written as it is (not resized or converted)`);
      return image;
    }
  }

  #uniqueUri(name: string, mimeType: string): string {
    const ext = imageExtension(mimeType);
    const stem = imageStem(name);
    const prefix = this.#folderUri;
    let uri = `${prefix}${stem}${ext}`;
    for (let n = 2; this.#uris.has(uri.toLowerCase()); n++) uri = `${prefix}${stem}_${n}${ext}`;
    this.#uris.add(uri.toLowerCase());
    return uri;
  }
}
