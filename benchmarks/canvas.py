"""Canvas benchmark: how fast the real window starts, pans and zooms with a large dataset, and its memory.

    python benchmarks/canvas.py --events 100000 [--seed 1] [--repeat 3] [--keep FILE] [--profile N]

Generates a realistic dataset (benchmarks/generate.py), then, each in a FRESH process
(benchmarks/canvas_child.py), offscreen at 1366x768 (QT_QPA_PLATFORM=offscreen):

- ``startup_to_first_paint_s``: from just before this process starts the child (``time.time()`` here) to
  the first completed paint of the canvas viewport showing the loaded events, for the generated dataset;
  the child creates the application and the real ``MainWindow``, calls ``open_path(file)`` and ``show()``;
- ``bundled_first_paint_s``: the same for the bundled dataset (about 90 events);
- ``floor_empty_window_s``: the same for a process that imports the same libraries and shows an empty
  ``QMainWindow`` holding one ``pg.PlotWidget``;
- pan and zoom frames, in the generated dataset's child after its first paint: scripted sequences (pan at
  the whole span, a year and a month in view; zoom from the whole span to a week and back), each frame being
  ``canvas.set_visible_range(...)``, ``canvas.flush_plan()`` and ``canvas.viewport().repaint()``, timed
  together, and each checked to paint the viewport exactly once;
- ``peak_rss_mb``: that child's own peak resident memory; ``floor_peak_rss_mb`` and ``load_peak_rss_mb``:
  the load benchmark's children (benchmarks/load_child.py) in ``pydantic-json`` and ``load`` mode on the
  same file.

Start-up figures are the best over ``--repeat`` rounds (one fresh process each); frame percentiles are over
the frames of every round together; memory is the median. See docs/benchmarks.md. The last line printed is
one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD = HERE / "canvas_child.py"
LOAD_CHILD = HERE / "load_child.py"
GENERATOR = HERE / "generate.py"

FRAME_TARGET_MS = 16.7  # pan and zoom p95, at 100,000 events
STARTUP_TARGET_S = 3.0  # startup_to_first_paint_s
BUNDLED_TARGET = 1.5  # bundled_first_paint_s <= 1.5 x floor_empty_window_s
RSS_TARGET = 1.3  # peak_rss_mb <= 1.3 x floor_peak_rss_mb
PAN_SEQUENCES = ("pan_whole", "pan_year", "pan_month")
CHILD_TIMEOUT_S = 1800

APP_ROOT = ROOT  # where the children import timeline_app from (--app-root)


def _env() -> dict[str, str]:
    """The children import the working tree's timeline_app (or --app-root's), whatever is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(APP_ROOT), env.get("PYTHONPATH", "")) if p)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _fail(message: str) -> None:
    print(f"FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def generate(path: Path, events: int, seed: int) -> float:
    """Write the dataset from a separate process: this one must stay small (a child's ru_maxrss starts at
    its parent's resident size)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(GENERATOR), "--events", str(events), "--seed", str(seed),
                           "-o", str(path)], capture_output=True, text=True, env=_env(), check=False)
    if done.returncode != 0:
        _fail(f"the generator failed:\n{done.stderr}")
    return time.perf_counter() - start


def _last_json(what: str, done: subprocess.CompletedProcess) -> dict:
    if done.returncode != 0:
        _fail(f"{what} exited with status {done.returncode}:\n{done.stderr[-4000:]}")
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        _fail(f"{what} printed no JSON:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        raise


def run_window_child(*args: str) -> tuple[dict, float, str]:
    """A canvas_child.py run; returns its report, the parent's time.time() just before starting it, stderr."""
    command = [sys.executable, str(CHILD), *args]
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), cwd=APP_ROOT, check=False,
                          timeout=CHILD_TIMEOUT_S)
    return _last_json(f"canvas_child.py {' '.join(args[:1])}", done), started, done.stderr


def run_load_child(mode: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, str(LOAD_CHILD), mode, str(path)], capture_output=True, text=True,
                          env=_env(), cwd=APP_ROOT, check=False, timeout=CHILD_TIMEOUT_S)
    return _last_json(f"load_child.py {mode}", done)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _stats(values: list[float]) -> dict[str, float]:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "max": max(values, default=math.nan)}


def _git_state() -> tuple[str | None, bool | None]:
    """The commit measured, and whether timeline_app/ has uncommitted changes (so the figures are of those)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=APP_ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "timeline_app"], capture_output=True,
                               text=True, cwd=APP_ROOT, check=True).stdout.strip() != ""
    except (OSError, subprocess.CalledProcessError):
        return None, None
    return commit, dirty


def _bundled_dataset() -> Path:
    done = subprocess.run([sys.executable, "-c", "from timeline_app.paths import bundled_dataset_path as b; "
                           "print(b())"], capture_output=True, text=True, env=_env(), cwd=APP_ROOT, check=False)
    if done.returncode != 0:
        _fail(f"cannot locate the bundled dataset:\n{done.stderr}")
    return Path(done.stdout.strip())


def _median_or_none(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 1) if known else None


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _round(value: float, digits: int) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the timeline window: start-up, pan and zoom frames, "
                                                 "memory.")
    parser.add_argument("--events", type=int, default=100_000, help="events in the generated dataset")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of fresh processes; best start-up wins")
    parser.add_argument("--keep", metavar="FILE", help="write the generated dataset here and keep it")
    parser.add_argument("--profile", metavar="N", type=int, default=0,
                        help="also run the frames once under cProfile and print the N costliest functions")
    parser.add_argument("--app-root", metavar="DIR", type=Path,
                        help="measure the timeline_app found in DIR (another checkout) instead of this one")
    args = parser.parse_args(argv)
    global APP_ROOT
    if args.app_root is not None:
        if not (args.app_root / "timeline_app" / "__init__.py").is_file():
            parser.error(f"--app-root: no timeline_app package in {args.app_root}")
        APP_ROOT = args.app_root.resolve()
    if args.events < 1 or args.repeat < 1:
        parser.error("--events and --repeat must be at least 1")

    commit, dirty = _git_state()  # before measuring: others may edit the tree meanwhile
    print(f"canvas benchmark: {args.events:,} events, seed {args.seed}, {args.repeat} rounds of fresh processes, "
          f"offscreen 1366x768; Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs",
          flush=True)
    bundled = _bundled_dataset()
    with tempfile.TemporaryDirectory(prefix="timeline-canvas-bench-") as tmp:
        path = Path(args.keep).resolve() if args.keep else Path(tmp) / "dataset.json"
        took = generate(path, args.events, args.seed)
        size = path.stat().st_size
        print(f"generated {path}: {size:,} bytes ({took:.1f} s)", flush=True)

        floor_s, bundled_s, startup_s, windows, loads, floors = [], [], [], [], [], []
        for round_ in range(1, args.repeat + 1):  # interleaved: a noisy spell hits every measurement alike
            report, started, _ = run_window_child("floor")
            floor_s.append(report["first_paint"] - started)
            report, started, _ = run_window_child("window", str(bundled))
            bundled_s.append(report["first_paint"] - started)
            report, started, _ = run_window_child("window", str(path), "--frames")
            if report["events"] != args.events:
                _fail(f"the window shows {report['events']} events, expected {args.events}")
            startup_s.append(report["first_paint"] - started)
            report["started"] = started
            windows.append(report)
            floors.append(run_load_child("pydantic-json", path))
            loads.append(run_load_child("load", path))
            frames = report["frames"]
            pan = [ms for name in PAN_SEQUENCES for ms in frames[name]["ms"]]
            print(f"  round {round_}/{args.repeat}: empty window {floor_s[-1]:.2f} s, bundled {bundled_s[-1]:.2f} s, "
                  f"{args.events:,} events {startup_s[-1]:.2f} s to first paint; pan p95 "
                  f"{percentile(pan, 95):.1f} ms, zoom p95 {percentile(frames['zoom']['ms'], 95):.1f} ms; "
                  f"peak RSS {report['peak_rss_mb']:.0f} MB (load_child: pydantic-json "
                  f"{floors[-1]['peak_rss_mb']:.0f} MB, load {loads[-1]['peak_rss_mb']:.0f} MB)", flush=True)

        if args.profile:
            print(f"\nprofile of the frames (cProfile, {args.events:,} events):", flush=True)
            _, _, stderr = run_window_child("window", str(path), "--frames", "--profile", str(args.profile))
            print("\n".join(line for line in stderr.splitlines() if "propagateSizeHints" not in line))

    result = summarise(args, size, bundled, floor_s, bundled_s, startup_s, windows, loads, floors, commit, dirty)
    print_summary(result)
    print(json.dumps(result))
    return 0


def summarise(args, size, bundled, floor_s, bundled_s, startup_s, windows, loads, floors, commit, dirty) -> dict:
    sequences = [name for name in windows[0]["frames"] if name != "jumps"]
    jumps = [ms for w in windows for values in w["frames"]["jumps"].values() for ms in values]
    pooled = {name: [ms for w in windows for ms in w["frames"][name]["ms"]] for name in sequences}
    pooled_cpu = {name: [ms for w in windows for ms in w["frames"][name]["cpu_ms"]] for name in sequences}
    pan = [ms for name in PAN_SEQUENCES for ms in pooled[name]]
    pan_cpu = [ms for name in PAN_SEQUENCES for ms in pooled_cpu[name]]
    pan_stats, zoom_stats = _stats(pan), _stats(pooled["zoom"])
    best = min(range(len(windows)), key=startup_s.__getitem__)
    stages = windows[best]
    start = stages["started"]
    peak = statistics.median(w["peak_rss_mb"] for w in windows)
    floor_peak = statistics.median(r["peak_rss_mb"] for r in floors)
    load_peak = statistics.median(r["peak_rss_mb"] for r in loads)
    result = {
        "events": args.events, "seed": args.seed, "repeat": args.repeat, "bytes": size,
        "startup_to_first_paint_s": round(min(startup_s), 3),
        "floor_empty_window_s": round(min(floor_s), 3),
        "bundled_first_paint_s": round(min(bundled_s), 3),
        "bundled_over_floor": round(min(bundled_s) / min(floor_s), 3),
        "startup_runs_s": [round(s, 3) for s in startup_s],
        "floor_runs_s": [round(s, 3) for s in floor_s],
        "bundled_runs_s": [round(s, 3) for s in bundled_s],
        # Where the best start-up went (seconds from the parent's start): interpreter and imports, the window
        # built, open_path returned, show() returned, first paint showing the events.
        "startup_stages_s": {key: round(stages[key] - start, 3)
                             for key in ("child_started", "imported", "built", "opened", "shown", "first_paint")},
        "pan_frame_p50_ms": _round(pan_stats["p50"], 2),
        "pan_frame_p95_ms": _round(pan_stats["p95"], 2),
        "pan_frame_max_ms": _round(pan_stats["max"], 2),
        "zoom_frame_p50_ms": _round(zoom_stats["p50"], 2),
        "zoom_frame_p95_ms": _round(zoom_stats["p95"], 2),
        "zoom_frame_max_ms": _round(zoom_stats["max"], 2),
        # The same frames in CPU time of the window's thread: steadier on a shared machine.
        "pan_frame_cpu_p95_ms": _round(percentile(pan_cpu, 95), 2),
        "zoom_frame_cpu_p95_ms": _round(percentile(pooled_cpu["zoom"], 95), 2),
        # Each round's p95, and the best of them (the figure least disturbed by other processes).
        "pan_frame_p95_ms_runs": [_round(percentile([ms for n in PAN_SEQUENCES for ms in w["frames"][n]["ms"]], 95), 2)
                                  for w in windows],
        "zoom_frame_p95_ms_runs": [_round(percentile(w["frames"]["zoom"]["ms"], 95), 2) for w in windows],
        "frames": {name: len(values) for name, values in pooled.items()},
        # Frames that move the window to a new place (the start of each pan run, the first zoom frame): not
        # pans, reported apart; they measure the labels of many marks for the first time.
        "jump_frames": len(jumps),
        "jump_frame_p50_ms": _round(percentile(jumps, 50), 2),
        "jump_frame_max_ms": _round(max(jumps, default=math.nan), 2),
        "sequences": {},
        "peak_rss_mb": round(peak, 1),
        "hwm_mb": _median_or_none([w.get("hwm_mb") for w in windows]),
        "floor_peak_rss_mb": round(floor_peak, 1),
        "load_peak_rss_mb": round(load_peak, 1),
        "rss_over_floor": round(peak / floor_peak, 3),
        "canvas_px": windows[0]["canvas_px"],
        "settle_s": [round(w.get("settle_s", 0.0), 2) for w in windows],
        "bundled_dataset": str(bundled),
    }
    for name in sequences:
        seq = windows[-1]["frames"][name]
        stats = _stats(pooled[name])
        result["sequences"][name] = {
            "frames": len(pooled[name]),
            "p50_ms": _round(stats["p50"], 2), "p95_ms": _round(stats["p95"], 2), "max_ms": _round(stats["max"], 2),
            "cpu_p95_ms": _round(percentile(pooled_cpu[name], 95), 2),
            # Of the last round: the frame's three calls apart, and what the frames drew.
            "set_range_p50_ms": _round(seq["set_p50_ms"], 2), "plan_p50_ms": _round(seq["plan_p50_ms"], 2),
            "repaint_p50_ms": _round(seq["paint_p50_ms"], 2), "plan_p95_ms": _round(seq["plan_p95_ms"], 2),
            "repaint_p95_ms": _round(seq["paint_p95_ms"], 2),
            "between_frames_p50_ms": _round(seq["events_p50_ms"], 2),
            "marks_max": seq["marks_max"], "labels_max": seq["labels_max"],
            "density_lanes_max": seq["density_lanes_max"],
        }
        for stat in ("p50", "p95", "max"):
            result[f"{name}_{stat}_ms"] = _round(stats[stat], 2)
    targets = {
        "pan_frame_p95": result["pan_frame_p95_ms"] <= FRAME_TARGET_MS,
        "zoom_frame_p95": result["zoom_frame_p95_ms"] <= FRAME_TARGET_MS,
        "startup_to_first_paint": result["startup_to_first_paint_s"] <= STARTUP_TARGET_S,
        "bundled_first_paint": result["bundled_first_paint_s"] <= BUNDLED_TARGET * result["floor_empty_window_s"],
        "peak_rss": result["peak_rss_mb"] <= RSS_TARGET * result["floor_peak_rss_mb"],
    }
    commit_info = {"git_commit": commit, "timeline_app_modified": dirty, "app_root": str(APP_ROOT),
                   "python": platform.python_version(), "cpus": os.cpu_count()}
    result.update({"targets_met": targets, "all_targets_met": all(targets.values()), **commit_info})
    return result


def print_summary(r: dict) -> None:
    print()
    stages = r["startup_stages_s"]
    print(f"startup_to_first_paint_s {r['startup_to_first_paint_s']:7.2f} s  (best of {r['repeat']}: imports done "
          f"{stages['imported']:.2f} s, window built {stages['built']:.2f} s, open_path returned "
          f"{stages['opened']:.2f} s, shown {stages['shown']:.2f} s, painted {stages['first_paint']:.2f} s)")
    print(f"floor_empty_window_s     {r['floor_empty_window_s']:7.2f} s")
    print(f"bundled_first_paint_s    {r['bundled_first_paint_s']:7.2f} s  ({r['bundled_over_floor']:.2f} x the floor)")
    for name, seq in r["sequences"].items():
        print(f"{name:<10} {seq['frames']:4d} frames  p50 {seq['p50_ms']:6.1f}  p95 {seq['p95_ms']:6.1f}  max "
              f"{seq['max_ms']:7.1f} ms  (CPU p95 {seq['cpu_p95_ms']:5.1f} ms; last round p50: set "
              f"{seq['set_range_p50_ms']:.1f}, plan {seq['plan_p50_ms']:.1f}, repaint {seq['repaint_p50_ms']:.1f} ms; "
              f"up to {seq['marks_max']} marks, {seq['labels_max']} labels, {seq['density_lanes_max']} density lanes)")
    print(f"pan  (all three)  p50 {r['pan_frame_p50_ms']:6.1f}  p95 {r['pan_frame_p95_ms']:6.1f}  max "
          f"{r['pan_frame_max_ms']:7.1f} ms   (per round p95: {r['pan_frame_p95_ms_runs']})")
    print(f"zoom              p50 {r['zoom_frame_p50_ms']:6.1f}  p95 {r['zoom_frame_p95_ms']:6.1f}  max "
          f"{r['zoom_frame_max_ms']:7.1f} ms   (per round p95: {r['zoom_frame_p95_ms_runs']})")
    print(f"jumps ({r['jump_frames']} frames that move the window to a new place, not counted above) p50 "
          f"{r['jump_frame_p50_ms']:.1f}  max {r['jump_frame_max_ms']:.1f} ms")
    print(f"peak_rss_mb {r['peak_rss_mb']:.1f} MB (VmHWM {r['hwm_mb']}), floor_peak_rss_mb (load_child pydantic-json) "
          f"{r['floor_peak_rss_mb']:.1f} MB, load_peak_rss_mb {r['load_peak_rss_mb']:.1f} MB")
    t = r["targets_met"]
    print(f"target pan p95 <= {FRAME_TARGET_MS} ms: {r['pan_frame_p95_ms']:.1f} ms -> {_met(t['pan_frame_p95'])}")
    print(f"target zoom p95 <= {FRAME_TARGET_MS} ms: {r['zoom_frame_p95_ms']:.1f} ms -> {_met(t['zoom_frame_p95'])}")
    print(f"target startup_to_first_paint_s <= {STARTUP_TARGET_S} s: {r['startup_to_first_paint_s']:.2f} s -> "
          f"{_met(t['startup_to_first_paint'])}")
    print(f"target bundled_first_paint_s <= {BUNDLED_TARGET} x floor_empty_window_s: {r['bundled_over_floor']:.2f} x "
          f"-> {_met(t['bundled_first_paint'])}")
    print(f"target peak_rss_mb <= {RSS_TARGET} x floor_peak_rss_mb: {r['rss_over_floor']:.2f} x "
          f"-> {_met(t['peak_rss'])}")


if __name__ == "__main__":
    raise SystemExit(main())
