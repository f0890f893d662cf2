/**
 * USDA export: {@link exportUsda} writes a Scene as a text USD layer (streamed, atomic), with
 * the pieces it is built from for callers that write USD of their own.
 */
export { exportUsda } from './export-usda.js';
export { isIdentifier, makeIdentifier, SiblingNames } from './identifiers.js';
export { planScene, type ScenePlan } from './scene-plan.js';
export { METERS_PER_UNIT, safeDescription, UP_AXIS } from './stage.js';
export {
  formatAsset,
  formatDouble,
  formatFloat,
  formatMatrix4d,
  NonFiniteError,
  quoteString,
} from './usda-format.js';
export { USDA_EXPORT_DEFAULTS, type UsdaExportOptions } from './usda-options.js';
export { type TextSink, UsdaWriter } from './usda-writer.js';
