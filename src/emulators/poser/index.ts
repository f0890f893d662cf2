/**
 * The Poser emulator: python3 running a PoserTalkr-compatible server over an emulated `poser`
 * module with built-in scenes.
 *
 * @category Poser
 */
export {
  POSER_SCENE_NAMES,
  type PoserEmulator,
  type PoserEmulatorOptions,
  type PoserSceneName,
  startPoserEmulator,
} from './start-poser-emulator.js';
