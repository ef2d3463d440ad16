"""Machine independence (mathcore.numerics): training's bytes do not depend on the BLAS thread count,
and the trajectory cache does not serve a run trained under one BLAS's kernels as another's."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from mathcore import cache, numerics, runner
from mathcore.models import MLP
from mathcore.optim import Adam
from mathcore.studies.experiments import protocol
from mathcore.train import fit

REPO = Path(__file__).resolve().parent.parent

# A wide full-batch run: with OpenBLAS splitting its products over 2 threads, its bytes differed from
# the 1-thread run's after 2 epochs (SkylakeX and Haswell kernels alike) before training ran on one thread.
WIDE_RUN = """
import hashlib, json
import numpy as np
from mathcore.models import MLP
from mathcore.numerics import blas_fingerprint
from mathcore.optim import Adam
from mathcore.runspec import RunSpec
from mathcore.train import fit
rng = np.random.default_rng(0)
X = rng.standard_normal((1000, 56))
y = np.sin(X[:, :3].sum(axis=1))
run = fit(MLP(56, (256, 256), seed=0), X, y, loss="mae", optimizer=Adam(1e-3), epochs=2, record_every=1000)
spec = RunSpec.from_dict({"data": {"source": "synthetic_linear"}, "optimizer": {"name": "gd", "lr": 0.1},
                          "epochs": 1})
key, fingerprint = spec.key(), blas_fingerprint()
import scipy.linalg  # noqa: E402  (a wheel of scipy loads a second OpenBLAS: numpy's products do not use it)
print(json.dumps({"sha": hashlib.sha256(run.thetas.tobytes() + run.train_loss.tobytes()).hexdigest(),
                  "fingerprint": fingerprint, "key": key, "with_scipy": blas_fingerprint.__wrapped__()}))
"""


def run_elsewhere(**env: str) -> dict:
    """WIDE_RUN in a fresh interpreter (BLAS settings are read when numpy loads), under ``env``."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]), **env}
    done = subprocess.run([sys.executable, "-c", WIDE_RUN], capture_output=True, text=True, env=environment,
                          cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_trained_bytes_do_not_depend_on_the_blas_thread_count():
    one, two = run_elsewhere(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1"), run_elsewhere(
        OPENBLAS_NUM_THREADS="2", OMP_NUM_THREADS="2")
    assert one["sha"] == two["sha"]
    assert one["fingerprint"] == two["fingerprint"] and one["key"] == two["key"]  # one entry serves both
    assert one["with_scipy"] == one["fingerprint"]  # the key does not depend on what else was imported


def test_fit_runs_on_one_blas_thread_and_gives_the_threads_back():
    def blas_threads() -> set[int]:
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    before, during = blas_threads(), []
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((50, 3)), rng.standard_normal(50)
    fit(MLP(3, (4,)), X, y, optimizer=Adam(0.01), epochs=3, on_step=lambda step, total: during.append(blas_threads()))
    assert during and all(threads == {numerics.TRAINING_THREADS} for threads in during)
    assert blas_threads() == before


def test_the_fingerprint_names_numpys_blas_and_its_kernels():
    fingerprint = numerics.blas_fingerprint()
    assert fingerprint["threads"] == numerics.TRAINING_THREADS == 1
    json.dumps(fingerprint)  # JSON-ready: it goes into keys and sidecars
    info = numerics.numpy_blas()
    assert {b["library"] for b in fingerprint["blas"]} == {str(i["internal_api"]) for i in info}
    if any(i["internal_api"] == "openblas" for i in info):
        assert all(b["kernels"] for b in fingerprint["blas"])  # OpenBLAS says which kernels it chose
    assert numerics.describe().endswith(", 1 thread")
    assert numerics.describe({"blas": [{"library": "openblas", "version": "0.3.31", "kernels": "Haswell"}],
                              "threads": 2}) == "openblas 0.3.31 (Haswell kernels), 2 threads"


def test_other_kernels_get_another_cache_key():
    """OpenBLAS picks its kernels for the CPU; OPENBLAS_CORETYPE forces others (Prescott: SSE3 only)."""
    here, prescott = run_elsewhere(), run_elsewhere(OPENBLAS_CORETYPE="Prescott")
    if here["fingerprint"] == prescott["fingerprint"]:
        pytest.skip(f"OPENBLAS_CORETYPE=Prescott changes nothing here ({numerics.describe(here['fingerprint'])})")
    assert here["key"] != prescott["key"]


def test_an_entry_trained_under_other_kernels_is_trained_again_not_served(tmp_path, monkeypatch):
    config = {"data": {"source": "synthetic_piecewise", "n": 40, "seed": 1}, "model": {"hidden": [3]},
              "optimizer": {"name": "adam", "lr": 0.05}, "epochs": 3, "batch_size": 8}
    trained = []
    real_train = runner.train
    monkeypatch.setattr(runner, "train", lambda spec, progress=None: trained.append(spec) or real_train(spec, progress))
    haswell = {"blas": [{"library": "openblas", "version": "0.3.31", "kernels": "Haswell"}], "threads": 1}
    skylake = {"blas": [{"library": "openblas", "version": "0.3.31", "kernels": "SkylakeX"}], "threads": 1}
    for fingerprint in (haswell, skylake, haswell, skylake):
        monkeypatch.setattr(numerics, "blas_fingerprint", lambda fingerprint=fingerprint: fingerprint)
        cache._MEMORY.clear()
        cache.get_or_train(config, cache_dir=tmp_path)
    assert len(trained) == 2  # once under each, then each loads its own
    sidecars = [json.loads(p.read_text()) for p in sorted(tmp_path.glob("*.json"))]
    assert sorted(s["numerics"]["blas"][0]["kernels"] for s in sidecars) == ["Haswell", "SkylakeX"]
    cache._MEMORY.clear()


def test_the_experiment_grid_is_recomputed_under_another_blas(monkeypatch):
    ours = protocol("bikeshare", True)
    assert ours["numerics"] == numerics.blas_fingerprint()
    monkeypatch.setattr(numerics, "blas_fingerprint", lambda: {"blas": [], "threads": 1})
    assert protocol("bikeshare", True) != ours  # load_or_run_with then computes the table again


def test_a_cached_entry_records_the_blas_that_trained_it(tmp_path):
    config = {"data": {"source": "synthetic_linear"}, "optimizer": {"name": "gd", "lr": 0.1}, "epochs": 2}
    cache.get_or_train(config, cache_dir=tmp_path)
    _, sidecar = cache.entry_paths(config, tmp_path)
    assert json.loads(sidecar.read_text())["numerics"] == numerics.blas_fingerprint()
    cache._MEMORY.clear()
