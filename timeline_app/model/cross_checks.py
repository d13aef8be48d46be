"""Checks across a dataset that no single field can make: unique ids, references that resolve, citations.

Each check reports findings at the item's place in the file (``origins`` maps a kept item to its index in
the file) and returns a dataset without the broken references, so views never meet a dangling id.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter

from .findings import Finding, Severity
from .schema import Dataset, Event

Origins = dict[str, Sequence[int]]
_ID, _SOURCE = attrgetter("id"), attrgetter("source")
_CITATIONS, _ATTRIBUTIONS = attrgetter("citations"), attrgetter("attributions")


@dataclasses.dataclass(frozen=True, slots=True)
class _Known:
    """The ids a reference may name, and the ids of items in the file that were left out for their own
    problems (a reference to one of those is explained as such, not as an unknown id)."""

    noun: str
    ids: frozenset[str]
    left_out: frozenset[str]

    def unknown(self, owner: str, ref: str, consequence: str) -> str:
        if ref in self.left_out:
            return (f"{owner} refers to {self.noun} '{ref}', which is left out because of the problems "
                    f"reported for it, so {consequence}")
        close = difflib.get_close_matches(ref, self.ids, n=1, cutoff=0.75) if len(self.ids) < 20_000 else []
        fix = f"did you mean '{close[0]}'?" if close else (
            f"add {'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun} with this id, or correct the id")
        return (f"{owner} refers to {self.noun} '{ref}', which is not in the dataset's {self.noun}s, "
                f"so {consequence}; {fix}")


def cross_check(dataset: Dataset, origins: Origins, *, require_citations: bool,
                left_out: dict[str, frozenset[str]] | None = None,
                reported: frozenset = frozenset()) -> tuple[Dataset, list[Finding], Origins]:
    """The dataset without broken references, the findings, and each kept item's index in the file.

    ``left_out`` gives, per section ("events", "sources"), the ids of items left out for their own problems;
    ``reported`` holds the paths validation already reported an error at, so they are not reported twice.
    """
    left_out = left_out or {}
    findings: list[Finding] = []
    events, event_origins, event_ids = _unique("events", "event", dataset.events, origins["events"], findings)
    sources, source_origins, source_ids = _unique("sources", "source", dataset.sources, origins["sources"], findings)
    stories, story_origins, _ = _unique("stories", "story", dataset.stories, origins["stories"], findings)
    known_sources = _Known("source", source_ids, left_out.get("sources", frozenset()) - source_ids)
    events = _check_events(events, event_origins, known_sources, require_citations, findings)
    known_events = _Known("event", event_ids, left_out.get("events", frozenset()) - event_ids)
    stories, story_origins = _check_stories(stories, story_origins, known_events, reported, findings)
    if (events, sources, stories) != (dataset.events, dataset.sources, dataset.stories):
        dataset = dataclasses.replace(dataset, events=events, sources=sources, stories=stories)
    return dataset, findings, {"events": event_origins, "sources": source_origins, "stories": story_origins}


def _unique(section, noun, items, origins, findings):
    """The items whose id was not used by an item before them, their file indexes, and their ids."""
    ids = frozenset(map(_ID, items))
    if len(ids) == len(items):  # the usual case, at C speed
        return items, origins, ids
    first_at: dict[str, int] = {}
    kept, kept_origins = [], []
    for item, origin in zip(items, origins, strict=True):
        if item.id in first_at:
            findings.append(Finding(
                (section, origin, "id"), Severity.ERROR,
                f"id '{item.id}' is already used by {noun} {first_at[item.id] + 1} of '{section}'; "
                f"ids must be unique, so this {noun} is left out: give it an id of its own",
            ))
            continue
        first_at[item.id] = origin
        kept.append(item)
        kept_origins.append(origin)
    return tuple(kept), kept_origins, frozenset(first_at)


def _check_events(events, origins, sources: _Known, require_citations, findings) -> tuple[Event, ...]:
    source_ids = sources.ids
    # The usual case first, with set comprehensions rather than a Python loop per event.
    cited = set(map(_SOURCE, chain.from_iterable(map(_CITATIONS, events))))
    attributed = set(map(_SOURCE, chain.from_iterable(map(_ATTRIBUTIONS, events)))) - {None}
    uncited = not all(map(_CITATIONS, events))
    if cited <= source_ids and attributed <= source_ids and not uncited:
        return events
    changed = False
    checked = []
    for event, origin in zip(events, origins, strict=True):
        if any(c.source not in source_ids for c in event.citations) or any(
            a.source is not None and a.source not in source_ids for a in event.attributions
        ):
            event = _without_unknown_sources(event, origin, sources, findings)
            changed = True
        if not event.citations:
            # At 'citations' when the file has it (an empty list), else at the event.
            findings.append(Finding(
                ("events", origin, "citations"), Severity.ERROR if require_citations else Severity.WARNING,
                f"event '{event.id}' cites no source: every event should cite at least one; add "
                "{\"source\": \"<source id>\"} to its 'citations'",
            ))
        checked.append(event)
    return tuple(checked) if changed else events


def _without_unknown_sources(event: Event, origin: int, sources: _Known, findings) -> Event:
    citations = []
    for index, citation in enumerate(event.citations):
        if citation.source in sources.ids:
            citations.append(citation)
        else:
            findings.append(Finding(("events", origin, "citations", index, "source"), Severity.ERROR,
                                    sources.unknown("citation", citation.source, "this citation is left out")))
    attributions = []
    for index, attribution in enumerate(event.attributions):
        if attribution.source is not None and attribution.source not in sources.ids:
            findings.append(Finding(("events", origin, "attributions", index, "source"), Severity.ERROR,
                                    sources.unknown("attribution", attribution.source,
                                                    "the attribution is kept without it")))
            attribution = dataclasses.replace(attribution, source=None)
        attributions.append(attribution)
    return dataclasses.replace(event, citations=tuple(citations), attributions=tuple(attributions))


def _check_stories(stories, origins, events: _Known, reported, findings):
    """Stories without steps that resolve are left out; returns the kept stories and their file indexes."""
    changed = False
    checked, checked_origins = [], []
    for story, origin in zip(stories, origins, strict=True):
        if not story.steps:  # the schema asks for one step at least, but an absent 'steps' is not checked
            if ("stories", origin, "steps") not in reported:
                findings.append(Finding(("stories", origin, "steps"), Severity.ERROR,
                                        f"story '{story.id}' has no steps, so it is left out: add "
                                        "{\"event\": \"<event id>\"} to its 'steps'"))
            changed = True
            continue
        steps = []
        for index, step in enumerate(story.steps):
            if step.event in events.ids:
                steps.append(step)
            else:
                findings.append(Finding(("stories", origin, "steps", index, "event"), Severity.ERROR,
                                        events.unknown("story step", step.event, "this step is left out")))
        if len(steps) != len(story.steps):
            changed = True
            if not steps:
                findings.append(Finding(("stories", origin), Severity.ERROR,
                                        f"story '{story.id}' is left out: none of its steps refers to an event "
                                        "of the dataset"))
                continue
            story = dataclasses.replace(story, steps=tuple(steps))
        checked.append(story)
        checked_origins.append(origin)
    if not changed:
        return stories, origins
    return tuple(checked), checked_origins
