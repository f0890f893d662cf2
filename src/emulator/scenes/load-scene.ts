import { readFileSync } from 'node:fs';
import { DazportError } from '../../errors.js';
import type { NodeKind } from '../dom/dz-node.js';
import { BUILTIN_SCENE_NAMES, builtinScene, isBuiltinSceneName } from './builtin-scenes.js';
import type { NodeSpec, SceneSpec } from './scene-spec.js';

const KINDS: readonly NodeKind[] = ['node', 'figure', 'camera', 'distant-light', 'spot-light', 'point-light'];

/** A built-in scene by name, or a scene JSON file by path. */
export function loadSceneSpec(nameOrPath: string): SceneSpec {
  if (isBuiltinSceneName(nameOrPath)) return builtinScene(nameOrPath);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_SCENE_NOT_FOUND',
      `scene "${nameOrPath}" is neither built in nor a readable file`,
      {
        context: { scene: nameOrPath },
        suggestion: `use one of ${BUILTIN_SCENE_NAMES.join(', ')} or the path of a scene JSON file`,
        cause,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `${nameOrPath}: not valid JSON (${(cause as Error).message})`,
      {
        context: { file: nameOrPath },
        cause,
      },
    );
  }
  return validateSceneSpec(json, nameOrPath);
}

function fail(file: string, where: string, expected: string): never {
  throw new DazportError('DAZPORT_SCENE_INVALID', `${file}: ${where}: expected ${expected}`, {
    context: { file, where },
  });
}

export function validateSceneSpec(json: unknown, file: string): SceneSpec {
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail(file, '(root)', 'an object');
  const root = json as Record<string, unknown>;
  if (typeof root.name !== 'string') fail(file, 'name', 'a string');
  if (!Array.isArray(root.nodes)) fail(file, 'nodes', 'an array');
  return {
    name: root.name as string,
    nodes: (root.nodes as unknown[]).map((n, i) => validateNode(n, `nodes[${i}]`, file)),
  };
}

function validateNode(json: unknown, where: string, file: string): NodeSpec {
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail(file, where, 'an object');
  const n = json as Record<string, unknown>;
  if (!KINDS.includes(n.kind as NodeKind)) fail(file, `${where}.kind`, `one of ${KINDS.join(', ')}`);
  if (typeof n.name !== 'string' || n.name === '') fail(file, `${where}.name`, 'a non-empty string');
  if (n.label !== undefined && typeof n.label !== 'string') fail(file, `${where}.label`, 'a string');
  if (n.children !== undefined && !Array.isArray(n.children)) fail(file, `${where}.children`, 'an array');
  return {
    kind: n.kind as NodeKind,
    name: n.name as string,
    label: (n.label as string | undefined) ?? (n.name as string),
    children: ((n.children as unknown[] | undefined) ?? []).map((c, i) =>
      validateNode(c, `${where}.children[${i}]`, file),
    ),
  };
}
