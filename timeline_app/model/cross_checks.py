"""Checks across a dataset that no single field can make: unique ids, references that resolve, citations.

Each check reports findings at the item's place in the file (``origins`` maps a kept item to its index in
the file) and returns a dataset without the broken references, so views never meet a dangling id.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence

from .findings import Finding, Severity
from .schema import Dataset, Event, Story

Origins = dict[str, Sequence[int]]


def cross_check(dataset: Dataset, origins: Origins, *,
                require_citations: bool) -> tuple[Dataset, list[Finding], Origins]:
    """The dataset without broken references, the findings, and each kept item's index in the file."""
    findings: list[Finding] = []
    events, event_origins = _unique("events", "event", dataset.events, origins["events"], findings)
    sources, source_origins = _unique("sources", "source", dataset.sources, origins["sources"], findings)
    stories, story_origins = _unique("stories", "story", dataset.stories, origins["stories"], findings)
    source_ids = frozenset(s.id for s in sources)
    events = _check_events(events, event_origins, source_ids, require_citations, findings)
    event_ids = frozenset(e.id for e in events)
    stories = _check_stories(stories, story_origins, event_ids, findings)
    if (events, sources, stories) != (dataset.events, dataset.sources, dataset.stories):
        dataset = dataclasses.replace(dataset, events=events, sources=sources, stories=stories)
    return dataset, findings, {"events": event_origins, "sources": source_origins, "stories": story_origins}


def _unique(section, noun, items, origins, findings):
    first_at: dict[str, int] = {}
    kept, kept_origins = [], []
    for item, origin in zip(items, origins, strict=True):
        if item.id in first_at:
            findings.append(Finding(
                (section, origin, "id"), Severity.ERROR,
                f"id '{item.id}' is already used by {noun} {first_at[item.id] + 1} of '{section}'; "
                f"ids must be unique, so this {noun} is left out",
            ))
            continue
        first_at[item.id] = origin
        kept.append(item)
        kept_origins.append(origin)
    if len(kept) == len(items):
        return items, origins
    return tuple(kept), kept_origins


def _check_events(events, origins, source_ids, require_citations, findings) -> tuple[Event, ...]:
    changed = False
    checked = []
    for event, origin in zip(events, origins, strict=True):
        if not all(c.source in source_ids for c in event.citations) or not all(
            a.source is None or a.source in source_ids for a in event.attributions
        ):
            event = _without_unknown_sources(event, origin, source_ids, findings)
            changed = True
        if not event.citations:
            findings.append(Finding(
                ("events", origin), Severity.ERROR if require_citations else Severity.WARNING,
                f"event '{event.id}' cites no source: every event should cite at least one",
            ))
        checked.append(event)
    return tuple(checked) if changed else events


def _without_unknown_sources(event: Event, origin: int, source_ids, findings) -> Event:
    citations = []
    for index, citation in enumerate(event.citations):
        if citation.source in source_ids:
            citations.append(citation)
        else:
            findings.append(Finding(("events", origin, "citations", index, "source"), Severity.ERROR,
                                    _unknown("source", citation.source, source_ids)
                                    + "; this citation is left out"))
    attributions = []
    for index, attribution in enumerate(event.attributions):
        if attribution.source is not None and attribution.source not in source_ids:
            findings.append(Finding(("events", origin, "attributions", index, "source"), Severity.ERROR,
                                    _unknown("source", attribution.source, source_ids)))
            attribution = dataclasses.replace(attribution, source=None)
        attributions.append(attribution)
    return dataclasses.replace(event, citations=tuple(citations), attributions=tuple(attributions))


def _check_stories(stories, origins, event_ids, findings) -> tuple[Story, ...]:
    # A story left with no step is dropped; stories are not referenced by index afterwards.
    changed = False
    checked = []
    for story, origin in zip(stories, origins, strict=True):
        steps = []
        for index, step in enumerate(story.steps):
            if step.event in event_ids:
                steps.append(step)
            else:
                findings.append(Finding(("stories", origin, "steps", index, "event"), Severity.ERROR,
                                        _unknown("event", step.event, event_ids) + "; this step is left out"))
        if len(steps) != len(story.steps):
            changed = True
            if not steps:
                continue
            story = dataclasses.replace(story, steps=tuple(steps))
        checked.append(story)
    return tuple(checked) if changed else stories


def _unknown(noun: str, ref: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.75) if len(known) < 20_000 else []
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"refers to {noun} '{ref}', which is not in the dataset's {noun}s{hint}"
