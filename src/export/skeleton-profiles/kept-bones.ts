/**
 * Genesis bones that no engine profile has a counterpart for: they keep their DAZ names in every
 * profile. Shared by the profile tables so each lists every bone of the rig (a test holds them
 * to the rigs in src/bonemaps/genesis).
 */
import { KEEP } from './profile.js';

/** Genesis 9's metatarsal and toes (the ball of the foot, `l_toes`, is named by each profile). */
export function toesKept9(): Record<string, typeof KEEP> {
  return keepAll(
    'l_metatarsal l_bigtoe1 l_bigtoe2 l_indextoe1 l_indextoe2 l_midtoe1 l_midtoe2 l_ringtoe1 l_ringtoe2 l_pinkytoe1 l_pinkytoe2',
  );
}

/** Genesis 9 head and face bones no engine profile renames (a profile that names eyes or jaw overrides them after the spread). */
export function faceKept9(): Record<string, typeof KEEP> {
  return keepAll(
    'upperteeth upperfacerig l_browinner l_browouter centerbrow l_squint l_cheek l_nostril ' +
      'l_infraorbital l_eyelidupper l_eyelidlower lipuppermiddle l_lipupper l_ear lowerjaw lowerteeth ' +
      'tongue01 tongue02 tongue03 tongue04 tongue05 lowerfacerig chin l_lipcorner l_liplower ' +
      'liplowermiddle l_cheeklower l_eye l_pectoral',
  );
}

/** Genesis 8 head and face bones no engine profile renames (a profile that names eyes or jaw overrides them after the spread). */
export function faceKept8(): Record<string, typeof KEEP> {
  return keepAll(
    'upperTeeth lowerJaw lowerTeeth tongue01 tongue02 tongue03 tongue04 lowerFaceRig ' +
      'lNasolabialLower lNasolabialMouthCorner lLipCorner lLipLowerOuter lLipLowerInner LipLowerMiddle ' +
      'LipBelow Chin lCheekLower BelowJaw lJawClench upperFaceRig lBrowInner lBrowMid lBrowOuter ' +
      'CenterBrow MidNoseBridge lEyelidInner lEyelidUpperInner lEyelidUpper lEyelidUpperOuter ' +
      'lEyelidOuter lEyelidLowerOuter lEyelidLower lEyelidLowerInner lSquintInner lSquintOuter ' +
      'lCheekUpper Nose lNostril lLipBelowNose lLipNasolabialCrease lNasolabialUpper ' +
      'lNasolabialMiddle LipUpperMiddle lLipUpperOuter lLipUpperInner lEye lEar lPectoral',
  );
}

/** Genesis 8's metatarsals and small toes, which no engine profile names. */
export function toesKept8(): Record<string, typeof KEEP> {
  return keepAll(
    'lMetatarsals lSmallToe4 lSmallToe4_2 lSmallToe3 lSmallToe3_2 lSmallToe2 lSmallToe2_2 lSmallToe1 lSmallToe1_2 lBigToe lBigToe_2',
  );
}

function keepAll(names: string): Record<string, typeof KEEP> {
  return Object.fromEntries(names.split(/\s+/).map((n) => [n, KEEP]));
}
