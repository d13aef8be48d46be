"""Write datasets and other files atomically: the old file stays whole until the new one is complete.

A dataset is written with a stable key order (the schema's field order) and two-space indent, so a
dataset kept under version control diffs cleanly, and loading what was saved gives the same dataset.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

import orjson
from pydantic import TypeAdapter

from ..model import Dataset

_DATASET = TypeAdapter(Dataset)
_WRITE_CHUNK = 1 << 20


class SaveError(Exception):
    """Saving failed; the original file, if any, is untouched. ``reason`` is a plain sentence."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


def dataset_to_bytes(dataset: Dataset) -> bytes:
    """The dataset as UTF-8 JSON text: schema field order, two-space indent, a final newline.
    Optional fields left at their defaults are omitted, so a hand-written file round-trips."""
    value = _DATASET.dump_python(dataset, mode="json", by_alias=True, exclude_defaults=True)
    value = {"$schema": value.pop("$schema"), **value} if "$schema" in value else value
    return orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n"


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader (or a crash) sees either the old file or the new one,
    never a mix: a temporary file in the same folder, written, synced, then renamed over the target.
    Raises SaveError with a plain reason (read-only folder, disk full...); the old file is then untouched.

    A process killed at the wrong moment can leave its temporary file (``.NAME.XXXXXXXX.tmp``) beside the
    target, never a damaged target; the next save of the same target that succeeds removes such leftovers
    (``remove_stale_temporaries``).

    A target that is a symbolic link is written through it (the file it leads to is replaced, the link stays).
    A target that is read-only (no write permission for anyone, or none for this user) is refused: renaming
    over it would work, as renaming needs only the folder's permission, but would defeat its protection."""
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent
    if _is_read_only(target):
        raise SaveError(str(target), "the file is read-only; it was not changed")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except (OSError, ValueError) as exc:
        raise SaveError(str(target), _reason(exc)) from None
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise SaveError(str(target), _reason(exc)) from None
    _sync_folder(folder)
    remove_stale_temporaries(target)


def _is_read_only(target: Path) -> bool:
    try:
        info = target.stat()
    except (OSError, ValueError):
        return False  # no such file yet, or it cannot be looked at: the save itself will say
    if not stat.S_ISREG(info.st_mode):
        return False
    return not info.st_mode & 0o222 or not os.access(target, os.W_OK)


def remove_stale_temporaries(target: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files that saves of ``target`` killed mid-way left beside it; their names.

    Only names this module makes for this target (``.NAME.`` then the 8 characters ``tempfile`` draws, then
    ``.tmp``) that are regular files are removed, nothing else. A save of the same file by another process
    at this very moment would lose its temporary file and fail with a SaveError, its target untouched."""
    target = Path(target)
    pattern = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.tmp")
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed


def _write_all(handle: int, data: bytes) -> None:
    """Every byte of ``data``: a write may take fewer bytes than offered."""
    view = memoryview(data)
    while view:
        written = os.write(handle, view[:_WRITE_CHUNK])
        if written <= 0:
            raise OSError(errno.EIO, "nothing was written")
        view = view[written:]


def set_aside(path: str | os.PathLike[str], suffix: str = ".damaged") -> Path | None:
    """Rename a damaged file out of the way (over an older copy set aside), keeping it for the user to look
    at; the new name, or None when there is no such file or it cannot be renamed."""
    source = Path(path)
    target = source.with_name(source.name + suffix)
    try:
        os.replace(source, target)
    except (OSError, ValueError):
        return None
    return target


def save_dataset(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    atomic_write_bytes(path, dataset_to_bytes(dataset))


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) everywhere.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError | ValueError) -> str:
    if not isinstance(exc, OSError):
        return "this is not a valid file name; the file was not written"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only or you may not write there; the file was not changed"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; the file was not changed"
    if exc.errno == errno.EFBIG:
        return "the disk is full, or the file is larger than this folder allows; the file was not changed"
    return f"the file could not be written ({exc.strerror or exc}); it was not changed"
