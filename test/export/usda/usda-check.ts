/**
 * Structural checks TinyUSDZ does not make: array lengths against counts and interpolation,
 * index ranges, UsdSkel joint order and array sizes, that every relationship and connection
 * target exists, material networks end in a UsdPreviewSurface, `defaultPrim` exists. Returns
 * every problem found (an empty list is a pass).
 */
import { allPrims, flat, type UsdLayer, type UsdPrim, type UsdProp, type UsdValue } from './usda-parse.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ELEMENT_SIZE: Record<string, number> = {
  point3f: 3,
  normal3f: 3,
  vector3f: 3,
  float3: 3,
  color3f: 3,
  texCoord2f: 2,
  float2: 2,
  float: 1,
  int: 1,
  quatf: 4,
  half3: 3,
  matrix4d: 16,
};

export function checkLayer(layer: UsdLayer): string[] {
  const problems = [...layer.problems];
  const fail = (text: string) => problems.push(text);

  const dp = layer.meta.defaultPrim;
  if (typeof dp !== 'string' || !layer.prims.some((p) => p.name === dp))
    fail(`defaultPrim ${String(dp)} is not a root prim`);
  if (layer.meta.upAxis !== 'Y') fail(`upAxis is ${String(layer.meta.upAxis)}`);
  if (layer.meta.metersPerUnit !== 0.01) fail(`metersPerUnit is ${String(layer.meta.metersPerUnit)}`);
  const start = layer.meta.startTimeCode;
  const end = layer.meta.endTimeCode;
  if ((start === undefined) !== (end === undefined)) fail('only one of startTimeCode/endTimeCode');

  const propAt = (target: string): UsdProp | UsdPrim | undefined => {
    const dot = target.lastIndexOf('.');
    const slash = target.lastIndexOf('/');
    if (dot > slash) return layer.byPath.get(target.slice(0, dot))?.props.get(target.slice(dot + 1));
    return layer.byPath.get(target);
  };

  for (const prim of allPrims(layer)) {
    if (!IDENT.test(prim.name)) fail(`${prim.path}: prim name is not an identifier`);
    for (const prop of prim.props.values()) {
      for (const t of [...(prop.targets ?? []), ...(prop.connect ?? [])]) {
        if (!propAt(t)) fail(`${prim.path}.${prop.name} targets ${t}, which does not exist`);
      }
      if (prop.timeSamples && typeof start === 'number' && typeof end === 'number') {
        for (const [time] of prop.timeSamples) {
          if (time < start || time > end)
            fail(`${prim.path}.${prop.name}: time sample ${time} outside [${start}, ${end}]`);
        }
      }
    }
    const order = prim.props.get('xformOpOrder')?.value;
    if (Array.isArray(order)) {
      for (const op of order as string[])
        if (!prim.props.has(op)) fail(`${prim.path}: xformOpOrder names ${op}, not authored`);
    }
    if (
      prim.props.has('xformOp:transform') &&
      flat(prim.props.get('xformOp:transform')?.value).length !== 16
    ) {
      fail(`${prim.path}: xformOp:transform is not a 4×4 matrix`);
    }
    switch (prim.type) {
      case 'Mesh':
        checkMesh(prim, layer, fail);
        break;
      case 'Skeleton':
        checkSkeleton(prim, layer, fail);
        break;
      case 'Material':
        checkMaterial(prim, layer, fail);
        break;
      case 'Shader':
        if (typeof prim.props.get('info:id')?.value !== 'string')
          fail(`${prim.path}: shader without info:id`);
        break;
    }
    const binding = prim.props.get('material:binding');
    if (binding) {
      if (!prim.apiSchemas.includes('MaterialBindingAPI'))
        fail(`${prim.path}: material:binding without MaterialBindingAPI`);
      for (const t of binding.targets ?? []) {
        if (layer.byPath.get(t)?.type !== 'Material')
          fail(`${prim.path}: material:binding targets ${t}, not a Material`);
      }
    }
  }
  return problems;
}

function count(v: UsdValue | undefined, type: string): number {
  const n = flat(v).length;
  return n / (ELEMENT_SIZE[type.replace('[]', '')] ?? 1);
}

function checkMesh(prim: UsdPrim, layer: UsdLayer, fail: (t: string) => void): void {
  const p = (n: string) => prim.props.get(n);
  const points = count(p('points')?.value, 'point3f');
  const counts = flat(p('faceVertexCounts')?.value);
  const indices = flat(p('faceVertexIndices')?.value);
  const corners = counts.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(points) || points === 0) fail(`${prim.path}: ${points} points`);
  if (corners !== indices.length)
    fail(`${prim.path}: faceVertexCounts add up to ${corners}, ${indices.length} indices`);
  if (counts.some((c) => c < 3)) fail(`${prim.path}: a face with fewer than 3 corners`);
  if (indices.some((i) => i < 0 || i >= points || !Number.isInteger(i)))
    fail(`${prim.path}: faceVertexIndices out of range`);
  const faces = counts.length;
  const expected = (interp: string, elementSize = 1) =>
    (
      ({ constant: 1, uniform: faces, vertex: points, varying: points, faceVarying: corners }) as Record<
        string,
        number
      >
    )[interp] * elementSize;
  for (const prop of prim.props.values()) {
    if (prop.kind !== 'attribute') continue;
    const isPrimvar = prop.name.startsWith('primvars:') && !prop.name.endsWith(':indices');
    if (!isPrimvar && prop.name !== 'normals') continue;
    if (prop.name === 'primvars:skel:geomBindTransform') continue;
    const interp = String(prop.meta.interpolation ?? (prop.name === 'normals' ? 'vertex' : 'constant'));
    const elementSize = typeof prop.meta.elementSize === 'number' ? prop.meta.elementSize : 1;
    const n = count(prop.value, prop.type);
    const idx = p(`${prop.name}:indices`);
    if (idx) {
      const ix = flat(idx.value);
      if (ix.length !== expected(interp, elementSize))
        fail(
          `${prim.path}.${prop.name}:indices: ${ix.length} for ${interp} (${expected(interp, elementSize)})`,
        );
      if (ix.some((i) => i < 0 || i >= n))
        fail(`${prim.path}.${prop.name}:indices out of range (${n} values)`);
    } else if (n !== expected(interp, elementSize)) {
      fail(
        `${prim.path}.${prop.name}: ${n} values for ${interp} × ${elementSize} (${expected(interp, elementSize)})`,
      );
    }
  }
  const extent = flat(p('extent')?.value);
  if (extent.length !== 6) fail(`${prim.path}: extent missing`);
  else {
    const pts = flat(p('points')?.value);
    for (let i = 0; i < pts.length; i++) {
      const k = i % 3;
      if (pts[i] < extent[k] - 1e-4 || pts[i] > extent[3 + k] + 1e-4) {
        fail(`${prim.path}: point ${Math.floor(i / 3)} outside the extent`);
        break;
      }
    }
  }
  const scheme = p('subdivisionScheme')?.value;
  if (scheme !== 'none' && scheme !== 'catmullClark')
    fail(`${prim.path}: subdivisionScheme ${String(scheme)}`);

  // GeomSubsets: face indices in range; a materialBind partition covers each face once.
  const subsets = prim.children.filter((c) => c.type === 'GeomSubset');
  const owner = new Int32Array(faces).fill(-1);
  for (const [k, s] of subsets.entries()) {
    if (s.props.get('elementType')?.value !== 'face') fail(`${s.path}: elementType is not face`);
    if (s.props.get('familyName')?.value !== 'materialBind')
      fail(`${s.path}: familyName is not materialBind`);
    for (const f of flat(s.props.get('indices')?.value)) {
      if (f < 0 || f >= faces) fail(`${s.path}: face ${f} out of range`);
      else if (owner[f] >= 0) fail(`${s.path}: face ${f} is also in another subset`);
      else owner[f] = k;
    }
  }
  if (
    subsets.length &&
    p('subsetFamily:materialBind:familyType')?.value === 'partition' &&
    owner.includes(-1)
  ) {
    fail(`${prim.path}: materialBind partition leaves faces out`);
  }

  // Skinning primvars and blend shapes.
  if (p('primvars:skel:jointIndices')) {
    if (!prim.apiSchemas.includes('SkelBindingAPI')) fail(`${prim.path}: skinned without SkelBindingAPI`);
    const skel = layer.byPath.get(p('skel:skeleton')?.targets?.[0] ?? '');
    if (skel?.type !== 'Skeleton') fail(`${prim.path}: skel:skeleton does not target a Skeleton`);
    const joints =
      flat([]).length + ((skel?.props.get('joints')?.value as string[] | undefined)?.length ?? 0);
    const ji = p('primvars:skel:jointIndices') as UsdProp;
    const jw = p('primvars:skel:jointWeights');
    const size = ji.meta.elementSize;
    if (typeof size !== 'number' || size < 1) fail(`${prim.path}: jointIndices without elementSize`);
    if (jw?.meta.elementSize !== size) fail(`${prim.path}: jointWeights elementSize differs`);
    if (flat(ji.value).some((j) => j < 0 || j >= joints))
      fail(`${prim.path}: joint index out of range (${joints} joints)`);
    const weights = flat(jw?.value);
    for (let v = 0; v < points; v++) {
      let sum = 0;
      for (let k = 0; k < (size as number); k++) sum += weights[v * (size as number) + k];
      if (sum !== 0 && Math.abs(sum - 1) > 1e-3) {
        fail(`${prim.path}: weights of vertex ${v} add up to ${sum}`);
        break;
      }
    }
  }
  const shapes = p('skel:blendShapes')?.value as string[] | undefined;
  const targets = p('skel:blendShapeTargets')?.targets ?? [];
  if ((shapes?.length ?? 0) !== targets.length)
    fail(`${prim.path}: ${shapes?.length} blendShapes, ${targets.length} targets`);
  for (const t of targets) {
    const shape = layer.byPath.get(t);
    if (shape?.type !== 'BlendShape') {
      fail(`${prim.path}: blend shape target ${t} is not a BlendShape`);
      continue;
    }
    const offsets = count(shape.props.get('offsets')?.value, 'vector3f');
    const pi = flat(shape.props.get('pointIndices')?.value);
    if (offsets !== pi.length) fail(`${t}: ${offsets} offsets for ${pi.length} point indices`);
    if (pi.some((i) => i < 0 || i >= points)) fail(`${t}: point index out of range`);
  }
}

function checkSkeleton(prim: UsdPrim, layer: UsdLayer, fail: (t: string) => void): void {
  const joints = (prim.props.get('joints')?.value as string[] | undefined) ?? [];
  const seen = new Set<string>();
  for (const j of joints) {
    const parent = j.includes('/') ? j.slice(0, j.lastIndexOf('/')) : null;
    if (parent !== null && !seen.has(parent)) fail(`${prim.path}: joint ${j} comes before its parent`);
    if (seen.has(j)) fail(`${prim.path}: joint ${j} twice`);
    if (!j.split('/').every((part) => IDENT.test(part)))
      fail(`${prim.path}: joint path ${j} is not made of identifiers`);
    seen.add(j);
  }
  for (const name of ['bindTransforms', 'restTransforms', 'jointNames']) {
    const v = prim.props.get(name)?.value;
    const n = name === 'jointNames' ? (v as unknown[] | undefined)?.length : count(v, 'matrix4d');
    if (v !== undefined && n !== joints.length)
      fail(`${prim.path}.${name}: ${n} for ${joints.length} joints`);
  }
  const anim = layer.byPath.get(prim.props.get('skel:animationSource')?.targets?.[0] ?? '');
  if (!anim) return;
  if (anim.type !== 'SkelAnimation') fail(`${prim.path}: animationSource is not a SkelAnimation`);
  const animJoints = (anim.props.get('joints')?.value as string[] | undefined) ?? [];
  if (animJoints.some((j) => !seen.has(j))) fail(`${anim.path}: animates joints the skeleton does not have`);
  for (const [name, type] of [
    ['translations', 'float3'],
    ['rotations', 'quatf'],
    ['scales', 'half3'],
  ] as const) {
    const prop = anim.props.get(name);
    if (!prop) continue;
    const values = [
      ...(prop.value !== undefined ? [prop.value] : []),
      ...(prop.timeSamples ?? []).map((s) => s[1]),
    ];
    for (const v of values) {
      if (count(v, type) !== animJoints.length)
        fail(`${anim.path}.${name}: ${count(v, type)} values for ${animJoints.length} joints`);
      if (type === 'quatf') {
        const q = flat(v);
        for (let i = 0; i < q.length; i += 4) {
          if (Math.abs(Math.hypot(q[i], q[i + 1], q[i + 2], q[i + 3]) - 1) > 1e-5) {
            fail(`${anim.path}.rotations: quaternion ${i / 4} is not unit`);
            break;
          }
        }
      }
    }
  }
  const shapes = (anim.props.get('blendShapes')?.value as string[] | undefined) ?? [];
  if (shapes.length !== flat(anim.props.get('blendShapeWeights')?.value).length)
    fail(`${anim.path}: blendShapeWeights length`);
}

function checkMaterial(prim: UsdPrim, layer: UsdLayer, fail: (t: string) => void): void {
  const out = prim.props.get('outputs:surface')?.connect?.[0];
  const shader = out ? layer.byPath.get(out.slice(0, out.lastIndexOf('.'))) : undefined;
  if (shader?.props.get('info:id')?.value !== 'UsdPreviewSurface')
    fail(`${prim.path}: outputs:surface is not a UsdPreviewSurface`);
  for (const child of prim.children) {
    if (child.props.get('info:id')?.value !== 'UsdUVTexture') continue;
    const cs = child.props.get('inputs:sourceColorSpace')?.value;
    if (cs !== 'sRGB' && cs !== 'raw') fail(`${child.path}: sourceColorSpace ${String(cs)}`);
    const file = child.props.get('inputs:file')?.value as { asset?: string } | undefined;
    if (!file?.asset) fail(`${child.path}: no inputs:file`);
    if (!child.props.get('inputs:st')?.connect?.length) fail(`${child.path}: st not connected`);
  }
}
