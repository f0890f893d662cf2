/** A node of the scene hierarchy. */
export type SceneNodeKind = 'group' | 'mesh' | 'figure' | 'bone' | 'camera' | 'light';

export interface SceneNode {
  /** Stable id from the source (a DAZ element id), unique in the scene. */
  id: string;
  /** DAZ node name (internal, not unique: two Genesis 9 figures share it). */
  name: string;
  /** DAZ label (what the UI shows; unique among top-level nodes). */
  label: string;
  kind: SceneNodeKind;
  /** The source's class name, e.g. `DzFigure`, `DzSpotLight`. */
  className: string;
  /** Index of the parent in `Scene.nodes`, or -1 at the root. Parents come first. */
  parent: number;
  /**
   * The node's frame in world space, cm, column-major 4×4: its pivot (DAZ origin) carried by the
   * current pose, with the pose's rotation and scale. Cameras and lights look down its −Z.
   */
  worldMatrix: Float64Array;
  visible: boolean;
  /** Index into Scene.meshes, .cameras, .lights, .skeletons when the node is one. */
  mesh?: number;
  camera?: number;
  light?: number;
  skeleton?: number;
}

/**
 * The indices of the nodes above `node`, nearest first. Bounded by the node count, so a
 * malformed parent chain (a cycle) ends instead of looping forever.
 */
export function* ancestorsOf(nodes: readonly SceneNode[], node: number): Generator<number> {
  let up = nodes[node]?.parent ?? -1;
  for (let steps = 0; up >= 0 && steps < nodes.length; steps++, up = nodes[up].parent) yield up;
}
