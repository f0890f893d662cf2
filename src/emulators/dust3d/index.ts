/**
 * A Dust3D Remote IO emulator: the protocol, a small document model and a mesh generator.
 *
 * @category Dust3D emulator
 */
export {
  DUST3D_SCENE_NAMES,
  type Dust3dSceneName,
  isDust3dSceneName,
  loadBuiltinDust3dScene,
  SEED_WINDOW_ID,
} from './builtin-scenes.js';
export { BONE_MARKS, Dust3dDocument, type EmuEdge, type EmuNode, type EmuPart } from './document-model.js';
export { type GeneratedMesh, generateMesh, writeObj } from './mesh-generator.js';
export { writeSnapshotXml } from './snapshot-xml.js';
export {
  type Dust3dEmulatorWindow,
  type RunningDust3dEmulator,
  type StartDust3dEmulatorOptions,
  startDust3dEmulator,
} from './start-dust3d-emulator.js';
