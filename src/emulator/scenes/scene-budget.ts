/**
 * What a scene will cost, known from its spec before anything is built: the vertices and polygons
 * of every prop (box and sphere tessellation) and figure (its mannequin at the detail asked,
 * laid out but not emitted), summed and checked against a total budget. Without it a 75-byte
 * file with one box at `segments: 2000` ran the emulator for minutes into gigabytes.
 */
import { getSkeletonDefinition } from '../../bonemaps/genesis/index.js';
import type { GenesisFigureId } from '../../bonemaps/genesis/skeleton-definition.js';
import { DazportError } from '../../errors.js';
import type { MeshSize } from '../dom/geometry/mesh-data.js';
import { mannequinSize } from './mannequin/mannequin-layout.js';
import { boxMeshSize, sphereMeshSize } from './primitives.js';
import { MAX_SCENE_FACETS, MAX_SCENE_VERTICES } from './scene-limits.js';
import { PROP_DEFAULTS, type PropSpec, type SceneSpec } from './scene-spec.js';

export { MAX_SCENE_FACETS, MAX_SCENE_VERTICES } from './scene-limits.js';

/** One mesh-bearing entry of a spec and what it will build. */
export interface SceneEntrySize extends MeshSize {
  /** Where it is in the spec: `props[3]`, `figures[0]`. */
  entry: string;
  label: string;
  /** The mesh in words: `box at 2000 segments`, `genesis9 mannequin at detail 4`. */
  what: string;
}

/** Vertices and polygons of a prop, with the builder's defaults. */
export function propMeshSize(spec: PropSpec): MeshSize {
  if (spec.shape === 'sphere') {
    const rings = spec.segments ?? PROP_DEFAULTS.sphereRings;
    return sphereMeshSize(rings, rings * 2);
  }
  return boxMeshSize(spec.segments ?? PROP_DEFAULTS.boxSegments);
}

/** Layouts are cheap but not free: the heavy scene's sizing asks for the same ones repeatedly. */
const figureSizes = new Map<string, MeshSize>();

/** Vertices and polygons of a figure's mannequin at `detail`, computed without building it. */
export function figureMeshSize(figure: GenesisFigureId, detail: number): MeshSize {
  const key = `${figure}@${detail}`;
  let size = figureSizes.get(key);
  if (!size) {
    size = mannequinSize(getSkeletonDefinition(figure), detail);
    figureSizes.set(key, size);
  }
  return size;
}

/** Every entry of `spec` that builds a mesh, in build order (figures, then props). */
export function sceneEntrySizes(spec: SceneSpec): SceneEntrySize[] {
  const figures = (spec.figures ?? []).map((figure, i) => {
    const detail = figure.detail ?? 1;
    return {
      entry: `figures[${i}]`,
      label: figure.label ?? getSkeletonDefinition(figure.figure).figureLabel,
      what: `${figure.figure} mannequin at detail ${detail}`,
      ...figureMeshSize(figure.figure, detail),
    };
  });
  const props = (spec.props ?? []).map((prop, i) => ({
    entry: `props[${i}]`,
    label: prop.label,
    what: `${prop.shape} at ${prop.segments ?? (prop.shape === 'sphere' ? PROP_DEFAULTS.sphereRings : PROP_DEFAULTS.boxSegments)} segments`,
    ...propMeshSize(prop),
  }));
  return [...figures, ...props];
}

/**
 * The scene's total size; throws `DAZPORT_SCENE_INVALID` naming `scene` (a file or a built-in
 * name) and the entry that takes the total past {@link MAX_SCENE_VERTICES} or
 * {@link MAX_SCENE_FACETS}. Call it on a validated spec, before building.
 */
export function checkSceneBudget(spec: SceneSpec, scene: string): MeshSize {
  const total: MeshSize = { vertices: 0, facets: 0 };
  for (const entry of sceneEntrySizes(spec)) {
    total.vertices += entry.vertices;
    total.facets += entry.facets;
    if (total.vertices <= MAX_SCENE_VERTICES && total.facets <= MAX_SCENE_FACETS) continue;
    const overVertices = total.vertices > MAX_SCENE_VERTICES;
    const count = (n: number) => n.toLocaleString('en-US');
    const over = overVertices
      ? `${count(total.vertices)} vertices, more than the ${count(MAX_SCENE_VERTICES)}`
      : `${count(total.facets)} polygons, more than the ${count(MAX_SCENE_FACETS)}`;
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `${scene}: ${entry.entry} ("${entry.label}", ${entry.what}: ${count(entry.vertices)} vertices, ` +
        `${count(entry.facets)} polygons) brings the scene to ${over} the emulator builds`,
      {
        context: {
          scene,
          entry: entry.entry,
          label: entry.label,
          vertices: entry.vertices,
          facets: entry.facets,
          sceneVertices: total.vertices,
          sceneFacets: total.facets,
          maxVertices: MAX_SCENE_VERTICES,
          maxFacets: MAX_SCENE_FACETS,
        },
        suggestion:
          'lower segments or detail, or leave entries out: a few million vertices is what the emulator builds',
      },
    );
  }
  return total;
}
