"""What trained bytes depend on beyond the config: the BLAS library numpy calls, and its threads.

A matrix product's last bits depend on the order in which the BLAS adds its terms, and
that order depends on the kernels the library picked for this CPU (OpenBLAS: Haswell,
SkylakeX, Sandybridge, ...; ``OPENBLAS_CORETYPE`` overrides the choice) and on how it
splits the work between threads. Thousands of training steps carry those bits into the
model, so the same config trains to (slightly) different bytes on two machines.

- ``one_blas_thread()``: training runs inside it (``mathcore.train.fit``), so its bytes do
  not depend on ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` or the number of cores.
- ``blas_fingerprint()``: the library, its version and its kernels, as a JSON-ready dict.
  ``RunSpec.key`` includes it, so a trajectory cache filled under one BLAS is not served
  as if it had been trained under another.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController, threadpool_info

#: BLAS threads while training (one: the sums are then added in one order, whatever the machine's cores).
TRAINING_THREADS = 1


@functools.lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """The BLAS libraries loaded when training first ran (numpy's is loaded with numpy); found once,
    since looking them up costs half a millisecond and a sweep calls ``fit`` hundreds of times."""
    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit the BLAS libraries to ``TRAINING_THREADS`` inside the block, restoring their counts after."""
    with _controller().limit(limits=TRAINING_THREADS, user_api="blas"):
        yield


def numpy_blas() -> list[dict]:
    """threadpoolctl's records of the BLAS libraries numpy's own products call.

    A pip wheel of numpy carries its OpenBLAS in ``numpy.libs`` (scipy's wheel carries
    another, loaded once scipy.linalg is imported): that one is numpy's. Elsewhere (conda,
    a distribution's numpy) numpy and scipy share the system's library, and every BLAS
    record is returned.
    """
    blas = [info for info in threadpool_info() if info.get("user_api") == "blas"]
    own_dirs = {Path(np.__file__).resolve().parent, Path(np.__file__).resolve().parent.parent / "numpy.libs"}
    own = [info for info in blas if Path(info.get("filepath", "")).resolve().parent in own_dirs]
    return own or blas


@functools.lru_cache(maxsize=1)
def blas_fingerprint() -> dict:
    """What a trained result's last bits depend on, beyond its config and the code:
    ``{"blas": [{"library": "openblas", "version": "0.3.31", "kernels": "SkylakeX"}], "threads": 1}``.

    Read once per process (the library's kernels are chosen when it loads). ``kernels`` is
    None for a library that does not report them (MKL, BLIS); a numpy without a BLAS that
    threadpoolctl can see gives ``"blas": []``.
    """
    libraries = sorted({(str(info.get("internal_api")), str(info.get("version")), info.get("architecture"))
                        for info in numpy_blas()}, key=str)
    return {"blas": [{"library": lib, "version": version, "kernels": None if kernels is None else str(kernels)}
                     for lib, version, kernels in libraries],
            "threads": TRAINING_THREADS}


def describe(fingerprint: dict | None = None) -> str:
    """One line for people: "openblas 0.3.31 (SkylakeX kernels), 1 thread"."""
    fingerprint = blas_fingerprint() if fingerprint is None else fingerprint
    libs = ", ".join(f"{b['library']} {b['version']}" + (f" ({b['kernels']} kernels)" if b["kernels"] else "")
                     for b in fingerprint["blas"]) or "no BLAS seen"
    threads = fingerprint["threads"]
    return f"{libs}, {threads} thread{'s' if threads != 1 else ''}"
