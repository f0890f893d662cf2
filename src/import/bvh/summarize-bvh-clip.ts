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
  frameTime: number;
  frameRate: number;
  /** `frameRate` rounded when within 0.01% of a whole number (CMU's .0083333 s is 120 fps; 23.976 stays). */
  nominalFrameRate: number;
  durationSec: number;
  channelCount: number;
  /** Most common layout first. */
  channelLayouts: BvhChannelLayout[];
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
  const rounded = Math.round(clip.frameRate);
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
    nominalFrameRate: Math.abs(clip.frameRate - rounded) <= rounded * 1e-4 ? rounded : clip.frameRate,
    durationSec: clip.durationSec,
    channelCount: clip.channelCount,
    channelLayouts: [...layouts.values()].sort((a, b) => b.jointCount - a.jointCount),
  };
}

/** Lines for people, e.g. `frames      2752 @ 120 fps (22.93 s)`. */
export function formatBvhClipSummary(summary: BvhClipSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `file        ${summary.file}`,
    `joints      ${summary.jointCount} (${plural(summary.endSiteCount, 'End Site')}; ${plural(summary.roots.length, 'root')}: ${summary.roots.join(', ')})`,
    `frames      ${summary.frameCount} @ ${formatNumber(summary.nominalFrameRate)} fps (${summary.durationSec.toFixed(2)} s, frame time ${summary.frameTime} s)`,
    `channels    ${summary.channelCount} per frame`,
    ...summary.channelLayouts.map(
      (l) =>
        `  ${plural(l.jointCount, 'joint').padEnd(10)} ${l.channels || '(no channels)'}  e.g. ${l.examples.join(', ')}`,
    ),
  ];
  if (summary.declaredFrameCount !== summary.frameLineCount) {
    lines.push(
      `warning     Frames: says ${summary.declaredFrameCount} but the file has ${summary.frameLineCount} frame lines; ${summary.frameCount} kept`,
    );
  }
  if (summary.namespaces.length > 0) lines.push(`namespaces  ${summary.namespaces.join(', ')}`);
  return lines.join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
