/**
 * A scene spec's `keys` → keys on the built DOM, through the DAZ script API a user's script would
 * call (`prop.setValue(time, value)`), so the emulator's own key code is what they exercise.
 */
import { DazportError } from '../../errors.js';
import type { DzNode } from '../dom/dz-node.js';
import type { DzScene } from '../dom/dz-scene.js';
import { DzSkeleton } from '../dom/dz-skeleton.js';
import type { DzObject } from '../dom/geometry/dz-object.js';
import { DzMorph } from '../dom/modifiers/dz-morph.js';
import type { DzFloatProperty } from '../dom/properties/dz-float-property.js';
import type { KeySpec } from './scene-spec.js';

export function applyKeys(scene: DzScene, specs: readonly KeySpec[]): void {
  const step = scene.getTimeStep();
  for (const spec of specs) {
    const property = propertyOf(scene, spec);
    for (const [frame, value] of spec.keys) property.setValue(Math.round(frame * step), value);
  }
}

function propertyOf(scene: DzScene, spec: KeySpec): DzFloatProperty {
  const fail = (what: string) =>
    new DazportError('DAZPORT_SCENE_INVALID', `keys on "${spec.node}": ${what}`, { context: { keys: spec } });
  let node: DzNode | null = scene.findNodeByLabel(spec.node);
  if (!node) throw fail('no node has that label');
  if (spec.bone) {
    node = node instanceof DzSkeleton ? node.findBone(spec.bone) : null;
    if (!node) throw fail(`no bone "${spec.bone}"`);
  }
  if (spec.morph) {
    const obj = node.getObject() as DzObject | null;
    for (let i = 0; obj && i < obj.getNumModifiers(); i++) {
      const m = obj.getModifier(i);
      if (m instanceof DzMorph && (m.getName() === spec.morph || m.getLabel() === spec.morph))
        return m.getValueControl();
    }
    throw fail(`no morph "${spec.morph}"`);
  }
  switch (spec.channel) {
    case 'XTranslate':
      return node.getXPosControl();
    case 'YTranslate':
      return node.getYPosControl();
    case 'ZTranslate':
      return node.getZPosControl();
    case 'XRotate':
      return node.getXRotControl();
    case 'YRotate':
      return node.getYRotControl();
    case 'ZRotate':
      return node.getZRotControl();
    default:
      throw fail('expected a channel (XTranslate … ZRotate) or a morph');
  }
}
