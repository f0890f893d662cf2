/**
 * Cameras → glTF perspective cameras and lights → KHR_lights_punctual, on the DAZ nodes (both
 * look down −Z in DAZ and glTF, so no axis fix). Values come from the shared conversions in
 * src/export/lights-cameras.ts: yfov from DAZ's horizontal Frame Width and the aspect ratio;
 * point and spot lights in candela, distant lights in lux (see that file for the flux rules).
 * A light that is off is written with intensity 0 (its node and settings stay, `extras.daz`
 * keeps the intensity it would have) and named in a warning.
 */
import { KHRLightsPunctual } from '@gltf-transform/extensions';
import { cameraLens, physicalLight } from '../lights-cameras.js';
import { CM_TO_M } from './constants.js';
import type { GltfContext } from './context.js';

/** Narrowest spot cone written (a DAZ spread of 0 would make an invalid light). */
const MIN_CONE_RAD = 1e-4;

/** A glTF camera on every written camera node; returns how many. */
export function buildCameras(ctx: GltfContext): number {
  let count = 0;
  for (const c of ctx.scene.cameras) {
    const node = ctx.nodes[c.node];
    if (!node) continue;
    const lens = cameraLens(c);
    const znear = Math.max(1e-6, c.nearCm * CM_TO_M);
    const camera = ctx.doc
      .createCamera(c.name)
      .setType('perspective')
      .setYFov(lens.yfovRad)
      .setAspectRatio(lens.aspectRatio)
      .setZNear(znear)
      .setZFar(Math.max(znear * 2, c.farCm * CM_TO_M))
      .setExtras({
        daz: {
          focalLengthMm: c.focalLengthMm,
          frameWidthMm: c.frameWidthMm,
          focalDistanceCm: c.focalDistanceCm,
          fStop: c.fStop,
          depthOfField: c.depthOfField,
        },
      });
    node.setCamera(camera);
    count++;
  }
  return count;
}

/** A KHR_lights_punctual light on every written light node; returns how many. */
export function buildLights(ctx: GltfContext): number {
  if (ctx.scene.lights.length === 0) return 0;
  const ext = ctx.doc.createExtension(KHRLightsPunctual);
  let count = 0;
  for (const l of ctx.scene.lights) {
    const node = ctx.nodes[l.node];
    if (!node) continue;
    const p = physicalLight(l);
    const light = ext
      .createLight(l.name)
      .setType(p.kind)
      .setColor(p.color)
      .setIntensity(p.on ? p.intensity : 0)
      .setExtras({ daz: { kind: l.kind, on: l.on, intensity: p.intensity, unit: p.unit, fluxLm: l.fluxLm } });
    if (p.kind === 'spot') {
      // KHR_lights_punctual: 0 ≤ inner < outer ≤ π/2.
      const outer = Math.min(Math.PI / 2, Math.max(MIN_CONE_RAD, p.outerConeRad ?? Math.PI / 4));
      light.setOuterConeAngle(outer).setInnerConeAngle(Math.min(p.innerConeRad ?? 0, outer / 2));
    }
    if (!p.on) ctx.warnings.push(`light ${l.name} is off: written with intensity 0`);
    if (l.geometry !== 0)
      ctx.warnings.push(`light ${l.name} is an area light: written as a punctual ${p.kind} light`);
    node.setExtension('KHR_lights_punctual', light);
    count++;
  }
  return count;
}
