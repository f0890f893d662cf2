/**
 * `--texture-max`, `--texture-format`, `--jpeg-quality`, `--meshopt`, `--quantize`, `--up` and
 * `--scale`, shared by `export` and `retarget`: what game engines ask of .glb/.gltf/.usda output
 * (src/export/engine-options.ts). Values are checked here (exit 1 naming the flag); which
 * output may take which option is checked by the jobs, before anything is read.
 */
import { type Command, Option } from 'commander';
import {
  type EngineOutputOptions,
  TEXTURE_FORMATS,
  TEXTURE_MAX_LIMIT,
  UP_AXES,
} from '../export/engine-options.js';
import { integerOption, positiveNumberOption } from './commands/option-parsers.js';

/** What commander parses the flags into: the library's own options, field for field. */
export type EngineOutputFlags = EngineOutputOptions;

/** The help lines both commands print after their examples. */
export const ENGINE_OUTPUT_HELP =
  'Engine options (.glb/.gltf/.usda; .duf and live keys ignore them):\n' +
  '  --texture-max 2048     scale maps down to 2048 px on the longer side (area filter, aspect kept)\n' +
  '  --texture-format jpeg  colour maps without alpha as JPEG (--jpeg-quality, default 90); normal,\n' +
  '                         roughness, metallic and opacity maps keep their format (JPEG bends\n' +
  '                         normals and blends packed channels); png: every map PNG\n' +
  '  --quantize             glTF: KHR_mesh_quantization (16-bit positions, smaller normals/UVs)\n' +
  '  --meshopt              glTF: EXT_meshopt_compression (quantized + compressed; the reader\n' +
  '                         needs a meshopt decoder: three.js, Babylon.js, Unity glTFast)\n' +
  '  --up z                 .usda only: upAxis "Z", the scene turned to stand along +Z (glTF is\n' +
  '                         Y-up by specification; engines turn it on import)\n' +
  '  --scale 100            every length × 100 (skinning, morphs and animation included); glTF\n' +
  '                         stays in metres, USDA in centimetres\n' +
  '  $ dazport export --emulated g9 --rigged --out g9_ue.glb --skeleton unreal --texture-max 2048 --quantize\n' +
  '  $ dazport export --out hero.glb --rigged --texture-max 1024 --texture-format jpeg --meshopt   # web, Unity glTFast\n' +
  '  $ dazport export --out hero.usda --rigged --up z --texture-max 2048                         # Blender, Unreal USD\n';

export function addEngineOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--texture-max <px>',
        'scale textures down so their longer side is at most this many pixels (aspect kept)',
      ).argParser(integerOption('--texture-max', 1, TEXTURE_MAX_LIMIT)),
    )
    .addOption(
      new Option(
        '--texture-format <format>',
        'keep each map’s format, or write maps as png, or colour maps as jpeg',
      )
        .choices([...TEXTURE_FORMATS])
        .default('keep'),
    )
    .addOption(
      new Option('--jpeg-quality <q>', 'quality of the JPEGs written, 1–100')
        .default(90)
        .argParser(integerOption('--jpeg-quality', 1, 100)),
    )
    .option('--meshopt', 'glTF only: compress meshes with EXT_meshopt_compression (quantized too)')
    .option('--quantize', 'glTF only: quantize mesh attributes (KHR_mesh_quantization)')
    .addOption(
      new Option('--up <axis>', 'up axis: y, or z for a .usda (glTF is always Y-up)')
        .choices([...UP_AXES])
        .default('y'),
    )
    .addOption(
      new Option('--scale <s>', 'multiply every length by s (e.g. 100 for engines that take cm as m)')
        .default(1)
        .argParser(positiveNumberOption('--scale', 1e6)),
    );
}

/** The flags in the jobs' terms. */
export function engineOutputOptionsOfFlags(flags: EngineOutputFlags): EngineOutputOptions {
  return {
    textureMax: flags.textureMax,
    textureFormat: flags.textureFormat,
    jpegQuality: flags.jpegQuality,
    meshopt: flags.meshopt,
    quantize: flags.quantize,
    up: flags.up,
    scale: flags.scale,
  };
}
