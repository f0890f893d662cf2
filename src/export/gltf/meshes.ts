/**
 * Scene meshes → glTF meshes, one primitive per material slot (split-seams.ts), on nodes with
 * an identity world transform at the root:
 * - posed (default): DAZ's final world-space vertices ÷ 100, normals as DAZ gives them;
 * - rigged (figures with rest data and skin weights, when `rigged`): the unposed mesh in figure
 *   space (metres), normals computed from it, JOINTS_0/WEIGHTS_0 (top four, skin-weights.ts)
 *   and the figure's skin; current morph values are baked into the rest positions unless
 *   `morphs` writes them as morph targets (morphs.ts).
 * A glTF skinned mesh ignores its node's transform and must sit at the root (validator
 * NODE_SKINNED_MESH_NON_ROOT); posed meshes follow the same rule so world positions stay exact.
 */
import type { Material, Node, Skin } from '@gltf-transform/core';
import { type Mesh, restWithMorphs } from '../../scene/mesh.js';
import {
  compactIndices,
  createAccessor,
  gatherInfluences,
  gatherPositions,
  gatherUvs,
  gatherVec3,
} from './attributes.js';
import type { GltfContext } from './context.js';
import { addTargets, type MorphDeltas, morphDeltas } from './morphs.js';
import type { NodePlan } from './nodes.js';
import { computeNormals, unitNormals } from './normals.js';
import { topInfluences, type VertexInfluences } from './skin-weights.js';
import { splitSeams } from './split-seams.js';
import { computeTangents } from './tangents.js';

export interface MeshStats {
  meshes: number;
  vertices: number;
  triangles: number;
}

export interface MeshInputs {
  plan: NodePlan;
  material: (index: number) => Promise<Material>;
  skins: Map<number, Skin>;
}

/** Every scene mesh as a glTF mesh on its node; reports progress in source vertices. */
export async function buildMeshes(ctx: GltfContext, inputs: MeshInputs): Promise<MeshStats> {
  const stats: MeshStats = { meshes: 0, vertices: 0, triangles: 0 };
  const total = ctx.scene.meshes.reduce((s, m) => s + m.positions.length / 3, 0);
  let done = 0;
  const progress = ctx.options.onProgress;
  progress?.({ phase: 'meshes', done, total });
  for (const mesh of ctx.scene.meshes) {
    const built = await buildMesh(ctx, mesh, inputs);
    stats.meshes++;
    stats.vertices += built.vertices;
    stats.triangles += built.triangles;
    done += mesh.positions.length / 3;
    progress?.({ phase: 'meshes', done, total });
  }
  return stats;
}

async function buildMesh(
  ctx: GltfContext,
  mesh: Mesh,
  inputs: MeshInputs,
): Promise<{ vertices: number; triangles: number }> {
  const owner = ctx.scene.nodes[mesh.node];
  const skinIndex = mesh.rest?.skin?.skeleton;
  const skin = ctx.options.rigged && skinIndex !== undefined ? inputs.skins.get(skinIndex) : undefined;
  const rest = skin ? mesh.rest : undefined;
  let positionsCm: Float32Array;
  let normals: Float32Array;
  let influences: VertexInfluences | null = null;
  let morphs: MorphDeltas | null = null;
  if (rest?.skin) {
    const withMorphs = ctx.options.morphs && rest.morphs.length > 0;
    positionsCm = withMorphs ? rest.positions : restWithMorphs(rest.positions, rest.morphs);
    normals = computeNormals(positionsCm, mesh.faceSizes, mesh.faceVertexIndices);
    influences = topInfluences(rest.skin, positionsCm.length / 3);
    reportInfluences(ctx, mesh.name, influences);
    if (withMorphs) morphs = morphDeltas(mesh, positionsCm, normals);
  } else {
    positionsCm = mesh.positions;
    normals = unitNormals(mesh, mesh.positions, mesh.normals);
    if (mesh.space !== 'world')
      ctx.warnings.push(`${mesh.name}: an unskinned mesh in rest space is written unposed at the origin`);
  }

  const gltfMesh = ctx.doc.createMesh(mesh.name);
  const jointCount = skinIndex !== undefined ? ctx.scene.skeletons[skinIndex].joints.length : 0;
  let vertices = 0;
  let triangles = 0;
  for (const layout of splitSeams(mesh)) {
    const positions = gatherPositions(positionsCm, layout.vertices);
    const normalsOut = gatherVec3(normals, layout.vertices);
    const uvs = layout.uvIndices.map((uvIndex, set) => gatherUvs(mesh.uvSets[set].values, uvIndex));
    const prim = ctx.doc
      .createPrimitive()
      .setAttribute('POSITION', createAccessor(ctx, 'VEC3', positions))
      .setAttribute('NORMAL', createAccessor(ctx, 'VEC3', normalsOut));
    for (const [set, uv] of uvs.entries())
      prim.setAttribute(`TEXCOORD_${set}`, createAccessor(ctx, 'VEC2', uv));
    if (influences) {
      const g = gatherInfluences(influences.joints, influences.weights, layout.vertices, jointCount);
      prim.setAttribute('JOINTS_0', createAccessor(ctx, 'VEC4', g.joints));
      prim.setAttribute('WEIGHTS_0', createAccessor(ctx, 'VEC4', g.weights));
    }
    prim.setIndices(createAccessor(ctx, 'SCALAR', compactIndices(layout.indices, layout.vertices.length)));
    const materialIndex = mesh.materials[layout.slot];
    const material = materialIndex === undefined ? null : await inputs.material(materialIndex);
    if (material) {
      prim.setMaterial(material);
      if (material.getNormalTexture() && uvs[0]) {
        const tangents = computeTangents(positions, normalsOut, uvs[0], layout.indices);
        prim.setAttribute('TANGENT', createAccessor(ctx, 'VEC4', tangents));
      }
    }
    prim.setExtras({ daz: { slot: layout.slot, surface: mesh.materialGroups[layout.slot] ?? '' } });
    if (morphs) addTargets(ctx, prim, layout, morphs);
    gltfMesh.addPrimitive(prim);
    vertices += layout.vertices.length;
    triangles += layout.indices.length / 3;
  }
  const daz = { id: owner.id, subdivision: mesh.subdivision };
  if (morphs) {
    gltfMesh.setWeights(morphs.morphs.map((m) => m.value));
    gltfMesh.setExtras({
      targetNames: morphs.morphs.map((m) => m.name),
      daz: { ...daz, morphLabels: morphs.morphs.map((m) => m.label) },
    });
  } else gltfMesh.setExtras({ daz });
  const node = meshNode(ctx, mesh, inputs.plan, owner.label).setMesh(gltfMesh);
  if (skin) node.setSkin(skin);
  return { vertices, triangles };
}

/** The owner itself when it is a mesh leaf (identity, at the root), else a new root node. */
function meshNode(ctx: GltfContext, mesh: Mesh, plan: NodePlan, label: string): Node {
  const own = ctx.nodes[mesh.node];
  if (own && plan.meshLeaves.has(mesh.node)) return own;
  const node = ctx.doc
    .createNode(ctx.names.unique(`${label} (mesh)`))
    .setExtras({ daz: { id: ctx.scene.nodes[mesh.node].id, role: 'mesh' } });
  ctx.gltfScene.addChild(node);
  return node;
}

function reportInfluences(ctx: GltfContext, name: string, inf: VertexInfluences): void {
  if (inf.truncatedVertices > 0) {
    ctx.warnings.push(
      `${name}: ${inf.truncatedVertices} vertices have more than 4 joint influences (up to ${inf.maxInfluences}); ` +
        `kept the 4 largest, dropping at most ${(inf.maxDroppedShare * 100).toFixed(1)} % of a vertex's weight`,
    );
  }
  if (inf.unweighted > 0)
    ctx.warnings.push(`${name}: ${inf.unweighted} vertices have no skin weight; bound to the root joint`);
}
