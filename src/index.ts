/**
 * dazport's library entry: the pieces the CLI is made of, for pipelines written in TypeScript.
 * Data flows one way: a source (the DazScript client, the BVH reader) → the neutral model
 * (`Scene`, `Motion`) → writers (glTF, USDA, .duf, live keys).
 */
export { missingBodyJoints } from './bonemaps/body-coverage.js';
export { buildBoneMapTemplate, formatBoneMapTemplate } from './bonemaps/bone-map-template.js';
export { chooseJointMapping } from './bonemaps/choose-mapping.js';
export { RetargetCoverageError } from './bonemaps/coverage-error.js';
export {
  BUILTIN_FIGURE_IDS,
  BUILTIN_FIGURES,
  type BuiltinFigure,
  findBuiltinFigure,
} from './bonemaps/genesis/builtin-figures.js';
export { GENESIS_MAPS } from './bonemaps/genesis/genesis-maps.js';
export type { JsonError, JsonFailure, JsonOutput, JsonSuccess } from './cli/json-output.js';
export { DazClient } from './client/dazscript-client.js';
export { NODE_TYPES, type NodeType, parseNodeTypes } from './client/node-selection.js';
export {
  ANIMATION_MODES,
  type AnimationChannels,
  type AnimationMode,
  type ReadAnimationOptions,
  readAnimation,
  readAnimationChannels,
} from './client/read-animation.js';
export {
  type ListedMorph,
  type ListedNode,
  type ListSceneOptions,
  listScene,
  type SceneListing,
} from './client/scene-listing.js';
export {
  type FacetChunk,
  type ReadProgress,
  type ReadSceneOptions,
  readScene,
  SceneReader,
} from './client/scene-reader.js';
export { readKeysFromFigure, writeKeysToFigure } from './client/write-keys.js';
export { startEmulator } from './emulator/start-emulator.js';
export { DUST3D_SCENE_NAMES } from './emulators/dust3d/builtin-scenes.js';
export {
  type RunningDust3dEmulator,
  type StartDust3dEmulatorOptions,
  startDust3dEmulator,
} from './emulators/dust3d/start-dust3d-emulator.js';
export {
  POSER_SCENE_NAMES,
  type PoserEmulator,
  type PoserEmulatorOptions,
  startPoserEmulator,
} from './emulators/poser/start-poser-emulator.js';
export { ERROR_CODES, type ErrorCode, type ErrorCodeInfo, EXIT } from './error-codes.js';
export { DazportError, isDazportError } from './errors.js';
export {
  ENGINE_OUTPUT_DEFAULTS,
  type EngineOutputOptions,
  TEXTURE_FORMATS,
  type TextureFormat,
  UP_AXES,
  type UpAxis,
} from './export/engine-options.js';
export type { ExportOptions, ExportSummary } from './export/export-types.js';
export { exportGltf } from './export/gltf/index.js';
export {
  applySkeletonProfile,
  type ProfiledScene,
  type SkeletonProfileOptions,
} from './export/skeleton-profiles/apply-skeleton-profile.js';
export {
  ROOT_MOTION_MODES,
  type RootMotionMode,
  SKELETON_PROFILE_IDS,
  type SkeletonProfileId,
} from './export/skeleton-profiles/profile.js';
export { exportUsda } from './export/usda/index.js';
export { type GltfSummary, summarizeGltfFile } from './formats/gltf-summary.js';
export { type BakedMotion, bakeMotion } from './import/bake/bake-motion.js';
export { readBvhFile } from './import/bvh/index.js';
export { dufPreset, serializeDuf } from './import/duf/write-duf.js';
export type {
  FloorChoice,
  RetargetOptions,
  RetargetResult,
  SourceRestChoice,
} from './import/retarget/retarget.js';
export { retargetOntoSkeleton } from './import/retarget/retarget-onto-skeleton.js';
export type { Delivery } from './jobs/deliver-motion.js';
export {
  type ExportSceneOptions,
  type ExportSceneProgress,
  type ExportSceneResult,
  exportScene,
} from './jobs/export-scene.js';
export { exportSourceScene, type SourceExportOptions } from './jobs/export-source-scene.js';
export {
  OTHER_SOURCE_SCENES,
  type OtherSourceKind,
  readOtherSourceScene,
  type SourceAddress,
  withEmbeddedSourceEmulator,
} from './jobs/other-sources.js';
export {
  type ExportPlan,
  type PlannedFile,
  type PlannedOutput,
  planExport,
  SIZE_PER_ELEMENT,
} from './jobs/plan-export.js';
export {
  checkRetargetRequest,
  type RetargetFileOptions,
  type RetargetFileProgress,
  type RetargetFileTarget,
  retargetFile,
} from './jobs/retarget-file.js';
export type { RetargetFileResult, RetargetFloorReport } from './jobs/retarget-report.js';
/** `dazport scene`'s listing of a scene read into the model (Dust3D, Poser): `listingOfScene(await readOtherSourceScene(...))`. */
export { listingOfScene } from './jobs/scene-listing-of.js';
export type { Motion } from './scene/motion.js';
export type { Scene } from './scene/scene.js';
export {
  Dust3dClient,
  type Dust3dConnectOptions,
  type Dust3dEvent,
  type Dust3dWindow,
} from './sources/dust3d/dust3d-client.js';
export {
  type ReadDust3dSceneOptions,
  readDust3dScene,
  readDust3dSceneWithReport,
} from './sources/dust3d/read-dust3d-scene.js';
export { DUST3D_CM_PER_UNIT } from './sources/dust3d/units.js';
export { type Dust3dWatch, type WatchDust3dOptions, watchDust3d } from './sources/dust3d/watch-dust3d.js';
export { PoserTalkrClient, type PoserTalkrConnectOptions } from './sources/poser/poser-talkr-client.js';
export { CM_PER_PNU } from './sources/poser/poser-walk.js';
export { type ReadPoserSceneOptions, readPoserScene } from './sources/poser/read-poser-scene.js';
