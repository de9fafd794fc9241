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
