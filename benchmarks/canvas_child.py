"""One measurement of benchmarks/canvas.py, run in a fresh process (its start-up and peak memory are its own).

    python benchmarks/canvas_child.py window FILE [--frames] [--profile N] [--trace]
    python benchmarks/canvas_child.py floor

``window``: the app as a user starts it, offscreen at 1366x768: create the application and the real
``MainWindow``, ``open_path(FILE)``, ``show()``, then run the event loop until the canvas viewport has
completed its first paint showing the loaded events (the canvas has an index with events and a frame plan
with marks or density strips). With ``--frames``, it then waits for the search index the window builds in
the background after the first paint (``settle``), and replays the scripted pan and zoom sequences
(see ``frame_script``), each frame being ``canvas.set_visible_range(...)``, ``canvas.flush_plan()`` and
``canvas.viewport().repaint()``, timed with ``perf_counter`` around the three calls; a probe on the viewport
counts the paints and each frame must paint exactly once. ``--profile N`` runs the frames under cProfile
and prints the top N functions on stderr.

``floor``: the least any such app can do: import the same libraries (PySide6, pyqtgraph, pydantic, orjson,
numpy, timeline_app), show an empty ``QMainWindow`` holding one ``pg.PlotWidget`` and stop at the plot's
first completed paint.

The child prints ``time.time()`` of that first completed paint (the parent subtracts the time it took just
before starting this process) and its peak RSS as one JSON object on stdout, as the last line.

A paint is "completed" when the viewport's paint event has been handled: the probe, an event filter on the
viewport, handles Paint events itself by passing them on to the view's ``viewportEvent`` (exactly what the
scroll area's own viewport filter does) and takes the time when that returns.
"""

from __future__ import annotations

import time

CHILD_STARTED = time.time()  # before any import: the interpreter's own start is in the parent's figure

import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

from memory import rss_peak_mb, status_mb  # noqa: E402  (benchmarks/ is this script's folder)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 1366, 768
DAY = 86_400.0
PAN_STEP = 0.03  # of the window width, per frame
PAN_SEGMENTS = 12  # runs of consecutive pan frames, spread over the events' times
PAN_FRAMES_PER_SEGMENT = 10
ZOOM_STEPS = 60  # geometric steps from the whole span down to one week; as many back
FIRST_PAINT_TIMEOUT_S = 900.0
PAN_WIDTHS = {"whole": None, "year": 365.25 * DAY, "month": 30.44 * DAY}


def _isolate_settings() -> tempfile.TemporaryDirectory:
    """Point QSettings at an empty folder: never read or write the user's settings (no saved view either)."""
    from PySide6.QtCore import QSettings

    folder = tempfile.TemporaryDirectory(prefix="timeline-bench-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder.name)
    return folder


def _make_probe(view, ready):
    """An event filter on ``view.viewport()``: counts paints, and records ``time.time()`` once the first paint
    for which ``ready()`` is true has completed."""
    from PySide6.QtCore import QEvent, QObject

    class PaintProbe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0
            self.first_paint: float | None = None
            self.first_paint_any: float | None = None  # the first paint of all, even before the data
            self.on_first_paint = None

        def eventFilter(self, watched, event) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            is_ready = self.first_paint is None and ready()
            view.viewportEvent(event)  # paint now (what the scroll area's own filter does), then take the time
            self.paints += 1
            now = time.time()
            if self.first_paint_any is None:
                self.first_paint_any = now
            if is_ready:
                self.first_paint = now
                if self.on_first_paint is not None:
                    self.on_first_paint()
            return True

    probe = PaintProbe()
    view.viewport().installEventFilter(probe)
    return probe


def plan_shows_events(plan) -> bool:
    """Whether a frame plan draws something: marks, or density strips (whatever the plan calls them)."""
    strips = getattr(plan, "density_lane", None)
    if strips is None:
        strips = getattr(plan, "density", ())
    return bool(len(plan.rows) or len(strips))


def _give_up_after(app, seconds: float):
    """Exit with an error if the first paint has not come after ``seconds`` (the parent would wait forever)."""
    from PySide6.QtCore import QTimer

    def give_up() -> None:
        print(f"no first paint showing the events after {seconds:.0f} s", file=sys.stderr)
        sys.stderr.flush()
        os._exit(3)

    timer = QTimer(app)
    timer.setSingleShot(True)
    timer.timeout.connect(give_up)
    timer.start(int(seconds * 1000))
    return timer


def run_floor() -> dict:
    import numpy  # noqa: F401
    import orjson  # noqa: F401
    import pydantic  # noqa: F401
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow

    import timeline_app  # noqa: F401

    imported = time.time()
    settings = _isolate_settings()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pg.PlotWidget(window)
    window.setCentralWidget(plot)
    window.resize(WIDTH, HEIGHT)
    probe = _make_probe(plot, lambda: True)
    probe.on_first_paint = lambda: app.exit(0)
    window.show()
    shown = time.time()
    timer = _give_up_after(app, FIRST_PAINT_TIMEOUT_S)
    app.exec()
    timer.stop()
    report = {"mode": "floor", "child_started": CHILD_STARTED, "imported": imported, "shown": shown,
              "first_paint": probe.first_paint, "first_paint_any": probe.first_paint_any}
    settings.cleanup()
    return report


def run_window(file: str, frames: bool, profile_top: int, trace: bool) -> dict:
    from PySide6.QtCore import QTimer

    from timeline_app.ui.application import create_application
    from timeline_app.ui.main_window import MainWindow

    imported = time.time()
    settings = _isolate_settings()
    app = create_application()
    window = MainWindow()
    window.resize(WIDTH, HEIGHT)
    canvas = window.canvas

    def ready() -> bool:
        return canvas.index is not None and len(canvas.index) > 0 and plan_shows_events(canvas.marks.plan)

    probe = _make_probe(canvas, ready)
    probe.on_first_paint = lambda: QTimer.singleShot(0, lambda: app.exit(0))
    built = time.time()
    window.open_path(file)
    opened = time.time()
    window.show()
    shown = time.time()
    timer = _give_up_after(app, FIRST_PAINT_TIMEOUT_S)
    app.exec()
    timer.stop()
    report = {"mode": "window", "child_started": CHILD_STARTED, "imported": imported, "built": built,
              "opened": opened, "shown": shown, "first_paint": probe.first_paint,
              "first_paint_any": probe.first_paint_any, "paints_to_first": probe.paints,
              "events": len(canvas.index) if canvas.index is not None else 0,
              "canvas_px": [canvas.viewport().width(), canvas.viewport().height()]}
    if frames:
        report["settle_s"] = settle(window)
        report["frames"] = run_frames(app, canvas, probe, profile_top, trace)
    report["peak_rss_mb"] = rss_peak_mb()
    report["hwm_mb"] = status_mb("VmHWM")
    settings.cleanup()
    return report


def settle(window) -> float:
    """Let the work the window starts after its first paint finish before frames are timed: the search index
    is built in a background thread, which competes with the frames for the interpreter. Returns the seconds
    waited (the ``search`` property builds it, or waits for the build under way)."""
    started = time.perf_counter()
    store = getattr(window, "store", None)
    if store is not None and hasattr(store, "search"):
        store.search  # noqa: B018 (built or waited for)
    return time.perf_counter() - started


def frame_script(index) -> dict[str, list[tuple[float, float, bool]]]:
    """The windows (x0, x1, is_jump) of each scripted sequence, in UTC seconds.

    Pan: the window moves right by 3% of its width per frame. ``whole``: the whole span in view (as "fit
    all" shows it, where the window is after the first paint), going back and forth within the view's
    limits. ``year`` and ``month``: 12 runs of 10 frames, starting at the 1/24, 3/24, ... quantiles of the
    events' start times (where the events are); the frame that moves the window to a run's start is a jump,
    not a pan, and is reported apart. Zoom: a jump to the whole span around the median event, then in
    geometric steps down to one week and back.
    """
    import numpy as np

    first, last = index.span
    span = last - first
    whole = span + 2 * max(span * 0.03, 15 * DAY)  # what fit_all shows
    limit = max(span * 0.04, 30 * DAY) * 3  # the view's limits (TimelineCanvas.set_index)
    lo, hi = first - limit, last + limit
    script: dict[str, list[tuple[float, float, bool]]] = {}
    x0, direction = first - (whole - span) / 2, 1.0
    windows = []
    for _ in range(PAN_SEGMENTS * PAN_FRAMES_PER_SEGMENT):
        step = PAN_STEP * whole * direction
        if not lo <= x0 + step <= hi - whole:
            direction = -direction
            step = -step
        x0 += step
        windows.append((x0, x0 + whole, False))
    script["pan_whole"] = windows
    starts = np.sort(np.asarray(index.start))
    for name in ("year", "month"):
        width = PAN_WIDTHS[name]
        windows = []
        for q in (np.arange(PAN_SEGMENTS) * 2 + 1) / (2 * PAN_SEGMENTS):
            x0 = float(np.quantile(starts, q)) - width / 2
            windows.append((x0, x0 + width, True))
            for _ in range(PAN_FRAMES_PER_SEGMENT):
                x0 += PAN_STEP * width
                windows.append((x0, x0 + width, False))
        script[f"pan_{name}"] = windows
    centre = float(np.median(starts))
    ratio = (7 * DAY / whole) ** (1 / ZOOM_STEPS)
    widths = [whole * ratio**i for i in range(ZOOM_STEPS + 1)]
    widths += widths[-2::-1]
    script["zoom"] = [(centre - w / 2, centre + w / 2, i == 0) for i, w in enumerate(widths)]
    return script


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run_frames(app, canvas, probe, profile_top: int, trace: bool) -> dict:
    """Replay every scripted sequence; per frame the three calls' times (ms) and what the plan held.

    Returns, per sequence, its frames' figures; jumps (see ``frame_script``) go under ``"jumps"``."""
    from time import perf_counter, thread_time

    viewport = canvas.viewport()
    script = frame_script(canvas.index)
    for _ in range(3):
        app.processEvents()  # whatever the first paint left pending (overview, axes) is not a frame's cost
    profiler = None
    if profile_top:
        import cProfile

        profiler = cProfile.Profile()
    results: dict[str, dict] = {}
    jumps: dict[str, list[float]] = {}
    for name, windows in script.items():
        columns = {key: [] for key in ("ms", "cpu_ms", "set", "plan", "paint", "events", "marks", "labels",
                                       "density")}
        extra_paints = 0
        for x0, x1, is_jump in windows:
            before = probe.paints
            if profiler is not None:
                profiler.enable()
            c0 = thread_time()
            t0 = perf_counter()
            canvas.set_visible_range(x0, x1)
            t1 = perf_counter()
            canvas.flush_plan()
            t2 = perf_counter()
            viewport.repaint()
            t3 = perf_counter()
            c3 = thread_time()
            if profiler is not None:
                profiler.disable()
            if probe.paints - before != 1:
                raise SystemExit(f"{name}: a frame painted the viewport {probe.paints - before} times, expected 1")
            plan = canvas.marks.plan
            frame = {"ms": (t3 - t0) * 1000, "cpu_ms": (c3 - c0) * 1000, "set": (t1 - t0) * 1000,
                     "plan": (t2 - t1) * 1000, "paint": (t3 - t2) * 1000, "marks": len(plan.rows),
                     "labels": len(getattr(plan, "label_row", getattr(plan, "labels", ()))),
                     "density": len(getattr(plan, "density_lane", getattr(plan, "density", ())))}
            t4 = perf_counter()
            app.processEvents()  # the overview strip and anything else queued: not part of the frame
            frame["events"] = (perf_counter() - t4) * 1000
            extra_paints += probe.paints - before - 1
            if is_jump:
                jumps.setdefault(name, []).append(frame["ms"])
            else:
                for key, value in frame.items():
                    columns[key].append(value)
            if trace:
                print(f"{name}{' jump' if is_jump else ''} {x0:.0f} {x1:.0f} {frame['ms']:.2f} ms (set "
                      f"{frame['set']:.2f} plan {frame['plan']:.2f} paint {frame['paint']:.2f}) marks "
                      f"{frame['marks']} labels {frame['labels']} density lanes {frame['density']}", file=sys.stderr)
        results[name] = {
            "frames": len(columns["ms"]), "ms": columns["ms"], "cpu_ms": columns["cpu_ms"],
            **{f"{key}_{stat}_ms": _percentile(columns[key], q)
               for key in ("set", "plan", "paint", "events") for stat, q in (("p50", 50), ("p95", 95))},
            "extra_paints_between_frames": extra_paints,
            "marks_max": max(columns["marks"]), "marks_median": sorted(columns["marks"])[len(columns["marks"]) // 2],
            "labels_max": max(columns["labels"]), "density_lanes_max": max(columns["density"]),
        }
    results["jumps"] = jumps
    if profiler is not None:
        import io
        import pstats

        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(profile_top)
        stats.sort_stats("cumulative").print_stats(profile_top)
        sys.stderr.write(out.getvalue())
    return results


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "floor":
        report = run_floor()
    elif mode == "window":
        file = argv[1]
        profile_top = int(argv[argv.index("--profile") + 1]) if "--profile" in argv else 0
        report = run_window(file, "--frames" in argv, profile_top, "--trace" in argv)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    report.setdefault("peak_rss_mb", rss_peak_mb())
    report.setdefault("hwm_mb", status_mb("VmHWM"))
    print(json.dumps(report))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # no teardown of Qt objects: not part of what is measured
