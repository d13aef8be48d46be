"""Load a dataset file: read bytes, parse, validate, cross-check, and place every problem in the file.

Loading never writes anything. It returns a LoadResult holding the dataset made of the file's valid parts
(or None when nothing usable could be read), every problem found, sorted by position, and how many
events, sources and stories of the file were left out.

The work is a generator (``iter_load_dataset``, ``iter_parse_dataset``) that yields ``LoadProgress`` between
steps none of which holds the interpreter long, so a window can run it in a worker thread, show progress
and stop it between two steps (``close()`` the generator); ``load_dataset`` and ``parse_dataset`` run it to
the end. Events are validated in batches straight from the bytes (``io.batches``); a file that is not
well-formed JSON is read whole by the careful path (``io.json_text``), which places every syntax problem.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..gc_pause import gc_paused as _gc_paused
from ..model import Dataset
from ..model.error_messages import owner_name
from ..model.findings import Finding, Severity, json_pointer
from ..model.validation import validate_document
from .batches import NotBatchable, iter_validate
from .duplicates import find_duplicates, may_hold_duplicates
from .json_positions import locate, paths_at
from .json_text import BOM, ParsedJson, bom_problem, parse_json_bytes
from .local_copies import check_local_copies
from .problems import Problem
from .text_checks import clean_values, may_hold_hostile_text

MAX_FILE_BYTES = 300 * 1024 * 1024
"""Files above this are refused before they are read (about 280,000 events of ordinary size, which take
some 3 KB of memory each once loaded)."""
MB = 1024 * 1024
_READ_CHUNK = 8 * MB
_MAX_DUPLICATES_REPORTED = 50
_SECTIONS = ("events", "sources", "stories")
T = TypeVar("T")


class UnreadableFileError(Exception):
    """The file cannot be read at all (missing, a folder, no permission, too large)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LoadResult:
    file: str
    dataset: Dataset | None
    problems: tuple[Problem, ...]
    left_out: dict[str, int] = field(default_factory=dict)
    """Per section ("events", "sources", "stories"), how many items of the file are not in ``dataset``
    because of their problems; sections with none left out are absent."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


@dataclass(frozen=True, slots=True)
class LoadProgress:
    """How far a load has come: ``done`` of ``total`` bytes read ("reading"), then checked ("checking")."""

    stage: str
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


def gc_paused() -> contextlib.AbstractContextManager[None]:
    """The collector paused while a dataset is built, its objects frozen afterwards (see timeline_app.gc_pause).
    Kept as a name of this module: the load benchmark replaces it to show what the pause saves."""
    return _gc_paused(freeze=True)


def run_to_end(steps: Generator[object, None, T]) -> T:
    """Run a generator that yields progress to its end; its return value."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def load_dataset(path: str | os.PathLike[str], *, require_citations: bool = False) -> LoadResult:
    """Read and check a dataset file. Raises UnreadableFileError only when the file cannot be read."""
    return run_to_end(iter_load_dataset(path, require_citations=require_citations))


def parse_dataset(data: bytes, *, file: str, base_dir: Path | None = None,
                  require_citations: bool = False) -> LoadResult:
    """Check a dataset given as bytes. ``base_dir`` is the folder local copies must stay inside."""
    return run_to_end(iter_parse_dataset(data, file=file, base_dir=base_dir, require_citations=require_citations))


def iter_load_dataset(path: str | os.PathLike[str], *,
                      require_citations: bool = False) -> Generator[LoadProgress, None, LoadResult]:
    """``load_dataset`` as steps: yields progress; raises UnreadableFileError before reading a file that
    cannot or must not be read (too large, not a regular file...)."""
    data = yield from iter_read_dataset_bytes(path)
    return (yield from iter_parse_dataset(data, file=os.fspath(path), base_dir=Path(path).parent,
                                          require_citations=require_citations))


def read_dataset_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; raises UnreadableFileError (with a plain reason) when it cannot or must not be read."""
    return run_to_end(iter_read_dataset_bytes(path, max_bytes=max_bytes))


def iter_read_dataset_bytes(path: str | os.PathLike[str], *,
                            max_bytes: int = MAX_FILE_BYTES) -> Generator[LoadProgress, None, bytes]:
    """Read the file in chunks, yielding progress. Only regular files are read (a pipe or a device such as
    /dev/zero could block or never end), and a file larger than ``max_bytes`` is refused before reading."""
    file = os.fspath(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; regular files ignore it.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFileError(file, "this is not a regular file (a pipe or a device?); "
                                                "give a dataset file")
            _check_size(file, info.st_size, max_bytes)
            chunks: list[bytes] = []
            size = 0
            with open(fd, "rb", closefd=False) as handle:
                while chunk := handle.read(min(_READ_CHUNK, max_bytes + 1 - size)):
                    chunks.append(chunk)
                    size += len(chunk)
                    _check_size(file, size, max_bytes)  # it may have grown since it was measured
                    yield LoadProgress("reading", size, max(info.st_size, size))
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise UnreadableFileError(file, "this is a folder, not a dataset file") from None
    except FileNotFoundError:
        raise UnreadableFileError(file, "no such file") from None
    except PermissionError:
        if os.path.isdir(file):  # Windows refuses to open a folder with "permission denied"
            raise UnreadableFileError(file, "this is a folder, not a dataset file") from None
        raise UnreadableFileError(file, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise UnreadableFileError(file, f"cannot be read: {exc.strerror or exc}") from None
    except ValueError:  # a name holding a NUL character
        raise UnreadableFileError(file, "this is not a valid file name") from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _check_size(file: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableFileError(
            file, f"the file is {size / MB:,.0f} MB, larger than the limit of {max_bytes / MB:,.0f} MB for a "
            "dataset (about 280,000 events); it was not read. Split it into smaller datasets")


def iter_parse_dataset(data: bytes, *, file: str, base_dir: Path | None = None,
                       require_citations: bool = False) -> Generator[LoadProgress, None, LoadResult]:
    """``parse_dataset`` as steps: yields progress after each batch of events."""
    total = len(data)
    with gc_paused():
        start = len(BOM) if data.startswith(BOM) else 0
        try:
            checking = iter_validate(data, start, require_citations=require_citations)
            while True:
                try:
                    done = next(checking)
                except StopIteration as finished:
                    batched = finished.value
                    break
                yield LoadProgress("checking", done, total)
            document, text_findings = batched.document, batched.text_findings
            duplicates = batched.may_hold_duplicates
            parsed = ParsedJson(None, _data=data)  # positions, only if something is found
            if start:
                parsed.problems.append(bom_problem(file))
        except NotBatchable:  # not well-formed: read whole, every syntax problem placed
            parsed = parse_json_bytes(data, file)
            if not parsed.parsed:
                return LoadResult(file, None, tuple(sorted(parsed.problems, key=lambda p: (p.line, p.column))))
            text_findings = clean_values(parsed.value) if may_hold_hostile_text(data) else []
            document = validate_document(parsed.value, require_citations=require_citations)
            parsed.value = None  # the raw dicts are no longer needed; free them before anything else
            duplicates = document.dataset is not None and may_hold_duplicates(data, start, total, [document.dataset])
        dataset, findings = document.dataset, document.findings
        if dataset is not None:
            findings = findings + text_findings + (_duplicates(parsed) if duplicates else [])
            if base_dir is not None and any(s.local_copy for s in dataset.sources):
                index = {s.id: origin for s, origin in zip(dataset.sources, document.origins["sources"], strict=True)}
                dataset, more = check_local_copies(dataset, index, base_dir)
                findings += more
        yield LoadProgress("checking", total, total)
        problems = parsed.problems + _place(findings, parsed, file)
        problems.sort(key=lambda p: (p.line, p.column))
        left_out = {name: document.counts.get(name, 0) - len(getattr(dataset, name))
                    for name in _SECTIONS} if dataset is not None else {}
    return LoadResult(file, dataset, tuple(problems), {k: n for k, n in left_out.items() if n > 0})


def _duplicates(parsed: ParsedJson) -> list[Finding]:
    """An error for each name given twice in one object, at the one that counts (the last): the value given
    first is ignored (as JSON parsers do), so a reader of the file and the app could see different things."""
    text = parsed.text
    every = find_duplicates(text)
    found = every[:_MAX_DUPLICATES_REPORTED + 1]
    objects = paths_at(text, [d.offsets[-1] for d in found])
    findings = []
    for number, duplicate in enumerate(found):
        path = (*objects[duplicate.offsets[-1]], duplicate.name)
        if number == _MAX_DUPLICATES_REPORTED:  # the first one not listed: say how many are not
            more = len(every) - _MAX_DUPLICATES_REPORTED
            findings.append(Finding(path, Severity.ERROR, (
                f"{more:,} more {'name is' if more == 1 else 'names are'} given more than once in an object, from "
                f"here on; only the first {_MAX_DUPLICATES_REPORTED} are listed"), at_key=True))
            break
        line, column = parsed.position(duplicate.offsets[0])
        times = "twice" if len(duplicate.offsets) == 2 else f"{len(duplicate.offsets)} times"
        findings.append(Finding(path, Severity.ERROR, (
            f"'{duplicate.name[:80]}' is given {times} in this {owner_name(path)}: the value given last (here) is "
            f"used and the one at line {line}, column {column} is ignored; give each field once"), at_key=True))
    return findings


def _place(findings: list[Finding], parsed: ParsedJson, file: str) -> list[Problem]:
    """Give each finding the line and column of the value (or member name) it is about."""
    if not findings:
        return []
    text = parsed.text
    offsets = locate(text, {f.path for f in findings})
    problems = []
    for finding in findings:
        path = finding.path
        while path and path not in offsets:
            path = path[:-1]  # a missing member: point at the object that lacks it
        name_offset, value_offset = offsets.get(path, (None, _first_char(text)))
        offset = name_offset if finding.at_key and name_offset is not None else value_offset
        line, column = parsed.position(offset)
        problems.append(Problem(file, line, column, json_pointer(finding.path), finding.severity,
                                finding.message))
    return problems


def _first_char(text: str) -> int:
    return len(text) - len(text.lstrip())
