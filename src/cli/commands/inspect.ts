import { Command, Option } from 'commander';
import { isBodyJoint } from '../../bonemaps/canonical.js';
import { chooseJointMapping } from '../../bonemaps/choose-mapping.js';
import { SOURCE_CONVENTIONS } from '../../bonemaps/conventions/tables.js';
import { readBvhFile } from '../../import/bvh/index.js';
import { printWarnings } from '../print-warnings.js';
import { type GlobalOptions, runCommand } from '../run-command.js';

interface InspectOptions {
  convention: string;
  boneMap?: string;
  frameMismatch: 'error' | 'use-lines' | 'use-header';
}

export const inspectCommand = new Command('inspect')
  .summary('describe a BVH clip: joints, frames, rate, detected convention, mapping coverage')
  .description(
    'Read a BVH file (any size: it is streamed) and report its skeleton and motion, which naming\n' +
      'convention it follows (scored; the best first), and which joints map onto the canonical body\n' +
      'that dazport retargets through. Joints that map to nothing are listed, never dropped silently.',
  )
  .argument('<clip>', 'a .bvh file')
  .addOption(
    new Option('--convention <id>', 'force a convention instead of detecting it')
      .choices(['auto', ...SOURCE_CONVENTIONS.map((c) => c.id)])
      .default('auto'),
  )
  .option('--bone-map <file>', 'a JSON bone map (see README: Bone maps)')
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
  const clip = await readBvhFile(file, { frameCountMismatch: options.frameMismatch });
  const names = clip.joints.map((j) => j.name);
  const { mapping: chosen, ranked } = chooseJointMapping(names, {
    convention: options.convention,
    boneMapFile: options.boneMap,
  });
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
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
