/**
 * Canonical joints → Poser's standard body-part (actor) names, the names Poser figures have
 * shared since Poser 4: hip, abdomen, chest, neck, head, lCollar, lShldr, lForeArm, lHand,
 * lThigh, lShin, lFoot, lToe, fingers lThumb1 … lPinky3. Later figures add links (upperNeck,
 * waist …): a name the figure lacks is simply not mapped, and unmapped trunk links are solved as
 * part of the hip → chest → head chains. Poser bends a limb's twist inside the limb's own joint,
 * so there are no twist bones to spread it over.
 */
import type { CanonicalJoint } from '../canonical.js';
import { type GenesisMap, legacyFingerBones } from '../genesis/genesis-maps.js';

export const POSER_MAP_BONES: Partial<Record<CanonicalJoint, string>> = {
  hips: 'hip',
  spineLower: 'abdomen',
  chest: 'chest',
  neck: 'neck',
  neckUpper: 'upperNeck',
  head: 'head',
  ...Object.fromEntries(
    (['l', 'r'] as const).flatMap((s) => [
      [`${s}_clavicle`, `${s}Collar`],
      [`${s}_upperArm`, `${s}Shldr`],
      [`${s}_forearm`, `${s}ForeArm`],
      [`${s}_hand`, `${s}Hand`],
      [`${s}_thigh`, `${s}Thigh`],
      [`${s}_shin`, `${s}Shin`],
      [`${s}_foot`, `${s}Foot`],
      [`${s}_toes`, `${s}Toe`],
      ...legacyFingerBones(s),
    ]),
  ),
};

export const POSER_MAP: GenesisMap = { figure: 'poser', bones: POSER_MAP_BONES, twists: [] };

/** A Poser figure: its legs and arms carry Poser's names (`lThigh`, `lShldr`), which no Genesis has. */
export function isPoserSkeleton(boneNames: readonly string[]): boolean {
  return boneNames.includes('lThigh') && boneNames.includes('lShldr');
}
