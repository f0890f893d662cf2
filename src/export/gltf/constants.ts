/**
 * glTF facts and the unit change, in one place (glTF 2.0 specification:
 * https://registry.khronos.org/glTF/specs/2.0/glTF-2.0.html).
 */

/** DAZ centimetres → glTF metres ("The units for all linear distances are meters", §3.4). */
export const CM_TO_M = 0.01;

/** Largest vertex index an UNSIGNED_SHORT index accessor can hold (65535 is primitive restart). */
export const MAX_U16_INDEX = 65534;

/** glTF skins take up to four influences per vertex in JOINTS_0 / WEIGHTS_0. */
export const INFLUENCES = 4;
