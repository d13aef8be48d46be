"""Small datasets for tests, in the file format users write: every event cites the one source "s1". Also the
window shown as a user first sees it, and the benchmark's generator of realistic datasets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from repo_paths import REPO_ROOT

SOURCE = {"id": "s1", "title": "A statement", "author": "An NGO", "kind": "ngo-statement"}


def event(id_: str, date: str, title: str, kind: str = "attack", **extra) -> dict:
    return {"id": id_, "date": date, "kind": kind, "title": title, "citations": [{"source": "s1"}], **extra}


def dataset_text(events: list[dict], title: str = "Test dataset", sources: list[dict] | None = None,
                 **extra) -> str:
    return json.dumps({"format": "accountability-timeline", "format_version": 1, "title": title, "events": events,
                       "sources": [SOURCE] if sources is None else sources, **extra}, ensure_ascii=False)


def write_dataset(path: Path, events: list[dict], title: str = "Test dataset", **extra) -> Path:
    path.write_text(dataset_text(events, title, **extra), encoding="utf-8")
    return path


def parsed(events: list[dict], title: str = "Test dataset", file: str = "test.json"):
    """The Dataset of these events, which must load without a problem."""
    from timeline_app.io import parse_dataset

    result = parse_dataset(dataset_text(events, title).encode(), file=file)
    assert not result.problems, [p.format() for p in result.problems]
    return result


def shown_window(qtbot, path: Path | None = None, settings=None, size: tuple[int, int] = (1366, 768)):
    """A MainWindow on screen (offscreen in tests), with ``path`` opened and its first plan made."""
    from timeline_app.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if path is not None:
        window.open_path(path)
        window.canvas.flush_plan()
    return window


def load_generator() -> ModuleType:
    """benchmarks/generate.py (not a package): generate_dataset(events, seed=...) and dataset_bytes(document)."""
    spec = importlib.util.spec_from_file_location("generate_for_tests", REPO_ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
