"""The dataset's types: events, sources, citations, attributions and stories (pydantic v2, no Qt, no I/O).

Every type is a frozen, slotted pydantic dataclass: frozen so edits build new values and views can share
them, slotted because a dataset of 100,000 events must stay small in memory.
Field order here is the key order of a saved file.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, PlainSerializer, PlainValidator, Strict, WithJsonSchema
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from .dates import EdtfDate, EdtfError, parse_edtf

FORMAT_NAME = "accountability-timeline"
FORMAT_VERSION = 1
"""The newest format version this app reads and writes. Older versions are read; newer ones are refused."""

_CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=False, populate_by_name=True)


def _frozen(cls):
    return dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)(cls)


# --- constrained scalar types -------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def slug_message(value: str) -> str:
    """What is wrong with an id, in plain words (error_messages uses it for a pattern mismatch)."""
    return (f"id '{value}' is not a valid id: use lowercase letters a-z, digits and single hyphens, "
            "such as 'khan-shaykhun-attack-2017' (at most 120 characters)")


# A pattern, not a Python validator: pydantic-core checks it natively, about 2.5x faster over 300,000 ids.
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=120)]
"""A stable identifier: lowercase ASCII words joined by hyphens."""


def _check_web_url(value: str) -> str:
    scheme, sep, rest = value.partition("://")
    # Control and format characters (bidi overrides such as U+202E, zero-width spaces) could disguise where
    # a link leads, so an address holding one is refused, saying why when it is otherwise a web address.
    if value.isascii():  # the usual case, without a loop: printable ASCII holds no Cc or Cf character
        hidden = " " in value or not value.isprintable()
    else:
        hidden = any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in value)
    is_web = bool(sep) and scheme.lower() in ("http", "https")
    if is_web and hidden:
        raise PydanticCustomError(
            "web_url",
            "address '{value}' holds a space, control or hidden character, which could disguise where it leads; "
            "write it without (a space as %20)",
            {"value": value[:200]},
        )
    if not is_web or not rest or hidden:
        raise PydanticCustomError(
            "web_url",
            "address '{value}' is not a web address: only links starting with http:// or https:// are allowed",
            {"value": value[:200]},
        )
    return value


WebUrl = Annotated[str, Field(max_length=2000), AfterValidator(_check_web_url)]


def _validate_date(value: Any) -> EdtfDate:
    if isinstance(value, EdtfDate):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "edtf_type", "a date must be text such as \"2013-08-21\" or \"2018-04\", not {kind}",
            {"kind": type(value).__name__},
        )
    try:
        return parse_edtf(value)
    except EdtfError as exc:
        raise PydanticCustomError("edtf", "{reason}", {"reason": str(exc)}) from None


Date = Annotated[
    EdtfDate,
    PlainValidator(_validate_date),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema({
        "type": "string",
        "description": "A date in EDTF (Library of Congress Extended Date/Time Format): 2013-08-21, "
                       "2018-04, 2013~, 2016?, 201X, 2017-03-24/2017-03-30, 2016-12-21/..",
        "examples": ["2013-08-21", "2018-04", "2013~", "2017-03-24/2017-03-30", "2016-12-21/.."],
    }),
]


def _check_sha256(value: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        raise PydanticCustomError(
            "sha256", "'{value}' is not a SHA-256 checksum (64 lowercase hexadecimal digits)",
            {"value": value[:80]},
        )
    return value


Sha256 = Annotated[str, AfterValidator(_check_sha256)]
Text = Annotated[str, Field(max_length=20_000)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A language tag such as "en", "ar" or "fr-CH"."""
ShortText = Annotated[str, Field(min_length=1, max_length=500)]


Count = Annotated[int, Strict(), Field(ge=0, le=1000)]
"""Whole numbers are written as JSON numbers: the text "4" is refused, not quietly converted."""
Flag = Annotated[bool, Strict()]


def _check_finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError("finite", "must be a finite number", {})
    return value


# --- enumerations -----------------------------------------------------------------------------------


class EventKind(enum.StrEnum):
    ATTACK = "attack"
    VETO = "veto"
    RESOLUTION = "resolution"
    MECHANISM = "mechanism"
    INVESTIGATION = "investigation"
    STRIKE = "strike"
    DIPLOMACY = "diplomacy"
    LEGAL_ACTION = "legal-action"
    TRIAL = "trial"
    STATEMENT = "statement"
    OTHER = "other"


class SourceKind(enum.StrEnum):
    NGO_STATEMENT = "ngo-statement"
    UN_DOCUMENT = "un-document"
    OPCW_DOCUMENT = "opcw-document"
    COURT_DECISION = "court-decision"
    REPORT = "report"
    PRESS_RELEASE = "press-release"
    NEWS = "news"
    GOVERNMENT_STATEMENT = "government-statement"
    OTHER = "other"


# --- records ----------------------------------------------------------------------------------------


@_frozen
class Place:
    """Where an event happened. Coordinates are WGS84 degrees."""

    name: ShortText
    name_local: str | None = None
    latitude: Annotated[float, Strict(), Field(ge=-90, le=90), AfterValidator(_check_finite)] | None = None
    longitude: Annotated[float, Strict(), Field(ge=-180, le=180), AfterValidator(_check_finite)] | None = None


@_frozen
class Vote:
    """A recorded vote: counts, who voted against or abstained, and who vetoed (Security Council).

    ``abstain`` is None when the sources give no number of abstentions (never guess a count)."""

    body: ShortText
    yes: Count
    no: Count
    abstain: Count | None
    adopted: Flag
    vetoed_by: tuple[ShortText, ...] = ()
    against: tuple[ShortText, ...] = ()
    abstaining: tuple[ShortText, ...] = ()
    note: Text = ""


@_frozen
class Citation:
    """An event's link to a source: the exact passage quoted (short), and where it is in the source."""

    source: Slug
    quote: Annotated[str, Field(min_length=1, max_length=600)] | None = None
    locator: Annotated[str, Field(max_length=200)] = ""
    context_before: Annotated[str, Field(max_length=300)] = ""
    context_after: Annotated[str, Field(max_length=300)] = ""


@_frozen
class Attribution:
    """A finding by a named body about who was responsible, in the finding's own words of certainty.

    ``responsible`` is None when the body examined the event but named no one. The app never states
    guilt in its own voice: it shows who found what, where, and how firmly.
    """

    by: ShortText
    responsible: ShortText | None
    finding: Annotated[str, Field(min_length=1, max_length=600)]
    document: Annotated[str, Field(max_length=200)] = ""
    source: Slug | None = None
    date: Date | None = None
    note: Text = ""


@_frozen
class Event:
    id: Slug
    date: Date
    kind: EventKind
    title: ShortText
    summary: Text = ""
    place: Place | None = None
    actors: tuple[ShortText, ...] = ()
    tags: tuple[ShortText, ...] = ()
    aliases: tuple[ShortText, ...] = ()
    documents: tuple[ShortText, ...] = ()
    vote: Vote | None = None
    importance: Annotated[int, Strict(), Field(ge=1, le=5)] = 3
    citations: tuple[Citation, ...] = ()
    attributions: tuple[Attribution, ...] = ()


@_frozen
class LocalCopy:
    """A copy of a source kept beside the dataset: a relative path inside its folder, and its SHA-256."""

    path: Annotated[str, Field(min_length=1, max_length=500)]
    sha256: Sha256


@_frozen
class Source:
    id: Slug
    title: ShortText
    author: ShortText
    kind: SourceKind
    date: Date | None = None
    url: WebUrl | None = None
    archived_url: WebUrl | None = None
    accessed: Date | None = None
    local_copy: LocalCopy | None = None
    language: Language = "en"
    document: Annotated[str, Field(max_length=200)] = ""
    note: Text = ""


@_frozen
class StoryStep:
    event: Slug
    note: Text = ""


@_frozen
class Story:
    """An ordered path through events, with a presenter note per step, for teaching."""

    id: Slug
    title: ShortText
    description: Text = ""
    steps: Annotated[tuple[StoryStep, ...], Field(min_length=1)]


@_frozen
class Dataset:
    format: Annotated[str, Field(pattern=f"^{FORMAT_NAME}$")]
    format_version: Annotated[int, Strict(), Field(ge=1)]
    title: ShortText
    schema_url: Annotated[str | None, Field(alias="$schema")] = None
    description: Text = ""
    language: Language = "en"
    license: Annotated[str, Field(max_length=500)] = ""
    events: tuple[Event, ...] = ()
    sources: tuple[Source, ...] = ()
    stories: tuple[Story, ...] = ()
