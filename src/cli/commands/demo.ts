import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { BAKE_DEFAULTS } from '../../import/bake/bake-motion.js';
import { withEmbeddedEmulator } from '../embedded-emulator.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { ensureParentFolder } from '../write-scene-file.js';
import { exportFrom, exportReportLines } from './export.js';
import { pathOption, positiveNumberOption } from './option-parsers.js';
import { retargetReportLines, retargetVia } from './retarget.js';

/** ES5, returns plain values only: what a real DAZ Studio runs just the same. Bones are counted, not listed. */
const INVENTORY_SCRIPT = `(function () {
  var nodes = [];
  for (var i = 0; i < Scene.getNumNodes(); i++) {
    var node = Scene.getNode(i);
    if (node.inherits("DzBone")) continue;
    var parent = node.getNodeParent();
    var obj = node.getObject();
    var geom = obj ? obj.getCurrentShape().getGeometry() : null;
    nodes.push({ label: node.getLabel(), name: node.getName(), type: node.className(),
      parent: parent ? parent.getLabel() : null,
      bones: node.inherits("DzSkeleton") ? node.getAllBones().length : 0,
      vertices: geom ? geom.getNumVertices() : 0,
      facets: geom ? geom.getNumFacets() : 0 });
  }
  return { nodes: nodes };
})()`;

interface InventoryNode {
  label: string;
  name: string;
  type: string;
  parent: string | null;
  bones: number;
  vertices: number;
  facets: number;
}

/** The demo's figure per built-in scene: the live target of the retarget step. */
const FIGURE_OF = { g9: 'Genesis 9', g8f: 'Genesis 8 Female', g8m: 'Genesis 8 Male' } as const;
type DemoScene = keyof typeof FIGURE_OF;

// From src/cli/commands (tsx) and dist/cli/commands (built) alike, the repository is three up.
const DEMO_CLIP = fileURLToPath(new URL('../../../fixtures/bvh/cmu_01_01.bvh', import.meta.url));

interface DemoOptions {
  scene: DemoScene;
  outDir: string;
  fps: number;
}

export const demoCommand = new Command('demo')
  .summary('run the main job end to end on an embedded emulator')
  .description(
    'Start a DAZ Studio emulator inside this process (loopback, random port, throwaway token) and run\n' +
      "dazport's main job against it over real HTTP, exactly as against DAZ Studio:\n" +
      '  1. read the scene inventory\n' +
      '  2. export the whole scene, rigged with morphs, to GLB and USDA\n' +
      '  3. retarget the CMU walk (fixtures/bvh/cmu_01_01.bvh) onto the live figure (keys written\n' +
      '     in batches as one undo step) and to files: GLB, USDA and a DAZ .duf preset\n' +
      'Outputs go to --out-dir. Nothing else is left behind: the token file lives in a temporary folder.',
  )
  .addOption(
    new Option('--scene <name>', 'built-in scene to serve').choices(Object.keys(FIGURE_OF)).default('g9'),
  )
  .option('--out-dir <dir>', 'where to write the outputs', pathOption, 'dazport-demo')
  .option('--fps <n>', 'frame rate of the retargeted clip', positiveNumberOption('--fps', 1000), 30)
  .action(async (options: DemoOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    await runCommand(globals, () => runDemo(options, globals));
  });

async function runDemo(options: DemoOptions, globals: GlobalOptions): Promise<void> {
  const figure = FIGURE_OF[options.scene];
  const outDir = resolve(options.outDir);
  ensureParentFolder(join(outDir, `${options.scene}.glb`));
  await withEmbeddedEmulator(options.scene, async ({ client, url }) => {
    const { result, requestId } = await client.execute<{ nodes: InventoryNode[] }>(INVENTORY_SCRIPT);
    const exported = await exportFrom(
      client,
      {
        out: [join(outDir, `${options.scene}.glb`), join(outDir, `${options.scene}.usda`)],
        rigged: true,
        morphs: true,
      },
      globals,
    );
    const retargeted = await retargetVia(
      client,
      figure,
      true,
      DEMO_CLIP,
      {
        out: ['glb', 'usda', 'duf'].map((ext) => join(outDir, `cmu_01_01-${options.scene}.${ext}`)),
        convention: 'auto',
        fps: options.fps,
        rootScale: 'auto',
        rootMotion: true,
        twist: 'distribute',
        reduce: true,
        toleranceDeg: BAKE_DEFAULTS.maxErrorDeg,
        toleranceCm: BAKE_DEFAULTS.maxErrorCm,
        gzip: true,
        frameMismatch: 'error',
        sourceRest: 'auto',
        floor: 'auto',
        footLock: true,
      },
      globals,
    );
    if (globals.json) {
      process.stdout.write(
        `${JSON.stringify({ ok: true, emulator: url, scene: options.scene, requestId, nodes: result.nodes, export: exported, retarget: retargeted })}\n`,
      );
      return;
    }
    const out: string[] = [];
    out.push(`dazport demo: embedded DAZ Studio emulator (scene ${options.scene}) at ${url}`);
    out.push(
      `1. scene inventory: ${result.nodes.length} nodes besides bones (POST /execute, request ${requestId})`,
    );
    const width = Math.max(5, ...result.nodes.map((n) => n.label.length));
    for (const node of result.nodes)
      out.push(`     ${node.label.padEnd(width)}  ${node.type.padEnd(16)}  ${describe(node)}`);
    out.push('2. scene export (rigged, morphs)');
    out.push(...exportReportLines(exported, globals, 0).map((l) => `     ${l}`));
    out.push(`3. retarget onto the live "${figure}" and to files`);
    out.push(...retargetReportLines(retargeted, globals, 0).map((l) => `     ${l}`));
    if (!globals.quiet) process.stdout.write(`${out.join('\n')}\n`);
  });
}

function describe(node: InventoryNode): string {
  const parts: string[] = [];
  if (node.bones) parts.push(`${node.bones} bones`);
  if (node.vertices)
    parts.push(
      `${node.vertices.toLocaleString('en-US')} vertices, ${node.facets.toLocaleString('en-US')} facets`,
    );
  return parts.join(', ');
}
