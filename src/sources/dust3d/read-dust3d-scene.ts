/**
 * Read the document of a Dust3D window into the neutral scene model: the result mesh
 * (`exportasobj`) in centimetres, one material per part colour, and a skeleton from the bone
 * marks when any node has one (`getsnapshot`), with a rigid skin so `rigged` exports work
 * (bone-mark-skeleton.ts).
 *
 * Window choice: `window` when given; otherwise the first window `listwindow` gives, which is
 * also the one Dust3D attaches a new connection to. With several windows the source
 * description says which was taken.
 *
 * @example
 * const client = await Dust3dClient.connect();
 * try {
 *   const scene = await readDust3dScene(client);
 *   await writeSceneFile(scene, 'creature.glb', { rigged: false });
 * } finally {
 *   client.close();
 * }
 *
 * @category Dust3D
 */
import { mat4 } from 'gl-matrix';
import type { Mesh } from '../../scene/mesh.js';
import { createScene, type Scene } from '../../scene/scene.js';
import type { SceneNode } from '../../scene/scene-node.js';
import { boneMarkJoints, rigidSkin, toSceneJoints } from './bone-mark-skeleton.js';
import type { Dust3dClient, Dust3dWindow } from './dust3d-client.js';
import { Dust3dCommandError } from './errors.js';
import { canvasOrigin, estimateOrigin, meshNodes, type Vec3 } from './mesh-space.js';
import { type ObjMesh, parseObj } from './parse-obj.js';
import type { Dust3dSnapshot } from './parse-snapshot.js';
import { assignPartMaterials } from './part-materials.js';
import { DUST3D_CM_PER_UNIT } from './units.js';

export interface ReadDust3dSceneOptions {
  /** Window id (`{uuid}`) to read; default the first `listwindow` gives. */
  window?: string;
  /** Centimetres per Dust3D unit (default {@link DUST3D_CM_PER_UNIT}: one unit is one metre). */
  cmPerUnit?: number;
  /**
   * Dust3D's canvas origin (originX, originY, originZ of the .ds3 document), when the caller
   * knows it: Remote IO does not send it, and it is estimated otherwise (mesh-space.ts).
   */
  origin?: Vec3;
}

/** What the reader saw, beside the scene: for reports and tests. */
export interface Dust3dReadReport {
  window: Dust3dWindow;
  windowCount: number;
  polygons: number;
  fannedPolygons: number;
  origin: Vec3;
  originEstimated: boolean;
  facesPerPart: Map<string, number>;
}

/** Reads the selected window's document; see the file comment for the rules. */
export async function readDust3dScene(
  client: Dust3dClient,
  options: ReadDust3dSceneOptions = {},
): Promise<Scene> {
  return (await readDust3dSceneWithReport(client, options)).scene;
}

/** {@link readDust3dScene}, with what it measured. */
export async function readDust3dSceneWithReport(
  client: Dust3dClient,
  options: ReadDust3dSceneOptions = {},
): Promise<{ scene: Scene; report: Dust3dReadReport }> {
  const windows = await client.listWindows();
  const window = options.window ? windows.find((w) => w.id === options.window) : windows[0];
  if (!window) {
    const message = options.window
      ? `no window ${options.window}; open windows: ${windows.map((w) => w.id).join(', ') || 'none'}`
      : 'Dust3D has no document window open';
    throw new Dust3dCommandError('listwindow', message);
  }
  await client.selectWindow(window.id);
  const snapshot = await client.getSnapshot();
  const obj = parseObj(await client.exportAsObj());
  // Dust3D sends no mesh (or a bare `# DUST3D`) for an empty document or before its first mesh.
  if (!obj.polygonCount)
    throw new Dust3dCommandError(
      'exportasobj',
      `window "${window.title}" has no result mesh: the document is empty, or Dust3D is still generating it (read again after #resultmeshchanged)`,
    );
  const built = buildDust3dScene(snapshot, obj, {
    cmPerUnit: options.cmPerUnit ?? DUST3D_CM_PER_UNIT,
    origin: options.origin,
    description: describe(client.address, window, windows.length, options.window !== undefined),
    sceneName: window.title,
  });
  return {
    scene: built.scene,
    report: {
      window,
      windowCount: windows.length,
      polygons: obj.polygonCount,
      fannedPolygons: obj.fannedPolygons,
      ...built.report,
    },
  };
}

function describe(address: string, window: Dust3dWindow, count: number, chosen: boolean): string {
  const which = `window "${window.title}" ${window.id}`;
  const note = count > 1 && !chosen ? ` (the first of ${count} windows; pass a window id to choose)` : '';
  return `Dust3D (Remote IO) at ${address}, ${which}${note}`;
}

/** The pure half of the reader: snapshot + parsed OBJ → Scene. */
export function buildDust3dScene(
  snapshot: Dust3dSnapshot,
  obj: ObjMesh,
  options: { cmPerUnit: number; origin?: Vec3; description: string; sceneName?: string },
): { scene: Scene; report: Pick<Dust3dReadReport, 'origin' | 'originEstimated' | 'facesPerPart'> } {
  const { cmPerUnit } = options;
  const nodes = meshNodes(snapshot);
  const known = options.origin ?? canvasOrigin(snapshot);
  const origin = known ?? estimateOrigin(nodes, obj.positions);
  const note = obj.fannedPolygons
    ? `; ${obj.fannedPolygons} polygons of 5+ corners fanned into triangles`
    : '';
  const scene = createScene({ description: options.description + note, sceneName: options.sceneName });

  const parts = assignPartMaterials(
    snapshot,
    nodes,
    origin,
    obj.positions,
    obj.faceSizes,
    obj.faceVertexIndices,
  );
  scene.materials.push(...parts.materials);
  const joints = boneMarkJoints(snapshot, nodes, origin, cmPerUnit);
  const label = options.sceneName?.replace(/\s*\*$/, '') || 'Dust3D model';
  scene.nodes.push(
    sceneNode({
      id: 'dust3d-model',
      name: 'Dust3DModel',
      label,
      kind: joints.length ? 'figure' : 'mesh',
      parent: -1,
      mesh: 0,
      ...(joints.length ? { skeleton: 0 } : {}),
    }),
  );
  joints.forEach((j) => {
    scene.nodes.push(
      sceneNode({
        id: `dust3d-bone-${j.nodeId}-${j.name}`,
        name: j.name,
        label: j.name,
        kind: 'bone',
        parent: j.parent === -1 ? 0 : 1 + j.parent,
        at: j.origin,
      }),
    );
  });
  if (joints.length)
    scene.skeletons.push({ name: 'Dust3DModel', label, node: 0, joints: toSceneJoints(joints, 1) });

  const positions = new Float32Array(obj.positions.length);
  for (let i = 0; i < positions.length; i++) positions[i] = obj.positions[i] * cmPerUnit;
  const mesh: Mesh = {
    name: 'Dust3DModel',
    node: 0,
    space: 'world',
    positions,
    faceSizes: obj.faceSizes,
    faceVertexIndices: obj.faceVertexIndices,
    uvSets: obj.uvs ? [{ name: 'UV', values: obj.uvs.values, cornerIndices: obj.uvs.cornerIndices }] : [],
    normals: obj.normals,
    faceMaterial: parts.faceMaterial,
    materials: parts.materials.map((_, i) => i),
    materialGroups: parts.materials.map((m) => m.name),
    subdivision: { enabled: false, level: 0 },
  };
  // Dust3D's mesh is its rest pose; with a skeleton, a rigid skin makes a rigged export possible.
  if (joints.length) mesh.rest = { positions, skin: rigidSkin(joints, positions), morphs: [] };
  scene.meshes.push(mesh);
  return { scene, report: { origin, originEstimated: !known, facesPerPart: parts.facesPerPart } };
}

function sceneNode(n: Omit<SceneNode, 'className' | 'worldMatrix' | 'visible'> & { at?: Vec3 }): SceneNode {
  const { at, ...rest } = n;
  const worldMatrix = new Float64Array(16);
  mat4.fromTranslation(worldMatrix, at ?? [0, 0, 0]);
  return {
    ...rest,
    className: n.kind === 'bone' ? 'Dust3dBoneMark' : 'Dust3dDocument',
    worldMatrix,
    visible: true,
  };
}
