"""Load benchmark: how fast and how lean the app's dataset loader is, against what the libraries allow.

    python benchmarks/load.py --events 100000 [--seed 1] [--repeat 3] [--keep FILE] [--profile]

Generates a realistic dataset (benchmarks/generate.py), then measures, each in a FRESH process
(benchmarks/load_child.py) so its peak memory is its own, with the bytes read before timing starts and the
garbage collector paused during the timed region:

- ``floor_orjson_s``:   ``orjson.loads(data)`` alone;
- ``floor_pydantic_s``: the whole document validated with the app's own model, no cross checks, the faster
  of ``TypeAdapter(Dataset).validate_python(orjson.loads(data))`` and ``TypeAdapter(Dataset).validate_json(data)``;
- ``load_s``:           the app's real path, ``timeline_app.io.parse_dataset(data, file=..., base_dir=...)``;
- ``load_gc_running_s``: the same with the loader's collector pause defeated, to show what pausing saves.

Each figure is the best time over ``--repeat`` fresh processes (one process per run: every run is a cold
first load, as in the app, and no run's memory is mixed with another's); peak RSS figures are the median
over the same runs, and ``floor_peak_rss_mb`` is the lower of the two pydantic methods' peaks. See
docs/benchmarks.md for what each figure means. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
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
CHILD = HERE / "load_child.py"
GENERATOR = HERE / "generate.py"

MODES = ("orjson", "pydantic-python", "pydantic-json", "load", "load-gc")
TIME_TARGET = 1.5  # load_s <= 1.5 x floor_pydantic_s
RSS_TARGET = 1.25  # peak_rss_mb <= 1.25 x floor_peak_rss_mb


APP_ROOT = ROOT  # where the children import timeline_app from (--app-root)


def _env() -> dict[str, str]:
    """The children import the working tree's timeline_app (or --app-root's), whatever is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(APP_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _fail(message: str) -> None:
    print(f"FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def generate(path: Path, events: int, seed: int) -> float:
    """Write the dataset from a separate process: this one must stay small (see load_child.py)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(GENERATOR), "--events", str(events), "--seed", str(seed),
                           "-o", str(path)], capture_output=True, text=True, env=_env(), check=False)
    if done.returncode != 0:
        _fail(f"the generator failed:\n{done.stderr}")
    return time.perf_counter() - start


def run_child(mode: str, path: Path, *extra: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, str(CHILD), mode, str(path), *extra], capture_output=True,
                          text=True, env=_env(), cwd=APP_ROOT, check=False)
    if done.returncode != 0:
        _fail(f"the {mode} measurement failed:\n{done.stderr}")
    return done


def measure(mode: str, path: Path) -> dict:
    done = run_child(mode, path)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _check(mode: str, report: dict, events: int) -> None:
    if report["events"] != events:
        _fail(f"{mode}: {report['events']} events validated, expected {events}")
    if mode.startswith("load") and report["problems"]:
        shown = "\n  ".join(report["first_problems"])
        _fail(f"{mode}: the generated dataset loaded with {report['problems']} problems, expected none:\n  {shown}")
    hwm = report.get("hwm_mb")
    if hwm is not None and abs(hwm - report["peak_rss_mb"]) > 2:
        print(f"  warning: {mode}: ru_maxrss {report['peak_rss_mb']:.0f} MB but VmHWM {hwm:.0f} MB; "
              "the peak may include the parent's memory")


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


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the dataset loader against orjson and pydantic floors.")
    parser.add_argument("--events", type=int, default=100_000, help="events in the generated dataset")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per measurement; best time wins")
    parser.add_argument("--keep", metavar="FILE", help="write the generated dataset here and keep it")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the app's load path: cProfile, and resident memory stage by stage")
    parser.add_argument("--app-root", metavar="DIR", type=Path,
                        help="measure the timeline_app found in DIR (another checkout, e.g. a fix to compare) "
                             "instead of this one")
    args = parser.parse_args(argv)
    global APP_ROOT
    if args.app_root is not None:
        if not (args.app_root / "timeline_app" / "__init__.py").is_file():
            parser.error(f"--app-root: no timeline_app package in {args.app_root}")
        APP_ROOT = args.app_root.resolve()
    if args.events < 1 or args.repeat < 1:
        parser.error("--events and --repeat must be at least 1")

    commit, dirty = _git_state()  # before measuring: others may edit the tree meanwhile
    print(f"load benchmark: {args.events:,} events, seed {args.seed}, best of {args.repeat} fresh processes; "
          f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        path = Path(args.keep).resolve() if args.keep else Path(tmp) / "dataset.json"  # children run elsewhere
        took = generate(path, args.events, args.seed)
        size = path.stat().st_size
        print(f"generated {path}: {size:,} bytes, {size / args.events:,.0f} bytes/event ({took:.1f} s)")

        runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
        for round_ in range(1, args.repeat + 1):
            for mode in MODES:  # interleaved, so a noisy spell on the machine hits every measurement alike
                report = measure(mode, path)
                _check(mode, report, args.events)
                runs[mode].append(report)
                gc_note = f", {report['gc_collections']} collections" if mode == "load-gc" else ""
                print(f"  run {round_}/{args.repeat} {mode:<16} {report['seconds']:7.3f} s "
                      f"(CPU {report['cpu_seconds']:6.3f} s)  "
                      f"peak RSS {report['peak_rss_mb']:7.1f} MB (baseline {report['baseline_rss_mb']:.1f} MB)"
                      f"{gc_note}")

        if args.profile:
            print("\nprofile of the app's load path (cProfile, gc paused by the loader):", flush=True)
            print(run_child("profile", path, "35").stderr)
            print("resident memory along the app's load path (fresh process):", flush=True)
            print(run_child("profile-memory", path).stderr)

    best = {mode: min(r["seconds"] for r in runs[mode]) for mode in MODES}
    cpu = {mode: min(r["cpu_seconds"] for r in runs[mode]) for mode in MODES}
    peak = {mode: statistics.median(r["peak_rss_mb"] for r in runs[mode]) for mode in MODES}
    baseline = statistics.median(r["baseline_rss_mb"] for mode in MODES for r in runs[mode])
    method_names = {"pydantic-python": "validate_python(orjson.loads(data))", "pydantic-json": "validate_json(data)"}
    method = min(method_names, key=best.__getitem__)
    method_name = method_names[method]
    method_cpu = min(method_names, key=cpu.__getitem__)
    lean = min(method_names, key=peak.__getitem__)
    floor_s, floor_rss = best[method], peak[lean]
    info = runs["load"][0]
    result = {
        "events": args.events,
        "seed": args.seed,
        "repeat": args.repeat,
        "bytes": size,
        "bytes_per_event": round(size / args.events, 1),
        "load_s": round(best["load"], 4),
        "floor_orjson_s": round(best["orjson"], 4),
        "floor_pydantic_s": round(floor_s, 4),
        "floor_pydantic_method": method_name,
        "floor_pydantic_python_s": round(best["pydantic-python"], 4),
        "floor_pydantic_json_s": round(best["pydantic-json"], 4),
        "load_over_pydantic": round(best["load"] / floor_s, 3),
        "load_gc_running_s": round(best["load-gc"], 4),
        "gc_pause_saves_s": round(best["load-gc"] - best["load"], 4),
        "peak_rss_mb": round(peak["load"], 1),
        "floor_peak_rss_mb": round(floor_rss, 1),
        "floor_peak_rss_method": method_names[lean],
        "rss_over_floor": round(peak["load"] / floor_rss, 3),
        # The peak of whichever method was faster (floor_pydantic_method): a stricter reading of "the floor's
        # peak", but it flips with timing noise when both methods take about as long.
        "rss_over_faster_method_floor": round(peak["load"] / peak[method], 3),
        "floor_pydantic_python_peak_rss_mb": round(peak["pydantic-python"], 1),
        "floor_pydantic_json_peak_rss_mb": round(peak["pydantic-json"], 1),
        "floor_orjson_peak_rss_mb": round(peak["orjson"], 1),
        "load_gc_running_peak_rss_mb": round(peak["load-gc"], 1),
        "baseline_rss_mb": round(baseline, 1),
        "time_target_met": best["load"] <= TIME_TARGET * floor_s,
        # The same figures in CPU seconds of the measuring process: on a busy machine wall-clock time also
        # counts the time other processes held the CPU, CPU time does not.
        "load_cpu_s": round(cpu["load"], 4),
        "floor_orjson_cpu_s": round(cpu["orjson"], 4),
        "floor_pydantic_cpu_s": round(cpu[method_cpu], 4),
        "floor_pydantic_cpu_method": method_names[method_cpu],
        "load_over_pydantic_cpu": round(cpu["load"] / cpu[method_cpu], 3),
        "load_gc_running_cpu_s": round(cpu["load-gc"], 4),
        "time_target_met_cpu": cpu["load"] <= TIME_TARGET * cpu[method_cpu],
        "rss_target_met": peak["load"] <= RSS_TARGET * floor_rss,
        "python": info["python"],
        "pydantic": info["pydantic"],
        "pydantic_core": info["pydantic_core"],
        "orjson": info["orjson"],
        "cpus": os.cpu_count(),
        "app_root": str(APP_ROOT),
        "git_commit": commit,
        "timeline_app_modified": dirty,
    }

    print()
    print(f"floor_orjson_s     {result['floor_orjson_s']:8.3f} s    peak {result['floor_orjson_peak_rss_mb']:7.1f} MB")
    print(f"floor_pydantic_s   {result['floor_pydantic_s']:8.3f} s    with {method_name} "
          f"(validate_python {best['pydantic-python']:.3f} s / {peak['pydantic-python']:.0f} MB, "
          f"validate_json {best['pydantic-json']:.3f} s / {peak['pydantic-json']:.0f} MB)")
    print(f"load_s             {result['load_s']:8.3f} s    peak {result['peak_rss_mb']:7.1f} MB   "
          f"(baseline after imports {baseline:.1f} MB)")
    print(f"load_gc_running_s  {result['load_gc_running_s']:8.3f} s    (pausing the collector saves "
          f"{result['gc_pause_saves_s']:.3f} s)")
    print(f"in CPU seconds: load {result['load_cpu_s']:.3f} s, floor_pydantic {result['floor_pydantic_cpu_s']:.3f} s "
          f"({result['floor_pydantic_cpu_method']}), floor_orjson {result['floor_orjson_cpu_s']:.3f} s, "
          f"gc running {result['load_gc_running_cpu_s']:.3f} s")
    print(f"target load_s <= {TIME_TARGET} x floor_pydantic_s: {result['load_over_pydantic']:.2f} x  "
          f"-> {_met(result['time_target_met'])}   (in CPU time: {result['load_over_pydantic_cpu']:.2f} x "
          f"-> {_met(result['time_target_met_cpu'])})")
    print(f"target peak_rss_mb <= {RSS_TARGET} x floor_peak_rss_mb ({result['floor_peak_rss_method']}): "
          f"{result['rss_over_floor']:.2f} x  -> {_met(result['rss_target_met'])}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
