import type { NodeSpec, SceneSpec } from './scene-spec.js';

/** The set every built-in scene stages its figure in: a prop, a camera and three lights. */
function stage(): NodeSpec[] {
  return [
    { kind: 'node', name: 'Cube', label: 'Textured Cube' },
    { kind: 'camera', name: 'Camera', label: 'Camera 1' },
    { kind: 'distant-light', name: 'Distant Light', label: 'Distant Light 1' },
    { kind: 'spot-light', name: 'Spotlight', label: 'Spotlight 1' },
    { kind: 'point-light', name: 'Point Light', label: 'Point Light 1' },
  ];
}

export const BUILTIN_SCENE_NAMES = ['g9', 'g8f', 'g8m', 'heavy', 'empty'] as const;
export type BuiltinSceneName = (typeof BUILTIN_SCENE_NAMES)[number];

export function builtinScene(name: BuiltinSceneName): SceneSpec {
  switch (name) {
    case 'g9':
      return { name, nodes: [{ kind: 'figure', name: 'Genesis9', label: 'Genesis 9' }, ...stage()] };
    case 'g8f':
      return {
        name,
        nodes: [{ kind: 'figure', name: 'Genesis8Female', label: 'Genesis 8 Female' }, ...stage()],
      };
    case 'g8m':
      return { name, nodes: [{ kind: 'figure', name: 'Genesis8Male', label: 'Genesis 8 Male' }, ...stage()] };
    case 'heavy':
      return {
        name,
        nodes: [
          { kind: 'figure', name: 'Genesis9', label: 'Genesis 9' },
          { kind: 'figure', name: 'Genesis9', label: 'Genesis 9 (2)' },
          { kind: 'figure', name: 'Genesis8Female', label: 'Genesis 8 Female' },
          { kind: 'figure', name: 'Genesis8Male', label: 'Genesis 8 Male' },
          ...stage(),
        ],
      };
    case 'empty':
      return { name, nodes: [] };
  }
}

export function isBuiltinSceneName(name: string): name is BuiltinSceneName {
  return (BUILTIN_SCENE_NAMES as readonly string[]).includes(name);
}
