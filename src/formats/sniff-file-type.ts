/**
 * What a file is, from its first bytes: the magic numbers and text headers of the files people
 * pass by mistake where a BVH (or another text format) is expected. Only the head of the file is
 * looked at, so the cost is a few comparisons whatever the file size.
 */
import { constants, gunzipSync } from 'node:zlib';

/** How a file is described to the user and which advice fits it. */
export type SniffedKind =
  | 'gltf'
  | 'fbx'
  | 'mesh'
  | 'scene'
  | 'image'
  | 'archive'
  | 'duf'
  | 'mocap'
  | 'binary';

export interface SniffedFileType {
  kind: SniffedKind;
  /** Noun phrase with its article: `a binary glTF (GLB) file`. */
  description: string;
}

/** Bytes of compressed head inflated to look inside a gzip file (a .duf is often one). */
const GZIP_PEEK_BYTES = 2048;

const text = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const EXR = [0x76, 0x2f, 0x31, 0x01];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Where the text starts: after a UTF-8 byte-order mark and ASCII whitespace. */
export function textStart(bytes: Uint8Array): number {
  let pos = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  while (pos < bytes.length && (bytes[pos] === 32 || (bytes[pos]! >= 9 && bytes[pos]! <= 13))) pos++;
  return pos;
}

/** Whether the head begins with `word` (ASCII, any case) after a BOM and whitespace. */
export function startsWithWord(bytes: Uint8Array, word: string): boolean {
  const start = textStart(bytes);
  return text(bytes, start, start + word.length).toLowerCase() === word.toLowerCase();
}

/**
 * Identify `head` (the first bytes of a file, ideally a few KB), or `undefined` when it is none of
 * the known types and has no NUL byte (likely text of some kind: let the real parser say what is wrong).
 */
export function sniffFileType(head: Uint8Array): SniffedFileType | undefined {
  return sniffBinary(head) ?? sniffText(head) ?? (head.includes(0) ? BINARY : undefined);
}

const BINARY: SniffedFileType = { kind: 'binary', description: 'a binary file' };

function sniffBinary(b: Uint8Array): SniffedFileType | undefined {
  const ascii4 = text(b, 0, 4);
  if (ascii4 === 'glTF') return { kind: 'gltf', description: 'a binary glTF (GLB) file' };
  if (text(b, 0, 18) === 'Kaydara FBX Binary') return { kind: 'fbx', description: 'a binary FBX file' };
  if (startsWith(b, PNG)) return image('PNG');
  if (startsWith(b, JPEG)) return image('JPEG');
  if (ascii4 === 'GIF8') return image('GIF');
  if (ascii4 === 'RIFF' && text(b, 8, 12) === 'WEBP') return image('WebP');
  if (startsWith(b, TIFF_LE) || startsWith(b, TIFF_BE)) return image('TIFF');
  if (startsWith(b, EXR)) return image('OpenEXR');
  if (ascii4 === '8BPS') return image('Photoshop (PSD)');
  if (ascii4 === 'DDS ') return image('DDS');
  // "BM" alone is too weak: the four reserved bytes after the size are zero in every BMP, never in text.
  if (text(b, 0, 2) === 'BM' && b.length >= 10 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0) {
    return image('BMP');
  }
  if (text(b, 0, 8) === 'PXR-USDC') return { kind: 'scene', description: 'a binary USD (.usdc) file' };
  if (startsWith(b, ZIP) || startsWith(b, EMPTY_ZIP)) return sniffZip(b);
  if (startsWith(b, GZIP)) return sniffGzip(b);
  if (startsWith(b, SEVEN_ZIP)) return { kind: 'archive', description: 'a 7-Zip archive' };
  if (text(b, 0, 4) === 'Rar!') return { kind: 'archive', description: 'a RAR archive' };
  // C3D: byte 0 points at the parameter block (in 512-byte blocks, at least 2), byte 1 is 0x50.
  if (b.length >= 512 && b[1] === 0x50 && b[0]! >= 2 && b[0]! < 0x20) {
    return { kind: 'mocap', description: 'a C3D motion capture file' };
  }
  return undefined;
}

function image(format: string): SniffedFileType {
  return { kind: 'image', description: `a ${format} image` };
}

/** A .usdz is a zip whose first entry is the USD layer; any other zip is an archive to unpack. */
function sniffZip(b: Uint8Array): SniffedFileType {
  if (b.length >= 30) {
    const nameLength = b[26]! | (b[27]! << 8);
    const firstEntry = text(b, 30, 30 + nameLength).toLowerCase();
    if (/\.usd[ac]?$/.test(firstEntry)) return { kind: 'scene', description: 'a USDZ package' };
  }
  return { kind: 'archive', description: 'a zip archive' };
}

/**
 * A DAZ Studio .duf is usually gzip-compressed JSON: inflate the head (truncated input is fine
 * with a sync flush) to tell a .duf and a gzipped BVH from any other gzip file.
 */
function sniffGzip(b: Uint8Array): SniffedFileType {
  let inner: Uint8Array | undefined;
  try {
    inner = gunzipSync(b.subarray(0, GZIP_PEEK_BYTES), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    inner = undefined;
  }
  if (inner !== undefined) {
    const head = inner.subarray(0, 4096);
    if (isDufJson(head)) return { kind: 'duf', description: 'a DAZ Studio .duf file (gzip-compressed)' };
    if (startsWithWord(head, 'HIERARCHY'))
      return { kind: 'archive', description: 'a gzip-compressed BVH file' };
  }
  return { kind: 'archive', description: 'a gzip-compressed file' };
}

function isDufJson(b: Uint8Array): boolean {
  const start = textStart(b);
  if (b[start] !== 0x7b /* { */) return false;
  const head = text(b, start, start + 4096);
  return head.includes('"file_version"') || head.includes('"asset_info"');
}

/** OBJ statements a file of geometry starts with (after `#` comments). */
const OBJ_STATEMENT = /^(v|vt|vn|vp|f|o|g|s|l|mtllib|usemtl)\s/;

function sniffText(b: Uint8Array): SniffedFileType | undefined {
  const start = textStart(b);
  const head = text(b, start, start + 4096);
  if (head.startsWith('#usda')) return { kind: 'scene', description: 'a USD text (.usda) file' };
  if (head.startsWith('; FBX')) return { kind: 'fbx', description: 'an ASCII FBX file' };
  if (head.startsWith('{')) {
    if (isDufJson(b)) return { kind: 'duf', description: 'a DAZ Studio .duf file' };
    if (head.includes('"asset"')) return { kind: 'gltf', description: 'a glTF (.gltf JSON) file' };
    return undefined;
  }
  if (head.startsWith('<?xml') && head.includes('<COLLADA')) {
    return { kind: 'scene', description: 'a COLLADA (.dae) file' };
  }
  // The first line that is not a comment decides; a file of only comments could be anything.
  for (const line of head.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return OBJ_STATEMENT.test(`${trimmed} `)
      ? { kind: 'mesh', description: 'a Wavefront OBJ file' }
      : undefined;
  }
  return undefined;
}
