"""Stop signals through the real entry point (`python -m explainer`): SIGINT, SIGTERM and SIGHUP to
the command, or SIGTERM to its process group, in the middle of a render stop every child render
(no process of theirs survives), leave nothing in -o and give one line and 128 + the signal; a
run killed with SIGKILL leaves work folders that the next run sweeps; a second chapter into one
-o is refused at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explainer import stopping, workdirs
from explainer.settings import REPO_ROOT, TYPESET_CACHE

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")

TINY = ["--resolution", "160x90", "--fps", "5"]
#: A scene that renders for several seconds at TINY's size (the signal must land mid-render).
LONG_SCENE = "LinearModel"


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """The module's own trajectory cache (its typeset cache is the checkout's), warmed by the first test."""
    folder = tmp_path_factory.mktemp("cache")
    TYPESET_CACHE.mkdir(parents=True, exist_ok=True)
    (folder / "typeset").symlink_to(TYPESET_CACHE, target_is_directory=True)
    return folder


def _environment(cache: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "EXPLAINER_DEBUG"}
    return {**env, "EXPLAINER_CACHE_DIR": str(cache),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))}


def start(*argv, cache: Path) -> subprocess.Popen:
    """The command in a fresh Python, in a process group of its own (as a shell starts it)."""
    return subprocess.Popen([sys.executable, "-m", "explainer", *map(str, argv)], cwd=REPO_ROOT,
                            env=_environment(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def run(*argv, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explainer", *map(str, argv)], cwd=REPO_ROOT, env=_environment(cache),
                          capture_output=True, text=True, timeout=300)


def processes() -> dict[int, tuple[str, int, int]]:
    """Every process's (state, parent pid, process group), from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            table[int(entry.name)] = (fields[0], int(fields[1]), int(fields[2]))
    return table


def living_in(groups: set[int]) -> list[int]:
    """The processes, zombies aside, in any of the process groups ``groups``."""
    return [pid for pid, (state, _, group) in processes().items() if group in groups and state not in "ZX"]


def wait_for_render(proc: subprocess.Popen, out: Path, timeout: float = 240) -> set[int]:
    """The command's child renders, once one of them has written its first piece of video."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the command ended before its render began ({proc.returncode}): {proc.stderr.read()}")
        children = {pid for pid, (_, parent, _) in processes().items() if parent == proc.pid}
        if children and list(out.glob("**/partial_movie_files/*/*.mp4")):
            return children
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"no render began within {timeout} s")


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("signum, to_group", [
    (signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGHUP, False), (signal.SIGINT, False)],
    ids=["SIGTERM", "SIGTERM-to-group", "SIGHUP", "SIGINT"])
def test_a_signal_mid_render_stops_every_child_and_writes_nothing(signum, to_group, tmp_path, cache):
    out = tmp_path / "out"
    proc = start("render", LONG_SCENE, "-o", out, *TINY, cache=cache)
    children = wait_for_render(proc, out)  # each the leader of its own process group
    sent = time.perf_counter()
    (os.killpg if to_group else os.kill)(proc.pid, signum)
    _, stderr = proc.communicate(timeout=60)
    took = time.perf_counter() - sent
    assert proc.returncode == 128 + signum, stderr
    what = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    assert stderr == f"{what}; nothing was written to {out}\n"
    assert living_in(children) == []  # the renders, and whatever they started, are gone with the command
    assert sorted(out.iterdir()) == []  # no work folder, no video, no subtitles
    assert took < stopping.GRACE_S + 8  # the children had GRACE_S to go before SIGKILL; the rest is unwinding


def test_a_chapter_stopped_mid_run_leaves_its_folder_as_it_was(tmp_path, cache):
    out = tmp_path / "out"
    out.mkdir()
    (out / "chapter1.mp4").write_bytes(b"an earlier run's video")
    proc = start("chapter", "-o", out, "--no-voice", *TINY, cache=cache)
    children = wait_for_render(proc, out)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143 and stderr == f"stopped by SIGTERM; nothing was written to {out}\n"
    assert living_in(children) == []
    assert sorted(p.name for p in out.iterdir()) == ["chapter1.mp4"]  # no parts, scratch video or lock
    assert (out / "chapter1.mp4").read_bytes() == b"an earlier run's video"


def test_slides_stopped_mid_render_leave_nothing(tmp_path, cache):
    """The slides run their child in the main thread: the signal lands while it waits there."""
    out = tmp_path / "out"
    proc = start("slides", LONG_SCENE, "--to", "pptx", "-o", out, *TINY, cache=cache)
    children = wait_for_render(proc, out)
    proc.send_signal(signal.SIGHUP)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 129 and stderr == f"stopped by SIGHUP; nothing was written to {out}\n"
    assert living_in(children) == []
    assert sorted(out.iterdir()) == []


def test_children_die_with_a_killed_command_and_the_next_run_sweeps_what_it_left(tmp_path, cache):
    out = tmp_path / "out"
    proc = start("render", LONG_SCENE, "-o", out, *TINY, cache=cache)
    children = wait_for_render(proc, out)
    os.killpg(proc.pid, signal.SIGKILL)  # nothing can be caught: the folder stays
    proc.communicate(timeout=60)
    assert wait_until(lambda: not living_in(children), timeout=30)  # they get SIGTERM as their parent dies
    (killed,) = out.glob(".work-*")
    assert list(killed.rglob("partial_movie_files/*/*.mp4"))
    exited = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    folders = {name: out / f".work-{name}-test" for name in ("Dead", "Live", "Reused", "OldUnowned", "NewUnowned")}
    for folder in folders.values():
        folder.mkdir()
    workdirs.claim(folders["Dead"], pid=int(exited.stdout))  # a process that has exited
    workdirs.claim(folders["Live"])  # this test, still running
    (folders["Reused"] / f"{workdirs.OWNER_PREFIX}{os.getpid()}").write_text("1")  # this pid, another start
    a_while_ago = time.time() - 2 * workdirs.UNOWNED_AGE_S
    os.utime(folders["OldUnowned"], (a_while_ago, a_while_ago))

    result = run("render", "SectionTitle", "-o", out, *TINY, cache=cache)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["SectionTitle.mp4", folders["Live"].name, folders["NewUnowned"].name])


def test_a_second_chapter_into_one_folder_is_refused_at_once(tmp_path, cache):
    out = tmp_path / "out"
    out.mkdir()
    with workdirs.OutputLock(out / ".chapter1.lock", "`explainer chapter`"):  # as a chapter run holds it
        # Before any check: the parameter that does not exist is not even looked at.
        result = run("chapter", "-o", out, "--no-voice", "--set", "no_such_parameter=1", *TINY, cache=cache)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"error: another `explainer chapter` (pid {os.getpid()}) is writing into {out}; "
                             "wait for it to finish, or give this one another folder with -o\n")
    assert sorted(out.iterdir()) == []  # the lock file goes with its holder


def test_the_output_lock_is_exclusive_and_leaves_no_file(tmp_path):
    path = tmp_path / ".x.lock"
    with workdirs.OutputLock(path, "run", ValueError):
        assert path.read_text() == f"{os.getpid()}\n"
        with pytest.raises(ValueError, match=rf"another run \(pid {os.getpid()}\) is writing into {tmp_path}"):
            workdirs.OutputLock(path, "run", ValueError).__enter__()
    assert not path.exists()
    with workdirs.OutputLock(path, "run", ValueError):  # free again
        assert path.exists()


def handles_stop_signals(pid: int) -> bool:
    """Whether process ``pid`` has explainer.stopping installed (it catches SIGTERM)."""
    try:
        caught = int(next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                          if line.startswith("SigCgt:")).split()[1], 16)
    except (OSError, StopIteration):
        return False
    return bool(caught >> (signal.SIGTERM - 1) & 1)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_command_is_still_importing_is_one_line(signum, tmp_path, cache):
    proc = start("cache", "info", cache=cache)
    assert wait_until(lambda: handles_stop_signals(proc.pid), timeout=30)
    os.kill(proc.pid, signum)  # numpy, manim and the scenes are still being imported
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    what = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    assert stderr == f"{what} while starting; nothing was written\n"


def test_a_signal_while_files_move_into_place_waits_for_them(tmp_path):
    """A stop during the final renames is held back until they are done, then reported as after them."""
    previous = stopping.install()
    stopping.begin_run()
    moved = tmp_path / "moved"
    try:
        with pytest.raises(stopping.Stopped) as stopped:
            with stopping.deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.01)  # the handler runs here, and holds the signal back
                (tmp_path / "file").write_text("whole")
                os.replace(tmp_path / "file", moved)
        assert stopped.value.signum == signal.SIGTERM and stopping.STATE.written
    finally:
        stopping.restore(previous)
    assert moved.read_text() == "whole"
    assert stopping.stop_line(signal.SIGTERM, tmp_path, written=True) == (
        f"stopped by SIGTERM after its files were written to {tmp_path}")


def test_a_failing_render_stops_the_others_and_writes_nothing(tmp_path):
    from explainer.render import RenderError, RenderJob, render_many

    before = set(processes())  # children this test process had already (another test's, say)
    out = tmp_path / "out"
    out.mkdir()
    jobs = [RenderJob("SectionTitle", str(out), params={"section": "no-such-section"}, resolution=(160, 90),
                      frame_rate=5),
            RenderJob(LONG_SCENE, str(out), resolution=(160, 90), frame_rate=5)]
    with pytest.raises(RenderError, match="rendering SectionTitle failed"):
        render_many(jobs, n_jobs=2, log=lambda *_: None)
    assert sorted(out.iterdir()) == []
    assert not any(parent == os.getpid() and state not in "ZX" and pid not in before
                   for pid, (state, parent, _) in processes().items())


def test_a_signal_ignored_when_the_command_starts_stays_ignored(cache, tmp_path):
    """nohup's SIGHUP: the command keeps running when its terminal goes. (A render, which runs for seconds:
    a command as quick as `cache info` could exit before the signal is sent, and the test would prove nothing.)"""
    out = tmp_path / "out"
    argv = ["-m", "explainer", "render", LONG_SCENE, "-o", str(out), *TINY]
    nohup = ("import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
             f"os.execv(sys.executable, [sys.executable, *{argv!r}])")
    proc = subprocess.Popen([sys.executable, "-c", nohup], cwd=REPO_ROOT, env=_environment(cache),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_until(lambda: handles_stop_signals(proc.pid), timeout=60)
    proc.send_signal(signal.SIGHUP)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert (out / f"{LONG_SCENE}.mp4").is_file()


def test_a_child_that_ignores_sigterm_is_killed_with_its_helpers_after_the_grace_time():
    import threading

    from explainer.runner import ChildError, run_in_child

    stubborn = [sys.executable, "-c", "import signal, subprocess, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                "subprocess.Popen(['sleep', '60']); time.sleep(60)"]  # its helper inherits the ignored SIGTERM
    children = stopping.Children()
    failures = []

    def render():
        try:
            run_in_child("video", {}, dict(os.environ), command=stubborn, children=children)
        except ChildError as exc:
            failures.append(str(exc))

    thread = threading.Thread(target=render)
    thread.start()

    def started() -> set[int]:
        table = processes()
        mine = {pid for pid, (state, parent, _) in table.items() if parent == os.getpid() and state not in "ZX"}
        return mine if any(parent in mine for _, parent, _ in table.values()) else set()

    assert wait_until(started, timeout=30)
    (child,) = started()
    sent = time.perf_counter()
    children.stop()
    thread.join(timeout=30)
    took = time.perf_counter() - sent
    assert failures and failures[0].endswith("(the child process was killed by SIGKILL)")
    assert stopping.GRACE_S - 0.1 < took < stopping.GRACE_S + 5
    assert living_in({child}) == []  # the helper went with it
