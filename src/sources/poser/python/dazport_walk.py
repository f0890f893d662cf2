# dazport's scene walk, run inside Poser (Python 2.7 in Poser 11, 3.x in Poser 12/13) through
# PoserTalkr. It returns plain data only: names, numbers, and the big arrays (world vertices,
# polygons, texture vertices and polygons) as base64 of little-endian float32 / uint32.
# Lengths stay in Poser Native Units and matrices as Poser gives them (rows, translation last);
# dazport converts. No f-strings: this runs on Python 2.7 too.
import array
import base64
import sys

import poser

ROTATION_AXES = {}
for _axis, _name in (('X', 'kParmCodeXROT'), ('Y', 'kParmCodeYROT'), ('Z', 'kParmCodeZROT')):
    ROTATION_AXES[getattr(poser, _name)] = _axis
TRANSLATIONS = ('kParmCodeXTRAN', 'kParmCodeYTRAN', 'kParmCodeZTRAN')


def packed(typecode, values):
    data = array.array(typecode, values)
    if data.itemsize != 4:
        raise TypeError('array %s holds %d-byte items, not 4' % (typecode, data.itemsize))
    if sys.byteorder != 'little':
        data.byteswap()
    raw = data.tobytes() if hasattr(data, 'tobytes') else data.tostring()
    return base64.b64encode(raw).decode('ascii')


def parm_value(actor, code_name, default=0.0):
    code = getattr(poser, code_name, None)
    parm = actor.ParameterByCode(code) if code is not None else None
    return parm.Value() if parm is not None else default


def call(obj, method, default=None):
    """A method some Poser versions lack, or that fails on some actors: its default then."""
    try:
        return getattr(obj, method)()
    except Exception:
        return default


def flat_matrix(actor):
    return [float(c) for row in actor.WorldMatrix() for c in row]


def actor_record(actor):
    parent = call(actor, 'Parent')
    rotations = []
    for parm in actor.Parameters():
        axis = ROTATION_AXES.get(parm.TypeCode())
        if axis is not None:
            rotations.append([axis, parm.Value()])
    return {
        'name': actor.Name(),
        'internal': actor.InternalName(),
        'parent': parent.InternalName() if parent is not None else None,
        'matrix': flat_matrix(actor),
        'origin': list(call(actor, 'Origin', (0.0, 0.0, 0.0))),
        'end': list(call(actor, 'EndPoint', (0.0, 0.0, 0.0))),
        'alignment': list(call(actor, 'AlignmentRotationXYZ', (0.0, 0.0, 0.0))),
        'rotations': rotations,
        'translation': [parm_value(actor, name) for name in TRANSLATIONS],
        'visible': bool(call(actor, 'Visible', 1)),
    }


def material_record(material, owner):
    # Geometry().Materials() can be stale; the owner's material of that name is the live one.
    try:
        material = owner.Material(material.Name())
    except Exception:
        pass
    texture = call(material, 'TextureMapFileName')
    return {'name': material.Name(), 'diffuse': [float(c) for c in material.DiffuseColor()[:3]],
            'texture': texture or None}


def geometry_record(actor, owner, with_rest=False):
    geom = actor.Geometry()
    if geom is None or geom.NumVertices() == 0 or geom.NumPolygons() == 0:
        return None
    points = []
    for v in geom.WorldVertices():
        points.extend((v.X(), v.Y(), v.Z()))
    sets = geom.Sets()
    sizes, corners, slots = [], [], []
    for p in geom.Polygons():
        start, count = p.Start(), p.NumVertices()
        sizes.append(count)
        corners.extend(sets[start:start + count])
        slots.append(p.MaterialIndex())
    uvs, tex_sizes, tex_corners = [], [], []
    tex_polygons = geom.TexPolygons() or []
    if tex_polygons:
        for t in geom.TexVertices():
            uvs.extend((t.U(), t.V()))
        tex_sets = geom.TexSets()
        for t in tex_polygons:
            start, count = t.Start(), t.NumTexVertices()
            tex_sizes.append(count)
            tex_corners.extend(tex_sets[start:start + count])
    rest = []
    if with_rest:
        # The unposed vertices (a body part's are in the figure's default space).
        for v in geom.Vertices():
            rest.extend((v.X(), v.Y(), v.Z()))
    return {
        'vertices': geom.NumVertices(),
        'rest': packed('f', rest),
        'positions': packed('f', points),
        'sizes': packed('I', sizes),
        'corners': packed('I', corners),
        'slots': packed('I', slots),
        'materials': [material_record(m, owner) for m in (geom.Materials() or [])],
        'uvs': packed('f', uvs),
        'texSizes': packed('I', tex_sizes),
        'texCorners': packed('I', tex_corners),
    }


def figure_record(figure, with_geometry, with_rest):
    parts = []
    for actor in figure.Actors():
        record = actor_record(actor)
        record['geometry'] = geometry_record(actor, figure, with_rest) if with_geometry else None
        parts.append(record)
    return {'name': figure.Name(), 'internal': call(figure, 'InternalName', figure.Name()), 'actors': parts}


def camera_record(camera):
    record = actor_record(camera)
    record['focal'] = parm_value(camera, 'kParmCodeFOCAL', 50.0)
    record['hither'] = parm_value(camera, 'kParmCodeHITHER', 0.0)
    record['yon'] = parm_value(camera, 'kParmCodeYON', 0.0)
    record['focusDistance'] = parm_value(camera, 'kParmCodeFOCUSDISTANCE', 0.0)
    record['fStop'] = parm_value(camera, 'kParmCodeFSTOP', 0.0)
    return record


def light_record(light):
    record = actor_record(light)
    record['lightType'] = call(light, 'LightType')
    record['color'] = [parm_value(light, name, 1.0) for name in ('kParmCodeKDRED', 'kParmCodeKDGREEN',
                                                                  'kParmCodeKDBLUE')]
    record['intensity'] = parm_value(light, 'kParmCodeKDINTENSITY', 1.0)
    return record


def walk(args):
    """The whole scene; args: {"geometry": bool, "rest": bool (figures' unposed vertices too)}."""
    scene = poser.Scene()
    with_geometry = args.get('geometry', True)
    with_rest = args.get('rest', False)
    props = []
    for actor in scene.Actors():
        if actor.IsCamera() or actor.IsLight() or call(actor, 'IsBodyPart', 0):
            continue
        record = actor_record(actor)
        record['geometry'] = geometry_record(actor, actor) if with_geometry else None
        props.append(record)
    camera = call(scene, 'CurrentCamera')
    return {
        'walk': 1,
        'python': sys.version.split()[0],
        'outputRes': list(call(scene, 'OutputRes', ()) or ()),
        'frameRate': call(scene, 'FramesPerSecond', 30),
        'currentCamera': camera.InternalName() if camera is not None else None,
        'figures': [figure_record(f, with_geometry, with_rest) for f in scene.Figures()],
        'props': props,
        'cameras': [camera_record(c) for c in scene.Cameras()],
        'lights': [light_record(li) for li in scene.Lights()],
    }
