"""A problem found in a dataset, addressed by its path in the document (no file positions: io adds those)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

Path = tuple[str | int, ...]
"""A location in the JSON document: keys and list indexes from the top, e.g. ("events", 12, "date")."""


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where it is, how bad, and a message a non-programmer understands.

    ``at_key`` points the position at the member's name rather than its value (an unknown field).
    """

    path: Path
    severity: Severity
    message: str
    at_key: bool = False


def json_pointer(path: Path) -> str:
    """RFC 6901 JSON pointer for a path: ("events", 12, "date") -> "/events/12/date"."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
