"""An emulated `poser` module: the part of Poser's Python API that dazport's scene walk uses.

Only calls real Poser has, with Poser's names: poser.Scene(); Scene.Actors() (the actors that
are not body parts: UNIVERSE, props, cameras, lights), Figures(), Cameras(), Lights(),
CurrentCamera(), Actor(name), ActorByInternalName(name), OutputRes(), FramesPerSecond(); Actor.Name(), InternalName(), Parent(),
Children(), ItsFigure(), Geometry(), Origin(), EndPoint(), WorldMatrix(), Parameters(),
ParameterByCode(code), Parameter(name), IsBodyPart(), IsCamera(), IsLight(), IsProp(), LightType(),
Material(name), Materials(); Figure.Name(), Actors(), ParentActor(), RootActor(); Geometry.Vertices()/
WorldVertices() (X/Y/Z), Polygons() (Start/NumVertices/MaterialIndex), Sets(), TexVertices() (U/V),
TexPolygons() (Start/NumTexVertices), TexSets(), Materials(); Material.Name(), DiffuseColor(),
TextureMapFileName().

Conventions of the emulation (what real Poser does is described in dazport's README):
- lengths in Poser Native Units (1 PNU = 262.128 cm), Y up, the figure faces +Z;
- matrices as Poser returns them: 4 rows of 4, row vectors (p' = p . M), translation in the last
  row. WorldMatrix() maps an actor's unposed geometry (Vertices()) to the world;
- a body part turns about its Origin(); its rotation parameters are listed in Parameters() in the
  order they compose, the first one outermost (the CR2 channel order: twist axis first);
- body parts are rigid (no bending at the joints, no welding): the world vertices of a part are
  its rest vertices through its WorldMatrix().
The kParmCode and kLightCode numbers are the emulator's own; scripts use the names.
"""

import math

# Parameter type codes (names as in Poser; numbers chosen by the emulator).
kParmCodeXROT = 1
kParmCodeYROT = 2
kParmCodeZROT = 3
kParmCodeXTRAN = 4
kParmCodeYTRAN = 5
kParmCodeZTRAN = 6
kParmCodeXSCALE = 7
kParmCodeYSCALE = 8
kParmCodeZSCALE = 9
kParmCodeASCALE = 10
kParmCodeFOCAL = 12
kParmCodeHITHER = 14
kParmCodeYON = 15
kParmCodeKDRED = 23
kParmCodeKDGREEN = 24
kParmCodeKDBLUE = 25
kParmCodeKDINTENSITY = 29
kParmCodeFOCUSDISTANCE = 104
kParmCodeFSTOP = 105

kLightCodeINFINITE = 0
kLightCodeSPOT = 1
kLightCodePOINT = 2
kLightCodeIMAGE = 3


class error(Exception):
    """poser.error, what Poser raises for a bad argument (an unknown actor name...)."""


# ---- 4x4 row-vector matrices ----

def identity():
    return [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]


def mat_mul(a, b):
    """a then b (row vectors: p . a . b)."""
    return [[sum(a[i][k] * b[k][j] for k in range(4)) for j in range(4)] for i in range(4)]


def translation(x, y, z):
    m = identity()
    m[3] = [float(x), float(y), float(z), 1.0]
    return m


def rotation(axis, degrees):
    """Right-handed rotation about axis 0/1/2, in row-vector form (the transpose of the column form)."""
    c = math.cos(math.radians(degrees))
    s = math.sin(math.radians(degrees))
    m = identity()
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    m[i][i] = c
    m[i][j] = s
    m[j][i] = -s
    m[j][j] = c
    return m


def transform_point(p, m):
    return tuple(p[0] * m[0][j] + p[1] * m[1][j] + p[2] * m[2][j] + m[3][j] for j in range(3))


# ---- geometry ----

class VertType(object):
    def __init__(self, x, y, z):
        self._p = (float(x), float(y), float(z))

    def X(self):
        return self._p[0]

    def Y(self):
        return self._p[1]

    def Z(self):
        return self._p[2]


class TexVertType(object):
    def __init__(self, u, v):
        self._uv = (float(u), float(v))

    def U(self):
        return self._uv[0]

    def V(self):
        return self._uv[1]


class PolygonType(object):
    def __init__(self, geom, start, count, material_index):
        self._geom = geom
        self._start = start
        self._count = count
        self._material = material_index

    def Start(self):
        return self._start

    def NumVertices(self):
        return self._count

    def MaterialIndex(self):
        return self._material

    def MaterialName(self):
        return self._geom._materials[self._material].Name()


class TexPolygonType(object):
    def __init__(self, start, count):
        self._start = start
        self._count = count

    def Start(self):
        return self._start

    def NumTexVertices(self):
        return self._count


class GeomType(object):
    """Polygons as Poser keeps them: a flat vertex-index list (Sets) sliced by Start/NumVertices."""

    def __init__(self, actor, points, polygons, uvs, tex_polygons, materials, polygon_materials):
        self._actor = actor
        self._points = points
        self._uvs = uvs
        self._materials = materials
        self._sets = []
        self._polygons = []
        for poly, mat in zip(polygons, polygon_materials):
            self._polygons.append(PolygonType(self, len(self._sets), len(poly), mat))
            self._sets.extend(poly)
        self._tex_sets = []
        self._tex_polygons = []
        for poly in tex_polygons:
            self._tex_polygons.append(TexPolygonType(len(self._tex_sets), len(poly)))
            self._tex_sets.extend(poly)

    def NumVertices(self):
        return len(self._points)

    def Vertices(self):
        return [VertType(*p) for p in self._points]

    def Vertex(self, index):
        return VertType(*self._points[index])

    def WorldVertices(self):
        m = self._actor.WorldMatrix()
        return [VertType(*transform_point(p, m)) for p in self._points]

    def NumPolygons(self):
        return len(self._polygons)

    def Polygons(self):
        return list(self._polygons)

    def Polygon(self, index):
        return self._polygons[index]

    def Sets(self):
        return list(self._sets)

    def NumSets(self):
        return len(self._sets)

    def NumTexVertices(self):
        return len(self._uvs)

    def TexVertices(self):
        return [TexVertType(*uv) for uv in self._uvs]

    def NumTexPolygons(self):
        return len(self._tex_polygons)

    def TexPolygons(self):
        return list(self._tex_polygons)

    def TexSets(self):
        return list(self._tex_sets)

    def NumTexSets(self):
        return len(self._tex_sets)

    def Materials(self):
        return list(self._materials)


class MaterialType(object):
    def __init__(self, name, diffuse, texture=None):
        self._name = name
        self._diffuse = tuple(float(c) for c in diffuse)
        self._texture = texture

    def Name(self):
        return self._name

    def DiffuseColor(self):
        return self._diffuse

    def TextureMapFileName(self):
        return self._texture


# ---- actors ----

class ParmType(object):
    def __init__(self, actor, name, code, value):
        self._actor = actor
        self._name = name
        self._code = code
        self._value = float(value)

    def Name(self):
        return self._name

    def InternalName(self):
        return self._name

    def TypeCode(self):
        return self._code

    def Value(self):
        return self._value

    def SetValue(self, value):
        self._value = float(value)

    def Actor(self):
        return self._actor


ROTATION_CODES = {'x': kParmCodeXROT, 'y': kParmCodeYROT, 'z': kParmCodeZROT}


class ActorType(object):
    """One Poser actor: a body part, prop, camera, light, BODY or UNIVERSE."""

    def __init__(self, name, internal_name, kind, parent=None, origin=(0.0, 0.0, 0.0),
                 end_point=(0.0, 0.0, 0.0), rotation_order='xyz'):
        self._name = name
        self._internal = internal_name
        self._kind = kind  # 'body', 'bodypart', 'prop', 'camera', 'light', 'universe'
        self._parent = parent
        self._children = []
        if parent is not None:
            parent._children.append(self)
        self._origin = tuple(float(c) for c in origin)
        self._end = tuple(float(c) for c in end_point)
        self._figure = None
        self._geometry = None
        self._materials = []
        self._light_type = None
        self._parms = []
        for axis in rotation_order:
            self._add_parm(axis + 'Rot', ROTATION_CODES[axis], 0.0)
        self._add_parm('xTran', kParmCodeXTRAN, 0.0)
        self._add_parm('yTran', kParmCodeYTRAN, 0.0)
        self._add_parm('zTran', kParmCodeZTRAN, 0.0)

    def _add_parm(self, name, code, value):
        parm = ParmType(self, name, code, value)
        self._parms.append(parm)
        return parm

    def Name(self):
        return self._name

    def InternalName(self):
        return self._internal

    def Parent(self):
        return self._parent

    def Children(self):
        return list(self._children)

    def ItsFigure(self):
        return self._figure

    def Geometry(self):
        return self._geometry

    def Origin(self):
        return self._origin

    def EndPoint(self):
        return self._end

    def AlignmentRotationXYZ(self):
        return (0.0, 0.0, 0.0)

    def Visible(self):
        return 1

    def IsBodyPart(self):
        # A figure's BODY is an `actor` like its parts.
        return 1 if self._kind in ('bodypart', 'body') else 0

    def IsCamera(self):
        return 1 if self._kind == 'camera' else 0

    def IsLight(self):
        return 1 if self._kind == 'light' else 0

    def IsProp(self):
        return 1 if self._kind == 'prop' else 0

    def LightType(self):
        if self._kind != 'light':
            raise error('%s is not a light' % self._name)
        return self._light_type

    def Parameters(self):
        return list(self._parms)

    def Parameter(self, name):
        for parm in self._parms:
            if parm.Name() == name:
                return parm
        return None

    def ParameterByCode(self, code):
        for parm in self._parms:
            if parm.TypeCode() == code:
                return parm
        return None

    def Materials(self):
        return list(self._materials)

    def Material(self, name):
        for m in self._materials:
            if m.Name() == name:
                return m
        raise error('no material named %s' % name)

    def _value(self, code):
        parm = self.ParameterByCode(code)
        return parm.Value() if parm is not None else 0.0

    def LocalMatrix(self):
        """T(-origin) . R(third) . R(second) . R(first) . T(origin) . T(translation), row vectors."""
        m = translation(-self._origin[0], -self._origin[1], -self._origin[2])
        rotations = [p for p in self._parms if p.TypeCode() in (kParmCodeXROT, kParmCodeYROT, kParmCodeZROT)]
        for parm in reversed(rotations):
            m = mat_mul(m, rotation(parm.TypeCode() - kParmCodeXROT, parm.Value()))
        m = mat_mul(m, translation(*self._origin))
        return mat_mul(m, translation(self._value(kParmCodeXTRAN), self._value(kParmCodeYTRAN),
                                      self._value(kParmCodeZTRAN)))

    def WorldMatrix(self):
        m = self.LocalMatrix()
        if self._parent is not None:
            m = mat_mul(m, self._parent.WorldMatrix())
        return tuple(tuple(row) for row in m)

    def WorldDisplacement(self):
        return tuple(self.WorldMatrix()[3][:3])


class FigureType(object):
    def __init__(self, name, internal_name, body):
        self._name = name
        self._internal = internal_name
        self._body = body
        self._actors = [body]
        self._materials = []
        body._figure = self

    def _add_actor(self, actor):
        actor._figure = self
        self._actors.append(actor)

    def Name(self):
        return self._name

    def InternalName(self):
        return self._internal

    def Actors(self):
        return list(self._actors)

    def Actor(self, name):
        for a in self._actors:
            if a.Name() == name:
                return a
        raise error('no actor named %s in %s' % (name, self._name))

    def ParentActor(self):
        return self._body

    def RootActor(self):
        return self._body

    def Materials(self):
        return list(self._materials)

    def Material(self, name):
        for m in self._materials:
            if m.Name() == name:
                return m
        raise error('no material named %s' % name)


class SceneType(object):
    def __init__(self):
        self._actors = []  # not body parts: UNIVERSE, props, cameras, lights
        self._figures = []
        self._current_camera = None
        self._current_actor = None
        self._frame_rate = 30
        self._output_res = (1280, 720)

    def Actors(self):
        return list(self._actors)

    def Figures(self):
        return list(self._figures)

    def Cameras(self):
        return [a for a in self._actors if a.IsCamera()]

    def Lights(self):
        return [a for a in self._actors if a.IsLight()]

    def CurrentCamera(self):
        return self._current_camera

    def CurrentActor(self):
        return self._current_actor

    def CurrentFigure(self):
        return self._figures[0] if self._figures else None

    def _all_actors(self):
        out = list(self._actors)
        for f in self._figures:
            out.extend(f.Actors())
        return out

    def Actor(self, name):
        for a in self._all_actors():
            if a.Name() == name:
                return a
        raise error('no actor named %s' % name)

    def ActorByInternalName(self, name):
        for a in self._all_actors():
            if a.InternalName() == name:
                return a
        raise error('no actor with the internal name %s' % name)

    def Figure(self, name):
        for f in self._figures:
            if f.Name() == name:
                return f
        raise error('no figure named %s' % name)

    def Frame(self):
        return 0

    def OutputRes(self):
        return self._output_res

    def FramesPerSecond(self):
        return self._frame_rate


_scene = SceneType()


def Scene():
    return _scene


def _install(scene):
    """Called once by the server with the built-in scene it was asked for."""
    global _scene
    _scene = scene

