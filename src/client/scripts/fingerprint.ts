/**
 * A pose fingerprint, computed inside DAZ Studio in the same script as the data it vouches for.
 *
 * Why: DAZ Studio announces structural changes (nodes added, the time moved) as scene events,
 * but not a bone rotated or a morph dialled. A read takes many requests, so a change between two
 * of them would mix two states of the scene in one export (a skeleton from before, posed
 * vertices or morph weights from after) with nothing to tell. Every answer whose values depend
 * on the pose therefore carries the fingerprint of the node it read, taken in the same script
 * run (DAZ runs one script at a time, so the two cannot disagree), and the reader compares it
 * with the one the inventory took at the start (client/scene-consistency.ts).
 *
 * What it covers, per node: its world transform (so every rotate, translate and scale channel
 * of the node and of its ancestors), the values of its object's morphs (posed shape), and its
 * base mesh's vertex and facet counts. A figure's fingerprint folds in every bone's. Two hashes
 * (transform; morphs and counts) say which kind of change it was. Values are quantised to 1e-6
 * (cm, or matrix units: 0.00006° of rotation), far below what any exporter keeps, and folded
 * into a 31-bit polynomial hash that stays exact in double precision (h < 2^31, multiplier
 * < 2^17, so every product is below 2^53); ES5 has no Math.imul. A change goes unnoticed only
 * if both hashes of the node collide, about one in 2^31 for each.
 *
 * What it does not cover: material and light values (read in one script each, they cannot be
 * torn; a change between them and the meshes is not detected), and selection, which does not
 * change what is exported.
 */

/** DazScript helpers `fpNode(node)` and `fpFigure(node)`, each returning `[transform, shape]`. */
export const FINGERPRINT_HELPERS = `
  function fpMix(h, v) {
    var x = v !== v ? 1 : Math.round(v * 1e6) % 2147483647;
    if (x < 0) x += 2147483647;
    return (h * 65599 + x) % 2147483647;
  }
  function fpNode(node) {
    var m = node.getWSTransform(), t = 7, s = 11;
    t = fpMix(t, m.m11); t = fpMix(t, m.m21); t = fpMix(t, m.m31); t = fpMix(t, m.m12);
    t = fpMix(t, m.m22); t = fpMix(t, m.m32); t = fpMix(t, m.m13); t = fpMix(t, m.m23);
    t = fpMix(t, m.m33); t = fpMix(t, m.m14); t = fpMix(t, m.m24); t = fpMix(t, m.m34);
    var obj = node.getObject();
    if (obj) {
      for (var i = 0; i < obj.getNumModifiers(); i++) {
        var mod = obj.getModifier(i);
        if (mod.inherits("DzMorph")) s = fpMix(s, mod.getValueControl().getValue());
      }
      var g = obj.getCurrentShape().getGeometry();
      s = fpMix(s, g.getNumVertices()); s = fpMix(s, g.getNumFacets());
    }
    return [t, s];
  }
  function fpFigure(node) {
    var h = fpNode(node);
    if (node.inherits("DzSkeleton")) {
      var bones = node.getAllBones();
      for (var b = 0; b < bones.length; b++) { var f = fpNode(bones[b]); h[0] = fpMix(h[0], f[0]); h[1] = fpMix(h[1], f[1]); }
    }
    return h;
  }`;
