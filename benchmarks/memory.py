"""Memory figures of the current process, for the benchmark children (stdlib only, so importing it adds
nothing to what a child measures)."""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def rss_peak_mb() -> float:
    """This process's peak resident set size so far, in MB (2**20 bytes); ru_maxrss is in KB on Linux."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def status_mb(field: str) -> float | None:
    """A field of /proc/self/status (VmHWM, VmRSS) in MB, or None where there is no such file."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None
