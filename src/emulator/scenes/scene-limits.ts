/** The emulator's scene budget (scene-budget.ts checks a spec against it; the CLI's help names it). */
/**
 * Most vertices a scene may have: about five times the built-in `heavy` scene (~1.06 M). Measured
 * on a 2-core machine, `heavy:4000000` builds in ~23 s with ~680 MB resident; a 4.9 M-vertex box,
 * ~4 s and ~1.1 GB. Beyond, a scene is a typo or an attack, not a benchmark.
 */
export const MAX_SCENE_VERTICES = 5_000_000;
/** Most polygons a scene may have (meshes here have about one polygon per vertex). */
export const MAX_SCENE_FACETS = 5_000_000;
