"""Bytes to JSON values, with every decoding or syntax problem placed at its line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..model.findings import Severity, json_pointer
from .json_positions import LineIndex, path_at, unclosed_brackets
from .problems import Problem

BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MAX_ENCODING_PROBLEMS = 10
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# orjson's message (before its position suffix) -> a sentence a non-programmer understands.
_SYNTAX_MESSAGES = {
    "trailing comma is not allowed": "there is a comma after the last item of a list or object; remove it",
    "unexpected character, expected ':' after key": (
        "a colon ':' is missing after the name; write \"name\": value"
    ),
    "unexpected character, expected a string key": (
        "a name in double quotes was expected here (JSON needs \"name\": value, not single quotes "
        "or bare words)"
    ),
    "unexpected character, expected ',' or '}'": (
        "a comma ',' is missing before this: the members of an object are separated by commas"
    ),
    "unexpected character, expected ',' or ']'": (
        "a comma ',' is missing before this: the items of a list are separated by commas"
    ),
    "unexpected control character in string": (
        "a line break or other control character inside text: write it as \\n, or close the text "
        "with a double quote"
    ),
    "unexpected content after document": (
        "there is more after the end of the data: a dataset file holds exactly one object { ... }; "
        "remove what follows its closing '}'"
    ),
    "invalid escaped sequence in string": (
        "invalid backslash escape in text: write a backslash as \\\\ (allowed escapes: \\\" \\\\ \\/ \\b \\f "
        "\\n \\r \\t \\uXXXX)"
    ),
    "no low surrogate in string": (
        "a \\u escape in text is half of a pair (\\uD800 to \\uDFFF) without its other half; write the "
        "character itself instead"
    ),
    "number is infinity when parsed as double": (
        "this number is too large to be read (beyond about 1.8e308); write an ordinary number, and put dates, "
        "ids and other text in double quotes"
    ),
    "number with leading zero is not allowed": (
        "a number must not start with 0 (write 7, not 07); dates and ids go in double quotes"
    ),
    "no digit after decimal point": "a number needs digits after its decimal point: write 1.5 or 1, not 1.",
    "no digit after sign": "this is not a number as JSON writes them: write 0.5 (not .5) and 1 (not +1)",
    "no digit after exponent sign": "this number has an exponent without digits: write 1e5, not 1e",
    "depth limit exceeded": (
        "the data is nested too deeply (more than 1,024 levels of [ and {); a dataset never needs that "
        "many, so the file is probably damaged"
    ),
    "unexpected character, expected a JSON value": (
        "a value was expected here: text in double quotes, a number, true, false, null, [ or {"
    ),
}
_SYNTAX_MESSAGES["invalid low surrogate in string"] = _SYNTAX_MESSAGES["no low surrogate in string"]
_SYNTAX_MESSAGES["invalid high surrogate in string"] = _SYNTAX_MESSAGES["no low surrogate in string"]


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
            self._text = self._data.removeprefix(BOM).decode("utf-8", errors="replace")
        return self._text

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(offset)

    def problem_at(self, file: str, offset: int, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem at a character offset of ``text``, with the pointer of the value around it."""
        line, column = self.position(offset)
        return Problem(file, line, column, json_pointer(path_at(self.text, offset)), severity, message)


def bom_problem(file: str) -> Problem:
    """A byte-order mark: JSON does not allow it, but it hides nothing, so the file is read past it."""
    return Problem(file, 1, 1, "", Severity.WARNING,
                   "the file starts with a byte-order mark (BOM), which JSON does not allow; it was skipped, "
                   "but save the file as UTF-8 without BOM")


def parse_json_bytes(data: bytes, file: str) -> ParsedJson:
    """Parse a whole file's bytes. Never raises for bad content: problems come back in the result."""
    try:
        return ParsedJson(orjson.loads(data), _data=data)
    except orjson.JSONDecodeError:
        pass
    result = ParsedJson(None, parsed=False, _data=data)
    body = data
    if body.startswith(_UTF16_BOMS) or (body.strip() and b"\x00" in body[:4]):
        result.problems.append(Problem(
            file, 1, 1, "", Severity.ERROR,
            "the file is saved as UTF-16 (called 'Unicode' by some editors); save it as UTF-8",
        ))
        return result
    if body.startswith(BOM):
        result.problems.append(bom_problem(file))
        body = body[len(BOM):]
    if not body.strip():
        what = "is empty" if not body else "holds only spaces and blank lines"
        result.problems.append(Problem(file, 1, 1, "", Severity.ERROR,
                                       f"the file {what}: there is no data in it"))
        return result
    result.problems.extend(_encoding_problems(body, result, file))
    try:
        result.value = orjson.loads(result.text)
        result.parsed = True
    except orjson.JSONDecodeError as exc:
        result.problems.append(_syntax_problem(result, exc, file))
    return result


def _encoding_problems(body: bytes, parsed: ParsedJson, file: str) -> list[Problem]:
    # Offsets count characters of the decoded text, where each bad stretch of bytes is one U+FFFD.
    problems: list[Problem] = []
    start = 0
    while len(problems) <= _MAX_ENCODING_PROBLEMS:
        try:
            body[start:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad = start + exc.start
            offset = len(body[:bad].decode("utf-8", errors="replace"))
            problems.append(parsed.problem_at(
                file, offset,
                f"byte 0x{body[bad]:02X} is not valid UTF-8 text: the file was saved in another encoding "
                "(such as Windows-1252 or Latin-1); save it as UTF-8",
            ))
            start = start + exc.end
    if len(problems) > _MAX_ENCODING_PROBLEMS:
        last = problems.pop()
        # Each bad stretch is one U+FFFD in the text; U+FFFD written in the file itself is not one.
        more = parsed.text.count("\ufffd") - body.count("\ufffd".encode()) - _MAX_ENCODING_PROBLEMS
        problems.append(Problem(
            last.file, last.line, last.column, last.pointer, Severity.ERROR,
            f"{more:,} more {'place holds' if more == 1 else 'places hold'} bytes that are not valid UTF-8, from "
            f"here on; only the first {_MAX_ENCODING_PROBLEMS} are listed",
        ))
    return problems


def _syntax_problem(parsed: ParsedJson, exc: orjson.JSONDecodeError, file: str) -> Problem:
    text = parsed.text
    offset = min(exc.pos, len(text))
    reason = exc.msg.split(": line ")[0]
    rest = text[offset:]
    if not rest.strip() and reason != "unexpected content after document":
        missing, in_string = unclosed_brackets(text)
        if in_string:
            message = "the file ends inside a text that is never closed with a double quote"
            missing = '"' + missing
        else:
            message = "the file ends before the data is complete"
        message += ": was it cut short? Restore the whole file"
        if missing:
            message += f" (the end is missing, at least: {missing})"
        offset = len(text.rstrip())
    else:
        message = "not valid JSON: " + _explain_syntax(reason, rest)
    return parsed.problem_at(file, offset, message)


def _explain_syntax(reason: str, rest: str) -> str:
    """A plain sentence for orjson's ``reason``, looking at the ``rest`` of the text where it stopped."""
    if rest.startswith(("NaN", "Infinity", "-Infinity")):
        return "NaN and Infinity are not allowed: write a number, or null when there is none"
    first = rest[:1]
    if reason.startswith("unexpected character, expected ',' or") and first in "]}":
        closer = reason[-2]
        opener = "{" if closer == "}" else "["
        return (f"'{first}' does not close the '{opener}' that is open here: close it with '{closer}', "
                "or look for a bracket missing before this")
    if reason == "unexpected content after document" and first in "]}":
        return (f"there is an extra '{first}' here, after the end of the data; remove it (or look for a "
                "bracket closed too early before it)")
    if reason in ("unexpected character, expected a JSON value", "unexpected character, expected a string key"):
        if first == "'":
            return "text must be in double quotes \"...\", not single quotes '...'"
        if rest.startswith(("//", "/*")):
            return "comments are not allowed in JSON; remove them"
        word = _WORD.match(rest)
        if word and word.group() in ("True", "False", "None", "TRUE", "FALSE", "NULL", "Null"):
            return f"'{word.group()}' is not a JSON word: write true, false or null in lowercase"
        if word and reason.endswith("JSON value"):
            return f"'{word.group()[:40]}' is not a JSON value: put text in double quotes \"...\""
    if reason.startswith("invalid literal"):
        word = _WORD.match(rest)
        shown = word.group()[:40] if word else rest[:1]
        return f"'{shown}' is not a JSON word: write true, false or null, or put text in double quotes \"...\""
    return _SYNTAX_MESSAGES.get(reason, reason)
