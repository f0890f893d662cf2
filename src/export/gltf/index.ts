/** glTF 2.0 export: {@link exportGltf}. The DAZ → glTF mapping is documented in docs/gltf-mapping.md. */
export { exportGltf } from './export-gltf.js';
export { gltfUvTransform } from './texture-transform.js';
