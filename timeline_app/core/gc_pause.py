"""A pause of the cyclic garbage collector around bulk builds."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: a build over 100,000 events allocates hundreds of thousands of lists,
    and each collection it triggers walks every object of the dataset, for nothing (there are no cycles).
    (io.loading has the same helper; core may not import io.)"""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
