/**
 * The DazScript that reads a scene's animation (ES5, DAZ's real API, plain values out):
 * ANIMATION_CHANNELS lists the timeline and every keyed value of the given nodes with its keys;
 * ANIMATION_SAMPLES evaluates them at a run of frames with `getValue(time)` (DAZ evaluates its
 * own interpolation, whatever it is: this is what `bake` reads). Nodes are addressed by
 * elementID, bones by name within their figure, morphs by modifier name.
 */
import type { RegisteredScript } from '../dazscript-client.js';

const read = (name: string, source: string): RegisteredScript => ({ name, source, idempotent: true });

/**
 * The timeline (ticks) and, per node of the scene but bones, what is keyed: the node's own transform, each
 * bone with a keyed rotate or translate channel, each morph with a keyed value; every keyed
 * property's keys as `[time, value, interpolation]`. The reader takes it before sampling and
 * again after: equal keys mean the samples came from one state of the animation.
 */
export const ANIMATION_CHANNELS = read(
  'animation-channels',
  `(function () {
  function keysOf(p) {
    var n = p.getNumKeys(), out = [];
    for (var k = 0; k < n; k++) out.push([p.getKeyTime(k).valueOf(), p.getKeyValue(k), p.getKeyInterpolationType(k)]);
    return out;
  }
  function channels(node, names) {
    var list = [node.getXRotControl(), node.getYRotControl(), node.getZRotControl(),
      node.getXPosControl(), node.getYPosControl(), node.getZPosControl(),
      node.getXScaleControl(), node.getYScaleControl(), node.getZScaleControl(), node.getScaleControl()], out = {}, any = false;
    for (var i = 0; i < list.length; i++) if (list[i].getNumKeys() > 0) { out[names[i]] = keysOf(list[i]); any = true; }
    return any ? out : null;
  }
  var NAMES = ["rx", "ry", "rz", "tx", "ty", "tz", "sx", "sy", "sz", "s"];
  var nodes = [], count = Scene.getNumNodes();
  for (var i = 0; i < count; i++) {
    var node = Scene.getNode(i), o = node.getOrigin();
    if (node.inherits("DzBone")) continue;
    var entry = { id: node.elementID, origin: [o.x, o.y, o.z], own: channels(node, NAMES), bones: [], morphs: [] };
    if (node.inherits("DzSkeleton")) {
      var bones = node.getAllBones();
      for (var b = 0; b < bones.length; b++) {
        var c = channels(bones[b], NAMES);
        if (c) entry.bones.push({ name: bones[b].getName(), keys: c });
      }
    }
    var obj = node.getObject();
    if (obj) for (var m = 0; m < obj.getNumModifiers(); m++) {
      var mod = obj.getModifier(m);
      if (mod.inherits("DzMorph") && mod.getValueControl().getNumKeys() > 0)
        entry.morphs.push({ name: mod.getName(), keys: keysOf(mod.getValueControl()) });
    }
    if (entry.own || entry.bones.length || entry.morphs.length) nodes.push(entry);
  }
  var r = Scene.getAnimRange();
  return { start: r.start.valueOf(), end: r.end.valueOf(), step: Scene.getTimeStep().valueOf(),
    time: Scene.getTime().valueOf(), nodes: nodes };
})()`,
);

/**
 * `{ items, start, step, from, count }` → for frames from..from+count-1 (time = start + f·step),
 * frame after frame, each item's values: a node's world transform (`w`: 12 numbers, DzMatrix3
 * column by column), a bone's rotate then translate channels (`b`: 6), a morph's value (`m`: 1).
 */
export const ANIMATION_SAMPLES = read(
  'animation-samples',
  `(function () {
  var a = getArguments()[0], items = [], out = [];
  for (var i = 0; i < a.items.length; i++) {
    var it = a.items[i], node = Scene.findNodeByElementID(it.id);
    if (!node) throw "node " + it.id + " is not in the scene";
    if (it.kind === "b") {
      var bone = node.findBone(it.name);
      if (!bone) throw "bone " + it.name + " is not in " + node.getLabel();
      items.push({ kind: "b", c: [bone.getXRotControl(), bone.getYRotControl(), bone.getZRotControl(),
        bone.getXPosControl(), bone.getYPosControl(), bone.getZPosControl()] });
    } else if (it.kind === "m") {
      var obj = node.getObject(), mod = obj ? obj.findModifier(it.name) : null;
      if (!mod) throw "morph " + it.name + " is not on " + node.getLabel();
      items.push({ kind: "m", c: [mod.getValueControl()] });
    } else items.push({ kind: "w", node: node });
  }
  for (var f = a.from; f < a.from + a.count; f++) {
    var t = a.start + f * a.step;
    for (var j = 0; j < items.length; j++) {
      var x = items[j];
      if (x.kind === "w") {
        var m = x.node.getWSTransform(t);
        out.push(m.m11, m.m21, m.m31, m.m12, m.m22, m.m32, m.m13, m.m23, m.m33, m.m14, m.m24, m.m34);
      } else for (var k = 0; k < x.c.length; k++) out.push(x.c[k].getValue(t));
    }
  }
  return out;
})()`,
);

/**
 * `{ time? }` (ticks) → the scene time before the call and the animation range; with `time`,
 * the scene is moved there (`Scene.setTime`), which poses every keyed value at that time.
 */
export const SCENE_TIME = {
  name: 'scene-time',
  source: `(function () {
  var a = getArguments()[0] || {}, before = Scene.getTime().valueOf(), r = Scene.getAnimRange();
  if (typeof a.time === "number") Scene.setTime(a.time);
  return { time: before, start: r.start.valueOf(), end: r.end.valueOf(), step: Scene.getTimeStep().valueOf() };
})()`,
  idempotent: false,
} satisfies RegisteredScript;

export const ANIMATION_SCRIPTS = [ANIMATION_CHANNELS, ANIMATION_SAMPLES, SCENE_TIME];
