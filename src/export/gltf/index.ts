/** glTF 2.0 export: {@link exportGltf}. The DAZ → glTF mapping is documented in MAPPING.md. */
export { exportGltf } from './export-gltf.js';
export { gltfUvTransform } from './texture-transform.js';
