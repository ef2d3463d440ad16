"""Hostile input through the real entry point (`python -m explainer.cli`, issue 22): each case ends with
exit status 2 and one line naming the problem and its fix, checked before any work starts (no
traceback, no output folder, nothing cached). mathcore's own entry points refuse the same inputs."""

from __future__ import annotations

import json
import os
import stat

import numpy as np
import pytest

from mathcore import cache as trajectory_cache
from mathcore.data import max_usable_k, synthetic_linear
from mathcore.memory import TooLargeError, available_bytes
from mathcore.models import MLP
from mathcore.optim import Adam
from mathcore.train import fit
from tests.test_cli_faults import SMALL_RUN, TINY, explainer, one_line_error, own_cache

RUN = {"optimizer": {"name": "gd", "lr": 0.1}, "epochs": 5}


@pytest.fixture
def cache(tmp_path):
    return own_cache(tmp_path)


def refused(*argv: str, cache, env: dict | None = None) -> str:
    """The one error line of a CLI run that must be refused, after checking nothing was cached."""
    line = one_line_error(explainer(*argv, cache=cache, env=env))
    assert not list(cache.glob("*.npz")), "a refused run cached a trajectory"
    return line


# ------------------------------------------------------------------ render --set
@pytest.mark.parametrize("sets, message", [
    (["hours="], "hours needs at least one hour of day, such as --set hours=8"),
    (["hours=,"], "hours needs at least one hour of day"),
    (["hours=25"], "hours must be hours of day from 0 to 23, got [25]"),
    ([f"hours={','.join(['8'] * 25)}"], "hours takes at most 24 hours (one day's), got 25; pick fewer"),
    (["layers=100000,100000"], "fewer or narrower hidden layers"),
])
def test_forward_pass_parameters_it_cannot_use_are_refused_before_training(sets, message, tmp_path, cache):
    out = tmp_path / "out"
    argv = ["render", "ForwardPass", "-o", str(out), *TINY]
    for pair in sets:
        argv += ["--set", pair]
    line = refused(*argv, cache=cache)
    assert line.startswith("error: ForwardPass: ") and message in line
    assert not out.exists()
    if "layers" in sets[0]:  # the estimate, what the machine has, and what to change
        assert "GiB of memory and this machine has" in line and "available" in line
        assert "--set layers=100000,100000" in line


def test_a_forgotten_second_set_gets_the_fix_not_a_bare_usage(tmp_path, cache):
    out = tmp_path / "out"
    line = refused("render", "ReluFitTraining", "-o", str(out), "--set", "optimizer=gd", "lr=2.0", cache=cache)
    assert line == ("error: lr=2.0: each --set takes one KEY=VALUE, so write --set lr=2.0 "
                    "(here: --set optimizer=gd --set lr=2.0)")
    line = refused("render", "--set", "optimizer=gd", "lr=2.0", "ReluFitTraining", "-o", str(out), cache=cache)
    assert "lr=2.0 is not a scene: to change a parameter write --set lr=2.0" in line
    assert not out.exists()
    other = explainer("render", "ReluFitTraining", "--no-such-flag", cache=cache)  # argparse's own, as before
    assert other.returncode == 2 and "unrecognized arguments: --no-such-flag" in other.stderr


# ------------------------------------------------------------------ $EXPLAINER_CACHE_DIR
@pytest.mark.parametrize("argv", [["cache", "info"], ["cache", "clear"], ["render", "SectionTitle", *TINY]])
@pytest.mark.parametrize("inside", [False, True])
def test_a_cache_dir_that_is_a_file_is_refused_at_start(argv, inside, tmp_path):
    blocker = tmp_path / "cache-file"
    blocker.write_text("not a folder")
    named = blocker / "sub" if inside else blocker
    out = tmp_path / "out"
    line = one_line_error(explainer(*argv, "-o", str(out), cache=named) if argv[0] == "render"
                          else explainer(*argv, cache=named))
    where = f"lies inside {blocker}, which is a file" if inside else "is a file"
    assert line == (f"error: EXPLAINER_CACHE_DIR={named} {where}, not a folder; point EXPLAINER_CACHE_DIR at a "
                    "folder (it is created if missing) or unset it")
    assert not out.exists() and blocker.read_text() == "not a folder"


def test_cache_info_and_clear_agree_on_damaged_entries(cache):
    for n in (50, 51, 52):
        trajectory_cache.get_or_train({"data": {"source": "synthetic_piecewise", "n": n}, **RUN}, cache_dir=cache,
                                      progress=False)
    npz = sorted(cache.glob("*.npz"))
    npz[0].with_suffix(".json").write_text("{}")  # a sidecar from nowhere: damaged
    npz[1].unlink()  # a sidecar without its npz: half-written
    info = explainer("cache", "info", cache=cache)
    assert info.returncode == 0, info.stderr
    assert "entries: 1\n" in info.stdout
    assert "unusable entries: 2 damaged, half-written or from another version" in info.stdout
    assert "`explainer cache clear` removes them" in info.stdout
    cleared = explainer("cache", "clear", cache=cache)
    assert cleared.returncode == 0, cleared.stderr
    assert f"removed 3 cache entries from {cache}: 1 whole, 2 damaged" in cleared.stdout
    assert not [p for p in cache.iterdir() if p.name != "typeset"]


# ------------------------------------------------------------------ train: configs it cannot run
@pytest.mark.parametrize("data, extra, message", [
    ({"source": "synthetic_piecewise", "n": 50}, {"batch_size": 1000},
     "config['batch_size'] = 1000 is larger than the 50 training rows of this data; use at most 50, or None"),
    ({"source": "windows", "k": 100000}, {},
     f"k=100000 leaves too few rows in 'bikeshare' (windows never cross a gap, and the fitting, validation and "
     f"unseen parts each need a row); the largest usable k is {max_usable_k('bikeshare')}: lower k"),
    ({"source": "windows", "k": 1, "val_fraction": 0.9999}, {},
     "config['data']: val_fraction=0.9999 leaves 1 of the"),
    ({"source": "synthetic_piecewise", "n": 50, "noise": 1e308}, {},
     "config['data']: noise = 1e+308 is too large"),
    ({"source": "synthetic_linear", "n": 50, "w": [1e308, 1e308]}, {}, "w (largest |w| = 1e+308) or b = 0.1 is too"),
    ({"source": "synthetic_piecewise", "n": 50}, {"model": {"hidden": [100000, 100000]}},
     "fewer or narrower hidden layers"),
    ({"source": "synthetic_piecewise", "n": 10**10}, {}, 'use fewer rows (a smaller "n" in "data")'),
    ({"source": "synthetic_piecewise", "n": 1e10}, {}, "config['data']['n']: n must be an integer >= 1"),
])
def test_train_refuses_runs_it_cannot_make_before_training(data, extra, message, cache):
    line = refused("train", json.dumps({"data": data, **RUN, **extra}), cache=cache)
    assert message in line
    if "val_fraction" in message:
        assert "lower val_fraction to at most" in line and "largest usable k is 0" not in line
    if "noise" in message:
        assert "overflow" in line and "use a smaller noise" in line and "impute" not in line
    if "narrower" in message or "fewer rows" in message:
        assert "GiB of memory and this machine has" in line


def test_train_reads_only_small_regular_utf8_json_objects(tmp_path, cache):
    binary = tmp_path / "run.bin"
    binary.write_bytes(bytes([0x7B, 0x96, 0xFF, 0x00]) * 8)
    assert f"config file {binary} is not UTF-8 text (byte 1 is 0x96" in refused("train", str(binary), cache=cache)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert f"config file {deep} nests its JSON deeper than it can be read" in refused("train", str(deep), cache=cache)
    assert "CONFIG nests its JSON deeper" in refused("train", "{\"a\": " * 5_000 + "1" + "}" * 5_000, cache=cache)
    fifo = tmp_path / "run.fifo"
    os.mkfifo(fifo)
    line = refused("train", str(fifo), cache=cache)  # read, it would block forever (the run's timeout says so)
    assert f"config file {fifo} is not a regular file" in line and stat.S_ISFIFO(fifo.stat().st_mode)
    assert "CONFIG must be a JSON object {...}, got a string (\"hello\")" in refused("train", '"hello"', cache=cache)
    assert "got a number (5)" in refused("train", "5", cache=cache)
    assert "config file hello does not exist" in refused("train", "hello", cache=cache)


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux's /proc")
def test_an_unreadable_proc_file_is_named(cache):
    line = refused("train", "/proc/self/mem", cache=cache)
    assert line == "error: cannot read config file /proc/self/mem: Input/output error; give a readable JSON file"


def test_a_byte_order_mark_is_accepted_in_a_file_and_in_the_text(tmp_path, cache):
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(SMALL_RUN).encode())
    for config in (str(bom), "\ufeff" + json.dumps(SMALL_RUN)):
        result = explainer("train", config, cache=cache)
        assert result.returncode == 0, result.stderr
        assert "steps recorded: 5" in result.stdout


# ------------------------------------------------------------------ mathcore's entry points
def test_mlp_names_a_missing_or_wrong_hidden():
    for hidden in (None, "8", 8.0, {"width": 8}):
        with pytest.raises(TypeError, match=r"hidden must be a sequence of widths such as \(8,\)"):
            MLP(1, hidden)


def test_a_model_too_large_for_the_machine_is_refused_before_it_is_allocated():
    free = available_bytes()
    if free is None:
        pytest.skip("this system does not say how much memory is available")
    width = int(np.sqrt(free / 8)) + 1000  # a square layer bigger than the whole free memory
    with pytest.raises(TooLargeError, match=r"parameters needs about .* GiB of memory and this machine has .* "
                                            r"available; use fewer or narrower hidden layers"):
        MLP(1, (width, width))
    with pytest.raises(TooLargeError, match="fewer or narrower hidden layers"):
        trajectory_cache.get_or_train({"data": {"source": "synthetic_piecewise", "n": 5},
                                       "model": {"hidden": [width, width]}, **RUN}, cache_dir="/nonexistent")


def test_complex_data_is_refused_not_cast_to_real():
    X, y = np.linspace(-1, 1, 6)[:, None], np.linspace(0, 1, 6)
    for bad_X, bad_y, name in ((X * (1 + 1j), y, "X"), (X, y + 0j, "y"), (X.tolist(), (y + 1j).tolist(), "y")):
        with pytest.raises(TypeError, match=rf"{name} holds complex numbers, and mathcore works on real ones; "
                                            rf"pass np.real\({name}\) or np.abs\({name}\)"):
            fit(MLP(1, (2,)), bad_X, bad_y, optimizer=Adam(lr=0.1), epochs=1)
    with pytest.raises(TypeError, match="X holds complex numbers"):
        MLP(1, (2,)).forward(X + 2j)
    with pytest.raises(TypeError, match="w holds complex numbers"):
        synthetic_linear(10, w=[1 + 2j])
