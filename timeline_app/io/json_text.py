"""Bytes to JSON values, with every decoding or syntax problem placed at its line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from ..model.findings import Severity
from .json_positions import LineIndex, unclosed_brackets
from .problems import Problem

_BOM = b"\xef\xbb\xbf"
_MAX_ENCODING_PROBLEMS = 10

# orjson's message (before its position suffix) -> a sentence a non-programmer understands.
_SYNTAX_MESSAGES = {
    "trailing comma is not allowed": "there is a comma after the last item of a list or object; remove it",
    "unexpected character, expected ':' after key": "a colon ':' is missing after the name",
    "unexpected character, expected a string key": (
        "a name in double quotes was expected here (JSON needs \"name\": value, not single quotes "
        "or bare words)"
    ),
    "unexpected control character in string": (
        "a line break or other control character inside text: write it as \\n, or close the text "
        "with a double quote"
    ),
    "unexpected content after document": (
        "there is more after the end of the data: a dataset file holds exactly one object { ... }"
    ),
    "invalid escaped sequence in string": (
        "invalid backslash escape in text (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
    ),
    "number is infinity when parsed as double": "this number is too large",
    "depth limit exceeded": "the data is nested too deeply (more than 1,024 levels of [ and {)",
    "unexpected character, expected a JSON value": (
        "a value was expected here: text in double quotes, a number, true, false, null, [ or {"
    ),
}


@dataclass
class ParsedJson:
    """The parsed value (None when the text is not JSON), with the problems found on the way."""

    value: Any
    parsed: bool = True
    problems: list[Problem] = field(default_factory=list)
    _data: bytes = b""
    _text: str | None = None
    _lines: LineIndex | None = None

    @property
    def text(self) -> str:
        """The decoded text, made only when positions are needed (the fast path never needs it)."""
        if self._text is None:
            self._text = self._data.removeprefix(_BOM).decode("utf-8", errors="replace")
        return self._text

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(offset)


def parse_json_bytes(data: bytes, file: str) -> ParsedJson:
    """Parse a whole file's bytes. Never raises for bad content: problems come back in the result."""
    try:
        return ParsedJson(orjson.loads(data), _data=data)
    except orjson.JSONDecodeError:
        pass
    result = ParsedJson(None, parsed=False, _data=data)
    body = data
    if body.startswith(_BOM):
        result.problems.append(Problem(
            file, 1, 1, "", Severity.ERROR,
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        ))
        body = body[len(_BOM):]
    if not body.strip():
        result.problems.append(Problem(file, 1, 1, "", Severity.ERROR, "the file is empty: there is no data in it"))
        return result
    result.problems.extend(_encoding_problems(body, file))
    try:
        result.value = orjson.loads(result.text)
        result.parsed = True
    except orjson.JSONDecodeError as exc:
        result.problems.append(_syntax_problem(result, exc, file))
    return result


def _encoding_problems(body: bytes, file: str) -> list[Problem]:
    # Columns count characters after a byte-order mark, as editors show them.
    problems: list[Problem] = []
    start = 0
    while len(problems) <= _MAX_ENCODING_PROBLEMS:
        try:
            body[start:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad = start + exc.start
            line_start = body.rfind(b"\n", 0, bad) + 1
            line = body.count(b"\n", 0, bad) + 1
            column = len(body[line_start:bad].decode("utf-8", errors="replace")) + 1
            problems.append(Problem(
                file, line, column, "", Severity.ERROR,
                f"byte 0x{body[bad]:02X} is not valid UTF-8 text; save the file as UTF-8 "
                "(it is shown as \ufffd here)",
            ))
            start = start + exc.end
    if len(problems) > _MAX_ENCODING_PROBLEMS:
        last = problems.pop()
        problems.append(Problem(
            file, last.line, last.column, "", Severity.ERROR,
            "more bytes that are not valid UTF-8 follow; only the first "
            f"{_MAX_ENCODING_PROBLEMS} are listed",
        ))
    return problems


def _syntax_problem(parsed: ParsedJson, exc: orjson.JSONDecodeError, file: str) -> Problem:
    text = parsed.text
    offset = min(exc.pos, len(text))
    reason = exc.msg.split(": line ")[0]
    if text[offset:].lstrip().startswith(("NaN", "Infinity", "-Infinity")):
        message = "NaN and Infinity are not allowed in JSON: use a number or null"
    elif not text[offset:].strip() and reason != "unexpected content after document":
        missing, in_string = unclosed_brackets(text)
        if in_string:
            message = "the file ends inside a text that is never closed with a double quote: was it cut short?"
        else:
            message = "the file ends before the data is complete: was it cut short?"
        if missing:
            message += f" ('{missing}' would close what is still open)"
        offset = len(text.rstrip())
    else:
        message = "not valid JSON: " + _SYNTAX_MESSAGES.get(reason, reason)
    line, column = parsed.position(offset)
    return Problem(file, line, column, "", Severity.ERROR, message)
