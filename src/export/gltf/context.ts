/** What the builders of one export share: the document under construction and its bookkeeping. */
import type { Document, Buffer as GltfBuffer, Scene as GltfScene, Node } from '@gltf-transform/core';
import type { Scene } from '../../scene/scene.js';
import type { ExportOptions } from '../export-types.js';
import type { UniqueNames } from './unique-names.js';

export interface GltfContext {
  doc: Document;
  /** The one buffer every accessor goes to. */
  buffer: GltfBuffer;
  gltfScene: GltfScene;
  scene: Scene;
  options: ExportOptions;
  names: UniqueNames;
  /** glTF node per Scene.nodes index; undefined for nodes not written (bones of a posed export). */
  nodes: (Node | undefined)[];
  /** Every loss so far, in the order met. */
  warnings: string[];
  /** Scene.skeletons indices written as glTF joints (rigged exports). */
  riggedSkeletons: Set<number>;
}
