/**
 * Where the BVH fixtures live: `fixtures/bvh`, both the real captures (with their licences, see
 * its README) and dazport's own small edge-case files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The real captures, with what their files are known to say. */
export const CAPTURE_BVH_FIXTURES = [
  'cmu_01_01.bvh',
  'biovision_boxing_toes.bvh',
  'av_8walk_xyz.bvh',
] as const;

/** dazport's hand-written edge cases that three.js's BVHLoader also reads correctly. */
export const OWN_THREE_COMPATIBLE_FIXTURES = [
  'channel-orders.bvh',
  'six-channel-joints.bvh',
  'zero-channel-joints.bvh',
  'mixamo-namespaces-crlf.bvh',
] as const;

/** dazport's edge cases that three.js does not read (header spellings, names with spaces, several roots). */
export const OWN_OTHER_FIXTURES = ['header-variants.bvh', 'multi-root.bvh'] as const;

/** Path of a real capture in fixtures/bvh; fails with a clear message when it is missing. */
export function captureBvhFixture(name: string): string {
  const dir = resolve(REPO_ROOT, 'fixtures/bvh');
  const path = join(dir, name);
  if (!existsSync(path)) throw new Error(`BVH capture ${name} not found in ${dir}`);
  return path;
}

/** Path of one of dazport's own edge-case files in fixtures/bvh. */
export function ownBvhFixture(name: string): string {
  const path = join(REPO_ROOT, 'fixtures/bvh', name);
  if (!existsSync(path))
    throw new Error(`BVH fixture ${name} not found in ${join(REPO_ROOT, 'fixtures/bvh')}`);
  return path;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** `count` frame indices spread over `frameCount` frames, first and last included. */
export function sampleFrames(frameCount: number, count = 20): number[] {
  if (frameCount <= count) return Array.from({ length: frameCount }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.round((i * (frameCount - 1)) / (count - 1)));
}
