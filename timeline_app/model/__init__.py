"""The dataset model: pydantic types and EDTF dates. Imports neither Qt nor anything that reads files."""

from .dates import DatePoint, EdtfDate, EdtfError, Precision, parse_edtf
from .schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Attribution,
    Citation,
    Dataset,
    Event,
    EventKind,
    LocalCopy,
    Place,
    Source,
    SourceKind,
    Story,
    StoryStep,
    Vote,
)

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Attribution",
    "Citation",
    "Dataset",
    "DatePoint",
    "EdtfDate",
    "EdtfError",
    "Event",
    "EventKind",
    "LocalCopy",
    "Place",
    "Precision",
    "Source",
    "SourceKind",
    "Story",
    "StoryStep",
    "Vote",
    "parse_edtf",
]
