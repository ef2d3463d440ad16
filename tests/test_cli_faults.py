"""Bad input and faults through the real entry point (`python -m explainer.cli`): each gives one
line naming the problem and the documented exit status (2 for what a user can fix, 130 for
Ctrl-C, 1 with a traceback for a bug), and nothing is created or half-removed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import pytest

from explainer.cli import EXIT_BUG, EXIT_ERROR, EXIT_INTERRUPTED
from explainer.settings import REPO_ROOT, TYPESET_CACHE

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(AS_ROOT, reason="root reads and writes whatever the permissions say")
TINY = ["--resolution", "128x72", "--fps", "5"]
SMALL_RUN = {"data": {"source": "synthetic_piecewise", "n": 60, "seed": 1}, "model": {"hidden": [4]},
             "optimizer": {"name": "adam", "lr": 0.05}, "epochs": 5}


def own_cache(tmp_path: Path) -> Path:
    """A trajectory cache of the test's own (its typeset cache is the checkout's warm one)."""
    folder = tmp_path / "cache"
    folder.mkdir()
    TYPESET_CACHE.mkdir(parents=True, exist_ok=True)
    (folder / "typeset").symlink_to(TYPESET_CACHE, target_is_directory=True)
    return folder


@pytest.fixture
def cache(tmp_path) -> Path:
    return own_cache(tmp_path)


def explainer(*argv: str, cache: Path, code: str | None = None, env: dict | None = None):
    """Run the CLI in a fresh Python (``code`` first patches it, to stage a bug or a Ctrl-C)."""
    command = [sys.executable, "-m", "explainer.cli", *argv] if code is None else [
        sys.executable, "-c", f"import sys, explainer.cli as cli\n{code}\nsys.exit(cli.main({list(argv)!r}))"]
    environment = {name: value for name, value in os.environ.items() if name != "EXPLAINER_DEBUG"}
    environment.update({"EXPLAINER_CACHE_DIR": str(cache), **(env or {})})
    return subprocess.run(command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=300)


def one_line_error(result, status: int = EXIT_ERROR) -> str:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize("argv, message", [
    (["-o", ""], "-o needs a folder name"),
    (["--jobs", "0"], "--jobs must be at least 1, got 0"),
    (["--resolution", "100000x100000"], "--resolution must look like 320x180: even numbers from 16x16 to 3840x2160"),
    (["--resolution", "321x180"], "--resolution must look like"),
    (["--fps", "0"], "--fps must be a whole number from 1 to 60, got 0"),
    (["--fps", "1000"], "--fps must be a whole number from 1 to 60"),
])
def test_bad_options_are_refused_before_anything_is_created(argv, message, tmp_path, cache):
    out = tmp_path / "out"
    args = ["render", "ReluPairHardSigmoid", "-o", str(out), *argv] if "-o" not in argv else [
        "render", "ReluPairHardSigmoid", *argv]
    assert message in one_line_error(explainer(*args, cache=cache))
    assert not out.exists()


@pytest.mark.parametrize("scene, sets, message", [
    ("ReluFitTraining", ["lr=nan"], "lr must be a finite number, got 'nan'"),
    ("ReluFitTraining", ["lr=inf"], "lr must be a finite number"),
    ("ReluFitTraining", ["n_relus=abc"], "n_relus must be a whole number, got 'abc'"),
    ("ReluFitTraining", ["n_relus=2.5"], "n_relus must be a whole number"),
    ("ForwardPass", ["layers=abc"], "ForwardPass: layers must be comma-separated layer widths"),
    ("ReluFitTraining", ["optimizer=gd", "lr=2.0"],
     "ReluFitTraining: training diverges with --set optimizer=gd --set lr=2.0"),
    ("BatchesEpochs", ["lr=2.0"], "BatchesEpochs: training diverges with --set lr=2.0"),
])
def test_bad_parameters_are_refused_before_any_render(scene, sets, message, tmp_path, cache):
    out = tmp_path / "out"
    argv = ["render", scene, "-o", str(out), *TINY]
    for pair in sets:
        argv += ["--set", pair]
    line = one_line_error(explainer(*argv, cache=cache))
    assert message in line
    assert not out.exists()
    if "diverges" in message:
        assert "smaller learning rate" in line


def test_too_many_jobs_are_capped_with_a_word_and_fps_works_alone(tmp_path, cache):
    result = explainer("render", "SectionTitle", "--jobs", "1000", "--fps", "5", "-o", str(tmp_path), cache=cache)
    assert result.returncode == 0, result.stderr
    assert f"note: --jobs 1000 is more than this machine's {os.cpu_count()} CPU core(s)" in result.stderr
    with av.open(str(tmp_path / "SectionTitle.mp4")) as video:
        stream = video.streams.video[0]
        assert stream.average_rate == 5 and (stream.width, stream.height) == (854, 480)  # -q l's size, --fps's rate


def test_train_reports_bad_configs_in_one_line(tmp_path, cache):
    assert "CONFIG is empty" in one_line_error(explainer("train", "", cache=cache))
    assert f"config file {tmp_path} is a folder" in one_line_error(explainer("train", str(tmp_path), cache=cache))
    missing = tmp_path / "missing.json"
    assert f"config file {missing} does not exist" in one_line_error(explainer("train", str(missing), cache=cache))
    assert "must be a JSON object" in one_line_error(explainer("train", "[1, 2]", cache=cache))
    diverging = {**SMALL_RUN, "optimizer": {"name": "gd", "lr": 100.0}, "epochs": 30}
    line = one_line_error(explainer("train", json.dumps(diverging), cache=cache))
    assert "training diverged at step" in line and '"on_divergence": "record"' in line
    assert list(cache.glob("*.npz")) == []  # nothing cached for a failed run
    endless = {**SMALL_RUN, "epochs": 10**9}
    line = one_line_error(explainer("train", json.dumps(endless), cache=cache))
    assert "this run would record 1,000,000,000 steps" in line and 'raise "record_every"' in line


@needs_permissions
def test_unreadable_files_and_folders_are_one_line_errors(tmp_path, cache):
    config = tmp_path / "run.json"
    config.write_text(json.dumps(SMALL_RUN))
    config.chmod(0)
    assert f"cannot use {config}: Permission denied" in one_line_error(explainer("train", str(config), cache=cache))
    cache.chmod(0)
    try:
        assert "Permission denied" in one_line_error(explainer("cache", "info", cache=cache))
        config.chmod(0o644)
        assert "Permission denied" in one_line_error(explainer("train", str(config), cache=cache))
    finally:
        cache.chmod(0o755)


@needs_permissions
def test_cache_clear_on_a_read_only_folder_removes_nothing(tmp_path, cache):
    assert explainer("train", json.dumps(SMALL_RUN), cache=cache).returncode == 0
    cache.chmod(0o555)
    try:
        line = one_line_error(explainer("cache", "clear", cache=cache))
    finally:
        cache.chmod(0o755)
    assert "is read-only" in line and "nothing was removed" in line
    assert len(list(cache.glob("*.npz"))) == 1


def test_cache_clear_checks_first_and_removes_nothing_beside_a_folder_named_like_an_entry(cache):
    assert explainer("train", json.dumps(SMALL_RUN), cache=cache).returncode == 0
    entries = sorted(p.name for p in cache.iterdir() if p.name != "typeset")
    (cache / "0123456789abcdef0123.npz").mkdir()
    line = one_line_error(explainer("cache", "clear", cache=cache))
    assert "0123456789abcdef0123.npz" in line and "nothing was removed" in line
    assert sorted(p.name for p in cache.iterdir() if p.is_file()) == entries


def test_cache_clear_names_the_files_that_stayed(cache):
    assert explainer("train", json.dumps(SMALL_RUN), cache=cache).returncode == 0
    refuse_sidecars = ("import pathlib\nreal = pathlib.Path.unlink\n"
                       "def unlink(self, missing_ok=False):\n"
                       "    if self.suffix == '.json': raise PermissionError(13, 'Permission denied', str(self))\n"
                       "    real(self, missing_ok)\n"
                       "pathlib.Path.unlink = unlink")
    line = one_line_error(explainer("cache", "clear", cache=cache, code=refuse_sidecars))
    (sidecar,) = cache.glob("*.json")
    assert f"removed 1 of 2 cache files in {cache}; these stayed: {sidecar.name} (Permission denied)" in line


def test_cache_info_counts_only_whole_entries_and_does_not_follow_symlinks(tmp_path, cache):
    assert explainer("train", json.dumps(SMALL_RUN), cache=cache).returncode == 0
    (npz,) = cache.glob("*.npz")
    own_bytes = sum(p.lstat().st_size for p in cache.iterdir() if p.name != "typeset")
    (cache / "abcdefabcdefabcdef00.npz").write_bytes(b"garbage")  # an entry's names, no content
    (cache / "abcdefabcdefabcdef00.json").write_text("{}")
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * 5_000_000)
    (cache / "ffffffffffffffffffff.npz").symlink_to(big)
    out = explainer("cache", "info", cache=cache)
    assert out.returncode == 0, out.stderr
    assert "entries: 1\n" in out.stdout
    size_mb = float(out.stdout.split("size:")[1].split("MB")[0])
    assert size_mb < 1.0 and size_mb == pytest.approx((own_bytes + 7 + 2 + len(str(big))) / 1e6, abs=0.051)
    npz.write_bytes(npz.read_bytes()[:100])  # truncated: no longer counted
    assert "entries: 0\n" in explainer("cache", "info", cache=cache).stdout


def test_a_bug_keeps_its_traceback_and_ctrl_c_is_one_line(cache):
    bug = explainer("cache", "info", cache=cache,
                    code="def boom(args): raise ZeroDivisionError('a bug')\ncli.cmd_cache = boom")
    assert bug.returncode == EXIT_BUG and "Traceback" in bug.stderr and "ZeroDivisionError: a bug" in bug.stderr
    interrupted = explainer("cache", "info", cache=cache,
                            code="def stop(args): raise KeyboardInterrupt\ncli.cmd_cache = stop")
    assert interrupted.returncode == EXIT_INTERRUPTED and interrupted.stderr.strip() == "interrupted"


def test_explainer_debug_shows_the_traceback_of_an_expected_error(tmp_path, cache):
    result = explainer("train", str(tmp_path / "missing.json"), cache=cache, env={"EXPLAINER_DEBUG": "1"})
    assert result.returncode == EXIT_ERROR
    assert "Traceback" in result.stderr and "UsageError" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: config file")


def test_permission_errors_on_our_files_are_one_line_even_as_root(tmp_path, cache):
    """The same as the two tests above, with the refusal staged (root passes every permission check)."""
    config = tmp_path / "run.json"
    config.write_text(json.dumps(SMALL_RUN))
    deny = ("import pathlib\nreal_{0} = pathlib.Path.{0}\n"
            "def denied(self, *args, **kwargs):\n"
            "    if str(self).startswith({1!r}): raise PermissionError(13, 'Permission denied', str(self))\n"
            "    return real_{0}(self, *args, **kwargs)\n"
            "pathlib.Path.{0} = denied")
    line = one_line_error(explainer("train", str(config), cache=cache, code=deny.format("open", str(config))))
    assert line == f"error: cannot use {config}: Permission denied; check that it exists and its permissions"
    line = one_line_error(explainer("cache", "info", cache=cache, code=deny.format("iterdir", str(cache))))
    assert f"cannot use {cache}: Permission denied" in line
