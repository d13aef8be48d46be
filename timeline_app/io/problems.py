"""Problems reported by the loader: a finding placed in a file at a line and column."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.findings import Severity


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in a file. ``line`` and ``column`` count from 1; columns count characters, not bytes."""

    file: str
    line: int
    column: int
    pointer: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The one-line form editors and CI understand: ``FILE:LINE:COL: error|warning: MESSAGE``."""
        message = " ".join(self.message.split())  # one line, whatever the dataset's text holds
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value}: {message}"
