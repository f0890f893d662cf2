import { DzNode } from '../dom/dz-node.js';
import { DzScene, type SceneEventSink } from '../dom/dz-scene.js';
import type { GlobalBindings, ScriptRealm } from '../runtime/script-runtime.js';
import type { NodeSpec, SceneSpec } from './scene-spec.js';

function buildNode(spec: NodeSpec): DzNode {
  const node = new DzNode(spec.kind, spec.name, spec.label);
  for (const child of spec.children ?? []) node.attachChild(buildNode(child));
  return node;
}

/** The script globals for a scene: `Scene` and friends. */
export function buildGlobals(
  spec: SceneSpec,
  realm: ScriptRealm,
  emit: SceneEventSink,
): { scene: DzScene; globals: GlobalBindings } {
  const scene = new DzScene(realm, spec.nodes.map(buildNode), emit);
  return { scene, globals: { Scene: scene } };
}
