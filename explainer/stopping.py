"""Stopping a run on a signal, through its whole process tree.

SIGINT (Ctrl-C), SIGTERM and SIGHUP all stop a command the same way (``install``): the signal is
passed on at once to every child render (each runs in its own process group, so the group's
LaTeX and voice helpers get it too), the command unwinds (its ``finally`` blocks remove its work
folders and scratch files), every child still alive after ``GRACE_S`` is killed with SIGKILL,
and ``explainer.cli`` reaps them all, prints one line and exits ``128 + signal`` (130, 143,
129). A signal that comes while the command is still importing (before ``begin_run``) ends it
at once with the same line: nothing can have been started or written yet.

``Children`` starts and tracks the child processes; ``deferred`` holds a signal back while a
run moves its finished files into place, so a run is stopped either before that step (nothing
written) or after it (everything written), never half-way.

This module imports only the standard library: the command line installs it before its heavy
imports (numpy, manim), so an early Ctrl-C is one line too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

#: The signals that stop a run, and the exit status each gives (128 + the signal's number).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: How long children get to exit after the signal is passed on before they are killed (seconds).
GRACE_S = 2.0
#: Set in a child's environment: the pid of the process that started it (``watch_parent``).
PARENT_ENV = "EXPLAINER_PARENT_PID"


class Stopped(KeyboardInterrupt):
    """The run was stopped by ``signum``; a KeyboardInterrupt, so everything that unwinds on
    Ctrl-C unwinds on SIGTERM and SIGHUP alike."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(signum: int) -> int:
    return 128 + int(signum)


def stop_line(signum: int, out_dir=None, written: bool = False, starting: bool = False) -> str:
    """The one line a stopped command prints (``out_dir``: the folder it writes into, if any)."""
    what = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    if starting:
        return f"{what} while starting; nothing was written"
    if out_dir is None:
        return what
    if written:
        return f"{what} after its files were written to {out_dir}"
    return f"{what}; nothing was written to {out_dir}"


class _State:
    def __init__(self):
        self.running = False  # begin_run() called: raise Stopped instead of exiting at once
        self.signum: int | None = None  # the first stop signal received
        self.deferring = 0  # inside deferred(): hold the signal back
        self.held: int | None = None  # a signal held back by deferred()
        self.written = False  # a run's final files were moved into place


STATE = _State()


def _handler(signum, frame):
    if STATE.signum is not None:
        return  # already stopping: let the cleanup finish (its waits are bounded)
    if not STATE.running:
        with contextlib.suppress(OSError):  # os.write: sys.stderr may be in the middle of a write
            os.write(2, f"{stop_line(signum, starting=True)}\n".encode())
        os._exit(exit_status(signum))
    if STATE.deferring:
        STATE.held = STATE.held or signum
        return
    stop_all(signum)
    raise Stopped(signum)


def stop_all(signum: int) -> None:
    """The run is stopping because of ``signum``: pass SIGTERM on to every child (once), and let
    further signals wait for the cleanup."""
    if STATE.signum is None or not CHILDREN.stopped:
        STATE.signum = STATE.signum or signum
        CHILDREN.stop(signal.SIGTERM)


def install(child: bool = False) -> dict:
    """Handle SIGINT, SIGTERM and SIGHUP as described above (call it from the main thread, as
    early as possible); return the handlers it replaced. ``child``: this is a child render; it also
    passes the signal on to its own process group (its LaTeX and voice helpers)."""
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler is not signal.SIG_IGN:  # ignored stays ignored: nohup's SIGHUP, a background job's SIGINT
            signal.signal(signum, _child_handler if child else _handler)
    return previous


def restore(previous: dict) -> None:
    """Put back the handlers ``install`` returned (a command run inside another program, e.g. a test)."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)
    STATE.running, STATE.signum, STATE.held = False, None, None
    CHILDREN.stopped = False


def started_as_command() -> bool:
    """Whether this process is the ``explainer`` console script (its ``__main__`` is that script)."""
    main = sys.modules.get("__main__")
    return os.path.basename(getattr(main, "__file__", None) or "") == "explainer"


def installed() -> bool:
    """Whether this process's stop signals are handled here (by ``install``)."""
    handlers = [signal.getsignal(signum) for signum in STOP_SIGNALS]
    ours = [handler in (_handler, _child_handler) for handler in handlers]
    return any(ours) and all(mine or handler is signal.SIG_IGN for mine, handler in zip(ours, handlers))


def begin_run() -> None:
    """From here on a signal unwinds the run (raises Stopped) instead of exiting at once."""
    STATE.running, STATE.signum, STATE.held, STATE.written = True, None, None, False
    CHILDREN.stopped = False


def terminate(proc: subprocess.Popen, grace: float = GRACE_S) -> None:
    """Stop one child and its group: SIGTERM, up to ``grace`` seconds, then SIGKILL; reap it."""
    _signal_group(proc, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal_group(proc, signal.SIGKILL)
        proc.wait()
    _signal_group(proc, signal.SIGKILL)  # a helper the child left behind in its group


def _child_handler(signum, frame):
    if STATE.signum is not None:
        return
    STATE.signum = signum
    if os.getpgid(0) == os.getpid():  # the leader of its own group: pass the signal on to the helpers
        with contextlib.suppress(OSError):
            os.killpg(os.getpid(), signal.SIGTERM)
    if STATE.running:
        raise Stopped(signum)
    os._exit(exit_status(signum))


@contextlib.contextmanager
def deferred(final: bool = True):
    """Hold a stop signal back while the block runs (moving finished files into place); raise
    Stopped for it once the block is done. ``final``: the block writes the run's outputs, so a
    stop after it says they were written."""
    STATE.deferring += 1
    try:
        yield
        if final:
            STATE.written = True
    finally:
        STATE.deferring -= 1
    if not STATE.deferring and STATE.held is not None:
        signum, STATE.held = STATE.held, None
        stop_all(signum)
        raise Stopped(signum)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL what is left of a child's process group (the helpers of a child that was killed)."""
    _signal_group(proc, signal.SIGKILL)


def _signal_group(proc: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signum)


class Children:
    """Child processes, each started in a process group of its own, that are stopped together.

    Every child is also tracked by ``CHILDREN`` (the process's own), which the signal handler
    stops; a render's own ``Children`` stops only its children (when one of them fails).
    """

    def __init__(self, parent: Children | None = None):
        self._procs: set[subprocess.Popen] = set()
        self._lock = threading.RLock()  # re-entrant: the signal handler runs in the main thread
        self._parent = parent
        self.stopped = False

    def start(self, command: list[str], **popen) -> subprocess.Popen:
        """``subprocess.Popen(command, **popen)`` in a new session (its own process group), tracked."""
        env = {**(popen.pop("env", None) or os.environ), PARENT_ENV: str(os.getpid())}
        # In the main thread a signal would otherwise land inside Popen, between the fork and the
        # child being tracked: hold it back until the child is tracked (then it is stopped with the rest).
        main = threading.current_thread() is threading.main_thread()
        with deferred(final=False) if main else contextlib.nullcontext(), self._lock:
            if STATE.running and STATE.signum is not None:
                raise Stopped(STATE.signum)
            if self.stopped or (self._parent is not None and self._parent.stopped):
                raise RuntimeError("not started: the other renders of this run are being stopped")
            proc = subprocess.Popen(command, env=env, start_new_session=True, **popen)
            self._add(proc)
        return proc

    def _add(self, proc: subprocess.Popen) -> None:
        self._procs.add(proc)
        if self._parent is not None:
            self._parent._add(proc)

    def discard(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._procs.discard(proc)
        if self._parent is not None:
            self._parent.discard(proc)

    def stop(self, signum: int = signal.SIGTERM, grace: float = GRACE_S) -> None:
        """Send ``signum`` to every child's group now and SIGKILL those still running after
        ``grace`` seconds (from a timer thread, so a main thread blocked in a join cannot delay it)."""
        with self._lock:
            self.stopped = True
            procs = list(self._procs)
        for proc in procs:
            _signal_group(proc, signum)
        timer = threading.Timer(grace, self.kill, args=(procs,))
        timer.daemon = True
        timer.start()

    def kill(self, procs: list[subprocess.Popen] | None = None) -> None:
        """SIGKILL the group of every child (of ``procs``) that has not been reaped yet."""
        with self._lock:
            procs = [proc for proc in (self._procs if procs is None else procs) if proc.returncode is None]
        for proc in procs:
            _signal_group(proc, signal.SIGKILL)

    def reap(self, grace: float = GRACE_S) -> None:
        """Wait for every child to exit, killing those alive after ``grace`` seconds, and reap them."""
        deadline = time.monotonic() + grace
        with self._lock:
            procs = list(self._procs)
        for proc in procs:
            left = deadline - time.monotonic()
            try:
                proc.wait(timeout=max(left, 0.0))
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait()
            _signal_group(proc, signal.SIGKILL)  # a helper the child left behind in its group
            self.discard(proc)


#: Every child process this process started.
CHILDREN = Children()


def watch_parent() -> None:
    """In a child render: get SIGTERM when the parent dies (Linux), and exit now if it already has.

    The parent's SIGKILL cannot be caught, so without this its children would render on with
    nobody to collect their files.
    """
    parent = os.environ.get(PARENT_ENV)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
    if parent and parent.isdigit() and os.getppid() != int(parent):
        os._exit(exit_status(signal.SIGTERM))
