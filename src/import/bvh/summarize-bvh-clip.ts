/**
 * What `dazport inspect` prints about a clip: counts, timing and how the channels are laid out.
 * Plain data first ({@link summarizeBvhClip}, also the `--json` output), text second
 * ({@link formatBvhClipSummary}).
 */
import type { BvhClip } from './bvh-clip.js';
import { getNamespace } from './joint-namespace.js';

/** Joints that share one channel list, e.g. all `Zrotation Xrotation Yrotation` joints. */
export interface BvhChannelLayout {
  /** The channel list as in the file, space-separated; `''` for joints without channels. */
  channels: string;
  jointCount: number;
  /** The first few joint names with this layout, in file order. */
  examples: string[];
}

export interface BvhClipSummary {
  file: string;
  jointCount: number;
  endSiteCount: number;
  /** Names of the ROOT joints (usually one). */
  roots: string[];
  /** Namespaces found in joint names (`mixamorig`), each once. */
  namespaces: string[];
  frameCount: number;
  /** `Frames:` as written, and the frame lines found; equal to `frameCount` in a consistent file. */
  declaredFrameCount: number;
  frameLineCount: number;
  /** As printed in the file (`0.0083333`). */
  frameTime: number;
  /** The rate the frame time means (`0.0083333` → 120; see `snapFrameRate`). */
  frameRate: number;
  durationSec: number;
  channelCount: number;
  /** Most common layout first. */
  channelLayouts: BvhChannelLayout[];
  /** The clip's warnings ({@link BvhClip.warnings}). */
  warnings: string[];
}

const EXAMPLES = 3;

export function summarizeBvhClip(clip: BvhClip): BvhClipSummary {
  const layouts = new Map<string, BvhChannelLayout>();
  const namespaces = new Set<string>();
  for (const joint of clip.joints) {
    const key = joint.channels.join(' ');
    let layout = layouts.get(key);
    if (!layout) {
      layout = { channels: key, jointCount: 0, examples: [] };
      layouts.set(key, layout);
    }
    layout.jointCount++;
    if (layout.examples.length < EXAMPLES) layout.examples.push(joint.name);
    const namespace = getNamespace(joint.name);
    if (namespace) namespaces.add(namespace);
  }
  return {
    file: clip.file,
    jointCount: clip.joints.length,
    endSiteCount: clip.joints.filter((j) => j.endSite !== null).length,
    roots: clip.joints.filter((j) => j.parent < 0).map((j) => j.name),
    namespaces: [...namespaces],
    frameCount: clip.frameCount,
    declaredFrameCount: clip.declaredFrameCount,
    frameLineCount: clip.frameLineCount,
    frameTime: clip.frameTime,
    frameRate: clip.frameRate,
    durationSec: clip.durationSec,
    channelCount: clip.channelCount,
    channelLayouts: [...layouts.values()].sort((a, b) => b.jointCount - a.jointCount),
    warnings: [...clip.warnings],
  };
}

/** Lines for people, e.g. `frames      2752 @ 120 fps (22.93 s)`. */
export function formatBvhClipSummary(summary: BvhClipSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `file        ${summary.file}`,
    `joints      ${summary.jointCount} (${plural(summary.endSiteCount, 'End Site')}; ${plural(summary.roots.length, 'root')}: ${summary.roots.join(', ')})`,
    `frames      ${summary.frameCount} @ ${formatNumber(summary.frameRate)} fps (${summary.durationSec.toFixed(2)} s, frame time ${summary.frameTime} s)`,
    `channels    ${summary.channelCount} per frame`,
    ...summary.channelLayouts.map(
      (l) =>
        `  ${plural(l.jointCount, 'joint').padEnd(10)} ${l.channels || '(no channels)'}  e.g. ${l.examples.join(', ')}`,
    ),
  ];
  for (const warning of summary.warnings) lines.push(`warning     ${warning}`);
  if (summary.namespaces.length > 0) lines.push(`namespaces  ${summary.namespaces.join(', ')}`);
  return lines.join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
