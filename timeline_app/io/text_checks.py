"""Hidden characters and markup in a dataset's text: found, reported where they are, made harmless.

- Direction controls that can reach outside their text (U+202A-U+202E embeddings and overrides, and
  U+2066-U+2069 isolates left open or closed without being opened) would let a title such as
  "report<U+202E>fdp.exe" show in a misleading order, and reorder what the app draws around it. They are
  removed (isolates opened and closed within one line are kept: they cannot reach outside), with a warning.
  The rule is ``model.bidi_controls.neutralise``, the one the views apply, so neutralising again changes nothing.
- Control characters (C0 except tab, line feed and carriage return; DEL; C1) are not text: terminal escapes,
  NUL, bell. Each is replaced by U+FFFD (shown as a replacement mark), with a warning.
- HTML markup (a tag such as <b>, <img ...>, <script>) is only reported: the app shows text as text, so
  the tag is shown literally and never interpreted, but a dataset carrying it deserves a second look.

``may_hold_hostile_text`` is a cheap test on the file's bytes (raw or \\u-escaped forms), so a clean file pays
only a few fast scans; ``clean_values`` walks parsed JSON values, changing strings in place.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.bidi_controls import neutralise
from ..model.error_messages import field_name
from ..model.findings import Finding, Path, Severity

__all__ = ["TEXT_FIELDS", "clean_text", "clean_values", "may_hold_hostile_text"]

TEXT_FIELDS = frozenset({
    "title", "summary", "description", "license", "name", "name_local", "actors", "tags", "aliases", "documents",
    "body", "vetoed_by", "against", "abstaining", "note", "quote", "locator", "context_before", "context_after",
    "by", "responsible", "finding", "document", "author",
})
"""The fields holding free text people read. Ids, dates, addresses, paths and codes are not cleaned: a value
with such characters in them is refused or reported as it stands (an address with a hidden character is
not a web address), never quietly turned into another, valid one."""
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]{0,200}>")
_NAMES = {"\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
          "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
          "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE", "\u2067": "RIGHT-TO-LEFT ISOLATE",
          "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE"}

# Byte forms in a JSON file: raw UTF-8 (E2 80 AA-AE, E2 81 A6-A9, C2 80-9F, 7F), escapes (\u0000-\u001F
# other than \t \n \r, \u007F-\u009F, \u202A-\u202E, \u2066-\u2069, \b, \f, \u003C for '<', and surrogate
# escapes \uD800-\uDFFF, which parsers disagree on), and '<'.
_RAW_E2 = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
_RAW_C2 = re.compile(rb"\xc2[\x80-\x9f]")
_ESCAPED = re.compile(rb"\\(?:u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|3[cC])"
                      rb"|u202[a-eA-E]|u206[6-9]|u[dD][89a-fA-F]|[bf])")


def may_hold_hostile_text(data: bytes, start: int = 0, end: int | None = None) -> bool:
    """False when ``data[start:end]`` surely holds none of the characters or markup this module reports
    (a few scans at memchr speed when the bytes are clean); True means "look closer"."""
    end = len(data) if end is None else end
    if data.find(b"<", start, end) >= 0 or data.find(b"\x7f", start, end) >= 0:
        return True
    if data.find(b"\xe2", start, end) >= 0 and _RAW_E2.search(data, start, end):
        return True
    if data.find(b"\xc2", start, end) >= 0 and _RAW_C2.search(data, start, end):
        return True
    return data.find(b"\\", start, end) >= 0 and _ESCAPED.search(data, start, end) is not None


def clean_text(text: str) -> str:
    """``text`` with control characters replaced by U+FFFD and stray direction controls removed."""
    text = _CONTROLS.sub("\ufffd", text)
    return neutralise(text) if _DIRECTION.search(text) else text


def clean_values(value: Any, prefix: Path = ()) -> list[Finding]:
    """Clean every string value inside ``value`` (parsed JSON, changed in place) and report what was found,
    one warning per kind of problem and string, at the string's path (``prefix`` is ``value``'s own path).
    Member names are not changed: messages that quote them escape such characters themselves."""
    findings: list[Finding] = []
    stack: list[tuple[Any, Path]] = [(value, prefix)]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            if isinstance(child, str):
                if _field_of(path, key) not in TEXT_FIELDS:
                    continue
                cleaned = _check_string(child, (*path, key), findings)
                if cleaned is not child:
                    node[key] = cleaned
            elif isinstance(child, dict | list):
                stack.append((child, (*path, key)))
    findings.sort(key=lambda f: _sortable(f.path))
    return findings


def _field_of(path: Path, key: str | int) -> str | int:
    """The field a string belongs to: its own key, or for an item of a list of texts, the list's."""
    return key if isinstance(key, str) or not path else path[-1]


def _check_string(text: str, path: Path, findings: list[Finding]) -> str:
    name = field_name(path)
    controls = _CONTROLS.findall(text)
    if controls:
        first = ord(controls[0])
        findings.append(Finding(path, Severity.WARNING, (
            f"{name} holds {_count(len(controls), 'control character')} (such as U+{first:04X}), which "
            f"{'is' if len(controls) == 1 else 'are'} not text and could be used to disguise it; "
            f"{'it is' if len(controls) == 1 else 'they are'} shown as \ufffd")))
        text = _CONTROLS.sub("\ufffd", text)
    if _DIRECTION.search(text):
        neutral = neutralise(text)
        removed = [c for c in text if c in _NAMES]
        kept = [c for c in neutral if c in _NAMES]
        for c in kept:
            removed.remove(c)
        if removed:
            findings.append(Finding(path, Severity.WARNING, (
                f"{name} holds {_count(len(removed), 'hidden direction control')} (such as "
                f"U+{ord(removed[0]):04X} {_NAMES[removed[0]]}), which could make text show in a misleading "
                f"order; {'it was' if len(removed) == 1 else 'they were'} removed, so the text shows as written")))
        text = neutral
    tag = _TAG.search(text) if "<" in text else None
    if tag is not None:
        shown = tag.group()[:60] + ("…" if len(tag.group()) > 60 else "")
        findings.append(Finding(path, Severity.WARNING, (
            f"{name} contains HTML markup ({shown}); the app shows it as plain text and never runs it")))
    return text


def _count(n: int, noun: str) -> str:
    return f"a {noun}" if n == 1 else f"{n} {noun}s"


def _sortable(path: Path) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)
