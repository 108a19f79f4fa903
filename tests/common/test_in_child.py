"""Exports run in a spawned process, so the server never holds the torch model and the serialised graph."""

from __future__ import annotations

import os

import pytest

from common.onnx import in_child


def test_in_child_runs_elsewhere_and_returns_the_result() -> None:
    assert in_child(os.getpid) != os.getpid()
    assert in_child(divmod, 17, 5) == (3, 2)


def test_in_child_raises_the_childs_error() -> None:
    with pytest.raises(ZeroDivisionError):
        in_child(divmod, 1, 0)
