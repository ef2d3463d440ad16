"""Hidden work folders inside an output folder: who owns them, sweeping those nobody does, and the
locks that keep two chapters out of one folder and two renders' files apart.

A run renders into hidden folders inside ``-o`` (``.work-<Scene>-*``, ``.chapter-parts-*``,
``.slides-build-*``), so that its finished files are renamed into place on the same file system.
Each folder holds an owner record per process using it (``.owner-<pid>``, holding the process's
start time, which tells a live owner from a later process given the same pid). A run stopped
by SIGKILL, or by a crash of the machine, cannot remove its folders; ``sweep`` (run as every
render, chapter and slides run begins) removes every one whose owners are all dead.

Only the standard library: ``explainer.runner``'s children use it too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

#: The hidden folders a run makes in its output folder.
WORK_PREFIXES = (".work-", ".chapter-parts-", ".slides-build-")
#: The lock files a run holds in its output folder (``OutputLock``): a chapter run's, and a
#: render's while it moves its files into place. Each goes with its holder; one left by a killed
#: run stays (it holds a pid, nothing else) until the next run that takes it.
CHAPTER_LOCK, MOVE_LOCK = ".chapter1.lock", ".moving.lock"
OWNER_PREFIX = ".owner-"
#: A folder with no owner record (left by an older explainer, or one being made this instant) is
#: swept only once it is this old (seconds).
UNOWNED_AGE_S = 600.0


def process_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), or None if it is not running
    (a zombie, exited but not yet reaped by its parent, is not running). Without /proc: "?" for a
    running process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        return _signal_zero(pid)
    fields = stat.rsplit(")", 1)[1].split()  # the name in (...) may hold spaces
    if fields[0] in ("Z", "X"):  # field 3, the state: exited, only its exit status is left
        return None
    return fields[19]  # field 22, the start time


def _signal_zero(pid: int) -> str | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # another user's: alive
    return "?"


def claim(folder: Path, pid: int | None = None) -> None:
    """Record process ``pid`` (default: this one) as an owner of ``folder``."""
    pid = os.getpid() if pid is None else pid
    (Path(folder) / f"{OWNER_PREFIX}{pid}").write_text(process_start(pid) or "?")


def make(parent: Path, prefix: str) -> Path:
    """A new hidden folder in ``parent``, owned by this process (``prefix`` is one of WORK_PREFIXES)."""
    if not prefix.startswith(WORK_PREFIXES):
        raise ValueError(f"work folder prefix {prefix!r} must start with one of {', '.join(WORK_PREFIXES)}")
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    claim(folder)
    return folder


def owners_alive(folder: Path) -> bool | None:
    """Whether any recorded owner of ``folder`` is still running; None if it has no owner record."""
    records = [p for p in folder.iterdir() if p.name.startswith(OWNER_PREFIX)]
    if not records:
        return None
    for record in records:
        pid = record.name[len(OWNER_PREFIX):]
        try:
            started = record.read_text().strip()
        except OSError:
            return True  # unreadable: not ours to judge
        if not pid.isdigit():
            continue
        now = process_start(int(pid))
        if now is not None and (started in ("?", now) or now == "?"):
            return True
    return False


def sweep(out_dir: Path) -> list[Path]:
    """Remove the work folders in ``out_dir`` that no running process owns; return them."""
    removed = []
    try:
        entries = list(Path(out_dir).iterdir())
    except OSError:
        return removed
    for folder in entries:
        if not folder.name.startswith(WORK_PREFIXES) or folder.is_symlink() or not folder.is_dir():
            continue
        try:
            alive = owners_alive(folder)
            if alive is None:
                alive = time.time() - folder.stat().st_mtime < UNOWNED_AGE_S
        except OSError:
            continue  # gone meanwhile, or not readable: leave it
        if not alive:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class OutputLock:
    """An exclusive lock on a file in an output folder, held for a run (``with``); a second run
    asking for it is refused at once with ``error(message)`` naming the holder's pid, or with
    ``wait`` waits for it (for a step that takes moments: moving files into place).

    The lock file holds the holder's pid and is removed when the run ends (checked by inode, so a
    run that opened the old file just before it went takes the lock on the new one instead).
    """

    def __init__(self, path: Path, what: str, error: type[Exception] = RuntimeError, wait: bool = False):
        self.path, self.what, self.error, self.wait = Path(path), what, error, wait
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                os.close(fd)
                raise self.error(
                    f"another {self.what} (pid {holder}) is writing into {self.path.parent}; wait for it to "
                    "finish, or give this one another folder with -o") from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the holder removed the file as we opened it: lock the new one
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None
