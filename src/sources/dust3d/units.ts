/**
 * Dust3D's units and axes, established from its source (huxingyi/dust3d):
 *
 * - Unit: Dust3D's own glTF exporter (src/gltffile.cpp) writes result-mesh positions into glTF
 *   unchanged, and glTF's unit is the metre, so one Dust3D unit is one metre: ×100 to
 *   dazport's centimetres. (Its models live in a canvas of about one unit: the protocol's own
 *   example puts a 0.08-radius node at 0.51, 0.51, 1.01.)
 * - Axes: node coordinates are canvas coordinates (x right, y down the screen, z into the side
 *   view); the mesh generator turns a node into (x − originX, originY − y, originZ − z)
 *   (src/meshgenerator.cpp), so the result mesh, what `exportasobj` sends, is already Y up and is
 *   what the glTF exporter writes with no axis change. dazport keeps those axes.
 *
 * @category Dust3D
 */

/** Centimetres per Dust3D unit (one unit is one metre; see above). */
export const DUST3D_CM_PER_UNIT = 100;
