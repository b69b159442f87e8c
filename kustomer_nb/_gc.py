"""Pausing the cyclic garbage collector around bulk building of acyclic objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic GC while building many acyclic containers.

    A page of 500 conversations decodes or renders to ~30,000 dicts and lists.
    The collector's passes over them (and over every row already buffered) about
    doubled the time of each page without ever finding a cycle. Reference counting
    still frees everything as usual; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
