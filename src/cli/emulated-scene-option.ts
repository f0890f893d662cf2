/**
 * `--emulated <scene>` (and the demo's `--scene`): a built-in emulator scene, by its name (`g8f`)
 * or by the id of the figure in it (`genesis8f`, `genesis8female`), the ids every other command
 * takes. A wrong name is a usage error listing the closest.
 */
import { InvalidArgumentError, Option } from 'commander';
import { BUILTIN_FIGURES, findBuiltinFigure } from '../bonemaps/genesis/builtin-figures.js';
import { closestMatches } from '../text/closest-matches.js';

/** `g9 (genesis9), g8f (genesis8f), g8m (genesis8m), heavy, empty` */
export function describeSceneNames(names: readonly string[]): string {
  return names
    .map((name) => {
      const figure = BUILTIN_FIGURES.find((f) => f.scene === name);
      return figure ? `${name} (${figure.id})` : name;
    })
    .join(', ');
}

export function parseSceneName(names: readonly string[]): (value: string) => string {
  return (value) => {
    if (names.includes(value)) return value;
    const scene = findBuiltinFigure(value)?.scene;
    if (scene && names.includes(scene)) return scene;
    const figureIds = BUILTIN_FIGURES.filter((f) => names.includes(f.scene)).map((f) => f.id);
    const close = closestMatches(value, [...names, ...figureIds], { limit: 3 });
    throw new InvalidArgumentError(
      `not a built-in scene: choose ${describeSceneNames(names)}${close.length ? ` (closest: ${close.join(', ')})` : ''}`,
    );
  };
}

export function emulatedSceneOption(flags: string, description: string, names: readonly string[]): Option {
  return new Option(flags, `${description}: ${describeSceneNames(names)}`).argParser(parseSceneName(names));
}
