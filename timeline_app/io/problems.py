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

    def __post_init__(self) -> None:
        # Messages quote the dataset's text: whatever it holds, a message stays one line of visible text, so
        # no view (a terminal, the problems panel) acts on a control character or a direction override in it.
        if not self.message.isprintable():
            object.__setattr__(self, "message", visible(self.message))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The one-line form editors and CI understand: ``FILE:LINE:COL: error|warning: MESSAGE``.

        Messages quote the dataset's text, so whitespace is collapsed (one line, whatever the text holds) and
        other invisible or control characters, such as terminal escapes or direction overrides, are written
        as escapes (\\x1b, \\u202e) rather than acted on by the terminal. The file's name, which came in a
        folder or an archive with the file, gets the same escapes (its spaces are kept).
        """
        return f"{visible_name(self.file)}:{self.line}:{self.column}: {self.severity.value}: {visible(self.message)}"


def visible(text: str) -> str:
    """``text`` on one line (whitespace runs collapsed to a space), every other character that is not
    printable (controls, direction overrides, zero-width characters) written as an escape such as \\u202e."""
    text = " ".join(text.split())
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def visible_name(name: str) -> str:
    """A file name as one line of visible text: every character that is not printable (a line break, a
    terminal escape, a direction override, a byte that was not UTF-8) written as an escape; spaces kept."""
    return name if name.isprintable() else "".join(c if c.isprintable() else _escape(c) for c in name)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
