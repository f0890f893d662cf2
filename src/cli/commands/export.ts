/**
 * `dazport export`: its options, help and argument checks. What it does is export-run.ts, loaded
 * when it runs: declaring the command loads no client, emulator or writer.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { MORPH_PRESETS, type MorphPreset, parseMorphPatterns } from '../../client/morph-selection.js';
import { NODE_TYPES, parseNodeTypes } from '../../client/node-selection.js';
import { ANIMATION_MODES, type AnimationMode } from '../../client/read-animation.js';
import type { RootMotionMode } from '../../export/skeleton-profiles/profile.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { anySourceSceneOption } from '../emulated-scene-option.js';
import {
  addEngineOutputOptions,
  ENGINE_OUTPUT_HELP,
  type EngineOutputFlags,
} from '../engine-output-options.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import {
  addSkeletonProfileOptions,
  SKELETON_PROFILE_HELP,
  type SkeletonProfileFlags,
} from '../skeleton-profile-options.js';
import { parseSourceSpec, SOURCE_KINDS, type SourceSpec } from '../source-option.js';
import { collectLabels, collectPaths, integerOption } from './option-parsers.js';

export interface ExportFlags extends ConnectionFlags, SkeletonProfileFlags, EngineOutputFlags {
  rootMotion?: RootMotionMode;
  out: string[];
  select?: string[];
  only?: string[];
  dryRun?: boolean;
  rigged?: boolean;
  morphs?: boolean | string[];
  morphPreset?: MorphPreset;
  emulated?: string;
  source: SourceSpec;
  watch?: boolean;
  chunkKb: number;
  rereads: number;
  animation: AnimationMode;
  frame?: number;
  bakeCorrectives?: boolean;
}

export const exportCommand = addConnectionOptions(
  addEngineOutputOptions(addSkeletonProfileOptions(new Command('export')))
    .summary('read the scene from DAZ Studio and write glTF 2.0 (.glb/.gltf) or USD (.usda)')
    .description(
      'Stream the current DAZ Studio scene through the DazScript Server (posed vertices, faces, UVs,\n' +
        'normals, materials, cameras, lights, skeletons) and write it. The format follows the file name:\n' +
        '  .glb   one binary glTF file, textures embedded (game engines)\n' +
        '  .gltf  glTF JSON, the .bin beside it, textures in <name>_textures/\n' +
        '  .usda  USD text layer, centimetres (metersPerUnit 0.01), Y up (archival, USD tools)\n' +
        'Give --out more than once to write several formats from one read of the scene.\n' +
        'By default meshes are written as posed in DAZ Studio; --rigged writes the rest mesh, the\n' +
        'skeleton and skin weights instead, so engines can pose it (and --morphs adds morph targets).\n' +
        'With --source dust3d or --source poser the scene comes from Dust3D (Remote IO) or Poser\n' +
        '(PoserTalkr) instead, into the same writers.',
    )
    .requiredOption('-o, --out <file>', 'output file: .glb, .gltf or .usda (repeatable)', collectPaths)
    .option(
      '--select <labels>',
      'only these top-level nodes and what is under them (comma-separated labels)',
      collectLabels,
    )
    .option(
      '--only <types>',
      `only nodes of these types: ${NODE_TYPES.join(', ')} (comma-separated; with --select, both must hold)`,
      nodeTypesOption,
    )
    .option(
      '--dry-run',
      'read only the inventory and materials; print what would be read and written, with estimated sizes; write nothing',
    )
    .option('--rigged', 'write skeletons, rest meshes and skin weights (skinned meshes)')
    .option(
      '--morphs [patterns]',
      'also write morphs as morph targets / blend shapes (implies --rigged). Bare: every morph that moves ' +
        'something; or comma-separated glob patterns (* any run, ? one character, !p leaves matches out), each tried ' +
        "on the morph's name and on its label, case-insensitive: --morphs 'eCTRLv*,facs_bs_Eye*'. Morphs not " +
        'chosen are never downloaded; `dazport scene --morphs` lists names and labels',
      morphPatternsOption,
    )
    .addOption(
      new Option(
        '--morph-preset <set>',
        'a named set of morphs, Genesis 8 and 9 names (docs/morph-presets.md): arkit (the 52 ARKit shapes, ' +
          'G9 facs_bs_/facs_jnt_), visemes (G8 eCTRLv*, G9 facs_ctrl_v*), expressions (eCTRL*, facs_*, ' +
          'visemes left out), all, none; adds to --morphs patterns; implies --rigged',
      ).choices(MORPH_PRESETS),
    )
    .addOption(
      new Option(
        '--animation <mode>',
        'the animation already in the DAZ scene (keyed bones, node transforms, morphs) over its animation range: none (the scene at its current time), bake (DAZ evaluates every keyed value at every frame), keys (linear and constant keys interpolated here, others evaluated by DAZ per frame); implies --rigged, morph tracks need --morphs',
      )
        .choices(ANIMATION_MODES)
        .default('none'),
    )
    .addOption(
      new Option(
        '--bake-correctives',
        'with --animation keys|bake: bake the joint correctives (JCMs, the morphs DAZ drives from bone ' +
          'rotations through ERC links, e.g. pJCMNeckFwd_35 from the neck bend) as morph weight tracks. ' +
          'Engines have no such drivers: without the bake a bent elbow or neck loses its corrective shape. ' +
          'DAZ evaluates each corrective at every frame; they are written as morph targets even when --morphs ' +
          'does not choose them, and those that never change over the animation are left out (reported)',
      ),
    )
    .addOption(
      new Option(
        '--frame <n>',
        "export the scene posed at this frame of its timeline: DAZ Studio's time is moved there for the read, then put back",
      ).argParser(integerOption('--frame', -1_000_000, 1_000_000)),
    )
    .addOption(
      new Option(
        '--source <app>',
        `where the scene comes from: ${SOURCE_KINDS.join(', ')}, optionally :host:port (daz: DAZ Studio, the default, ` +
          'at --host/--port; dust3d: Dust3D Remote IO, 127.0.0.1:53309; poser: Poser running PoserTalkr, ' +
          '127.0.0.1:55555). Neither Dust3D nor PoserTalkr asks for a password: keep them on loopback',
      )
        .default(parseSourceSpec('daz'), 'daz')
        .argParser(parseSourceSpec),
    )
    .option(
      '--watch',
      'with --source dust3d: export again each time Dust3D regenerates its result mesh, until Ctrl-C ' +
        '(each file is replaced whole; with --json one object per export)',
    )
    .addOption(
      anySourceSceneOption(
        '--emulated <scene>',
        'read from an embedded emulator serving this scene, not the application',
      ),
    )
    .addOption(
      new Option('--chunk-kb <n>', 'wanted size of one answer while streaming, kB')
        .default(2048)
        .argParser(integerOption('--chunk-kb', 16, 32_768)),
    )
    .addOption(
      new Option(
        '--rereads <n>',
        'if the scene changes while it is read (an edit in DAZ Studio), read it again up to n times; ' +
          '0 stops with an error (exit 5) instead. Never mixes two states of the scene.',
      )
        .default(0)
        .argParser(integerOption('--rereads', 0, 20)),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ dazport export --out hero.glb --rigged --morphs --select "Genesis 9"\n' +
        '  $ dazport export --out face.glb --select "Genesis 9" --morph-preset arkit   # ARKit / Live Link\n' +
        "  $ dazport export --emulated g8f --out talk.glb --morphs 'eCTRLv*'   # the visemes only\n" +
        '  $ dazport export --out scene.usda --out scene.glb\n' +
        '  $ DAZ_TOKEN_FILE=~/.daz3d/dazscriptserver_token.txt dazport export --out set.gltf\n' +
        '  $ dazport export --emulated g9 --out g9.glb     # no DAZ Studio needed\n' +
        '  $ dazport export --out cams.gltf --only cameras,lights\n' +
        '  $ dazport export --out scene.gltf --out scene.usda --dry-run   # sizes, nothing written\n' +
        '  $ dazport export --out hero_ue.glb --rigged --select "Genesis 9" --skeleton unreal\n' +
        '  $ dazport export --emulated g9-anim --out anim.glb --animation bake --morphs   # the timeline\n' +
        '  $ dazport export --emulated g9-anim --out frame30.glb --frame 30   # posed at frame 30\n' +
        '  $ dazport export --emulated g9-anim --out walk.glb --animation bake --bake-correctives   # JCMs follow the bones\n' +
        `\n${SKELETON_PROFILE_HELP}` +
        `\n${ENGINE_OUTPUT_HELP}`,
    ),
).action(async (flags: ExportFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, async () => (await import('./export-run.js')).runExport(flags, globals, command));
});

/** `--morphs`'s argParser: repeatable, comma-separated patterns, checked (exit 1 on an empty one). */
function morphPatternsOption(value: string, previous: boolean | string[] | undefined): string[] {
  try {
    return [...(Array.isArray(previous) ? previous : []), ...parseMorphPatterns([value])];
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** `--only`'s argParser: repeatable, comma-separated, checked (exit 1 naming the valid types). */
function nodeTypesOption(value: string, previous: string[] | undefined): string[] {
  try {
    return [...(previous ?? []), ...parseNodeTypes([value])];
  } catch {
    throw new InvalidArgumentError(`--only takes ${NODE_TYPES.join(', ')} (comma-separated), got "${value}"`);
  }
}
