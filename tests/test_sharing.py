"""Work shared with a forked child (syntax/sharing.py): every item's result, in order, once."""

from __future__ import annotations

import os

import pytest

from prisma_lint.syntax.sharing import map_shared


@pytest.mark.parametrize("count", [0, 1, 2, 257])
def test_every_item_is_done_and_in_order(count: int) -> None:
    assert map_shared(lambda i: i * i, count) == [i * i for i in range(count)]


def test_the_items_of_a_child_that_fails_are_done_here() -> None:
    parent = os.getpid()

    def work(i: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return i + 1

    assert map_shared(work, 100) == list(range(1, 101))


def test_without_a_child_this_process_does_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    from prisma_lint.syntax import sharing

    monkeypatch.setattr(sharing, "_fork", lambda work: None)
    assert map_shared(str, 50) == [str(i) for i in range(50)]


def test_a_parent_that_ignores_sigchld_still_gets_every_result() -> None:
    """An ignored SIGCHLD is inherited through exec (a supervisor may pass it on): the kernel
    then reaps the child itself and waitpid finds none. Once a ChildProcessError."""
    import signal

    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert map_shared(lambda i: i * 3, 300) == [i * 3 for i in range(300)]
    finally:
        signal.signal(signal.SIGCHLD, before)


def test_a_failure_here_stops_the_child_and_leaves_no_pipe_open() -> None:
    """If this process's share raises, the child (maybe blocked writing a large result to the
    pipe) is stopped and reaped, not left running for as long as this process lives."""
    parent = os.getpid()
    pipes, others = _pipes(), set(_children())  # other tests may have left processes running
    children: list[int] = []

    def work(i: int) -> bytes:
        if os.getpid() == parent and i > 5:
            children.extend(set(_children()) - others)
            raise KeyboardInterrupt
        return b"x" * 100_000  # the child's results overflow a pipe's buffer

    with pytest.raises(KeyboardInterrupt):
        map_shared(work, 1000)
    assert children, "a child was running"
    assert not (set(_children()) & set(children)), "the child is gone"
    assert _pipes() <= pipes, "no pipe left open"


def _pipes() -> set[str]:
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                found.add(fd)
        except OSError:
            continue
    return found


def _children() -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == os.getpid():
                        found.append(int(pid))
            except OSError:
                continue
    return found
