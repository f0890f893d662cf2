"""Render a retargeted motion (the .glb that `dazport retarget` writes) in Blender, headless.

    blender -b -P scripts/blender/render-motion.py -- <in.glb> <out-dir>
        [--frames 0,30,60,... | --every N | --count 8]   clip frames (0-based glTF samples)
        [--views side,front]                              side: from the figure's right, facing right
        [--size 480x640] [--elevation 0] [--facing frame|clip|<deg>]
        [--label text] [--columns 4]
        [--source clip.bvh [--source-scale cm_per_unit]]  also render the capture itself

Writes <out-dir>/<view>_f<frame>.png, <out-dir>/contact_sheet.png (the frames side by side,
--columns a row, one block of rows per view, each stamped with the clip frame and its numbers) and
<out-dir>/metrics.jsonl. Prints one JSON line per frame on stdout (grep '^{'):

    lowest_cm         lowest vertex of the posed (evaluated) mesh, world height, cm
    lowest_l_cm/_r_cm the same for the vertices bound mostly to left/right bones
    foot_joint_min_cm lowest head of a foot/toe bone
    hip_cm            hip bone head height
    pelvis_tilt_deg   angle between hip -> spine1 (G9) / abdomenLower (G8) and world up
    pelvis_pitch_deg  the same, signed in the figure's sagittal plane (+ = top leans forward)
    pelvis_pitch_vs_rest_deg  pelvis_pitch_deg minus its bind-pose value: the pelvis's own
                      forward (+) / backward (-) tilt; Genesis's hip -> spine1 leans ~36 deg
                      back at rest, so the absolute tilt alone does not say "upright"
    torso_tilt_deg    angle between hip -> head and world up
and a first line {"rest": ...} with the same numbers for the bind pose, so a frame can be
compared with the figure's own rest. Blender's glTF importer maps a key at t seconds to scene
frame t * fps; this script sets the scene rate from the file so clip frame k is key k.

With --source, the BVH the .glb was retargeted from is imported too (Blender's BVH importer)
and drawn as a stick figure (a cylinder per bone, same colours), scaled by --source-scale
(cm per unit, e.g. the root scale `dazport retarget` prints) or else so that its zero-pose hip
height matches the figure's rest hip height, its own floor (BVH y = 0) on the floor. It gets a
row under each row of the figure in the contact sheet (capture_<view>_f<frame>.png), and a JSON
line per frame with "capture": lowest_joint_cm, hip_cm, pelvis_* (hips -> first centre child's
tail, e.g. LowerBack -> Spine; vs rest = vs the capture's zero pose), torso_tilt_deg. Clip
frame k is source frame round(time / Frame Time), so it assumes the .glb starts at frame 0.

The scene: a checker floor plane at glTF y = 0 (Blender z = 0), a backdrop behind the figure
with lines every 10 cm (thick every 50 cm, red at the floor, tan below it) so foot heights can
be read off a side view, an orthographic camera per view that follows the figure horizontally
at a fixed height and scale, Workbench studio lighting. The figure is coloured
by side: left blue, right salmon, centre grey.
"""

import json
import math
import os
import sys

import bpy
import mathutils

try:
    import numpy as np

    # Debian's Blender 3.4 glTF importer still uses np.bool (removed in numpy 1.24).
    if "bool" not in np.__dict__:
        np.bool = bool
except ImportError:  # the glTF importer needs numpy anyway; keep a clear message
    np = None


def fail(msg):
    sys.stderr.write("render-motion: " + msg + "\n")
    sys.exit(2)


# ---------------------------------------------------------------- arguments


def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    opts = {
        "frames": None,
        "every": None,
        "count": 8,
        "views": ["side"],
        "size": (480, 640),
        "elevation": 0.0,
        "facing": "frame",
        "label": None,
        "columns": 4,
        "source": None,
        "source_scale": None,
    }
    pos = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a.startswith("--"):
            key = a[2:]
            if "=" in key:
                key, val = key.split("=", 1)
            else:
                if i + 1 >= len(argv):
                    fail("missing value for " + a)
                val = argv[i + 1]
                i += 1
            if key == "frames":
                opts["frames"] = [int(x) for x in val.split(",") if x.strip()]
            elif key == "every":
                opts["every"] = int(val)
            elif key == "count":
                opts["count"] = int(val)
            elif key == "views":
                opts["views"] = [v.strip() for v in val.split(",") if v.strip()]
                for v in opts["views"]:
                    if v not in ("side", "front", "back", "left"):
                        fail("unknown view " + v + " (side, front, back, left)")
            elif key == "size":
                w, h = val.lower().split("x")
                opts["size"] = (int(w), int(h))
            elif key == "elevation":
                opts["elevation"] = float(val)
            elif key == "facing":
                opts["facing"] = val
            elif key == "label":
                opts["label"] = val
            elif key == "columns":
                opts["columns"] = max(1, int(val))
            elif key == "source":
                opts["source"] = os.path.abspath(val)
            elif key == "source-scale":
                opts["source_scale"] = float(val)
            else:
                fail("unknown option " + a)
        else:
            pos.append(a)
        i += 1
    if len(pos) != 2:
        fail("usage: blender -b -P render-motion.py -- <in.glb> <out-dir> [--frames a,b,c | --every N]"
             " [--views side,front]")
    opts["input"], opts["out"] = os.path.abspath(pos[0]), os.path.abspath(pos[1])
    return opts


# ---------------------------------------------------------------- glTF reading


def gltf_json(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"glTF":
        length = int.from_bytes(data[12:16], "little")
        return json.loads(data[20:20 + length].decode("utf-8"))
    return json.loads(data.decode("utf-8"))


def clip_timing(doc):
    """(sample count, seconds per sample) of the longest animation input."""
    best = None
    for anim in doc.get("animations", []):
        for s in anim.get("samplers", []):
            acc = doc["accessors"][s["input"]]
            n = acc["count"]
            t0, t1 = acc.get("min", [0])[0], acc.get("max", [0])[0]
            if best is None or n > best[0]:
                best = (n, (t1 - t0) / (n - 1) if n > 1 else 0.0, t0)
    return best


# ---------------------------------------------------------------- scene helpers


def vcolor_attr(mesh, name, domain):
    attr = mesh.color_attributes.new(name, "BYTE_COLOR", domain)
    try:
        mesh.color_attributes.active_color = attr
    except Exception:
        pass
    try:
        mesh.color_attributes.render_color_index = list(mesh.color_attributes).index(attr)
    except Exception:
        pass
    return attr


def add_mesh_object(name, verts, faces, face_colors):
    me = bpy.data.meshes.new(name)
    me.from_pydata(verts, [], faces)
    me.update()
    attr = vcolor_attr(me, "Col", "CORNER")
    for poly in me.polygons:
        c = face_colors[poly.index]
        for li in poly.loop_indices:
            attr.data[li].color = (c[0], c[1], c[2], 1.0)
    ob = bpy.data.objects.new(name, me)
    bpy.context.scene.collection.objects.link(ob)
    return ob


def make_floor(cx, cy, half, tile):
    n = int(math.ceil(2 * half / tile))
    verts, faces, cols = [], [], []
    x0, y0 = cx - n * tile / 2, cy - n * tile / 2
    for i in range(n):
        for j in range(n):
            k = len(verts)
            xa, ya = x0 + i * tile, y0 + j * tile
            verts += [(xa, ya, 0), (xa + tile, ya, 0), (xa + tile, ya + tile, 0), (xa, ya + tile, 0)]
            faces.append((k, k + 1, k + 2, k + 3))
            cols.append((0.55, 0.55, 0.58) if (i + j) % 2 else (0.80, 0.80, 0.82))
    return add_mesh_object("floor", verts, faces, cols)


def make_backdrop(width, zmin, zmax):
    """A plane in the local XZ plane (normal -Y toward the camera), lines every 10 cm."""
    verts, faces, cols = [], [], []

    def quad(x0, x1, z0, z1, y, col):
        k = len(verts)
        verts.extend([(x0, y, z0), (x1, y, z0), (x1, y, z1), (x0, y, z1)])
        faces.append((k, k + 1, k + 2, k + 3))
        cols.append(col)

    hw = width / 2
    quad(-hw, hw, 0.0, zmax, 0.0, (1.0, 1.0, 0.98))
    quad(-hw, hw, zmin, 0.0, 0.0, (0.85, 0.75, 0.60))
    steps = int(round((zmax - zmin) / 0.1))
    for s in range(steps + 1):
        z = round(zmin + s * 0.1, 4)
        cm = int(round(z * 100))
        if cm == 0:
            quad(-hw, hw, -0.004, 0.004, -0.004, (0.85, 0.05, 0.05))
        elif cm % 50 == 0:
            quad(-hw, hw, z - 0.0025, z + 0.0025, -0.002, (0.35, 0.35, 0.40))
        else:
            quad(-hw, hw, z - 0.0012, z + 0.0012, -0.002, (0.62, 0.62, 0.66))
    nx = int(round(width / 0.1))
    for s in range(nx + 1):
        x = -hw + s * 0.1
        th = 0.0025 if s % 5 == 0 else 0.0012
        quad(x - th, x + th, zmin, zmax, -0.001, (0.62, 0.62, 0.66))
    return add_mesh_object("backdrop", verts, faces, cols)


def side_of(name):
    n = name.split(":")[-1]
    if n.startswith(("l_", "L_", "left", "Left")) or n.endswith(("_L", "_l", ".L", ".l")) or (
            len(n) > 1 and n[0] in "lL" and n[1].isupper()):
        return "l"
    if n.startswith(("r_", "R_", "right", "Right")) or n.endswith(("_R", "_r", ".R", ".r")) or (
            len(n) > 1 and n[0] in "rR" and n[1].isupper()):
        return "r"
    return "c"


def colour_figure(mesh_ob):
    me = mesh_ob.data
    names = [g.name for g in mesh_ob.vertex_groups]
    sides = []
    for v in me.vertices:
        best, w = None, -1.0
        for g in v.groups:
            if g.weight > w:
                best, w = g.group, g.weight
        sides.append(side_of(names[best]) if best is not None else "c")
    attr = vcolor_attr(me, "side", "POINT")
    pal = {"l": (0.45, 0.62, 0.90, 1.0), "r": (0.95, 0.58, 0.50, 1.0), "c": (0.80, 0.78, 0.74, 1.0)}
    for i, s in enumerate(sides):
        attr.data[i].color = pal[s]
    return sides


def first_bone(arm, names):
    for n in names:
        if n in arm.pose.bones:
            return arm.pose.bones[n]
    return None


# ---------------------------------------------------------------- measurement


def angle_to_up(v):
    if v.length < 1e-9:
        return float("nan")
    return math.degrees(v.normalized().angle(mathutils.Vector((0, 0, 1))))


class Figure:
    def __init__(self, arm, meshes):
        self.arm, self.meshes = arm, meshes
        pb = arm.pose.bones
        # DAZ names first, then dazport's engine profiles (--skeleton unreal|unity|mixamo); the UE
        # "pelvis" is DAZ's hip, so it comes after "hip" (a DAZ figure also has a "pelvis" bone).
        self.hip = first_bone(arm, ["hip", "Hip", "hips", "Hips", "mixamorig:Hips", "pelvis"])
        self.chest = first_bone(
            arm, ["spine1", "abdomenLower", "abdomen", "spine", "Spine", "spine_01", "mixamorig:Spine"]
        )
        self.head = first_bone(arm, ["head", "Head", "mixamorig:Head"])
        self.lthigh = first_bone(
            arm, ["l_thigh", "lThighBend", "lThigh", "LeftUpLeg", "thigh_l", "LeftUpperLeg", "mixamorig:LeftUpLeg"]
        )
        self.rthigh = first_bone(
            arm, ["r_thigh", "rThighBend", "rThigh", "RightUpLeg", "thigh_r", "RightUpperLeg", "mixamorig:RightUpLeg"]
        )
        self.foot_bones = [b for b in pb if any(k in b.name.lower() for k in ("foot", "toe", "metatarsal"))]
        self.sides = {}
        self.rest_pitch = None

    def world(self, pbone, tail=False):
        return self.arm.matrix_world @ (pbone.tail if tail else pbone.head)

    def left(self):
        """Horizontal unit vector to the figure's left (from the thighs, else the hip's X)."""
        if self.lthigh and self.rthigh:
            v = self.world(self.lthigh) - self.world(self.rthigh)
        else:
            v = (self.arm.matrix_world @ self.hip.matrix).to_3x3() @ mathutils.Vector((1, 0, 0))
        v.z = 0
        return v.normalized() if v.length > 1e-9 else mathutils.Vector((1, 0, 0))

    def mesh_points(self):
        dg = bpy.context.evaluated_depsgraph_get()
        out = []
        for ob in self.meshes:
            ev = ob.evaluated_get(dg)
            me = ev.to_mesh()
            n = len(me.vertices)
            mw = ev.matrix_world
            if np is not None:
                co = np.empty(n * 3, dtype=np.float64)
                me.vertices.foreach_get("co", co)
                co = co.reshape(n, 3)
                m = np.array(mw)
                pts = co @ m[:3, :3].T + m[:3, 3]
            else:
                pts = [tuple(mw @ v.co) for v in me.vertices]
            ev.to_mesh_clear()
            out.append((ob, pts))
        return out

    def measure(self):
        rec = {}
        lows = {"all": float("inf"), "l": float("inf"), "r": float("inf")}
        bbox_min = [float("inf")] * 3
        bbox_max = [-float("inf")] * 3
        for ob, pts in self.mesh_points():
            sides = self.sides.get(ob.name)
            if np is not None:
                z = pts[:, 2]
                lows["all"] = min(lows["all"], float(z.min()))
                if sides is not None:
                    for s in ("l", "r"):
                        mask = sides == s
                        if mask.any():
                            lows[s] = min(lows[s], float(z[mask].min()))
                for k in range(3):
                    bbox_min[k] = min(bbox_min[k], float(pts[:, k].min()))
                    bbox_max[k] = max(bbox_max[k], float(pts[:, k].max()))
            else:
                for i, p in enumerate(pts):
                    lows["all"] = min(lows["all"], p[2])
                    if sides is not None and sides[i] in lows:
                        lows[sides[i]] = min(lows[sides[i]], p[2])
                    for k in range(3):
                        bbox_min[k] = min(bbox_min[k], p[k])
                        bbox_max[k] = max(bbox_max[k], p[k])
        r1 = lambda x: None if x in (float("inf"), -float("inf")) or x != x else round(x, 2)
        rec["lowest_cm"] = r1(lows["all"] * 100)
        rec["lowest_l_cm"] = r1(lows["l"] * 100)
        rec["lowest_r_cm"] = r1(lows["r"] * 100)
        if self.foot_bones:
            rec["foot_joint_min_cm"] = r1(min(self.world(b).z for b in self.foot_bones) * 100)
        hip = self.world(self.hip)
        rec["hip_cm"] = r1(hip.z * 100)
        left = self.left()
        up = mathutils.Vector((0, 0, 1))
        fwd = left.cross(up)
        if self.chest:
            v = self.world(self.chest) - hip
            rec["pelvis_tilt_deg"] = r1(angle_to_up(v))
            rec["pelvis_pitch_deg"] = r1(math.degrees(math.atan2(v.dot(fwd), v.dot(up))))
            if self.rest_pitch is not None:
                rec["pelvis_pitch_vs_rest_deg"] = r1(rec["pelvis_pitch_deg"] - self.rest_pitch)
        if self.head:
            rec["torso_tilt_deg"] = r1(angle_to_up(self.world(self.head) - hip))
        rec["_bbox"] = (bbox_min, bbox_max)
        rec["_left"] = left
        rec["_hip"] = hip
        return rec


# ---------------------------------------------------------------- main


def _patch_bvh_importer():
    """Debian's Blender 3.4 BVH importer opens the file with mode 'rU', which Python 3.11 rejects."""
    import builtins
    import importlib

    try:
        ib = importlib.import_module("io_anim_bvh.import_bvh")
    except ImportError:
        return

    def _open(file, mode="r", *args, **kw):
        return builtins.open(file, mode.replace("U", ""), *args, **kw)

    ib.open = _open


class Capture:
    """The source BVH as a rigid stick figure (a cylinder per bone), for comparison."""

    def __init__(self, path, cm_per_unit, figure_rest_hip_m):
        scene = bpy.context.scene
        before = set(scene.objects)
        _patch_bvh_importer()
        bpy.ops.import_anim.bvh(filepath=path, global_scale=1.0, frame_start=0, use_fps_scale=False,
                                update_scene_fps=False, update_scene_duration=False,
                                rotate_mode="NATIVE", axis_forward="-Z", axis_up="Y")
        arm = [ob for ob in scene.objects if ob not in before and ob.type == "ARMATURE"][0]
        self.arm = arm
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.frame_time = None
        with open(path, "r", errors="replace") as f:
            for line in f:
                if line.strip().lower().startswith("frame time"):
                    self.frame_time = float(line.split(":", 1)[1])
                    break
        bones = arm.data.bones
        self.root = [b for b in bones if b.parent is None][0]
        if cm_per_unit:
            self.scale = cm_per_unit / 100.0
        else:
            low = min(min(b.head_local.z, b.tail_local.z) for b in bones)
            hip_h = self.root.head_local.z - low
            self.scale = figure_rest_hip_m / hip_h if hip_h > 1e-6 else 0.01
        arm.scale = (self.scale,) * 3
        bpy.context.view_layer.update()
        action = arm.animation_data.action
        fc = max(action.fcurves, key=lambda f: len(f.keyframe_points))
        self.key_frames = [kp.co.x for kp in fc.keyframe_points]
        self.nframes = len(self.key_frames)
        kids = list(self.root.children)
        self.lchild = next((c for c in kids if side_of(c.name) == "l"), None)
        self.rchild = next((c for c in kids if side_of(c.name) == "r"), None)
        self.cchild = next((c for c in kids if side_of(c.name) == "c"), None)
        self.headb = next((b for b in bones if b.name.split(":")[-1].lower() == "head"), None)
        self.mesh = self._stick_mesh()
        self.objects = [self.arm, self.mesh]
        self.rest_pitch = None

    def _stick_mesh(self):
        mw = self.arm.matrix_world
        verts, faces, groups = [], [], []
        seg = 8
        # a link from each joint to each child joint (to the end site for leaves), moved by the
        # parent joint's bone
        links = []
        for b in self.arm.data.bones:
            ends = [c.head_local for c in b.children] or [b.tail_local]
            for e in ends:
                links.append((b, mw @ b.head_local, mw @ e))
        for b, h, t in links:
            L = (t - h).length
            if L < 1e-4:
                continue
            rad, taper = (0.06, 1.0) if b == self.headb else (0.022, 0.7)
            axis = (t - h).normalized()
            q = axis.to_track_quat("Z", "Y")
            base = len(verts)
            for end, r in ((h, rad), (t, rad * taper)):
                for i in range(seg):
                    a = 2 * math.pi * i / seg
                    verts.append(end + q @ mathutils.Vector((r * math.cos(a), r * math.sin(a), 0)))
                    groups.append(b.name)
            for i in range(seg):
                j = (i + 1) % seg
                faces.append((base + i, base + j, base + seg + j, base + seg + i))
            faces.append(tuple(base + i for i in reversed(range(seg))))
            faces.append(tuple(base + seg + i for i in range(seg)))
        me = bpy.data.meshes.new("capture")
        me.from_pydata([tuple(v) for v in verts], [], faces)
        me.update()
        ob = bpy.data.objects.new("capture", me)
        bpy.context.scene.collection.objects.link(ob)
        vg = {}
        for i, g in enumerate(groups):
            if g not in vg:
                vg[g] = ob.vertex_groups.new(name=g)
            vg[g].add([i], 1.0, "REPLACE")
        mod = ob.modifiers.new("arm", "ARMATURE")
        mod.object = self.arm
        attr = vcolor_attr(me, "side", "POINT")
        pal = {"l": (0.45, 0.62, 0.90, 1.0), "r": (0.95, 0.58, 0.50, 1.0), "c": (0.55, 0.55, 0.52, 1.0)}
        for i, g in enumerate(groups):
            attr.data[i].color = pal[side_of(g)]
        return ob

    def goto(self, j):
        f = self.key_frames[max(0, min(self.nframes - 1, j))]
        fi = int(math.floor(f))
        bpy.context.scene.frame_set(fi, subframe=f - fi)

    def _p(self, b, tail=False):
        pb = self.arm.pose.bones[b.name]
        return self.arm.matrix_world @ (pb.tail if tail else pb.head)

    def _side_point(self, c):
        p = self._p(c)
        return p if (p - self._p(self.root)).length > 0.01 else self._p(c, True)

    def measure(self):
        mw = self.arm.matrix_world
        pts = []
        for pb in self.arm.pose.bones:
            pts.append(mw @ pb.head)
            pts.append(mw @ pb.tail)
        rec = {}
        r1 = lambda x: round(x, 2)
        rec["lowest_joint_cm"] = r1(min(p.z for p in pts) * 100)
        hip = self._p(self.root)
        rec["hip_cm"] = r1(hip.z * 100)
        up = mathutils.Vector((0, 0, 1))
        if self.lchild and self.rchild:
            left = self._side_point(self.lchild) - self._side_point(self.rchild)
        else:
            left = (mw @ self.arm.pose.bones[self.root.name].matrix).to_3x3() @ mathutils.Vector((1, 0, 0))
        left.z = 0
        left = left.normalized() if left.length > 1e-9 else mathutils.Vector((1, 0, 0))
        fwd = left.cross(up)
        if self.cchild:
            v = self._p(self.cchild, True) - hip
            rec["pelvis_tilt_deg"] = r1(angle_to_up(v))
            rec["pelvis_pitch_deg"] = r1(math.degrees(math.atan2(v.dot(fwd), v.dot(up))))
            if self.rest_pitch is not None:
                rec["pelvis_pitch_vs_rest_deg"] = r1(rec["pelvis_pitch_deg"] - self.rest_pitch)
        if self.headb:
            rec["torso_tilt_deg"] = r1(angle_to_up(self._p(self.headb) - hip))
        pad = 0.06
        rec["_bbox"] = ([min(p[k] for p in pts) - pad for k in range(3)],
                        [max(p[k] for p in pts) + pad for k in range(3)])
        rec["_left"] = left
        rec["_hip"] = hip
        return rec


def setup_render(scene, W, H):
    world = bpy.data.worlds.new("world")
    world.color = (0.80, 0.82, 0.86)
    scene.world = world
    scene.render.engine = "BLENDER_WORKBENCH"
    sh = scene.display.shading
    sh.light = "STUDIO"
    sh.color_type = "VERTEX"
    sh.show_shadows = False
    sh.show_cavity = False
    scene.display.light_direction = (0.35, -0.45, 0.82)
    scene.display.render_aa = "8"
    scene.view_settings.view_transform = "Standard"
    r = scene.render
    r.resolution_x, r.resolution_y = W, H
    r.resolution_percentage = 100
    r.film_transparent = False
    r.image_settings.file_format = "PNG"
    r.image_settings.color_mode = "RGB"
    r.use_stamp = True
    for attr in ("use_stamp_date", "use_stamp_time", "use_stamp_render_time", "use_stamp_frame",
                 "use_stamp_frame_range", "use_stamp_memory", "use_stamp_hostname", "use_stamp_camera",
                 "use_stamp_lens", "use_stamp_scene", "use_stamp_marker", "use_stamp_filename",
                 "use_stamp_sequencer_strip", "use_stamp_labels"):
        if hasattr(r, attr):
            setattr(r, attr, False)
    r.use_stamp_note = True
    r.stamp_font_size = max(10, H // 48)
    r.stamp_background = (1, 1, 1, 0.75)
    r.stamp_foreground = (0, 0, 0, 1)


def main():
    o = parse_args()
    if not os.path.isfile(o["input"]):
        fail("no such file: " + o["input"])
    if o["source"] and not os.path.isfile(o["source"]):
        fail("no such file: " + o["source"])
    os.makedirs(o["out"], exist_ok=True)
    name = o["label"] or os.path.splitext(os.path.basename(o["input"]))[0]

    doc = gltf_json(o["input"])
    timing = clip_timing(doc)
    if not timing:
        fail("the file has no animation")
    nsamples, dt, t0 = timing
    clip_fps = 1.0 / dt if dt > 0 else 30.0

    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    # The importer places keys at t * scene.render.fps (an integer); use the clip's rate so
    # key k lands on (or within a hair of) scene frame k. The exact frame comes from the keys.
    scene.render.fps = max(1, int(round(clip_fps)))
    scene.render.fps_base = 1.0
    bpy.ops.import_scene.gltf(filepath=o["input"])

    arms = [ob for ob in scene.objects if ob.type == "ARMATURE"]
    if not arms:
        fail("no armature in " + o["input"])
    arm = arms[0]
    meshes = [ob for ob in scene.objects if ob.type == "MESH"
              and any(m.type == "ARMATURE" for m in ob.modifiers)]
    if not meshes:
        meshes = [ob for ob in scene.objects if ob.type == "MESH"]

    # Scene frame of each clip sample, from the densest f-curve of the armature's action.
    action = arm.animation_data.action if arm.animation_data else None
    key_frames = None
    if action:
        fc = max(action.fcurves, key=lambda f: len(f.keyframe_points), default=None)
        if fc is not None and len(fc.keyframe_points) == nsamples:
            key_frames = [kp.co.x for kp in fc.keyframe_points]
    if key_frames is None:
        key_frames = [(t0 + k * dt) * scene.render.fps for k in range(nsamples)]

    def goto(k):
        f = key_frames[k]
        fi = int(math.floor(f))
        scene.frame_set(fi, subframe=f - fi)

    if o["frames"] is not None:
        frames = [f for f in o["frames"] if 0 <= f < nsamples]
        if not frames:
            fail("no requested frame within 0..%d" % (nsamples - 1))
    elif o["every"]:
        frames = list(range(0, nsamples, max(1, o["every"])))
    else:
        c = max(1, o["count"])
        frames = sorted({int(round(i * (nsamples - 1) / max(1, c - 1))) for i in range(c)})

    fig = Figure(arm, meshes)
    if fig.hip is None:
        fail("no hip bone")
    for ob in meshes:
        s = colour_figure(ob)
        fig.sides[ob.name] = np.array(s) if np is not None else s

    # Rest (bind pose) numbers.
    arm.data.pose_position = "REST"
    bpy.context.view_layer.update()
    rest = fig.measure()
    fig.rest_pitch = rest.get("pelvis_pitch_deg")
    arm.data.pose_position = "POSE"
    bpy.context.view_layer.update()
    public = lambda r: {k: v for k, v in r.items() if not k.startswith("_")}
    head = {"clip": name, "samples": nsamples, "fps": round(clip_fps, 4), "rest": public(rest)}
    lines = [head]

    cap = None
    if o["source"]:
        cap = Capture(o["source"], o["source_scale"], rest["hip_cm"] / 100.0)
        cap.arm.data.pose_position = "REST"
        bpy.context.view_layer.update()
        crest = cap.measure()
        cap.rest_pitch = crest.get("pelvis_pitch_deg")
        cap.arm.data.pose_position = "POSE"
        bpy.context.view_layer.update()
        head["capture"] = {"file": cap.name, "frames": cap.nframes, "frame_time": cap.frame_time,
                           "cm_per_unit": round(cap.scale * 100, 4), "rest": public(crest)}
    print(json.dumps(head), flush=True)

    def source_frame(k):
        if cap.frame_time:
            return int(round((t0 + k * dt) / cap.frame_time))
        return k

    # Subjects to render: (row label, objects, per-frame records, goto)
    recs = {}
    for k in frames:
        goto(k)
        recs[k] = fig.measure()
    subjects = [("", meshes + [arm], recs, goto, fig)]
    if cap:
        crecs = {}
        for k in frames:
            cap.goto(source_frame(k))
            crecs[k] = cap.measure()
        subjects.append(("capture ", cap.objects, crecs, lambda k: cap.goto(source_frame(k)), cap))

    def facing_left(rs, k):
        f = o["facing"]
        if f == "frame":
            return rs[k]["_left"]
        if f != "clip":
            a = math.radians(float(f))  # the figure's forward, degrees from Blender -Y toward +X
            return mathutils.Vector((math.cos(a), math.sin(a), 0))
        s = mathutils.Vector((0, 0, 0))
        for r in rs.values():
            s += r["_left"]
        s.z = 0
        return s.normalized() if s.length > 1e-6 else rs[k]["_left"]

    # view -> direction from the figure to the camera, in terms of left / forward
    def view_dir(view, left, fwd):
        return {"side": -left, "left": left, "front": fwd, "back": -fwd}[view]

    up = mathutils.Vector((0, 0, 1))
    allrecs = [r for subj in subjects for r in subj[2].values()]
    # Heights: fixed for every picture so the floor is on the same row of each.
    top = max(r["_bbox"][1][2] for r in allrecs)
    low = min(min(r["_bbox"][0][2] for r in allrecs), 0.0)
    z0, z1 = low - 0.12, max(top, 1.0) + 0.10
    W, H = o["size"]
    aspect = W / H
    span_h = z1 - z0
    widest = 0.0
    for _, _, rs, _, _ in subjects:
        for k in frames:
            bmin, bmax = rs[k]["_bbox"]
            left = facing_left(rs, k)
            fwd = left.cross(up)
            for view in o["views"]:
                d = view_dir(view, left, fwd)
                right = (-d).cross(up)
                xs = [mathutils.Vector((x, y, 0)).dot(right) for x in (bmin[0], bmax[0]) for y in (bmin[1], bmax[1])]
                widest = max(widest, (max(xs) - min(xs)) + 0.3)
    ortho_h = max(span_h, widest / aspect)
    zc = z0 + ortho_h / 2

    hips = [r["_hip"] for r in allrecs]
    cx = sum(h.x for h in hips) / len(hips)
    cy = sum(h.y for h in hips) / len(hips)
    ext = max([0.0] + [max(abs(h.x - cx), abs(h.y - cy)) for h in hips])
    make_floor(cx, cy, ext + 3.0, 0.5)
    backdrop = make_backdrop(2 * (ext + 6.0), -0.5, 2.6)
    setup_render(scene, W, H)
    r = scene.render

    cam_data = bpy.data.cameras.new("cam")
    cam_data.type = "ORTHO"
    cam_data.clip_start, cam_data.clip_end = 0.05, 200.0
    # Blender's ortho_scale spans the larger image dimension.
    cam_data.ortho_scale = ortho_h if H >= W else ortho_h * aspect
    cam = bpy.data.objects.new("cam", cam_data)
    scene.collection.objects.link(cam)
    scene.camera = cam
    cam.rotation_mode = "QUATERNION"

    elev = math.radians(o["elevation"])
    rows = []
    for prefix, *_ in subjects:
        for view in o["views"]:
            rows.append(prefix + view)
    tiles = {row: [] for row in rows}
    with open(os.path.join(o["out"], "metrics.jsonl"), "w") as mf:
        mf.write(json.dumps(head) + "\n")
        for k in frames:
            for prefix, objs, rs, go, subj in subjects:
                for p2, objs2, *_ in subjects:
                    for ob in objs2:
                        ob.hide_render = p2 != prefix
                go(k)
                rec = rs[k]
                out = {"clip": name, "frame": k, "time_s": round(t0 + k * dt, 4)}
                if prefix:
                    out["capture"] = cap.name
                    out["source_frame"] = source_frame(k)
                out.update(public(rec))
                print(json.dumps(out), flush=True)
                mf.write(json.dumps(out) + "\n")
                left = facing_left(rs, k)
                fwd = left.cross(up)
                bmin, bmax = rec["_bbox"]
                centre = mathutils.Vector(((bmin[0] + bmax[0]) / 2, (bmin[1] + bmax[1]) / 2, 0))
                for view in o["views"]:
                    d = view_dir(view, left, fwd)
                    look = centre + mathutils.Vector((0, 0, zc))
                    d_el = (d * math.cos(elev) + up * math.sin(elev)).normalized()
                    cam.location = look + d_el * 20.0
                    cam.rotation_quaternion = (-d_el).to_track_quat("-Z", "Y")
                    # backdrop 1.5 m behind the subject, its lined side (local -Y) toward the camera
                    backdrop.location = centre - d * 1.5
                    backdrop.rotation_euler = (0, 0, math.atan2(d.x, -d.y))
                    if prefix:
                        note = "capture %s f%d %.2fs | low joint %.1fcm | pelvis %+.0f deg vs zero pose" % (
                            view, out["source_frame"], t0 + k * dt, rec["lowest_joint_cm"],
                            rec.get("pelvis_pitch_vs_rest_deg", float("nan")))
                    else:
                        note = "%s %s f%d %.2fs | low %.1fcm | pelvis %+.0f deg vs rest" % (
                            name, view, k, t0 + k * dt, rec["lowest_cm"],
                            rec.get("pelvis_pitch_vs_rest_deg", float("nan")))
                    r.stamp_note_text = note
                    path = os.path.join(o["out"], "%s%s_f%05d.png" % ("capture_" if prefix else "", view, k))
                    r.filepath = path
                    bpy.ops.render.render(write_still=True)
                    tiles[prefix + view].append(path)

    sheet = os.path.join(o["out"], "contact_sheet.png")
    contact_sheet(tiles, rows, W, H, sheet, o["columns"])
    print(json.dumps({"clip": name, "contact_sheet": sheet, "frames": frames}), flush=True)


def contact_sheet(tiles, views, W, H, path, columns, gap=4):
    """One PNG: the frames side by side, `columns` a row; with several views (or a capture),
    a row per view under each other for the same frames (Blender image API, no PIL)."""
    n = max(len(v) for v in tiles.values())
    cols = min(columns, n)
    chunks = (n + cols - 1) // cols
    rows = len(views) * chunks
    place = []  # (row, col, path): frames in chunks of `cols`, each chunk a row per view
    for vi, view in enumerate(views):
        for i, p in enumerate(tiles[view]):
            place.append(((i // cols) * len(views) + vi, i % cols, p))
    SW, SH = cols * W + (cols + 1) * gap, rows * H + (rows + 1) * gap
    img = bpy.data.images.new("contact_sheet", SW, SH, alpha=False)
    if np is not None:
        buf = np.full((SH, SW, 4), 0.25, dtype=np.float32)
        buf[:, :, 3] = 1.0
        for ri, ci, p in place:
            t = bpy.data.images.load(p)
            px = np.empty(t.size[0] * t.size[1] * 4, dtype=np.float32)
            t.pixels.foreach_get(px)
            px = px.reshape(t.size[1], t.size[0], 4)
            # images are stored bottom row first: the first view goes on the top row
            y = SH - (ri + 1) * (H + gap)
            x = gap + ci * (W + gap)
            buf[y:y + t.size[1], x:x + t.size[0], :] = px
            bpy.data.images.remove(t)
        img.pixels.foreach_set(buf.ravel())
    else:
        px_all = [0.25, 0.25, 0.25, 1.0] * (SW * SH)
        for ri, ci, p in place:
            t = bpy.data.images.load(p)
            tp = list(t.pixels)
            tw, th = t.size
            y0 = SH - (ri + 1) * (H + gap)
            x0 = gap + ci * (W + gap)
            for yy in range(th):
                a = ((y0 + yy) * SW + x0) * 4
                px_all[a:a + tw * 4] = tp[yy * tw * 4:(yy + 1) * tw * 4]
            bpy.data.images.remove(t)
        img.pixels = px_all
    img.filepath_raw = path
    img.file_format = "PNG"
    img.save()


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except BaseException:
        import traceback

        traceback.print_exc()
        sys.exit(1)
