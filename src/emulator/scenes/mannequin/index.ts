export { BASE_VERTEX_SPACING, buildMannequin, MAX_DETAIL } from './build-mannequin.js';
export type { BoneWeights, MannequinMesh, MannequinOptions, MorphTarget } from './mannequin-mesh.js';
