"""Nested values (dicts, lists, tuples, scalars, arrays) as one ``.npz`` file, without pickle.

``pack({"thetas": array, "config": {...}, ...})`` returns the bytes of an npz that holds
every array, plus a JSON "layout" describing how to rebuild the nesting; ``unpack``
reads it back with ``allow_pickle=False`` (returned arrays are read-only). Supported:
None, bool, int, float, str, numpy scalars (their dtype kept), numeric arrays, dicts
with string keys, lists and tuples. A list of 1-D integer arrays (batch indices) is
stored compactly: distinct arrays once, concatenated in the smallest exact dtype.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import numpy as np


def pack(values: dict[str, Any]) -> bytes:
    """The npz bytes of ``values`` (a dict of supported values); TypeError names what cannot be stored."""
    arrays: dict[str, np.ndarray] = {}
    layout = {name: _encode(value, arrays) for name, value in values.items()}
    arrays["layout"] = np.array(json.dumps(layout))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def unpack(data: bytes) -> dict[str, Any]:
    """The dict that ``pack`` stored; raises (any exception) on damaged bytes."""
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    layout = json.loads(str(arrays.pop("layout")))
    return {name: _decode(spec, arrays) for name, spec in layout.items()}


def freeze(value: Any) -> Any:
    """Make every array inside ``value`` (dicts, lists, tuples) read-only; returns ``value``."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, dict):
        for item in value.values():
            freeze(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            freeze(item)
    return value


def _encode(value: Any, arrays: dict[str, np.ndarray]) -> dict:
    """Describe ``value`` as JSON, moving arrays into ``arrays`` (names a0, a1, ...)."""
    if isinstance(value, np.generic):  # before float: np.float64 is a float subclass
        return {"scalar": value.item(), "dtype": value.dtype.str}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"json": value}
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError("object arrays cannot be stored without pickle")
        name = f"a{len(arrays)}"
        arrays[name] = value
        return {"array": name}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only dicts with string keys can be stored")
        return {"dict": {k: _encode(v, arrays) for k, v in value.items()}}
    if isinstance(value, list) and value and all(
        isinstance(a, np.ndarray) and a.ndim == 1 and a.dtype.kind in "iu" for a in value
    ):
        return _encode_index_arrays(value, arrays)
    if isinstance(value, (list, tuple)):
        return {"list": [_encode(v, arrays) for v in value], "tuple": isinstance(value, tuple)}
    raise TypeError(f"cannot store a {type(value).__name__} in an npz file without pickle")


def _encode_index_arrays(parts: list[np.ndarray], arrays: dict[str, np.ndarray]) -> dict:
    """Ragged integer arrays (batch indices): distinct ones concatenated, plus offsets and a map."""
    distinct: list[np.ndarray] = []
    by_digest: dict[bytes, list[int]] = {}
    which = np.empty(len(parts), dtype=np.int64)
    for i, a in enumerate(parts):
        digest = hashlib.sha256(a.tobytes()).digest()
        same = [j for j in by_digest.get(digest, ()) if np.array_equal(distinct[j], a)]
        if same:
            which[i] = same[0]
        else:
            by_digest.setdefault(digest, []).append(len(distinct))
            which[i] = len(distinct)
            distinct.append(a)
    dtype = np.result_type(*parts)
    flat = np.concatenate(distinct)
    lo, hi = (int(flat.min()), int(flat.max())) if flat.size else (0, 0)
    small = np.result_type(np.min_scalar_type(lo), np.min_scalar_type(hi))  # compact, exact
    offsets = np.cumsum([0] + [len(a) for a in distinct], dtype=np.int64)
    names = [f"a{len(arrays) + i}" for i in range(3)]
    arrays.update(zip(names, (flat.astype(small), offsets, which)))
    return {"index_arrays": names, "dtype": np.dtype(dtype).str}


def _decode(spec: dict, arrays: dict[str, np.ndarray]) -> Any:
    if "json" in spec:
        return spec["json"]
    if "scalar" in spec:
        return np.dtype(spec["dtype"]).type(spec["scalar"])
    if "array" in spec:
        a = arrays[spec["array"]]
        a.setflags(write=False)
        return a
    if "dict" in spec:
        return {k: _decode(v, arrays) for k, v in spec["dict"].items()}
    if "list" in spec:
        items = [_decode(v, arrays) for v in spec["list"]]
        return tuple(items) if spec["tuple"] else items
    flat_name, offsets_name, which_name = spec["index_arrays"]
    flat = arrays[flat_name].astype(np.dtype(spec["dtype"]))
    flat.setflags(write=False)
    offsets, which = arrays[offsets_name], arrays[which_name]
    distinct = [flat[offsets[j] : offsets[j + 1]] for j in range(len(offsets) - 1)]
    return [distinct[j] for j in which]
