"""The UI process exempts its start-up objects from full collections once, when the first workspace opens."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.ui import collector
from tests.ui.conftest import make_window


@pytest.fixture
def unsettled() -> Iterator[None]:
    collector._settled = False
    yield
    gc.unfreeze()  # the rest of the test session collects as before


def test_the_first_workspace_freezes_what_is_alive_once(qtbot, filled_root: Path, unsettled: None) -> None:  # type: ignore[no-untyped-def]
    frozen = gc.get_freeze_count()
    window = make_window(qtbot, filled_root)
    window.start("acme")
    qtbot.waitUntil(lambda: gc.get_freeze_count() > frozen, timeout=5000)
    assert window.workspace is not None and collector._settled
    now = gc.get_freeze_count()
    keep = [[] for _ in range(1000)]  # made after: collected as usual, never frozen
    collector.settle()  # another workspace opening: nothing more is frozen
    assert gc.get_freeze_count() == now and keep
    window.close()
