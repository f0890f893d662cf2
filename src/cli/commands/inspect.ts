/**
 * `dazport inspect`: its options and help. What it does is inspect-run.ts, loaded when it runs.
 */
import { Command, Option } from 'commander';
import { SOURCE_CONVENTIONS } from '../../bonemaps/conventions/tables.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { pathOption } from './option-parsers.js';

export interface InspectOptions {
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
    await runCommand(globals, async () => (await import('./inspect-run.js')).inspect(clip, options, globals));
  });
