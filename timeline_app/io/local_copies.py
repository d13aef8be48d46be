"""Checks on the local copies of sources: inside the dataset's folder, present, and unchanged (SHA-256).

Only reads files; a local copy that fails a check is dropped from its source so nothing opens it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..model import Dataset, Source
from ..model.findings import Finding, Severity

_CHUNK = 1 << 20


def check_local_copies(dataset: Dataset, source_index: dict[str, int], base_dir: Path) -> tuple[Dataset, list[Finding]]:
    """Check every source's local copy against ``base_dir``; ``source_index`` maps ids to file positions."""
    findings: list[Finding] = []
    sources = []
    for source in dataset.sources:
        if source.local_copy is not None:
            problem = local_copy_problem(source, base_dir)
            if problem is not None:
                where = ("sources", source_index.get(source.id, 0), "local_copy", problem[0])
                findings.append(Finding(where, Severity.ERROR, problem[1]))
                source = dataclasses.replace(source, local_copy=None)
        sources.append(source)
    if findings:
        dataset = dataclasses.replace(dataset, sources=tuple(sources))
    return dataset, findings


def resolve_local_copy(relative: str, base_dir: Path) -> Path | None:
    """The file a local-copy path names, or None when it would leave ``base_dir`` (``..``, absolute,
    a drive, or a link that points outside) or cannot be followed. '\\' separates folders like '/', on
    every system, so a dataset made on Windows works elsewhere."""
    target, _problem = _resolve(relative, base_dir)
    return target


def _resolve(relative: str, base_dir: Path) -> tuple[Path | None, str]:
    """(the file, "") or (None, why not: "outside", "link-outside" or a reason it cannot be followed)."""
    if "\x00" in relative:
        return None, "its name holds a NUL character"
    parts = relative.replace("\\", "/").split("/")
    if relative.startswith(("/", "\\")) or PureWindowsPath(relative).drive or PurePosixPath(relative).is_absolute():
        return None, "outside"
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else 0 if part in ("", ".") else 1
        if depth < 0:
            return None, "outside"
    try:
        base = base_dir.resolve()
        target = base.joinpath(*parts).resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links (RuntimeError before Python 3.13)
        return None, getattr(exc, "strerror", None) or "a link in it leads in a circle"
    if not target.is_relative_to(base):
        return None, "link-outside"
    return target, ""


def local_copy_problem(source: Source, base_dir: Path) -> tuple[str, str] | None:
    """(field, message) for the first thing wrong with a source's local copy, or None."""
    copy = source.local_copy
    assert copy is not None
    shown = copy.path[:200]
    target, why = _resolve(copy.path, base_dir)
    if why == "outside":
        return "path", (f"local copy '{shown}' is outside the dataset's folder; local copies must be files "
                        "inside the folder that holds the dataset, named relative to it (such as 'copies/report.pdf')")
    if why == "link-outside":
        return "path", (f"local copy '{shown}' is a link that leads outside the dataset's folder; copy the file "
                        "itself into the folder")
    if target is None:
        return "path", f"local copy '{shown}' cannot be opened: {why}"
    try:
        if target.is_dir():
            return "path", f"local copy '{shown}' is a folder; it must name a file"
        if not target.is_file():
            return "path", (f"local copy '{shown}' was not found in the dataset's folder; put the file there or "
                            "correct the path")
        digest = _sha256(target)
    except (OSError, ValueError) as exc:
        return "path", f"local copy '{shown}' cannot be read: {getattr(exc, 'strerror', None) or exc}"
    if digest != copy.sha256:
        return "sha256", (f"local copy '{shown}' does not match its SHA-256 checksum: the file has changed "
                          f"since it was recorded; restore the original, or if the change is intended record "
                          f"the new checksum {digest}")
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
