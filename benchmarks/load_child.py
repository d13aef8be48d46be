"""One measurement of benchmarks/load.py, run in a fresh process so its peak memory is its own.

    python benchmarks/load_child.py MODE FILE

MODE is one of ``orjson``, ``pydantic-python``, ``pydantic-json``, ``load``, ``load-gc`` (see MODES), or
``profile`` (cProfile) and ``profile-memory`` (resident memory stage by stage), used by ``load.py --profile``.
Every mode imports the same modules and builds the same TypeAdapter first, so all children start from the
same baseline; then the file's bytes are read, and only then does the timed region start. The measuring
modes print one JSON object on stdout; the profiling modes print their tables on stderr.

The parent must stay small: on Linux a child's ``ru_maxrss`` starts at its parent's resident size at the
time of the fork/exec. ``hwm_mb`` (VmHWM, the child's own address space only) is reported as a check.
"""

from __future__ import annotations

import contextlib
import gc
import json
import platform
import resource
import sys
import time
from pathlib import Path

import orjson
import pydantic
import pydantic_core
from memory import rss_peak_mb, status_mb  # benchmarks/ is this script's folder
from pydantic import TypeAdapter

import timeline_app.io.loading as loading
from timeline_app.io import parse_dataset
from timeline_app.model import Dataset

MODES = {
    "orjson": "orjson.loads(data)",
    "pydantic-python": "TypeAdapter(Dataset).validate_python(orjson.loads(data))",
    "pydantic-json": "TypeAdapter(Dataset).validate_json(data)",
    "load": "timeline_app.io.parse_dataset(data, file=..., base_dir=...)",
    "load-gc": "parse_dataset with the collector running (gc_paused replaced by a null context)",
}

_WARM_UP = orjson.dumps({
    "format": "accountability-timeline", "format_version": 1, "title": "warm-up",
    "events": [{"id": "warm-up", "date": "2001-02-03/2001-03", "kind": "other", "title": "Warm-up",
                "place": {"name": "Here", "latitude": 1.5, "longitude": 2.5},
                "vote": {"body": "Body", "yes": 1, "no": 0, "abstain": 0, "adopted": True},
                "citations": [{"source": "warm-up-source", "quote": "A quote."}],
                "attributions": [{"by": "Body", "responsible": None, "finding": "Found."}]}],
    "sources": [{"id": "warm-up-source", "title": "T", "author": "A", "kind": "other",
                 "url": "https://example.org/"}],
    "stories": [{"id": "warm-up-story", "title": "S", "steps": [{"event": "warm-up"}]}],
})


def _run(mode: str, adapter: TypeAdapter, data: bytes, file: str):
    """The measured call; returns what it built (kept alive until the peak has been read)."""
    if mode == "orjson":
        return orjson.loads(data)
    if mode == "pydantic-python":
        return adapter.validate_python(orjson.loads(data))
    if mode == "pydantic-json":
        return adapter.validate_json(data)
    if mode in ("load", "load-gc", "profile", "profile-memory"):
        return parse_dataset(data, file=file, base_dir=Path(file).parent)
    raise SystemExit(f"unknown mode {mode!r}")


def _timed(mode: str, adapter: TypeAdapter, data: bytes, file: str):
    """The result, the wall-clock seconds and the CPU seconds of this process (steadier on a shared machine)."""
    if mode in ("load", "load-gc"):
        # The app's path pauses the collector itself (or, for load-gc, is kept from doing so).
        start, cpu = time.perf_counter(), time.process_time()
        result = _run(mode, adapter, data, file)
        return result, time.perf_counter() - start, time.process_time() - cpu
    was_enabled = gc.isenabled()
    gc.disable()  # exactly as timeline_app.io.loading.gc_paused does
    try:
        start, cpu = time.perf_counter(), time.process_time()
        result = _run(mode, adapter, data, file)
        return result, time.perf_counter() - start, time.process_time() - cpu
    finally:
        if was_enabled:
            gc.enable()


def _describe(mode: str, result) -> dict:
    if mode == "orjson":
        return {"events": len(result.get("events", ()))}
    if mode.startswith("pydantic"):
        return {"events": len(result.events)}
    problems = [f"{p.line}:{p.column} {p.pointer} {p.severity}: {p.message}" for p in result.problems]
    return {"events": len(result.dataset.events) if result.dataset is not None else None,
            "problems": len(problems), "first_problems": problems[:5]}


def _profile(adapter: TypeAdapter, data: bytes, file: str, top: int) -> None:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    result = _run("profile", adapter, data, file)
    profiler.disable()
    del result
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    sys.stderr.write(out.getvalue())


def _current_mb() -> float:
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / (1 << 20)
    except OSError:
        return float("nan")


def _reset_peak() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux: write 5 to clear_refs), for per-stage peaks."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _profile_memory(adapter: TypeAdapter, data: bytes, file: str) -> None:
    """Resident memory at each stage of the load path, and the peak reached inside each stage.

    The stages are the loader's own steps (timeline_app.io.loading.parse_json_bytes, validate_document),
    wrapped here from outside; a step the loader no longer has is simply not shown.
    """
    rows: list[tuple[str, float, float | None]] = []
    per_stage = _reset_peak()

    def mark(label: str) -> None:
        peak = status_mb("VmHWM") if per_stage else None
        rows.append((label, _current_mb(), peak))
        if per_stage:
            _reset_peak()

    def wrap(name: str) -> None:
        original = getattr(loading, name, None)
        if original is None:
            return

        def wrapper(*args, **kwargs):
            mark(f"before {name}")
            try:
                return original(*args, **kwargs)
            finally:
                mark(f"{name}")

        setattr(loading, name, wrapper)

    for name in ("parse_json_bytes", "validate_document", "check_local_copies", "_place"):
        wrap(name)
    mark("imports, warm-up and the file's bytes")
    result = _run("profile-memory", adapter, data, file)
    mark("rest of parse_dataset")
    del data
    sys.stderr.write(f"{'stage (stretch of the load path ending at)':<44} {'RSS after':>10} {'peak in it':>13}\n")
    carried: float | None = None
    overall = 0.0
    for label, current, peak in rows:
        overall = max(overall, peak or current)
        if label.startswith("before "):
            carried = peak  # the loader's own code between two steps: folded into the next step's row
            continue
        if peak is not None and carried is not None:
            peak = max(peak, carried)
        carried = None
        shown = f"{peak:10.1f} MB" if peak is not None else "           ?"
        sys.stderr.write(f"{label:<44} {current:7.1f} MB {shown}\n")
    sys.stderr.write(f"overall peak: {overall:.1f} MB\n")
    del result


def main(argv: list[str]) -> int:
    mode, file = argv[0], argv[1]
    adapter = TypeAdapter(Dataset)
    _run(mode, adapter, _WARM_UP, "warm-up.json")  # first-call costs stay out of the measurement
    gc.collect()
    baseline = rss_peak_mb()
    if mode == "load-gc":
        loading.gc_paused = contextlib.nullcontext  # defeat the loader's pause...
        gc.enable()  # ...and make sure the collector runs
    data = Path(file).read_bytes()
    if mode == "profile":
        _profile(adapter, data, file, int(argv[2]) if len(argv) > 2 else 30)
        return 0
    if mode == "profile-memory":
        _profile_memory(adapter, data, file)
        return 0
    gc_counts = gc.get_stats()
    result, seconds, cpu_seconds = _timed(mode, adapter, data, file)
    collections = sum(after["collections"] - before["collections"]
                      for before, after in zip(gc_counts, gc.get_stats(), strict=True))
    peak = rss_peak_mb()
    report = {
        "mode": mode,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": peak,
        "baseline_rss_mb": baseline,
        "hwm_mb": status_mb("VmHWM"),
        "bytes": len(data),
        "gc_collections": collections,
        "python": platform.python_version(),
        "pydantic": pydantic.VERSION,
        "pydantic_core": pydantic_core.__version__,
        "orjson": orjson.__version__,
        **_describe(mode, result),
    }
    print(json.dumps(report))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
