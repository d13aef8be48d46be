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
    a drive, or a link that points outside)."""
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute() or (
        PureWindowsPath(relative).drive
    ):
        return None
    base = base_dir.resolve()
    target = (base / relative).resolve()
    return target if target.is_relative_to(base) else None


def local_copy_problem(source: Source, base_dir: Path) -> tuple[str, str] | None:
    """(field, message) for the first thing wrong with a source's local copy, or None."""
    copy = source.local_copy
    assert copy is not None
    target = resolve_local_copy(copy.path, base_dir)
    if target is None:
        return "path", (f"local copy '{copy.path}' is outside the dataset's folder; local copies must be "
                        "files inside the folder that holds the dataset")
    if not target.is_file():
        return "path", f"local copy '{copy.path}' was not found in the dataset's folder"
    try:
        digest = _sha256(target)
    except OSError as exc:
        return "path", f"local copy '{copy.path}' cannot be read: {exc.strerror or exc}"
    if digest != copy.sha256:
        return "sha256", (f"local copy '{copy.path}' does not match its SHA-256 checksum: the file has "
                          f"changed since it was recorded (it is now {digest})")
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
