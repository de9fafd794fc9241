"""Work over a list shared with a forked child, balanced as it goes.

This process takes items from the front, the child from the back; each marks
in a shared page how far it has got and stops where it meets the other's
mark. Splitting in halves up front made the slower process the end of the
run: on two cores shared with other jobs, one process is often held back,
and the other then waited for it. Now whichever runs more does more. Where
they meet, an item may be done twice (each result is the same), never none.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import struct
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
FORK_THRESHOLD = 64 * 1024  # characters to parse below which a fork does not pay
_FRONT, _BACK = 0, 8  # offsets of the two marks: items below FRONT are ours, from BACK on the child's


def worth_sharing(characters: int) -> bool:
    """Whether parsing this much text pays for a fork: there is a second core and enough work."""
    return characters >= FORK_THRESHOLD and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def map_shared(work: Callable[[int], T], count: int) -> list[T]:
    """[work(i) for i in range(count)], with a forked child doing some of it if one can be made."""
    marks = mmap.mmap(-1, 16)  # anonymous and shared: the child sees our writes, we see its
    _mark(marks, _FRONT, 0)
    _mark(marks, _BACK, count)
    child = _fork(lambda: _from_back(work, marks))
    results: dict[int, T] = {}
    i = 0
    try:
        while i < count and (child is None or i < _read(marks, _BACK)):
            _mark(marks, _FRONT, i + 1)
            results[i] = work(i)
            i += 1
    except BaseException:
        if child is not None:
            child.stop()  # it may be blocked writing to a pipe nobody will read
        marks.close()
        raise
    if child is not None:
        results.update(child.collect() or {})  # nothing if the child failed: its items are done below
    for i in range(count):
        if i not in results:
            results[i] = work(i)
    marks.close()
    return [results[i] for i in range(count)]


def _from_back(work: Callable[[int], T], marks: mmap.mmap) -> dict[int, T]:
    done: dict[int, T] = {}
    j = _read(marks, _BACK) - 1
    while j >= _read(marks, _FRONT):
        _mark(marks, _BACK, j)
        done[j] = work(j)
        j -= 1
    return done


def _mark(marks: mmap.mmap, at: int, value: int) -> None:
    struct.pack_into("q", marks, at, value)


def _read(marks: mmap.mmap, at: int) -> int:
    value: int = struct.unpack_from("q", marks, at)[0]
    return value


class _Child(Generic[T]):
    """A forked child at work, and the read end of the pipe its result comes through."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid, self.read_end = pid, read_end

    def collect(self) -> dict[int, T] | None:
        """The child's result, or None if it failed (then its items are done here)."""
        with os.fdopen(self.read_end, "rb") as pipe:
            data = pipe.read()
        self._reap()
        import pickle  # only once a child was made: a run that never forks does not import it

        try:  # the status is not needed: a child that fails sends nothing or a cut-off pickle
            result: dict[int, T] | None = pickle.loads(data) if data else None
        except (pickle.UnpicklingError, EOFError, ValueError):
            return None
        return result

    def stop(self) -> None:
        os.close(self.read_end)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> None:
        # With SIGCHLD ignored (inherited through exec from a supervisor) the kernel reaps it.
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _fork(work: Callable[[], dict[int, T]]) -> _Child[T] | None:
    """Run work() in a child, or return None if no child can be made."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: compute, send, and leave without running any cleanup
        os.close(read_end)
        try:
            import pickle

            data = pickle.dumps(work())
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            os._exit(0)
        except BaseException:
            os._exit(1)
    os.close(write_end)
    return _Child(pid, read_end)
