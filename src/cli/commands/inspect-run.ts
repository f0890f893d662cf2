/**
 * What `dazport inspect` does (inspect.ts declares it): describe a BVH clip and how its joints
 * map, write a bone map template, or summarise a glTF file.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { describeRequiredJoint, missingBodyJoints } from '../../bonemaps/body-coverage.js';
import { buildBoneMapTemplate, formatBoneMapTemplate } from '../../bonemaps/bone-map-template.js';
import { isBodyJoint } from '../../bonemaps/canonical.js';
import { chooseJointMapping } from '../../bonemaps/choose-mapping.js';
import { DazportError } from '../../errors.js';
import { writeFileAtomic } from '../../export/atomic-write.js';
import { sniffFileType } from '../../formats/sniff-file-type.js';
import { readBvhFile } from '../../import/bvh/index.js';
import { gltfSummaryLines } from '../gltf-summary-lines.js';
import { printWarnings } from '../print-warnings.js';
import type { GlobalOptions } from '../run-command.js';
import type { InspectOptions } from './inspect.js';

export async function inspect(file: string, options: InspectOptions, globals: GlobalOptions): Promise<void> {
  if (await isGltfFile(file)) return inspectGltf(file, options, globals);
  const clip = await readBvhFile(file, { frameCountMismatch: options.frameMismatch });
  const names = clip.joints.map((j) => j.name);
  // Inspect reports partial coverage; only a retarget stops on it.
  const { mapping: chosen, ranked } = chooseJointMapping(names, {
    convention: options.convention,
    boneMapFile: options.boneMap,
    allowPartial: true,
  });
  const missing = missingBodyJoints(chosen);
  if (options.boneMapTemplate !== undefined) {
    const text = formatBoneMapTemplate(buildBoneMapTemplate(names, chosen, { clip: file }));
    if (options.boneMapTemplate === true) {
      // The template alone on stdout, so `> map.json` captures a valid file.
      printWarnings(file, clip.warnings, globals);
      process.stdout.write(text);
      return;
    }
    await writeFileAtomic(options.boneMapTemplate, text);
  }
  const mappedBody = [...chosen.canonical.values()].filter(isBodyJoint).length;
  const report = {
    file,
    joints: clip.joints.length,
    channels: clip.channelCount,
    frames: clip.frameCount,
    frameRate: clip.frameRate,
    durationSec: clip.frameCount > 1 ? (clip.frameCount - 1) * clip.frameTime : 0,
    convention: {
      id: chosen.convention.id,
      label: chosen.convention.label,
      score: Number(chosen.score.toFixed(3)),
    },
    candidates: ranked.slice(0, 3).map((m) => ({ id: m.convention.id, score: Number(m.score.toFixed(3)) })),
    mapped: Object.fromEntries([...chosen.canonical].map(([i, c]) => [names[i], c])),
    mappedBodyJoints: mappedBody,
    unmapped: chosen.unmapped,
    helpers: chosen.helpers,
    missingBodyJoints: missing,
    ...(typeof options.boneMapTemplate === 'string' ? { boneMapTemplate: options.boneMapTemplate } : {}),
    warnings: [...clip.warnings],
  };
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...report })}\n`);
    return;
  }
  printWarnings(file, report.warnings, globals);
  if (globals.quiet) return;
  const lines = [
    `${file}`,
    `  ${report.joints} joints, ${report.channels} channels, ${report.frames} frames at ${report.frameRate.toFixed(2)} fps (${report.durationSec.toFixed(2)} s)`,
    `  convention: ${report.convention.label} (score ${report.convention.score}; also ${report.candidates
      .slice(1)
      .map((c) => `${c.id} ${c.score}`)
      .join(', ')})`,
    `  mapped: ${chosen.canonical.size} joints, ${mappedBody} of them body joints`,
    ...[...chosen.canonical].map(([i, c]) => `    ${names[i].padEnd(24)} → ${c}`),
    report.unmapped.length ? `  unmapped: ${report.unmapped.join(', ')}` : '  unmapped: none',
    ...(report.helpers.length ? [`  spine helpers (ride along): ${report.helpers.join(', ')}`] : []),
    missing.length
      ? `  missing body joints: ${missing.map(describeRequiredJoint).join(', ')} (a retarget stops: map them with --bone-map, or use --allow-partial)`
      : '  body coverage: complete',
    ...(report.boneMapTemplate
      ? [
          `  bone map template: ${report.boneMapTemplate} (fill its nulls, then retarget with --bone-map ${report.boneMapTemplate})`,
        ]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Whether `file` starts like a GLB or a .gltf; a file that cannot be read is left to the BVH reader's errors. */
async function isGltfFile(file: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return sniffFileType(head.subarray(0, bytesRead))?.kind === 'gltf';
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

async function inspectGltf(file: string, options: InspectOptions, globals: GlobalOptions): Promise<void> {
  if (options.boneMap !== undefined || options.boneMapTemplate !== undefined)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${file} is glTF: --bone-map and --bone-map-template are for BVH clips`,
      {
        context: { file },
      },
    );
  // glTF-Transform is loaded for a glTF file only: a BVH inspect has no use for it.
  const { summarizeGltfFile } = await import('../../formats/gltf-summary.js');
  const summary = await summarizeGltfFile(file);
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...summary })}\n`);
    return;
  }
  if (!globals.quiet) process.stdout.write(`${gltfSummaryLines(summary).join('\n')}\n`);
}
