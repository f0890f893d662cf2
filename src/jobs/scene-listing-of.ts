/**
 * The listing `dazport scene` prints (client/scene-listing.ts's shape), made from a scene already
 * read into the neutral model: for the sources other than DAZ Studio (Dust3D, Poser), whose
 * readers return a whole scene rather than answer an inventory script. Bones are left out of the
 * rows and counted per figure, as DAZ's listing does; the labels are those their commands take
 * (`retarget --source poser --to "<label>"`).
 */
import type { ListedNode, SceneListing } from '../client/scene-listing.js';
import type { Scene } from '../scene/scene.js';
import { ancestorsOf } from '../scene/scene-node.js';

export function listingOfScene(scene: Scene): SceneListing {
  const { nodes } = scene;
  const bonesOf = new Map<number, number>();
  for (const [i, n] of nodes.entries()) {
    if (n.kind !== 'bone') continue;
    // A bone counts for the nearest figure above it.
    for (const up of ancestorsOf(nodes, i))
      if (nodes[up].kind === 'figure') {
        bonesOf.set(up, (bonesOf.get(up) ?? 0) + 1);
        break;
      }
  }
  const depthOf = (i: number): number => {
    let depth = 0;
    for (const up of ancestorsOf(nodes, i)) if (nodes[up].kind !== 'bone') depth++;
    return depth;
  };
  const listed: ListedNode[] = [];
  for (const [i, n] of nodes.entries()) {
    if (n.kind === 'bone') continue;
    const mesh = n.mesh === undefined ? undefined : scene.meshes[n.mesh];
    const skeleton = n.skeleton === undefined ? undefined : scene.skeletons[n.skeleton];
    listed.push({
      label: n.label,
      name: n.name,
      kind: n.kind,
      type: n.className,
      parent: n.parent >= 0 ? nodes[n.parent].label : null,
      depth: depthOf(i),
      visible: n.visible,
      bones: bonesOf.get(i) ?? skeleton?.joints.length ?? 0,
      vertices: mesh ? mesh.positions.length / 3 : 0,
      facets: mesh ? mesh.faceSizes.length : 0,
    });
  }
  return {
    source: scene.source.description,
    file: scene.source.sceneName ?? '',
    // No inventory request: the scene came whole from the source's reader.
    requestId: '',
    nodes: listed,
    bones: nodes.filter((n) => n.kind === 'bone').length,
  };
}
