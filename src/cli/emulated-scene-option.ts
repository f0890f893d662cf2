/**
 * `--emulated <scene>` (and the demo's `--scene`): a built-in emulator scene, by its name (`g8f`)
 * or by the id of the figure in it (`genesis8f`, `genesis8female`), the ids every other command
 * takes. A wrong name is a usage error listing the closest.
 */
import { InvalidArgumentError, Option } from 'commander';
import { BUILTIN_FIGURES, findBuiltinFigure } from '../bonemaps/genesis/builtin-figures.js';
import { BUILTIN_SCENE_NAMES } from '../emulator/scenes/builtin-scenes.js';
import { OTHER_SOURCE_SCENES } from '../jobs/other-source-scenes.js';
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

/**
 * `--emulated`'s argParser: a built-in scene of any source's emulator (which source is checked
 * once --source is known, {@link checkEmulatedSceneSource}); a wrong name lists DAZ's scenes and
 * the closest, as every command's --emulated does, and the other sources' scenes.
 */
export function parseAnySourceScene(value: string): string {
  for (const names of Object.values(OTHER_SOURCE_SCENES)) if (names.includes(value)) return value;
  try {
    return parseSceneName(BUILTIN_SCENE_NAMES)(value);
  } catch (err) {
    const others = Object.entries(OTHER_SOURCE_SCENES)
      .map(([kind, names]) => `with --source ${kind}: ${names.join(', ')}`)
      .join('; ');
    throw new InvalidArgumentError(`${(err as Error).message}; ${others}`);
  }
}

/** `--emulated <scene>` of a command that takes --source: any source's built-in scenes, listed by source. */
export function anySourceSceneOption(flags: string, description: string): Option {
  return new Option(
    flags,
    `${description}: ${describeSceneNames(BUILTIN_SCENE_NAMES)}; ` +
      `with --source dust3d: ${OTHER_SOURCE_SCENES.dust3d.join(', ')}; with --source poser: ${OTHER_SOURCE_SCENES.poser.join(', ')}`,
  ).argParser(parseAnySourceScene);
}
