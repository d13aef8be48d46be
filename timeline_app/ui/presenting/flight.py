"""Where the presentation's timeline looks, and how it flies from one step to the next. No Qt.

Windows are (start, end) in UTC seconds. A flight zooms out until the old and the new event are both on
screen, then zooms in on the new one: the audience sees where the story jumps."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

__all__ = ["FLIGHT_MS", "REDUCED_MOTION_ENV", "env_prefers_reduced_motion", "flight_window", "step_window"]

FLIGHT_MS = 500
"""Duration of a flight between steps, in milliseconds."""
REDUCED_MOTION_ENV = "TIMELINE_APP_REDUCED_MOTION"
"""Set to 1 (or true, yes, on) to jump between steps without animation; 0 (false, no, off) forces motion."""
_DAY = 86_400.0
_MIN_WIDTH = 120 * _DAY


def env_prefers_reduced_motion() -> bool | None:
    """What the environment variable says: True, False, or None when it is not set (or not understood)."""
    value = os.environ.get(REDUCED_MOTION_ENV, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return None


def platform_reports_ui_effects() -> bool:
    """Whether Qt's platform theme reports the system's animation setting as its "UI effects" hint.

    Windows does ("Show animations in Windows" turns SPI_GETUIEFFECTS off); the generic Unix theme
    reports no effects whatever the desktop says, so there the hint means nothing."""
    return sys.platform == "win32"


def step_window(times: Sequence[float], index: int, span: tuple[float, float] | None = None) -> tuple[float, float]:
    """The window for step ``index``: centred on its time and wide enough to show the steps before and after
    it (the context), at least 120 days; never much wider than ``span`` when given."""
    t = times[index]
    reach = 0.0
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(times):
            reach = max(reach, abs(times[neighbour] - t))
    width = max(_MIN_WIDTH, reach * 2.3)
    if span is not None and span[1] > span[0]:
        width = min(width, max(_MIN_WIDTH, (span[1] - span[0]) * 1.2))
    return t - width / 2, t + width / 2


def flight_window(start: tuple[float, float], end: tuple[float, float], u: float) -> tuple[float, float]:
    """The window at progress ``u`` (0 to 1) of a flight from ``start`` to ``end``.

    The first half widens the window from ``start`` to one holding both windows (the old event never leaves
    the screen); the second half narrows it onto ``end`` (the new event never leaves it). Each half eases in
    and out, so the view slows where it turns."""
    (a0, a1), (b0, b1) = start, end
    margin = min(a1 - a0, b1 - b0) * 0.1
    both = (min(a0, b0) - margin, max(a1, b1) + margin)
    if u <= 0.5:
        (f0, f1), (t0, t1), s = start, both, u * 2
    else:
        (f0, f1), (t0, t1), s = both, end, u * 2 - 1
    s = s * s * (3 - 2 * s)  # smoothstep
    return f0 + (t0 - f0) * s, f1 + (t1 - f1) * s
