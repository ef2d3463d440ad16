"""Parsed SVG shapes as plain data: JSON plus raw numeric bytes, read back without running code.

``encode(mobjects, groups)`` describes what ``SVGMobject.get_mobjects_from`` returns (a list of
shapes and a dict of named groups) as a JSON "graph" and one blob of array bytes; ``decode``
rebuilds equal objects from them. Nothing is deserialised by name: every object is an instance
of a class in ``allowed_classes()`` (the shapes manim builds from SVG elements, ``VGroup``,
``ManimColor``, two style enums), made with ``object.__new__`` and given its attributes, as
pickle does but with nothing else reachable; an array is a plain numeric dtype read with
``np.frombuffer``. Shared objects stay shared (a shape in several groups, a colour array in
several colours). A value of any other type makes ``encode`` raise ``TypeError`` (the caller
then keeps nothing); any inconsistency makes ``decode`` raise ``ValueError``.

Graph values: JSON scalars as themselves, else a one-key object: ``{"o": i}`` object i,
``{"a": i}`` array i, ``{"e": [enum, member]}``, ``{"n": [dtype, value]}`` a numpy scalar,
``{"l": [...]}`` list, ``{"t": [...]}`` tuple, ``{"d": {...}}`` dict with string keys.
"""

from __future__ import annotations

import enum
import functools
import math

import numpy as np

#: Array dtypes an entry may hold (plain numbers: never objects, never structured records).
DTYPES = frozenset({"<f8", "<f4", "<f2", "<i8", "<i4", "<i2", "|i1", "<u8", "<u4", "<u2", "|u1", "|b1"})
_SCALARS = (bool, int, float, str, type(None))


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@functools.cache
def allowed_classes() -> dict[str, type]:
    """The classes an entry may instantiate, by module and qualified name."""
    from manim import Circle, Line, Polygon, Rectangle, RoundedRectangle, VGroup, VMobject
    from manim.constants import CapStyleType, LineJointType
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
    from manim.utils.color.core import ManimColor

    classes = (VMobjectFromSVGPath, VGroup, VMobject, Line, Rectangle, RoundedRectangle, Circle, Polygon,
               ManimColor, CapStyleType, LineJointType)
    return {_name(cls): cls for cls in classes}


def encode(mobjects: list, groups: dict) -> tuple[dict, bytes]:
    """The JSON graph and the array bytes of ``(mobjects, groups)``; TypeError for anything else."""
    classes = allowed_classes()
    objects: list = []
    arrays: list = []
    chunks: list[bytes] = []
    object_index: dict[int, int] = {}
    array_index: dict[int, int] = {}
    containers: set[int] = set()
    size = 0

    def array(a: np.ndarray) -> int:
        nonlocal size
        i = array_index.get(id(a))
        if i is None:
            if a.dtype.str not in DTYPES:
                raise TypeError(f"an array of dtype {a.dtype} cannot be kept")
            data = np.ascontiguousarray(a).tobytes()
            padding = -len(data) % 8
            i = array_index[id(a)] = len(arrays)
            arrays.append([a.dtype.str, list(a.shape), size])
            chunks.append(data + b"\0" * padding)
            size += len(data) + padding
        return i

    def obj(o) -> int:
        i = object_index.get(id(o))
        if i is None:
            name = _name(type(o))
            if classes.get(name) is not type(o) or not hasattr(o, "__dict__"):
                raise TypeError(f"a {name} cannot be kept")
            i = object_index[id(o)] = len(objects)
            objects.append(None)
            objects[i] = [name, {key: value(v) for key, v in vars(o).items()}]
        return i

    def value(v):
        if type(v) in _SCALARS:
            return v
        if isinstance(v, enum.Enum):
            name = _name(type(v))
            if classes.get(name) is not type(v):
                raise TypeError(f"a {name} cannot be kept")
            return {"e": [name, v.name]}
        if isinstance(v, np.ndarray):
            return {"a": array(v)}
        if isinstance(v, np.generic):
            if v.dtype.str not in DTYPES:
                raise TypeError(f"a numpy {v.dtype} cannot be kept")
            return {"n": [v.dtype.str, v.item()]}
        if isinstance(v, (list, tuple, dict)):
            if not isinstance(v, tuple):  # pickle would share a mutable container reached twice; this does not
                if id(v) in containers:
                    raise TypeError("a list or dict reached twice cannot be kept")
                containers.add(id(v))
            if type(v) is list:
                return {"l": [value(x) for x in v]}
            if type(v) is tuple:
                return {"t": [value(x) for x in v]}
            if type(v) is dict and all(type(k) is str for k in v):
                return {"d": {k: value(x) for k, x in v.items()}}
            raise TypeError(f"a {type(v).__name__} cannot be kept")
        return {"o": obj(v)}

    root = {"mobjects": [obj(m) for m in mobjects], "groups": {str(k): obj(g) for k, g in groups.items()}}
    if not all(type(k) is str for k in groups):
        raise TypeError("group names must be strings")
    return {"objects": objects, "arrays": arrays, "root": root}, b"".join(chunks)


def decode(graph: dict, blob: bytes) -> tuple[list, dict]:
    """The ``(mobjects, groups)`` that ``encode`` described; ValueError when the graph is inconsistent."""
    from manim import Mobject, VGroup

    classes = allowed_classes()
    try:
        arrays = [_array(blob, *spec) for spec in graph["arrays"]]
        objects = []
        for name, _ in graph["objects"]:
            cls = classes[name]
            if issubclass(cls, enum.Enum):
                raise ValueError(f"{name} is an enum, not an object")
            objects.append(cls.__new__(cls))

        def value(v):
            if type(v) in _SCALARS:
                return v
            ((tag, x),) = v.items()
            if tag == "o":
                return objects[x]
            if tag == "a":
                return arrays[x]
            if tag == "l":
                return [value(y) for y in x]
            if tag == "t":
                return tuple(value(y) for y in x)
            if tag == "d":
                return {str(k): value(y) for k, y in x.items()}
            if tag == "e":
                enum_class = classes[x[0]]
                if not issubclass(enum_class, enum.Enum):
                    raise ValueError(f"{x[0]} is not an enum")
                return enum_class[x[1]]
            if tag == "n" and x[0] in DTYPES:
                return np.dtype(x[0]).type(x[1])
            raise ValueError(f"unknown value tag {tag!r}")

        for o, (_, attributes) in zip(objects, graph["objects"]):
            o.__dict__.update({str(k): value(v) for k, v in attributes.items()})
        root = graph["root"]
        mobjects = [objects[i] for i in root["mobjects"]]
        groups = {str(k): objects[i] for k, i in root["groups"].items()}
    except (KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        raise ValueError(f"inconsistent shape graph ({type(exc).__name__}: {exc})") from None
    if not all(isinstance(m, Mobject) for m in mobjects) or not all(isinstance(g, VGroup) for g in groups.values()):
        raise ValueError("the graph's shapes are not mobjects, or its groups not VGroups")
    return mobjects, groups


def _array(blob: bytes, dtype: str, shape: list, offset: int) -> np.ndarray:
    if dtype not in DTYPES or not all(type(n) is int and n >= 0 for n in shape) or type(offset) is not int:
        raise ValueError(f"bad array description {dtype!r} {shape!r} {offset!r}")
    kind = np.dtype(dtype)
    count = math.prod(shape)
    if offset < 0 or offset + count * kind.itemsize > len(blob):
        raise ValueError("an array reaches past the end of the entry")
    if count == 0:
        return np.empty(shape, dtype=kind)
    return np.frombuffer(blob, dtype=kind, count=count, offset=offset).reshape(shape).copy()
