import { type FileHandle, open } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { describeRequiredJoint, missingBodyJoints } from '../../bonemaps/body-coverage.js';
import { buildBoneMapTemplate, formatBoneMapTemplate } from '../../bonemaps/bone-map-template.js';
import { isBodyJoint } from '../../bonemaps/canonical.js';
import { chooseJointMapping } from '../../bonemaps/choose-mapping.js';
import { SOURCE_CONVENTIONS } from '../../bonemaps/conventions/tables.js';
import { DazportError } from '../../errors.js';
import { writeFileAtomic } from '../../export/atomic-write.js';
import { summarizeGltfFile } from '../../formats/gltf-summary.js';
import { sniffFileType } from '../../formats/sniff-file-type.js';
import { readBvhFile } from '../../import/bvh/index.js';
import { gltfSummaryLines } from '../gltf-summary-lines.js';
import { printWarnings } from '../print-warnings.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { pathOption } from './option-parsers.js';

interface InspectOptions {
  convention: string;
  boneMap?: string;
  frameMismatch: 'error' | 'use-lines' | 'use-header';
  /** `true`: print the template to stdout; a path: write it there and report as usual. */
  boneMapTemplate?: string | true;
}

export const inspectCommand = new Command('inspect')
  .summary('describe a BVH clip (joints, frames, convention, mapping coverage), or summarise a .glb/.gltf')
  .description(
    'Read a BVH file (any size: it is streamed) and report its skeleton and motion, which naming\n' +
      'convention it follows (scored; the best first), and which joints map onto the canonical body\n' +
      'that dazport retargets through. Joints that map to nothing are listed, never dropped silently,\n' +
      'and body joints without a source (which stop a retarget) are reported, never an error here.\n\n' +
      'When a naming is unknown or only partly known, --bone-map-template writes a bone map pre-filled\n' +
      'with what was detected, every source joint listed and the unmapped ones set to null: fill the\n' +
      'nulls with canonical joints (the file lists them) and pass it to retarget with --bone-map.\n\n' +
      'Given a glTF file (.glb, or .gltf with its resources) instead, it summarises it: scenes, nodes,\n' +
      'meshes with their vertices and triangles, materials, textures with their sizes, skins with their\n' +
      'joints, animations with their durations, extensions, file size.',
  )
  .argument('<clip>', 'a .bvh file (or a .glb/.gltf to summarise)', pathOption)
  .addOption(
    new Option('--convention <id>', 'force a convention instead of detecting it')
      .choices(['auto', ...SOURCE_CONVENTIONS.map((c) => c.id)])
      .default('auto'),
  )
  .option('--bone-map <file>', 'a JSON bone map (see README: Bone maps)', pathOption)
  .option(
    '--bone-map-template [file]',
    'write a ready-to-edit JSON bone map for this clip, pre-filled with what was detected (to stdout without a file)',
    pathOption,
  )
  .addOption(
    new Option(
      '--frame-mismatch <policy>',
      'when the frame lines do not match "Frames:": keep every line (with a warning), keep the header count, or stop (strict)',
    )
      .choices(['use-lines', 'use-header', 'error'])
      .default('use-lines'),
  )
  .action(async (clip: string, options: InspectOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    await runCommand(globals, () => inspect(clip, options, globals));
  });

async function inspect(file: string, options: InspectOptions, globals: GlobalOptions): Promise<void> {
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
  const summary = await summarizeGltfFile(file);
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...summary })}\n`);
    return;
  }
  if (!globals.quiet) process.stdout.write(`${gltfSummaryLines(summary).join('\n')}\n`);
}
