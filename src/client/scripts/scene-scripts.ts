/**
 * Bulk arrays come back as ONE string, the script's own `JSON.stringify` of an array of
 * integers, not as a JSON array of floats: the server then writes a single string instead of
 * formatting every number with `%.15g`, and the engine's JSON writer prints integers several
 * times faster than doubles (and faster than `join`). Coordinates are fixed point: positions and
 * normals in units of 1e-6 (cm), UVs of 1e-7, rounded; that is finer than the float32 DAZ stores
 * them in (its step is 1.5e-5 cm at 170 cm), so nothing the exporters keep is lost (error ≤ 5e-7
 * cm). The integers are then delta-coded against the previous element of the chunk
 * (client/delta-coding.ts decodes them, and says why), and facets that continue a strip are
 * counted instead of sent (MESH_FACETS). On the heavy scene a read's text went from 76.5 MB
 * (plain integers) to 32.2 MB, and the read from 1.6-1.9 s to 1.0-1.25 s
 * (bench/tasks/scene-read.ts).
 *
 * The DazScript the scene reader sends, one script per query. ES5 only (DAZ Studio runs
 * QtScript), DAZ's real API only, plain values out (never DAZ objects, which the server turns
 * into strings). Nodes are addressed by elementID, which is unique in a scene, unlike names.
 * Every script takes its arguments from getArguments()[0] and is registered once per server.
 * The loops are written out flat (no helper calls per element): they run millions of times.
 */
import type { RegisteredScript } from '../dazscript-client.js';
import { FINGERPRINT_HELPERS } from './fingerprint.js';

const read = (name: string, source: string): RegisteredScript => ({ name, source, idempotent: true });

/** Shared helpers, prepended to scripts that need them (each script is self-contained). */
const FIND_NODE = `
  function findNode(id) {
    var node = Scene.findNodeByElementID(id);
    if (!node) throw "node " + id + " is not in the scene";
    return node;
  }
  function geometryOf(node, posed) {
    var obj = node.getObject();
    if (!obj) throw "node " + node.getLabel() + " has no geometry";
    return posed ? obj.getCachedGeom() : obj.getCurrentShape().getGeometry();
  }`;

/**
 * Every node with its kind, parent, world transform (a DzMatrix3 as 12 numbers), origin and
 * pose fingerprint (`fp`; `fig` for figures and meshes: the node and all its bones). The reader
 * takes it at the start and again at the end: the two must agree on every node it read.
 */
export const INVENTORY = read(
  'inventory',
  `(function () {${FINGERPRINT_HELPERS}
  var nodes = [], n = Scene.getNumNodes();
  for (var i = 0; i < n; i++) {
    var node = Scene.getNode(i), parent = node.getNodeParent(), m = node.getWSTransform(), o = node.getOrigin();
    var obj = node.getObject(), geom = obj ? obj.getCurrentShape().getGeometry() : null;
    nodes.push({
      id: node.elementID, name: node.getName(), label: node.getLabel(), cls: node.className(),
      parent: parent ? parent.elementID : -1,
      skeleton: node.inherits("DzSkeleton"), bone: node.inherits("DzBone"),
      light: node.inherits("DzLight"), camera: node.inherits("DzCamera") && !node.inherits("DzLight"),
      visible: node.isVisible(),
      m: [m.m11, m.m21, m.m31, m.m12, m.m22, m.m32, m.m13, m.m23, m.m33, m.m14, m.m24, m.m34],
      origin: [o.x, o.y, o.z],
      mesh: geom ? { vertices: geom.getNumVertices(), facets: geom.getNumFacets() } : null,
      fp: fpNode(node), fig: geom || node.inherits("DzSkeleton") ? fpFigure(node) : null
    });
  }
  return { nodes: nodes, time: Scene.getTime(), timeStep: Scene.getTimeStep(), filename: Scene.getFilename() };
})()`,
);

/**
 * Prepare a mesh for reading: one forceCacheUpdate (the chunks then read the cache), and
 * what the reader needs to size its arrays.
 */
export const MESH_BEGIN = read(
  'mesh-begin',
  `(function () {${FIND_NODE}${FINGERPRINT_HELPERS}
  var a = getArguments()[0], node = findNode(a.id), obj = node.getObject();
  if (a.posed) obj.forceCacheUpdate(node, false);
  var geom = geometryOf(node, a.posed), base = obj.getCurrentShape().getGeometry(), shape = obj.getCurrentShape();
  var groups = [];
  for (var g = 0; g < geom.getNumMaterialGroups(); g++) groups.push(geom.getMaterialGroup(g).getName());
  var materials = [];
  for (var k = 0; k < shape.getNumMaterials(); k++) materials.push(shape.getMaterial(k).getName());
  var uvs = geom.getUVs();
  return { vertices: geom.getNumVertices(), baseVertices: base.getNumVertices(), facets: geom.getNumFacets(),
    uvs: uvs ? uvs.getNumValues() : 0, uvSet: uvs ? uvs.getLabel() : "", groups: groups, materials: materials,
    subd: { enabled: geom.isSubDivisionEnabled(), level: geom.getCurrentSubDivisionLevel() },
    fp: fpFigure(node) };
})()`,
);

/**
 * Vertex positions [start, start+count) of the cached (posed) or base (rest) mesh: flat xyz in
 * 1e-6 cm, each the difference to the previous vertex (the first to 0).
 */
export const MESH_POSITIONS = read(
  'mesh-positions',
  `(function () {${FIND_NODE}${FINGERPRINT_HELPERS}
  var a = getArguments()[0], node = findNode(a.id), geom = geometryOf(node, a.posed), n = geom.getNumVertices();
  var end = Math.min(n, a.start + a.count), p = [], r = Math.round, px = 0, py = 0, pz = 0, x, y, z;
  for (var i = a.start; i < end; i++) {
    var v = geom.getVertex(i);
    x = r(v.x * 1e6); y = r(v.y * 1e6); z = r(v.z * 1e6);
    p.push(x - px, y - py, z - pz); px = x; py = y; pz = z;
  }
  return { n: n, p: JSON.stringify(p), fp: a.posed ? fpFigure(node) : null };
})()`,
);

/**
 * Smooth normals [start, start+count), flat xyz × 1e6, delta-coded as positions are (DAZ
 * normals are per vertex: normIdx = vertIdx).
 */
export const MESH_NORMALS = read(
  'mesh-normals',
  `(function () {${FIND_NODE}${FINGERPRINT_HELPERS}
  var a = getArguments()[0], node = findNode(a.id), geom = geometryOf(node, a.posed), n = geom.getNumNormals();
  var end = Math.min(n, a.start + a.count), p = [], r = Math.round, px = 0, py = 0, pz = 0, x, y, z;
  for (var i = a.start; i < end; i++) {
    var v = geom.getNormal(i);
    x = r(v.x * 1e6); y = r(v.y * 1e6); z = r(v.z * 1e6);
    p.push(x - px, y - py, z - pz); px = x; py = y; pz = z;
  }
  return { n: n, p: JSON.stringify(p), fp: a.posed ? fpFigure(node) : null };
})()`,
);

/**
 * Facets [start, start+count): per facet 4 vertex and 4 UV corner indices (-1 pads triangles),
 * and the material group per facet run-length encoded as [group, run, group, run ...] (surfaces
 * come in long runs, so this is a few numbers instead of one per facet).
 *
 * Indices go out as differences, per facet an 8-tuple: corner 1 minus the previous facet's
 * corner 1, then corners 2-4 minus this facet's corner 1 (a triangle's pad, -1, comes out as
 * -1 - corner 1 and decodes back to -1); the same for the UV corners. A facet whose tuple equals
 * the previous facet's is not sent, only counted: `r` holds [tuple, extra] pairs for the tuples
 * that repeat.
 *
 * Why: neighbouring facets are neighbours on the surface. In a strip of quads every facet has
 * the same tuple, so a whole strip costs one tuple and one pair, and DAZ Studio's script engine
 * builds far fewer array elements, the most expensive step of this script (heavy scene: 29.6 MB
 * → 1.1 MB, script time 590 → 205 ms). In a mesh with no order at all (facets shuffled), the
 * corners of one facet are still close, so the text stays as short as a plain delta list's
 * (38.6 against 36.6 MB) and the comparisons cost nothing measurable. Decoded by decodeFacets
 * in client/delta-coding.ts.
 */
export const MESH_FACETS = read(
  'mesh-facets',
  `(function () {${FIND_NODE}
  var a = getArguments()[0], geom = geometryOf(findNode(a.id), false), n = geom.getNumFacets();
  var end = Math.min(n, a.start + a.count), c = [], r = [], m = [], last = -1, tuples = 0, extra = 0;
  var v1 = 0, t1 = 0, pv1 = 0, pt1 = 0, ev1, ev2, ev3, ev4, et1, et2, et3, et4;
  var dv1 = NaN, dv2 = 0, dv3 = 0, dv4 = 0, dt1 = 0, dt2 = 0, dt3 = 0, dt4 = 0;
  for (var i = a.start; i < end; i++) {
    var f = geom.getFacet(i);
    v1 = f.vertIdx1; ev1 = v1 - pv1; pv1 = v1;
    ev2 = f.vertIdx2 - v1; ev3 = f.vertIdx3 - v1; ev4 = f.vertIdx4 - v1;
    t1 = f.uvwIdx1; et1 = t1 - pt1; pt1 = t1;
    et2 = f.uvwIdx2 - t1; et3 = f.uvwIdx3 - t1; et4 = f.uvwIdx4 - t1;
    if (ev1 === dv1 && ev2 === dv2 && ev3 === dv3 && ev4 === dv4 &&
        et1 === dt1 && et2 === dt2 && et3 === dt3 && et4 === dt4) {
      extra++;
    } else {
      if (extra > 0) { r.push(tuples - 1, extra); extra = 0; }
      c.push(ev1, ev2, ev3, ev4, et1, et2, et3, et4); tuples++;
      dv1 = ev1; dv2 = ev2; dv3 = ev3; dv4 = ev4; dt1 = et1; dt2 = et2; dt3 = et3; dt4 = et4;
    }
    if (f.materialIndex === last) m[m.length - 1]++;
    else { last = f.materialIndex; m.push(last, 1); }
  }
  if (extra > 0) r.push(tuples - 1, extra);
  return { n: n, c: JSON.stringify(c), r: JSON.stringify(r), m: JSON.stringify(m) };
})()`,
);

/** UV values [start, start+count) of the active UV set: flat uv × 1e7, delta-coded as positions are. */
export const MESH_UVS = read(
  'mesh-uvs',
  `(function () {${FIND_NODE}
  var a = getArguments()[0], uvs = geometryOf(findNode(a.id), false).getUVs(), n = uvs.getNumValues();
  var end = Math.min(n, a.start + a.count), p = [], r = Math.round, pu = 0, pv = 0, x, y;
  for (var i = a.start; i < end; i++) {
    var v = uvs.getPnt2Vec(i);
    x = r(v.x * 1e7); y = r(v.y * 1e7);
    p.push(x - pu, y - pv); pu = x; pv = y;
  }
  return { n: n, p: JSON.stringify(p) };
})()`,
);

/**
 * A shape's materials: shader type and every property with its value and texture map. Colour
 * properties come as 0..1 floats (float colour when the property has one, else the 8-bit colour).
 */
export const MATERIALS = read(
  'materials',
  `(function () {${FIND_NODE}
  var a = getArguments()[0], shape = findNode(a.id).getObject().getCurrentShape(), out = [];
  for (var k = 0; k < shape.getNumMaterials(); k++) {
    var mat = shape.getMaterial(k), props = mat.getPropertyList(), channels = [];
    for (var i = 0; i < props.length; i++) {
      var p = props[i], value = null, map = null;
      if (p.inherits("DzFloatColorProperty")) { var fc = p.getFloatColorValue(); value = [fc.red, fc.green, fc.blue]; }
      else if (p.inherits("DzColorProperty")) { var c = p.getColorValue(); value = [c.red / 255, c.green / 255, c.blue / 255]; }
      else if (p.inherits("DzEnumProperty")) value = p.getStringValue();
      else if (p.inherits("DzBoolProperty")) value = p.getBoolValue();
      else if (p.inherits("DzNumericProperty")) value = p.getValue();
      else if (p.inherits("DzStringProperty")) value = p.getValue();
      else if (p.inherits("DzImageProperty")) { var img = p.getValue(); map = img ? img.getFilename() : null; }
      if (p.isNumeric && p.isNumeric() && p.isMapped()) map = p.getMapValue().getFilename();
      channels.push({ name: p.getName(), label: p.getLabel(), value: value, map: map });
    }
    out.push({ name: mat.getName(), shader: mat.getMaterialName(), channels: channels });
  }
  return out;
})()`,
);

/** Cameras and lights with their lens and light channels. */
export const CAMERAS_AND_LIGHTS = read(
  'cameras-lights',
  `(function () {
  var cameras = [], lights = [];
  for (var i = 0; i < Scene.getNumCameras(); i++) {
    var c = Scene.getCamera(i);
    cameras.push({ id: c.elementID, focalLength: c.focalLength, frameWidth: c.frameWidth, aspect: c.aspectRatio,
      near: c.nearClippingPlane, far: c.farClippingPlane, focalDistance: c.focalDistance,
      fStop: c.inherits("DzBasicCamera") ? c.fStop : 0, dof: c.inherits("DzBasicCamera") ? c.depthOfField : false,
      fov: c.getFieldOfView() });
  }
  for (var k = 0; k < Scene.getNumLights(); k++) {
    var l = Scene.getLight(k), color = l.findProperty("Color"), fc = color && color.getFloatColorValue ? color.getFloatColorValue() : null;
    var kind = l.inherits("DzSpotLight") ? "spot" : l.inherits("DzPointLight") ? "point" : "distant";
    var geometry = l.findProperty("Light Geometry"), width = l.findProperty("Width"), height = l.findProperty("Height");
    var temperature = l.findProperty("Temperature"), photometric = l.findProperty("Photometric Mode");
    lights.push({ id: l.elementID, kind: kind, on: l.isOn(),
      color: fc ? [fc.red, fc.green, fc.blue] : [1, 1, 1],
      intensity: l.getIntensity ? l.getIntensity() : 1, flux: l.getFlux ? l.getFlux() : 0,
      photometric: photometric ? photometric.getBoolValue() : false,
      spread: kind === "spot" ? l.getSpreadAngle() : null,
      temperature: temperature ? temperature.getValue() : null,
      geometry: geometry ? geometry.getValue() : 0, width: width ? width.getValue() : 0, height: height ? height.getValue() : 0 });
  }
  return { cameras: cameras, lights: lights };
})()`,
);

/** A figure's bones: rest data and the current rotate/translate channels; the figure's fingerprint. */
export const SKELETON = read(
  'skeleton',
  `(function () {${FIND_NODE}${FINGERPRINT_HELPERS}
  var a = getArguments()[0], figure = findNode(a.id), bones = figure.getAllBones(), out = [];
  for (var i = 0; i < bones.length; i++) {
    var b = bones[i], p = b.getNodeParent(), o = b.getOrigin(true), e = b.getEndPoint(true), q = b.getOrientation(true);
    out.push({ id: b.elementID, name: b.getName(), label: b.getLabel(),
      parent: p && p.inherits("DzBone") ? p.getName() : null, order: b.getRotationOrder().toString(),
      origin: [o.x, o.y, o.z], end: [e.x, e.y, e.z], orientation: [q.x, q.y, q.z, q.w],
      rotation: [b.getXRotControl().getValue(), b.getYRotControl().getValue(), b.getZRotControl().getValue()],
      translation: [b.getXPosControl().getValue(), b.getYPosControl().getValue(), b.getZPosControl().getValue()] });
  }
  return { bones: out, fp: fpFigure(figure) };
})()`,
);

/** Skin weights of bone bindings [start, start+count): per bone its non-zero vertices. */
export const SKIN_WEIGHTS = read(
  'skin-weights',
  `(function () {${FIND_NODE}
  var a = getArguments()[0], figure = findNode(a.id), skin = figure.getSkinBinding();
  if (!skin) return { n: 0, bones: [] };
  var n = skin.getNumBoneBindings(), end = Math.min(n, a.start + a.count), out = [];
  for (var b = a.start; b < end; b++) {
    var binding = skin.getBoneBinding(b), map = binding.getWeights(), nv = map.getNumWeights(), idx = [], w = [];
    for (var i = 0; i < nv; i++) { var x = map.getFloatWeight(i); if (x > 0) { idx.push(i); w.push(x); } }
    out.push({ bone: binding.getBone().getName(), i: idx, w: w });
  }
  return { n: n, bones: out };
})()`,
);

/**
 * The object's morphs (value and deltas), [start, start+count) of the morphs it sends; the node's
 * fingerprint. With `include`/`exclude` (regular expression sources, case-insensitive, tried on
 * name and label) it sends only the chosen morphs (`w` true) and the others that are dialled in
 * (`w` false: their shape is part of the rest mesh), so no unwanted deltas cross the wire; `all`
 * counts every morph of the object.
 */
export const MORPHS = read(
  'morphs',
  `(function () {${FIND_NODE}${FINGERPRINT_HELPERS}
  var a = getArguments()[0], node = findNode(a.id), obj = node.getObject(), morphs = [], wanted = [], all = 0;
  var inc = null, exc = [];
  if (a.include) { inc = []; for (var p = 0; p < a.include.length; p++) inc.push(new RegExp(a.include[p], "i")); }
  if (a.exclude) for (var q = 0; q < a.exclude.length; q++) exc.push(new RegExp(a.exclude[q], "i"));
  function hit(res, name, label) { for (var r = 0; r < res.length; r++) if (res[r].test(name) || res[r].test(label)) return true; return false; }
  for (var m = 0; m < obj.getNumModifiers(); m++) {
    var mod = obj.getModifier(m);
    if (!mod.inherits("DzMorph")) continue;
    all++;
    var nm = mod.getName(), lb = mod.getLabel();
    var w = !inc || (hit(inc, nm, lb) && !hit(exc, nm, lb));
    if (w || mod.getValueControl().getValue() !== 0) { morphs.push(mod); wanted.push(w); }
  }
  var end = Math.min(morphs.length, a.start + a.count), out = [];
  for (var k = a.start; k < end; k++) {
    var morph = morphs[k], d = morph.getDeltas(), idx = [], dv = [];
    d.loadDeltas();
    for (var i = 0; i < d.getNumDeltas(); i++) { var v = d.getDeltaVec(i); idx.push(d.getDeltaIndex(i)); dv.push(v.x, v.y, v.z); }
    out.push({ name: morph.getName(), label: morph.getLabel(), value: morph.getValueControl().getValue(), w: wanted[k], i: idx, d: dv });
  }
  return { n: morphs.length, all: all, morphs: out, fp: fpFigure(node) };
})()`,
);

/**
 * The names, labels and current values of a node's morphs, without their deltas: what the scene
 * listing shows (MORPHS above reads the deltas too, megabytes for a figure).
 */
export const MORPH_NAMES = read(
  'morph-names',
  `(function () {${FIND_NODE}
  var obj = findNode(getArguments()[0].id).getObject(), out = [];
  if (obj) for (var m = 0; m < obj.getNumModifiers(); m++) {
    var mod = obj.getModifier(m);
    if (mod.inherits("DzMorph")) out.push({ name: mod.getName(), label: mod.getLabel(), value: mod.getValueControl().getValue() });
  }
  return out;
})()`,
);

export const SCENE_SCRIPTS = [
  INVENTORY,
  MESH_BEGIN,
  MESH_POSITIONS,
  MESH_NORMALS,
  MESH_FACETS,
  MESH_UVS,
  MATERIALS,
  CAMERAS_AND_LIGHTS,
  SKELETON,
  SKIN_WEIGHTS,
  MORPHS,
  MORPH_NAMES,
];
