/**
 * The sources beside DAZ Studio and their emulators' built-in scene names: what the CLI's options
 * name in their help and check, kept apart from other-sources.ts so that declaring an option
 * loads no client or emulator.
 */
import { DUST3D_SCENE_NAMES } from '../emulators/dust3d/builtin-scenes.js';
import { POSER_SCENE_NAMES } from '../emulators/poser/start-poser-emulator.js';

export type OtherSourceKind = 'dust3d' | 'poser';

/** Each emulator's built-in scenes (the first is its default). */
export const OTHER_SOURCE_SCENES: Record<OtherSourceKind, readonly string[]> = {
  dust3d: DUST3D_SCENE_NAMES,
  poser: POSER_SCENE_NAMES,
};
