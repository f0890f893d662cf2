import type { ExportOptions } from '../export-types.js';

/** {@link exportUsda}'s options: the shared export options plus USD-only ones. */
export interface UsdaExportOptions extends ExportOptions {
  /**
   * Write `subdivisionScheme = "catmullClark"` on meshes DAZ treats as subdivision cages
   * (`Mesh.subdivision.enabled`), so USD renderers smooth them as DAZ does; default false
   * (`"none"`: the polygons as they are, with their normals).
   */
  subdivision?: boolean;
  /** Radius of the SphereLight that stands for a DAZ point or spot light, cm (default 1). */
  pointLightRadiusCm?: number;
}

export const USDA_EXPORT_DEFAULTS: Required<
  Pick<UsdaExportOptions, 'rigged' | 'morphs' | 'subdivision' | 'pointLightRadiusCm'>
> = {
  rigged: false,
  morphs: false,
  subdivision: false,
  pointLightRadiusCm: 1,
};
