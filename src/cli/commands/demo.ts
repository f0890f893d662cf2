import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { DazClient } from '../../client/dazscript-client.js';
import { BUILTIN_SCENE_NAMES } from '../../emulator/scenes/builtin-scenes.js';
import { startEmulator } from '../../emulator/start-emulator.js';
import { type GlobalOptions, runCommand } from '../run-command.js';

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

export const demoCommand = new Command('demo')
  .summary('run the main job end to end on an embedded emulator')
  .description(
    'Start a DAZ Studio emulator inside this process (loopback, random port, throwaway token) and run\n' +
      "dazport's main job against it over real HTTP, exactly as against DAZ Studio. For now: read the\n" +
      'scene inventory. Nothing is left behind: the token file lives in a temporary folder.',
  )
  .addOption(
    new Option('--scene <name>', 'built-in scene to serve').choices([...BUILTIN_SCENE_NAMES]).default('g9'),
  )
  .action(async (options: { scene: string }, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    await runCommand(globals, () => runDemo(options.scene, globals));
  });

async function runDemo(scene: string, globals: GlobalOptions): Promise<void> {
  const tokenDir = mkdtempSync(join(tmpdir(), 'dazport-demo-'));
  const emulator = await startEmulator({ scene, port: 0, tokenFile: join(tokenDir, 'token.txt') });
  const client = DazClient.connect({
    host: '127.0.0.1',
    port: emulator.server.port,
    token: emulator.token ?? '',
  });
  try {
    const { result, requestId } = await client.execute<{ nodes: InventoryNode[] }>(INVENTORY_SCRIPT);
    if (globals.json) {
      process.stdout.write(
        `${JSON.stringify({ ok: true, emulator: emulator.url, scene, requestId, nodes: result.nodes })}\n`,
      );
      return;
    }
    if (globals.quiet) return;
    const out: string[] = [];
    out.push(`dazport demo: embedded DAZ Studio emulator (scene ${scene}) at ${emulator.url}`);
    out.push(
      `scene inventory: ${result.nodes.length} nodes besides bones (POST /execute, request ${requestId})`,
    );
    const width = Math.max(5, ...result.nodes.map((n) => n.label.length));
    out.push(`  ${'label'.padEnd(width)}  ${'type'.padEnd(16)}  contents`);
    for (const node of result.nodes)
      out.push(`  ${node.label.padEnd(width)}  ${node.type.padEnd(16)}  ${describe(node)}`);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await client.close();
    await emulator.stop();
    rmSync(tokenDir, { recursive: true, force: true });
  }
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
