/**
 * Retarget a clip onto a DAZ skeleton read from a scene: choose the source mapping (bone map
 * file, named convention or detection), recognise the figure's Genesis generation (or a Poser
 * figure) from its bone names, retarget, and resample to the wanted frame rate (checked first: see clipFrameRate
 * and checkResample). The result's motion is named
 * after the clip and ready to go into `scene.motions`.
 */
import { basename, extname } from 'node:path';
import { type ChooseMappingOptions, chooseJointMapping } from '../../bonemaps/choose-mapping.js';
import type { JointMapping } from '../../bonemaps/detect-convention.js';
import { type GenesisMap, genesisMapForBones } from '../../bonemaps/genesis/genesis-maps.js';
import { isPoserSkeleton, POSER_MAP } from '../../bonemaps/poser/poser-map.js';
import { DazportError } from '../../errors.js';
import type { Skeleton } from '../../scene/skeleton.js';
import type { BvhClip } from '../bvh/bvh-clip.js';
import { clipFrameRate } from './clip-frame-rate.js';
import { checkResample, resampleMotion } from './resample.js';
import { type RetargetOptions, type RetargetResult, retarget } from './retarget.js';
import { rigFromSkeleton, type TargetRig } from './target-rig.js';

export interface RetargetOntoOptions extends RetargetOptions, ChooseMappingOptions {
  /** Output frame rate; default the clip's own. */
  fps?: number;
}

export interface RetargetOntoResult extends RetargetResult {
  mapping: JointMapping;
  figureMap: GenesisMap;
  rig: TargetRig;
}

export function retargetOntoSkeleton(
  clip: BvhClip,
  skeleton: Skeleton,
  options: RetargetOntoOptions = {},
): RetargetOntoResult {
  const figureMap = figureMapForBones(skeleton.joints.map((j) => j.name));
  if (!figureMap) {
    throw new DazportError(
      'DAZPORT_RETARGET',
      `"${skeleton.label}" is not a Genesis 8, Genesis 9 or Poser figure (no l_thigh, lThighBend or lThigh + lShldr bones)`,
      {
        context: { figure: skeleton.label },
        suggestion:
          'retarget onto a Genesis 8, 8.1 or 9 figure, or a Poser figure with its standard body parts',
      },
    );
  }
  const { mapping } = chooseJointMapping(
    clip.joints.map((j) => j.name),
    options,
  );
  const rig = rigFromSkeleton(skeleton);
  // Refuse an impossible rate or resample now, before the frames are retargeted; a clip that
  // gives no rate is taken at the output rate asked for.
  const [first, last] = options.frames ?? [0, clip.frameCount - 1];
  const frames = Math.max(0, last - first + 1);
  const rate = clipFrameRate(clip, frames, options.fps);
  if (options.fps !== undefined) checkResample(frames, rate, options.fps, clip.file);
  const result = retarget(clip, mapping, rig, figureMap, { ...options, assumedFrameRate: options.fps });
  let motion = { ...result.motion, name: basename(clip.file, extname(clip.file)) };
  if (options.fps !== undefined && options.fps !== motion.frameRate)
    motion = resampleMotion(motion, options.fps);
  return { ...result, motion, mapping, figureMap, rig };
}

/** The target map of a figure from its bone names: a Genesis generation's, else Poser's. */
export function figureMapForBones(boneNames: readonly string[]): GenesisMap | undefined {
  return genesisMapForBones(boneNames) ?? (isPoserSkeleton(boneNames) ? POSER_MAP : undefined);
}
