/**
 * One spelling per joint name, so a convention table lists a name once and still matches the
 * many ways exporters write it. Applied to both sides of every comparison (table aliases and
 * the clip's names), so it only has to be consistent, never "right".
 *
 * What is dropped:
 * - paths and namespaces: `Armature|Hips`, `|Root|Hips`, `mixamorig:Hips`, `a:b:Hips`;
 * - rig prefixes that exporters glue to every joint: `mixamorig` / `mixamorig1_`,
 *   `Character1_` (MotionBuilder), `Bip01 ` / `Bip001 ` (3ds Max Biped);
 * - case and separators (spaces, `.`, `_`, `-`): `Left_Up_Leg` = `LeftUpLeg` = `left up leg`.
 *
 * What is unified: the side. Every way of saying left or right becomes a leading `left` /
 * `right`, so `UpperArm_L`, `upperarm.L`, `L_UpperArm`, `l_upperarm`, `LeftUpperArm`,
 * `UpperArmLeft` and `Upper Arm Left` are all `leftupperarm`, and `lHip` (Poser, GAMES-105) is
 * `hip_l` (OpenSim) is `LeftHip` (Biovision): `lefthip`.
 *
 * Side markers are only taken where they cannot be part of a word: a lone `l`/`r` needs a
 * separator or a following capital (`lHip`, `L_Arm`, `LThumb`), never `LowerBack`, `lowerJaw`,
 * `RootJoint` or `L1` (a lumbar vertebra). Names that mean different joints in different
 * conventions (`LeftShoulder`: Mixamo's clavicle, Biovision's upper arm) stay distinct by
 * convention, not by spelling: detection picks the convention.
 */

const PATH_OR_NAMESPACE = /^.*[|:]/;
const RIG_PREFIX = /^(?:mixamorig\d*_?(?=[A-Za-z])|character\d+_|bip0*1[\s_](?=\S))/i;
const SEPARATORS = /[\s._\-|:]/g;

/** `[side, rest]` for the spellings above, or `['', name]` when the name carries no side. */
function splitSide(name: string): ['left' | 'right' | '', string] {
  const side = (marker: string): 'left' | 'right' => (marker[0].toLowerCase() === 'l' ? 'left' : 'right');
  // The word in one case throughout: `lEfta` is `l` + `Efta` (the camelCase rule below), not `lEft` + `a`.
  let m = /^(Left|left|LEFT|Right|right|RIGHT)[\s._-]*(.+)$/.exec(name);
  if (m) return [side(m[1]), m[2]];
  // `L_Arm`, `l.arm`, `R Thigh`: a one-letter side followed by a separator.
  m = /^([LlRr])[\s._-]+(.+)$/.exec(name);
  if (m) return [side(m[1]), m[2]];
  // `lHip`, `rShldrBend` (camelCase) and `LThumb`, `RHipJoint` (capital, then a capitalised word).
  m = /^([lr])([A-Z].*)$/.exec(name) ?? /^([LR])([A-Z][a-z].*)$/.exec(name);
  if (m) return [side(m[1]), m[2]];
  // `UpperArm_L`, `thigh.l`, `Hand Right`: a separated suffix.
  m = /^(.+?)[\s._-]+(left|right|[LlRr])$/i.exec(name);
  if (m) return [side(m[2]), m[1]];
  // `HandLeft`, `ShoulderRight` (Kinect): a capitalised suffix after a lower-case letter or digit.
  m = /^(.*[a-z0-9])(Left|Right)$/.exec(name);
  if (m) return [side(m[2]), m[1]];
  return ['', name];
}

/** The comparison key of a joint name (see the module comment). */
export function normalizeJointName(name: string): string {
  const bare = name.trim().replace(PATH_OR_NAMESPACE, '').replace(RIG_PREFIX, '');
  const [side, rest] = splitSide(bare);
  const key = side + rest.toLowerCase().replace(SEPARATORS, '');
  // A name that is nothing but a namespace or separators (`a:`, `_`) keeps a key of its own.
  return key || name.toLowerCase();
}
