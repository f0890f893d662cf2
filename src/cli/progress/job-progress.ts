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
export function readProgressReport(read: ReadProgress, whose?: string): ProgressReport {
  const of = whose ? ` of ${whose}` : '';
  const item =
    read.meshIndex && read.meshCount
      ? { index: read.meshIndex, count: read.meshCount, name: read.mesh }
      : undefined;
  const bytes = read.bytes;
  switch (read.phase) {
    case 'mesh':
      return {
        phase: `reading meshes${of}`,
        item,
        done: read.done,
        total: read.total,
        unit: 'vertices',
        bytes,
      };
    case 'rig':
      return {
        phase: `reading skin weights and morphs${of}`,
        item,
        done: read.done,
        total: read.total,
        bytes,
      };
    case 'inventory':
      return { phase: `reading the scene's inventory${of}`, done: 0, total: 1, bytes };
    case 'done':
      return { phase: `read${of}`, done: 1, total: 1, bytes };
    default:
      return { phase: `reading${of}: ${read.phase}`, done: read.done, total: read.total, bytes };
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
  if (p.stage === 'read-figure') return readProgressReport(p.read, p.figure);
  const live = p.target.startsWith('live:');
  return {
    phase: live ? 'writing keys' : 'writing',
    item: { index: p.output, count: p.outputs, name: live ? p.target.slice(5) : basename(p.target) },
    done: p.done,
    total: p.total,
    unit: live ? 'keys' : undefined,
  };
}
