"""Datasets built in memory for the core tests: plain dicts validated into model objects, no files."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from timeline_app.model import FORMAT_NAME, FORMAT_VERSION, Dataset

_DATASET = TypeAdapter(Dataset)


def event(event_id: str, date: str = "2017-04-04", kind: str = "attack", **fields: Any) -> dict[str, Any]:
    """An event as the file holds it; the title defaults to the id."""
    return {"id": event_id, "date": date, "kind": kind, "title": fields.pop("title", event_id), **fields}


def source(source_id: str, title: str = "A report", author: str = "An author", **fields: Any) -> dict[str, Any]:
    return {"id": source_id, "title": title, "author": author, "kind": fields.pop("kind", "report"), **fields}


def make_dataset(events: list[dict[str, Any]], sources: list[dict[str, Any]] = ()) -> Dataset:
    """A validated Dataset holding ``events`` and ``sources`` (dicts from ``event`` and ``source``)."""
    return _DATASET.validate_python({
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "title": "Test dataset",
        "events": list(events),
        "sources": list(sources),
    })


def day_events(dates: list[str], kind: str = "attack") -> Dataset:
    """One event per date, with ids e0, e1... in the order given."""
    return make_dataset([event(f"e{i}", date, kind) for i, date in enumerate(dates)])
