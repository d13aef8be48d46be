"""A pause of the cyclic garbage collector around bulk builds (used by io and core; stdlib only)."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0  # pauses in progress, in any thread
_resume = False  # whether the collector was running when the first of them began


@contextlib.contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector: building 100,000 nested objects otherwise triggers it hundreds of times
    for nothing (the data has no cycles). With ``freeze`` the surviving objects are frozen afterwards, so
    neither the next collection nor any later full one walks the whole dataset again (a dataset is freed by
    reference counting when it is replaced, as it holds no cycles).

    Pauses may overlap across threads (a search index built in the background while a file loads): the
    collector resumes when the last one ends, and only if it was running before the first began."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
