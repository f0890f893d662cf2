/**
 * What the jobs tell (src/jobs) as the lines a person reads on the progress bar: the phase,
 * which item of how many (mesh k of n, output k of m), and counts with their unit.
 */
import { basename } from 'node:path';
import type { ReadProgress } from '../../client/scene-reader.js';
import type { ExportSceneProgress } from '../../jobs/export-scene.js';
import type { RetargetFileProgress } from '../../jobs/retarget-file.js';
import type { ProgressReport } from './progress-line.js';

/** The scene read: the inventory, each mesh's vertices, then each figure's rig. */
export function readProgressReport(read: ReadProgress, figure?: string): ProgressReport {
  // Reading one figure (for a retarget), its name says whose meshes these are.
  const whose = figure ? `${figure}'s ` : '';
  const item =
    read.meshIndex && read.meshCount && read.meshCount > 1
      ? { index: read.meshIndex, count: read.meshCount, name: read.mesh }
      : undefined;
  const bytes = read.bytes;
  switch (read.phase) {
    case 'mesh':
      return {
        phase: `reading ${whose}meshes`,
        item,
        done: read.done,
        total: read.total,
        unit: 'vertices',
        bytes,
      };
    case 'rig':
      return {
        phase: `reading ${whose}skin weights and morphs`,
        item,
        done: read.done,
        total: read.total,
        bytes,
      };
    case 'inventory':
      return {
        phase: figure ? `looking for ${figure} in the scene` : "reading the scene's inventory",
        done: 0,
        total: 1,
        bytes,
      };
    case 'done':
      return { phase: `read ${figure ?? 'the scene'}`, done: 1, total: 1, bytes };
    default:
      return { phase: `reading ${whose}${read.phase}`, done: read.done, total: read.total, bytes };
  }
}

/** The scene writers' phases (src/export) and what their counts count. */
const WRITER_PHASES: Record<string, { phase: string; unit?: string }> = {
  meshes: { phase: 'writing meshes', unit: 'vertices' },
  textures: { phase: 'writing textures', unit: 'textures' },
  write: { phase: 'writing the file' },
  done: { phase: 'written' },
};

export function exportProgressReport(p: ExportSceneProgress): ProgressReport {
  if (p.stage === 'read') return readProgressReport(p.read);
  const known = WRITER_PHASES[p.phase] ?? { phase: `writing: ${p.phase}` };
  return {
    ...known,
    item: { index: p.output, count: p.outputs, name: basename(p.file) },
    done: p.done,
    total: p.total,
  };
}

export function retargetProgressReport(p: RetargetFileProgress): ProgressReport {
  if (p.stage === 'read-clip') {
    const name = basename(p.file);
    // A pipe has no size: the bytes alone, without a share.
    return p.totalBytes === undefined
      ? { phase: `reading ${name}`, done: 0, total: 0, bytes: p.bytesRead }
      : { phase: `reading ${name}`, done: p.bytesRead, total: p.totalBytes, bytes: p.bytesRead };
  }
  if (p.stage === 'read-figure') return readProgressReport(p.read, p.figure);
  if (p.stage === 'retarget')
    return {
      phase: `retargeting ${p.frames.toLocaleString('en-US')} frames onto ${p.figure}`,
      done: 0,
      total: 1,
    };
  const live = p.target.startsWith('live:');
  const writer = p.phase ? WRITER_PHASES[p.phase] : undefined;
  if (writer)
    return {
      ...writer,
      item: { index: p.output, count: p.outputs, name: basename(p.target) },
      done: p.done,
      total: p.total,
    };
  return {
    phase: live ? 'writing keys' : 'writing',
    item: { index: p.output, count: p.outputs, name: live ? p.target.slice(5) : basename(p.target) },
    done: p.done,
    total: p.total,
    unit: live ? 'keys' : undefined,
  };
}
