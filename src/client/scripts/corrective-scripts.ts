/**
 * The DazScript that finds a scene's joint corrective morphs (ES5, DAZ's real API, plain values
 * out). DAZ knows a corrective by what drives it, not by its name: its value property has
 * controllers (`getNumControllers()`/`getController(i)`), ERC links (`DzERCLink`) whose driving
 * property (`getProperty()`) belongs to a bone (`getOwner().inherits("DzBone")`), e.g. a bone's
 * `XRotate`. A link may also come through another morph's value (a JCM driven by a controller
 * morph that a bone drives), so owners that are morphs are followed a few steps.
 */
import type { RegisteredScript } from '../dazscript-client.js';

/**
 * `{ ids?: number[] }` (elementIDs; default every node but the bones) → per node with an object,
 * `{ id, morphs: [{ name, label, drivers: ["bone/property", …] }] }`: its morphs driven by a bone.
 */
export const CORRECTIVE_MORPHS: RegisteredScript = {
  name: 'corrective-morphs',
  idempotent: true,
  source: `(function () {
  var a = getArguments()[0] || {}, nodes = [], out = [];
  if (a.ids) for (var i = 0; i < a.ids.length; i++) { var n = Scene.findNodeByElementID(a.ids[i]); if (n) nodes.push(n); }
  else for (var j = 0; j < Scene.getNumNodes(); j++) if (!Scene.getNode(j).inherits("DzBone")) nodes.push(Scene.getNode(j));
  function boneDrivers(prop, depth, found) {
    var count = prop.getNumControllers ? prop.getNumControllers() : 0;
    for (var c = 0; c < count; c++) {
      var link = prop.getController(c);
      if (!link || !link.inherits("DzERCLink")) continue;
      var src = link.getProperty(), owner = src ? src.getOwner() : null;
      if (!owner) continue;
      if (owner.inherits("DzBone")) found.push(owner.getName() + "/" + src.getName());
      else if (owner.inherits("DzMorph") && depth < 4) boneDrivers(src, depth + 1, found);
    }
    return found;
  }
  for (var k = 0; k < nodes.length; k++) {
    var obj = nodes[k].getObject(), morphs = [];
    if (!obj) continue;
    for (var m = 0; m < obj.getNumModifiers(); m++) {
      var mod = obj.getModifier(m);
      if (!mod.inherits("DzMorph")) continue;
      var drivers = boneDrivers(mod.getValueControl(), 0, []);
      if (drivers.length) morphs.push({ name: mod.getName(), label: mod.getLabel(), drivers: drivers });
    }
    out.push({ id: nodes[k].elementID, morphs: morphs });
  }
  return out;
})()`,
};
