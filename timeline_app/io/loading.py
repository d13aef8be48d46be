"""Load a dataset file: read bytes, parse, validate, cross-check, and place every problem in the file.

Loading never writes anything. It returns a LoadResult holding the dataset made of the file's valid parts
(or None when nothing usable could be read) and every problem found, sorted by position.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ..model import FORMAT_VERSION, Dataset
from ..model.findings import Finding, json_pointer
from ..model.validation import ValidatedDocument, check_validated, validate_document
from .json_positions import locate
from .json_text import ParsedJson, parse_json_bytes
from .local_copies import check_local_copies
from .problems import Problem

_DATASET = TypeAdapter(Dataset)

MAX_FILE_BYTES = 300 * 1024 * 1024
"""Files above this are refused before they are read (about 300,000 events of ordinary size)."""


class UnreadableFileError(Exception):
    """The file cannot be read at all (missing, a folder, no permission)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LoadResult:
    file: str
    dataset: Dataset | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building 100,000 nested objects otherwise triggers it
    hundreds of times for nothing (the loaded data has no cycles). Afterwards the surviving objects are
    frozen, so neither the next collection nor any later full one walks the whole dataset again (a
    dataset is freed by reference counting when it is replaced, as it holds no cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def read_dataset_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; raises UnreadableFileError (with a plain reason) when it cannot or must not be read.

    Only regular files are read: a pipe or a device such as /dev/zero could block or never end.
    """
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
            with open(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
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
    _check_size(file, len(data), max_bytes)  # it may have grown while being read
    return data


def _check_size(file: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableFileError(
            file, f"the file is {size / 1e6:,.0f} MB, larger than the limit of {max_bytes / 1e6:,.0f} MB "
            "for a dataset; it was not read")


def load_dataset(path: str | os.PathLike[str], *, require_citations: bool = False) -> LoadResult:
    """Read and check a dataset file. Raises UnreadableFileError only when the file cannot be read."""
    data = read_dataset_bytes(path)
    return parse_dataset(data, file=os.fspath(path), base_dir=Path(path).parent,
                         require_citations=require_citations)


def parse_dataset(data: bytes, *, file: str, base_dir: Path | None = None,
                  require_citations: bool = False) -> LoadResult:
    """Check a dataset given as bytes. ``base_dir`` is the folder local copies must stay inside."""
    with gc_paused():
        document = _validate_clean_bytes(data, require_citations)
        if document is not None:
            parsed = ParsedJson(None, _data=data)  # positions, if a cross check finds anything
        else:
            parsed = parse_json_bytes(data, file)
            if not parsed.parsed:
                return LoadResult(file, None, tuple(sorted(parsed.problems, key=lambda p: (p.line, p.column))))
            document = validate_document(parsed.value, require_citations=require_citations)
            parsed.value = None  # the raw dicts are no longer needed; free them before anything else
    dataset, findings = document.dataset, document.findings
    if dataset is not None and base_dir is not None and any(s.local_copy for s in dataset.sources):
        index = {s.id: origin for s, origin in zip(dataset.sources, document.origins["sources"], strict=True)}
        dataset, more = check_local_copies(dataset, index, base_dir)
        findings += more
    problems = parsed.problems + _place(findings, parsed, file)
    problems.sort(key=lambda p: (p.line, p.column))
    return LoadResult(file, dataset, tuple(problems))


def _validate_clean_bytes(data: bytes, require_citations: bool) -> ValidatedDocument | None:
    """The fast path for a file whose every field is valid: pydantic builds the dataset straight from the
    bytes, with no intermediate dicts (the dicts cost about 30% more peak memory at 100,000 events).
    None when anything is wrong; the careful path then finds and places every problem."""
    try:
        dataset = _DATASET.validate_json(data)
    except (ValidationError, ValueError, RecursionError):
        return None
    if dataset.format_version > FORMAT_VERSION:
        return None  # the careful path explains that the file is newer than this app
    return check_validated(dataset, require_citations=require_citations)


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
