/**
 * `dazport retarget`: its options, help and argument checks. What it does is retarget-run.ts,
 * loaded when it runs: declaring the command loads no reader, retargeter, client or writer.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SOURCE_CONVENTIONS } from '../../bonemaps/conventions/tables.js';
import type { RootMotionMode } from '../../export/skeleton-profiles/profile.js';
import { BAKE_DEFAULTS } from '../../import/bake/bake-options.js';
import type { FloorChoice, SourceRestChoice } from '../../import/retarget/retarget.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import {
  addEngineOutputOptions,
  ENGINE_OUTPUT_HELP,
  type EngineOutputFlags,
} from '../engine-output-options.js';
import { parseFloor, parseSourceRest } from '../retarget-option-parsers.js';
import { parseRetargetTo, type RetargetToFlag } from '../retarget-target.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import {
  addSkeletonProfileOptions,
  SKELETON_PROFILE_HELP,
  type SkeletonProfileFlags,
} from '../skeleton-profile-options.js';
import { parseSourceSpec, SOURCE_KINDS, type SourceSpec } from '../source-option.js';
import { collectPaths, pathOption, positiveNumberOption } from './option-parsers.js';

export interface RetargetFlags extends ConnectionFlags, SkeletonProfileFlags, EngineOutputFlags {
  /** A DAZ target, or with --source poser|dust3d a figure label (source-retarget.ts). */
  to: RetargetToFlag;
  source: SourceSpec;
  emulated?: string;
  out?: string[];
  convention: string;
  boneMap?: string;
  fps?: number;
  rootScale: 'auto' | 'unit' | number;
  sourceUnitCm?: number;
  frames?: [number, number];
  /** `--no-root-motion` gives false; `--root-motion <mode>` a mode. */
  rootMotion?: boolean | RootMotionMode;
  twist: 'distribute' | 'keep';
  reduce: boolean;
  toleranceDeg: number;
  toleranceCm: number;
  gzip: boolean;
  frameMismatch: 'error' | 'use-lines' | 'use-header';
  /** Key only the bones the motion drives in .duf and live output (default: every bone). */
  onlyDriven?: boolean;
  sourceRest: SourceRestChoice;
  floor: FloorChoice;
  allowPartial?: boolean;
  footLock: boolean;
}

function parseRootScale(value: string): 'auto' | 'unit' | number {
  if (value === 'auto' || value === 'unit') return value;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(
      `--root-scale takes auto, unit or cm per source unit (> 0), got "${value}"`,
    );
  return n;
}

function parseFrames(value: string): [number, number] {
  const m = /^(\d+):(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) > Number(m[2]))
    throw new InvalidArgumentError(`--frames takes first:last source frames (0-based), got "${value}"`);
  return [Number(m[1]), Number(m[2])];
}

export const retargetCommand = addConnectionOptions(
  addEngineOutputOptions(addSkeletonProfileOptions(new Command('retarget')))
    .summary(
      'retarget a BVH clip onto Genesis 8/9 (or a Poser figure) and write it to a live figure, .duf, glTF or USD',
    )
    .description(
      'Read a BVH clip, map its joints onto the canonical body (detected convention, --convention or\n' +
        '--bone-map), retarget it rest-pose-aware onto a Genesis skeleton, and deliver it:\n' +
        '  --to genesis9|genesis8f|genesis8m   built-in figure (needs no DAZ Studio)\n' +
        '  --to live:"<figure label>"           a figure in the running DAZ Studio; keys are written\n' +
        '                                       to it in a few batched requests, as one undo step\n' +
        '  --source poser --to "<figure label>" a figure in Poser (PoserTalkr), read rigged; with\n' +
        "                                       --emulated figure, the Poser emulator's (.glb/.gltf/.usda)\n" +
        'Outputs (--out, repeatable) by extension:\n' +
        '  .glb/.gltf  skeleton + mannequin skinned to it + the animation (quaternions, hip motion)\n' +
        '  .usda       SkelRoot / Skeleton / SkelAnimation, centimetres\n' +
        '  .duf        DAZ pose preset with keys (gzipped like DAZ writes them); load it onto the figure\n' +
        'Keys for .duf and live figures are reduced: a key linear interpolation reproduces within\n' +
        '--tolerance-deg / --tolerance-cm is dropped. Scene files carry every resampled frame.\n' +
        '.duf and live output key every bone of the figure (one rest key on the bones the motion does\n' +
        'not drive), so the result does not depend on the pose the figure had; --only-driven keys\n' +
        'only the driven bones. A clip whose frame lines disagree with "Frames:" is read whole, with a\n' +
        'warning (--frame-mismatch error refuses it). The rate comes from "Frame Time:", snapped to the\n' +
        'rate it evidently rounds (0.0083333 s is 120 fps); a clip with "Frame Time: 0" is taken at --fps.\n' +
        'Work follows the frames present: "Frames:" beyond the frame lines is a mismatch like any other,\n' +
        'a rate above 10,000 fps or a resample of more than 1000 frames per source frame is refused.',
    )
    .argument('<clip>', 'a .bvh file', pathOption)
    .requiredOption(
      '--to <target>',
      'genesis9, genesis8f, genesis8m or live:<figure label>; with --source poser, the figure label',
      parseRetargetTo,
    )
    .addOption(
      new Option(
        '--source <app>',
        `where the figure is: ${SOURCE_KINDS.join(', ')}, optionally :host:port (daz, the default: --to names ` +
          'a built-in or live: figure; poser: Poser running PoserTalkr, 127.0.0.1:55555, --to names its figure)',
      )
        .default(parseSourceSpec('daz'), 'daz')
        .argParser(parseSourceSpec),
    )
    .option(
      '--emulated <scene>',
      "with --source poser: read the figure from the embedded emulator's scene (figure)",
    )
    .option(
      '-o, --out <file>',
      'output .glb, .gltf, .usda or .duf (repeatable; optional with live:)',
      collectPaths,
    )
    .addOption(
      new Option('--convention <id>', 'source naming convention')
        .choices(['auto', ...SOURCE_CONVENTIONS.map((c) => c.id)])
        .default('auto'),
    )
    .option(
      '--bone-map <file>',
      'a JSON bone map (see README: Bone maps); wins over --convention',
      pathOption,
    )
    .option('--fps <n>', 'output frame rate (default: the clip’s)', positiveNumberOption('--fps', 1000))
    .addOption(
      new Option(
        '--root-scale <how>',
        'hip motion scale: auto (leg-length ratio), unit, or cm per source unit',
      )
        .default('auto')
        .argParser(parseRootScale),
    )
    .option(
      '--source-unit-cm <n>',
      'centimetres per source unit, for --root-scale unit',
      positiveNumberOption('--source-unit-cm', 1e6),
    )
    .option('--frames <first:last>', 'only these source frames (0-based, inclusive)', parseFrames)
    .addOption(
      new Option(
        '--source-rest <how>',
        "the capture's reference pose: auto (zero rotations if they stand, else the most upright frame), zero, or frame:N",
      )
        .default('auto')
        .argParser(parseSourceRest),
    )
    .addOption(
      new Option(
        '--floor <how>',
        "auto: planted feet on the figure's floor, no frame through it; keep: the capture's height as scaled; or a floor height in cm",
      )
        .default('auto')
        .argParser(parseFloor),
    )
    .option(
      '--no-foot-lock',
      'let planted feet slide as the copied leg directions put them (default: pinned by leg IK, legs within a degree or so of the capture)',
    )
    .option('--allow-partial', 'retarget even when body joints are unmapped (they stay at rest)')
    .option('--no-root-motion', 'keep the hip in place (no translation keys at all, height included)')
    .addOption(
      new Option('--twist <how>', 'limb twist: spread over the twist bones, or keep it on the limb bone')
        .choices(['distribute', 'keep'])
        .default('distribute'),
    )
    .option('--no-reduce', 'keep every frame as a key in .duf and live output')
    .option(
      '--tolerance-deg <deg>',
      'key reduction tolerance for rotations',
      positiveNumberOption('--tolerance-deg', 10),
      BAKE_DEFAULTS.maxErrorDeg,
    )
    .option(
      '--tolerance-cm <cm>',
      'key reduction tolerance for the hip translation',
      positiveNumberOption('--tolerance-cm', 10),
      BAKE_DEFAULTS.maxErrorCm,
    )
    .option('--no-gzip', 'write .duf as plain JSON')
    .option('--only-driven', 'in .duf and live output, key only the bones the motion drives')
    .addOption(
      new Option(
        '--frame-mismatch <policy>',
        'when frame lines and "Frames:" disagree: read every line (warning), the header count, or stop',
      )
        .choices(['use-lines', 'use-header', 'error'])
        .default('use-lines'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ dazport retarget walk.bvh --to genesis9 --out walk.glb --out walk.usda --out walk.duf\n' +
        '  $ dazport retarget jump.bvh --to live:"Genesis 9" --fps 30\n' +
        '  $ dazport retarget take.bvh --to genesis8f --bone-map rokoko.json --out take.glb\n' +
        '  $ dazport retarget walk.bvh --to genesis9 --skeleton unreal --root-motion extract --out walk_ue.glb\n' +
        '  $ dazport retarget walk.bvh --source poser --to "Figure 1" --out walk.glb\n' +
        '  $ dazport retarget walk.bvh --source poser --emulated figure --to "Figure 1" --out walk.glb   # no Poser needed\n' +
        `\n${SKELETON_PROFILE_HELP}` +
        `\n${ENGINE_OUTPUT_HELP}`,
    ),
).action(async (clip: string, flags: RetargetFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, async () =>
    (await import('./retarget-run.js')).runRetarget(clip, flags, globals, command),
  );
});
