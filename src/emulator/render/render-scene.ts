/**
 * From the emulated scene to a PNG: what DzRenderMgr.doRender does once its options are read.
 * Visible nodes' final (posed, world-space) meshes, one camera, the lights that are on, through
 * {@link rasterize}; the file is written atomically (a temporary file renamed into place), so a
 * reader never sees half an image and a cancelled render leaves nothing behind.
 */
import { writeFileAtomicallySync } from '../atomic-file.js';
import type { DzCamera } from '../dom/dz-camera.js';
import { DzLight } from '../dom/dz-light.js';
import { type DzNode, nodeInternals } from '../dom/dz-node.js';
import type { DzScene } from '../dom/dz-scene.js';
import { meshPositions, meshTopology } from '../dom/geometry/dz-facet-mesh.js';
import { DzObject } from '../dom/geometry/dz-object.js';
import { invert } from '../dom/node-transform.js';
import { encodePng } from '../scenes/textures/png-writer.js';
import { type RenderLight, type RenderMesh, rasterize } from './rasterize.js';

export interface SceneRenderRequest {
  scene: DzScene;
  camera: DzCamera;
  width: number;
  height: number;
  doubleSided: boolean;
  gamma: number;
  shouldStop: () => boolean;
}

export interface SceneRenderOutcome {
  /** 8-bit RGB, top row first; null when the render was stopped. */
  rgb: Uint8Array | null;
  triangles: number;
}

/** The background of an emulated render: DAZ's default dark grey viewport backdrop. */
const BACKGROUND: [number, number, number] = [38, 38, 38];

export function renderScene(r: SceneRenderRequest): SceneRenderOutcome {
  const view = invert(nodeInternals.worldMatrix(r.camera));
  const result = rasterize({
    width: r.width,
    height: r.height,
    camera: { view, fovX: r.camera.getFieldOfView(), near: Math.max(0.01, r.camera.nearClippingPlane) },
    meshes: visibleMeshes(r.scene),
    lights: sceneLights(r.scene),
    doubleSided: r.doubleSided,
    gamma: r.gamma,
    background: BACKGROUND,
    shouldStop: r.shouldStop,
  });
  return result ? { rgb: result.rgb, triangles: result.triangles } : { rgb: null, triangles: 0 };
}

/** Write `rgb` as a PNG at `path` through a temporary sibling; throws what the file system says. */
export function writePngAtomically(path: string, width: number, height: number, rgb: Uint8Array): number {
  const png = encodePng(width, height, 3, rgb);
  writeFileAtomicallySync(path, png);
  return png.length;
}

function visibleMeshes(scene: DzScene): RenderMesh[] {
  const meshes: RenderMesh[] = [];
  for (const node of scene.getNodeList() as DzNode[]) {
    const object = node.getObject();
    if (!(object instanceof DzObject) || !node.isVisible() || !node.isVisibleInRender()) continue;
    object.forceCacheUpdate(node, true);
    const geometry = object.getCachedGeom();
    const topology = meshTopology(geometry);
    const { faceSizes, faceVertexIndices, faceMaterial } = topology.data;
    const shape = object.getCurrentShape();
    const albedoByMaterial = new Map<number, [number, number, number]>();
    const faceAlbedo = new Float32Array(faceSizes.length * 3);
    for (let f = 0; f < faceSizes.length; f++) {
      const m = faceMaterial[f];
      let albedo = albedoByMaterial.get(m);
      if (!albedo) {
        const colour = shape.getMaterial(m)?.getDiffuseColor();
        albedo = colour
          ? [srgbToLinear(colour.red), srgbToLinear(colour.green), srgbToLinear(colour.blue)]
          : [0.8, 0.8, 0.8];
        albedoByMaterial.set(m, albedo);
      }
      faceAlbedo.set(albedo, f * 3);
    }
    meshes.push({ positions: meshPositions(geometry), faceSizes, faceVertexIndices, faceAlbedo });
  }
  return meshes;
}

function sceneLights(scene: DzScene): RenderLight[] {
  const lights: RenderLight[] = [];
  for (const node of scene.getNodeList() as DzNode[]) {
    if (!(node instanceof DzLight) || !node.isOn() || !node.isVisible()) continue;
    const c = node.getDiffuseColor();
    const color: [number, number, number] = [
      srgbToLinear(c.red),
      srgbToLinear(c.green),
      srgbToLinear(c.blue),
    ];
    if (node.isDirectional()) {
      const d = node.getWSDirection();
      lights.push({ direction: [d.x, d.y, d.z], color });
    } else {
      const p = node.getWSPos();
      lights.push({ position: [p.x, p.y, p.z], color });
    }
  }
  return lights;
}

function srgbToLinear(value8: number): number {
  return (Math.max(0, Math.min(255, value8)) / 255) ** 2.2;
}
