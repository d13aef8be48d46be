"""A pause of the cyclic garbage collector around bulk builds (used by io and core; stdlib only)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector: building 100,000 nested objects otherwise triggers it hundreds of times
    for nothing (the data has no cycles). With ``freeze`` the surviving objects are frozen afterwards, so
    neither the next collection nor any later full one walks the whole dataset again (a dataset is freed by
    reference counting when it is replaced, as it holds no cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
