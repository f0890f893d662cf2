import { Command, Option } from 'commander';
import type { DazClient } from '../../client/dazscript-client.js';
import { type ReadProgress, readScene } from '../../client/scene-reader.js';
import { BUILTIN_SCENE_NAMES } from '../../emulator/scenes/builtin-scenes.js';
import type { ExportSummary } from '../../export/export-types.js';
import { addConnectionOptions, type ConnectionFlags, connect } from '../connection-options.js';
import { withEmbeddedEmulator } from '../embedded-emulator.js';
import { printWarnings } from '../print-warnings.js';
import { ProgressBar } from '../progress.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { checkSceneFile, describeExport, ensureParentFolder, writeSceneFile } from '../write-scene-file.js';
import { collectLabels, collectPaths, integerOption } from './option-parsers.js';

interface ExportFlags extends ConnectionFlags {
  out: string[];
  select?: string[];
  rigged?: boolean;
  morphs?: boolean;
  emulated?: string;
  chunkKb: number;
  rereads: number;
}

export const exportCommand = addConnectionOptions(
  new Command('export')
    .summary('read the scene from DAZ Studio and write glTF 2.0 (.glb/.gltf) or USD (.usda)')
    .description(
      'Stream the current DAZ Studio scene through the DazScript Server (posed vertices, faces, UVs,\n' +
        'normals, materials, cameras, lights, skeletons) and write it. The format follows the file name:\n' +
        '  .glb   one binary glTF file, textures embedded (game engines)\n' +
        '  .gltf  glTF JSON + .bin + textures beside it\n' +
        '  .usda  USD text layer, centimetres (metersPerUnit 0.01), Y up (archival, USD tools)\n' +
        'Give --out more than once to write several formats from one read of the scene.\n' +
        'By default meshes are written as posed in DAZ Studio; --rigged writes the rest mesh, the\n' +
        'skeleton and skin weights instead, so engines can pose it (and --morphs adds morph targets).',
    )
    .requiredOption('-o, --out <file>', 'output file: .glb, .gltf or .usda (repeatable)', collectPaths)
    .option(
      '--select <labels>',
      'only these top-level nodes and what is under them (comma-separated labels)',
      collectLabels,
    )
    .option('--rigged', 'write skeletons, rest meshes and skin weights (skinned meshes)')
    .option('--morphs', 'also write morphs as morph targets / blend shapes (implies --rigged)')
    .addOption(
      new Option(
        '--emulated <scene>',
        'read from an embedded emulator serving this scene, not DAZ Studio',
      ).choices([...BUILTIN_SCENE_NAMES]),
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
        '  $ dazport export --out scene.usda --out scene.glb\n' +
        '  $ DAZ_TOKEN_FILE=~/.daz3d/dazscriptserver_token.txt dazport export --out set.gltf\n' +
        '  $ dazport export --emulated g9 --out g9.glb     # no DAZ Studio needed\n',
    ),
).action(async (flags: ExportFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, () => runExport(flags, globals));
});

async function runExport(flags: ExportFlags, globals: GlobalOptions): Promise<void> {
  for (const out of flags.out) checkSceneFile(out);
  for (const out of flags.out) ensureParentFolder(out);
  if (flags.emulated) {
    printExportReport(
      await withEmbeddedEmulator(flags.emulated, ({ client }) => exportFrom(client, flags, globals)),
      globals,
    );
    return;
  }
  const client = connect(flags);
  try {
    printExportReport(await exportFrom(client, flags, globals), globals);
  } finally {
    await client.close();
  }
}

export interface SceneExportReport {
  source: string;
  /** Reads started again because the scene changed during a read. */
  rereads: number;
  readMs: number;
  totalMs: number;
  outputs: ExportSummary[];
}

export interface SceneExportRequest {
  out: string[];
  select?: string[];
  rigged?: boolean;
  morphs?: boolean;
  chunkKb?: number;
  rereads?: number;
}

/** Read the scene once through `client`, write it to every output. */
export async function exportFrom(
  client: DazClient,
  request: SceneExportRequest,
  globals: GlobalOptions,
): Promise<SceneExportReport> {
  const rigged = Boolean(request.rigged || request.morphs);
  const bar = new ProgressBar(globals);
  const started = performance.now();
  let rereads = 0;
  const scene = await readScene(client, {
    rigged,
    select: request.select,
    chunkBytes: (request.chunkKb ?? 2048) * 1024,
    rereads: request.rereads ?? 0,
    onReread: (reason, n) => {
      rereads = n;
      bar.clear();
      if (!globals.json && !globals.quiet)
        process.stderr.write(`${reason.message}; reading it again (${n} of ${request.rereads})\n`);
    },
    onProgress: (p: ReadProgress) => bar.update(`reading ${p.mesh ?? p.phase}`, p.done, p.total),
  });
  const readMs = performance.now() - started;
  const outputs: ExportSummary[] = [];
  for (const out of request.out) {
    outputs.push(
      await writeSceneFile(scene, out, {
        rigged,
        morphs: Boolean(request.morphs),
        onProgress: (p) => bar.update(`writing ${out}: ${p.phase}`, p.done, p.total),
      }),
    );
  }
  bar.clear();
  return {
    source: scene.source.description,
    rereads,
    readMs: Math.round(readMs),
    totalMs: Math.round(performance.now() - started),
    outputs,
  };
}

export function printExportReport(report: SceneExportReport, globals: GlobalOptions): void {
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...report })}\n`);
    return;
  }
  const lines = exportReportLines(report, globals);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** The human report; warnings go straight to stderr (even with --quiet: they are losses). */
export function exportReportLines(
  report: SceneExportReport,
  globals: GlobalOptions,
  warningLimit = 3,
): string[] {
  for (const s of report.outputs) printWarnings(s.file, s.warnings, globals, warningLimit);
  if (globals.quiet) return [];
  return [
    ...report.outputs.map((s) => `wrote ${describeExport(s)}`),
    `read in ${(report.readMs / 1000).toFixed(2)} s${report.rereads ? ` (read ${report.rereads + 1} times: the scene changed)` : ''}, done in ${(report.totalMs / 1000).toFixed(2)} s`,
  ];
}
