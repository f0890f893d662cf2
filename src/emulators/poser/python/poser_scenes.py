"""The emulator's built-in Poser scenes, built on the emulated `poser` module.

`figure`: a small jointed figure (a box per body part, in Poser's body-part names and
hierarchy), posed; four coloured materials, one with a texture map; a camera, an infinite and a
point light; a ball prop held in the right hand. Lengths are Poser Native Units, written here as
centimetres times CM so the numbers read as a person's.
"""

import math

import poser

CM = 1.0 / 262.128  # 1 PNU = 262.128 cm

SCENE_NAMES = ('figure',)

# name, internal name, parent, origin (cm), end point (cm), rotation order, box min, box max (cm), material
BODY_PARTS = (
    ('Hip', 'hip', None, (0, 100, 0), (0, 110, 0), 'yzx', (-14, 92, -10), (14, 110, 10), 'Pants'),
    ('Abdomen', 'abdomen', 'hip', (0, 110, 0), (0, 125, 0), 'yzx', (-13, 110, -9), (13, 125, 9), 'Shirt'),
    ('Chest', 'chest', 'abdomen', (0, 125, 0), (0, 145, 0), 'yzx', (-15, 125, -10), (15, 145, 10), 'Shirt'),
    ('Neck', 'neck', 'chest', (0, 145, 0), (0, 155, 0), 'yzx', (-5, 145, -5), (5, 155, 5), 'Skin'),
    ('Head', 'head', 'neck', (0, 155, 0), (0, 178, 0), 'yzx', (-9, 155, -11), (9, 178, 11), 'Skin'),
    ('Left Collar', 'lCollar', 'chest', (3, 143, 0), (15, 145, 0), 'xyz', (3, 139, -5), (15, 147, 5), 'Shirt'),
    ('Left Shoulder', 'lShldr', 'lCollar', (15, 145, 0), (42, 145, 0), 'xyz', (15, 141, -4), (42, 149, 4), 'Skin'),
    ('Left Forearm', 'lForeArm', 'lShldr', (42, 145, 0), (67, 145, 0), 'xyz', (42, 142, -3), (67, 148, 3), 'Skin'),
    ('Left Hand', 'lHand', 'lForeArm', (67, 145, 0), (85, 145, 0), 'xyz', (67, 143, -4), (85, 147, 4), 'Skin'),
    ('Right Collar', 'rCollar', 'chest', (-3, 143, 0), (-15, 145, 0), 'xyz', (-15, 139, -5), (-3, 147, 5), 'Shirt'),
    ('Right Shoulder', 'rShldr', 'rCollar', (-15, 145, 0), (-42, 145, 0), 'xyz', (-42, 141, -4), (-15, 149, 4),
     'Skin'),
    ('Right Forearm', 'rForeArm', 'rShldr', (-42, 145, 0), (-67, 145, 0), 'xyz', (-67, 142, -3), (-42, 148, 3),
     'Skin'),
    ('Right Hand', 'rHand', 'rForeArm', (-67, 145, 0), (-85, 145, 0), 'xyz', (-85, 143, -4), (-67, 147, 4), 'Skin'),
    ('Left Thigh', 'lThigh', 'hip', (9, 98, 0), (9, 55, 0), 'yzx', (3, 55, -7), (15, 98, 7), 'Pants'),
    ('Left Shin', 'lShin', 'lThigh', (9, 55, 0), (9, 10, 0), 'yzx', (4, 10, -6), (14, 55, 6), 'Pants'),
    ('Left Foot', 'lFoot', 'lShin', (9, 10, 0), (9, 2, 16), 'yzx', (4, 0, -5), (14, 10, 18), 'Shoes'),
    ('Right Thigh', 'rThigh', 'hip', (-9, 98, 0), (-9, 55, 0), 'yzx', (-15, 55, -7), (-3, 98, 7), 'Pants'),
    ('Right Shin', 'rShin', 'rThigh', (-9, 55, 0), (-9, 10, 0), 'yzx', (-14, 10, -6), (-4, 55, 6), 'Pants'),
    ('Right Foot', 'rFoot', 'rShin', (-9, 10, 0), (-9, 2, 16), 'yzx', (-14, 0, -5), (-4, 10, 18), 'Shoes'),
)

# The pose: (internal name, parameter name, value); translations in cm.
POSE = (
    ('BODY', 'xTran', 20.0),
    ('BODY', 'zTran', -10.0),
    ('BODY', 'yRot', 20.0),
    ('abdomen', 'xRot', 10.0),
    ('chest', 'yRot', -15.0),
    ('head', 'yRot', 25.0),
    ('head', 'xRot', -10.0),
    ('lShldr', 'zRot', -45.0),
    ('lForeArm', 'zRot', -30.0),
    ('rShldr', 'zRot', 60.0),
    ('rForeArm', 'yRot', 45.0),
    ('lThigh', 'xRot', -30.0),
    ('lShin', 'xRot', 40.0),
)

MATERIALS = (
    ('Skin', (0.87, 0.68, 0.55), 'skin_diffuse.png'),
    ('Shirt', (0.15, 0.35, 0.75), None),
    ('Pants', (0.2, 0.2, 0.22), None),
    ('Shoes', (0.45, 0.25, 0.1), None),
)

# -X, +X, -Y, +Y, -Z, +Z faces of a box, corners counter-clockwise seen from outside;
# corner index = x + 2y + 4z (0 or 1 each).
BOX_FACES = ((0, 4, 6, 2), (1, 3, 7, 5), (0, 1, 5, 4), (2, 6, 7, 3), (0, 2, 3, 1), (4, 5, 7, 6))


def cm(point):
    return tuple(c * CM for c in point)


def box_geometry(actor, lo, hi, materials, material_index):
    points = [(hi[0] if i & 1 else lo[0], hi[1] if i & 2 else lo[1], hi[2] if i & 4 else lo[2]) for i in range(8)]
    uvs = [(0, 0), (1, 0), (1, 1), (0, 1)]
    return poser.GeomType(actor, [cm(p) for p in points], BOX_FACES, uvs, [(0, 1, 2, 3)] * 6, materials,
                          [material_index] * 6)


def sphere_geometry(actor, centre, radius, rings, segments, materials):
    """A UV sphere (triangles at the poles, quads elsewhere), polygons facing out."""
    points = []
    for k in range(rings + 1):
        theta = math.pi * k / rings
        for j in range(segments + 1):
            phi = 2 * math.pi * j / segments
            points.append((centre[0] + radius * math.sin(theta) * math.cos(phi), centre[1] + radius * math.cos(theta),
                           centre[2] + radius * math.sin(theta) * math.sin(phi)))
    uvs = [(j / float(segments), 1 - k / float(rings)) for k in range(rings + 1) for j in range(segments + 1)]
    polygons = []
    row = segments + 1
    for k in range(rings):
        for j in range(segments):
            quad = [k * row + j, k * row + j + 1, (k + 1) * row + j + 1, (k + 1) * row + j]
            if k == 0:
                quad = [quad[0], quad[2], quad[3]]  # the pole's seam points coincide: one triangle
            elif k == rings - 1:
                quad = [quad[0], quad[1], quad[2]]
            polygons.append(outward(quad, points, centre))
    # Vertices and UVs share indices here; merge the pole and seam duplicates for the positions only.
    merged, index_of, remap = [], {}, []
    for p in points:
        key = tuple(round(c, 9) for c in p)
        if key not in index_of:
            index_of[key] = len(merged)
            merged.append(p)
        remap.append(index_of[key])
    vertex_polygons = [[remap[i] for i in poly] for poly in polygons]
    return poser.GeomType(actor, [cm(p) for p in merged], vertex_polygons, uvs, polygons, materials,
                          [0] * len(polygons))


def outward(poly, points, centre):
    a, b, c = (points[i] for i in poly[:3])
    u = [b[i] - a[i] for i in range(3)]
    v = [c[i] - a[i] for i in range(3)]
    n = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
    mid = [sum(points[i][k] for i in poly) / len(poly) - centre[k] for k in range(3)]
    return poly if sum(n[k] * mid[k] for k in range(3)) >= 0 else list(reversed(poly))


def build_figure_scene(textures_dir):
    scene = poser.SceneType()
    universe = poser.ActorType('UNIVERSE', 'UNIVERSE', 'universe')
    scene._actors.append(universe)

    body = poser.ActorType('Body', 'BODY:1', 'body', rotation_order='yzx')
    figure = poser.FigureType('Figure 1', 'Figure 1', body)
    materials = {}
    for name, colour, texture in MATERIALS:
        path = None
        if texture and textures_dir:
            path = textures_dir.rstrip('/\\') + '/' + texture
        materials[name] = poser.MaterialType(name, colour, path)
        figure._materials.append(materials[name])

    parts = {'BODY': body}
    for name, internal, parent, origin, end, order, lo, hi, material in BODY_PARTS:
        actor = poser.ActorType(name, internal + ':1', 'bodypart', parts[parent or 'BODY'], cm(origin), cm(end), order)
        actor._materials = [materials[material]]
        actor._geometry = box_geometry(actor, lo, hi, [materials[material]], 0)
        figure._add_actor(actor)
        parts[internal] = actor
    for internal, parm, value in POSE:
        parts[internal].Parameter(parm).SetValue(value * CM if parm.endswith('Tran') else value)
    scene._figures.append(figure)

    ball = poser.ActorType('Ball', 'ball_1', 'prop', parts['rHand'])
    ball_material = poser.MaterialType('Preview', (0.9, 0.1, 0.1))
    ball._materials = [ball_material]
    ball._geometry = sphere_geometry(ball, (-89, 145, 0), 6.0, 6, 12, [ball_material])
    scene._actors.append(ball)

    camera = poser.ActorType('Main Camera', 'MAIN_CAMERA', 'camera', rotation_order='yxz')
    for parm, value in (('xTran', 30 * CM), ('yTran', 120 * CM), ('zTran', 420 * CM), ('xRot', -5.0),
                        ('yRot', 4.0)):
        camera.Parameter(parm).SetValue(value)
    camera._add_parm('Focal', poser.kParmCodeFOCAL, 55.0)
    camera._add_parm('Hither', poser.kParmCodeHITHER, 5 * CM)
    camera._add_parm('Yon', poser.kParmCodeYON, 100.0)
    camera._add_parm('Focus Distance', poser.kParmCodeFOCUSDISTANCE, 420 * CM)
    camera._add_parm('fStop', poser.kParmCodeFSTOP, 5.6)
    scene._actors.append(camera)
    scene._current_camera = camera

    sun = poser.ActorType('Light 1', 'LIGHT_1', 'light', rotation_order='yxz')
    sun._light_type = poser.kLightCodeINFINITE
    sun.Parameter('xRot').SetValue(-45.0)
    sun.Parameter('yRot').SetValue(30.0)
    lamp = poser.ActorType('Light 2', 'LIGHT_2', 'light', rotation_order='yxz')
    lamp._light_type = poser.kLightCodePOINT
    for parm, value in (('xTran', 120 * CM), ('yTran', 230 * CM), ('zTran', 150 * CM)):
        lamp.Parameter(parm).SetValue(value)
    for light, rgb, intensity in ((sun, (1.0, 0.97, 0.9), 1.0), (lamp, (1.0, 0.8, 0.6), 0.7)):
        light._add_parm('Red', poser.kParmCodeKDRED, rgb[0])
        light._add_parm('Green', poser.kParmCodeKDGREEN, rgb[1])
        light._add_parm('Blue', poser.kParmCodeKDBLUE, rgb[2])
        light._add_parm('Intensity', poser.kParmCodeKDINTENSITY, intensity)
        scene._actors.append(light)
    scene._current_actor = parts['hip']
    return scene


def build_scene(name, textures_dir):
    if name == 'figure':
        return build_figure_scene(textures_dir)
    raise ValueError('no built-in Poser scene named %r; built in: %s' % (name, ', '.join(SCENE_NAMES)))
