/**
 * Builders for the nodes of a scene spec: props (mesh + one surface), cameras and lights.
 * Figures have their own builder (build-figure.ts).
 */
import type { DomContext } from '../dom/dom-context.js';
import { DzBasicCamera } from '../dom/dz-camera.js';
import { DzDistantLight, type DzLight, DzPointLight, DzSpotLight } from '../dom/dz-light.js';
import { DzNode, nodeInternals } from '../dom/dz-node.js';
import { DzFacetMesh } from '../dom/geometry/dz-facet-mesh.js';
import { DzObject } from '../dom/geometry/dz-object.js';
import { DzShape } from '../dom/geometry/dz-shape.js';
import type { MeshData } from '../dom/geometry/mesh-data.js';
import { MeshTopology } from '../dom/geometry/mesh-topology.js';
import { DzMaterial, type MaterialSpec } from '../dom/materials/dz-material.js';
import { DzVec3 } from '../dom/math/dz-vec3.js';
import { boxMesh, sphereMesh } from './primitives.js';
import {
  type CameraSpec,
  type LightSpec,
  PROP_DEFAULTS,
  type PropSpec,
  type SurfaceSpec,
  type TransformSpec,
} from './scene-spec.js';
import { texturePath } from './textures/builtin-textures.js';

export function applyTransform(node: DzNode, t: TransformSpec | undefined): void {
  if (!t) return;
  const [tx, ty, tz] = t.translate ?? [0, 0, 0];
  node.getXPosControl().setValue(tx);
  node.getYPosControl().setValue(ty);
  node.getZPosControl().setValue(tz);
  const [rx, ry, rz] = t.rotate ?? [0, 0, 0];
  node.getXRotControl().setValue(rx);
  node.getYRotControl().setValue(ry);
  node.getZRotControl().setValue(rz);
  if (t.scale !== undefined) node.getScaleControl().setValue(t.scale);
}

/** A built-in texture name resolves into assets/textures; anything else is taken as a path. */
export function resolveTexture(file: string): string {
  return /[\\/]/.test(file) ? file : texturePath(file);
}

export function materialSpec(
  name: string,
  surface: SurfaceSpec | undefined,
  fallbackType: MaterialSpec['type'],
): MaterialSpec {
  return {
    name,
    type: surface?.type ?? fallbackType,
    values: surface?.values,
    maps: Object.fromEntries(
      Object.entries(surface?.maps ?? {}).map(([channel, file]) => [channel, resolveTexture(file)]),
    ),
  };
}

/** Give `node` a mesh: shape, materials (one per surface, by spec), object; returns the object. */
export function attachMesh(
  ctx: DomContext,
  node: DzNode,
  mesh: MeshData,
  materials: MaterialSpec[],
): { object: DzObject; topology: MeshTopology } {
  const topology = new MeshTopology(ctx, mesh);
  const geometry = new DzFacetMesh(ctx, topology, mesh.positions, { enabled: false, level: 0 });
  const built = materials.map((spec, i) => new DzMaterial(ctx, spec, i, () => topology.uvSet));
  const shape = new DzShape(ctx, node, geometry, built);
  const object = new DzObject(ctx, node, shape, topology, [], null, { enabled: false, level: 0 });
  nodeInternals.attachObject(node, object);
  return { object, topology };
}

export function buildProp(ctx: DomContext, spec: PropSpec): DzNode {
  const size = spec.size ?? PROP_DEFAULTS.size;
  const rings = spec.segments ?? PROP_DEFAULTS.sphereRings;
  const mesh =
    spec.shape === 'sphere'
      ? sphereMesh(size / 2, rings, rings * 2, 'Surface')
      : boxMesh(size, spec.segments ?? PROP_DEFAULTS.boxSegments, 'Surface');
  const node = new DzNode(ctx, spec.name ?? spec.label.replace(/\s+/g, ''), spec.label);
  attachMesh(ctx, node, mesh, [materialSpec('Surface', spec.surface, 'iray')]);
  applyTransform(node, spec.transform);
  return node;
}

function aim(node: DzNode & { aimAt(p: DzVec3): void }, target: [number, number, number] | undefined): void {
  if (target) node.aimAt(new DzVec3(...target));
}

export function buildCamera(ctx: DomContext, spec: CameraSpec): DzBasicCamera {
  const camera = new DzBasicCamera(
    ctx,
    spec.name ?? spec.label.replace(/\s+/g, ''),
    spec.label,
    {},
    {
      focalLength: spec.focalLength,
      frameWidth: spec.frameWidth,
      fStop: spec.fStop,
      depthOfField: spec.depthOfField,
      aspectWidth: spec.aspect?.[0],
      aspectHeight: spec.aspect?.[1],
      pixelsWidth: spec.aspect ? spec.aspect[0] * 120 : undefined,
      pixelsHeight: spec.aspect ? spec.aspect[1] * 120 : undefined,
      near: spec.near,
      far: spec.far,
    },
  );
  applyTransform(camera, spec.transform);
  aim(camera, spec.aimAt);
  return camera;
}

export function buildLight(ctx: DomContext, spec: LightSpec): DzLight {
  const settings = {
    color: spec.color,
    intensity: spec.intensity,
    flux: spec.flux,
    on: spec.on,
    spreadAngle: spec.spreadAngle,
    temperature: spec.temperature,
  };
  const name = spec.name ?? spec.label.replace(/\s+/g, '');
  const light =
    spec.kind === 'spot'
      ? new DzSpotLight(ctx, name, spec.label, {}, settings)
      : spec.kind === 'point'
        ? new DzPointLight(ctx, name, spec.label, {}, settings)
        : new DzDistantLight(ctx, name, spec.label, {}, settings);
  applyTransform(light, spec.transform);
  aim(light, spec.aimAt);
  return light;
}
