"""Settings: the one module that touches QSettings. Typed keys with defaults, under a version group.

Settings hold UI state only (window geometry, recent files, the last view); never dataset content.

A damaged settings file never stops the app. QSettings reads almost anything without complaint (garbage
bytes give no keys, "x0=abc" reads as 0.0), so every value is checked here, when the settings are opened:
a file that is not a settings file is set aside (renamed NAME.damaged) and a value of the wrong type or out
of range removes this version's settings: either way the app starts with the defaults, and ``problem``
says so in a sentence the window shows. Keys of other versions ("v2/...") in a readable file stay.

Writes: QSettings writes an INI file atomically by default (``isAtomicSyncRequired()`` is true: it writes a
temporary file with QSaveFile and renames it over the old one; tests/ui/test_settings.py checks that the
file is replaced, not rewritten in place). ``sync()`` reports whether the write worked.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..io.saving import set_aside

_GROUP = "v1"
MAX_RECENT = 8
_MAX_TEXT = 4096
_TIME_LIMIT = 1e12  # seconds from 1970: about 31,700 years either way; a saved window is far inside


@dataclass(frozen=True, slots=True)
class SavedView:
    """The last view of a file: the visible window (UTC seconds), the filter (plain values) and selection."""

    file: str
    x0: float
    x1: float
    filter: dict
    selected_id: str | None
    lane_mode: str


class Settings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._qt = settings or QSettings()
        self.problem: str | None = None
        file, kept = self._qt.fileName(), None
        damage = self._file_damage()
        if damage is not None:  # nothing in it can be trusted: keep it aside, start afresh
            kept = set_aside(file) if os.path.isfile(file) else None
        else:
            damage = self._value_damage()
            if damage is not None:
                self._qt.remove(_GROUP)  # this version's settings only: a newer version's stay
                self._qt.sync()
        if damage is not None:
            # A new object: QSettings keeps the first error it met for its whole life, and merges the old
            # file into every write.
            self._qt = QSettings(file, self._qt.format())
            # Short enough to be read whole in the status bar of a 1366-pixel screen with a usual path.
            self.problem = (f"Settings reset to the defaults: {file} was damaged ({damage})"
                            + (f"; it was kept as {kept.name}." if kept else "."))

    def _key(self, name: str) -> str:
        return f"{_GROUP}/{name}"

    # --- reading ---------------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return _strings(self._qt.value(self._key("recent_files"), []))[:MAX_RECENT]

    def geometry(self) -> QByteArray | None:
        value = self._qt.value(self._key("window/geometry"))
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qt.value(self._key("window/state"))
        return value if isinstance(value, QByteArray) else None

    def saved_view(self) -> SavedView | None:
        values = {name: self._qt.value(self._key(f"view/{name}")) for name in _VIEW_KEYS}
        file = values["file"]
        if not isinstance(file, str) or not file or _view_damage(values) is not None:
            return None
        return SavedView(file, float(values["x0"]), float(values["x1"]), values["filter"] or {},
                         values["selected_id"] or None, values["lane_mode"] or "kind")

    # --- writing ---------------------------------------------------------------------------------------
    def add_recent_file(self, path: str) -> None:
        files = [path] + [f for f in self.recent_files() if f != path]
        self._qt.setValue(self._key("recent_files"), files[:MAX_RECENT])

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qt.setValue(self._key("window/geometry"), geometry)
        self._qt.setValue(self._key("window/state"), state)

    def save_view(self, view: SavedView) -> None:
        for name, value in (("file", view.file), ("x0", view.x0), ("x1", view.x1), ("filter", view.filter),
                            ("selected_id", view.selected_id or ""), ("lane_mode", view.lane_mode)):
            self._qt.setValue(self._key(f"view/{name}"), value)

    def sync(self) -> bool:
        """Write the settings to disk; False (and ``problem`` says why) when that failed."""
        self._qt.sync()
        if self._qt.status() == QSettings.Status.NoError:
            return True
        self.problem = f"The settings could not be saved to {self._qt.fileName()} (is the folder writable?)."
        return False

    # --- checking --------------------------------------------------------------------------------------
    def _file_damage(self) -> str | None:
        """What is wrong with the settings file as a whole, in a few words, or None."""
        # status() alone cannot tell: a default QSettings reports AccessError whenever the application has no
        # organisation name, file or no file. The file itself is what is checked.
        file = self._qt.fileName()
        if self._qt.status() == QSettings.Status.FormatError:
            return "it is not in the settings format"
        if file and os.path.exists(file) and not os.access(file, os.R_OK):
            return "it could not be read"
        keys = self._qt.allKeys()
        if not keys and _has_content(self._qt.fileName()):
            return "it holds no readable settings"
        if any(not key.isprintable() or len(key) > 200 for key in keys):
            return "its names are not text"
        return None

    def _value_damage(self) -> str | None:
        """What is wrong with this version's values, in a few words, or None."""
        try:
            recent = self._qt.value(self._key("recent_files"), [])
            if recent not in ([], None) and _strings(recent) != (recent if isinstance(recent, list) else [recent]):
                return "the recent files are not a list of file names"
            for name in ("window/geometry", "window/state"):
                value = self._qt.value(self._key(name))
                if value is not None and not isinstance(value, QByteArray):
                    return "the window's size and layout are not what the app saved"
            values = {name: self._qt.value(self._key(f"view/{name}")) for name in _VIEW_KEYS}
            if any(v is not None for v in values.values()):
                return _view_damage(values)
        except (TypeError, ValueError, RuntimeError, OverflowError):  # a value PySide6 cannot even convert
            return "a value cannot be read"
        return None


_VIEW_KEYS = ("file", "x0", "x1", "filter", "selected_id", "lane_mode")


def _view_damage(values: dict) -> str | None:
    """What is wrong with the saved view's values, or None (they are then safe to use)."""
    for name in ("file", "selected_id", "lane_mode"):
        value = values[name]
        if value is not None and (not isinstance(value, str) or len(value) > _MAX_TEXT):
            return f"the last view's '{name}' is not text"
    for name in ("x0", "x1"):
        try:
            number = float(values[name])
        except (TypeError, ValueError):
            return f"the last view's '{name}' is not a number"
        if not math.isfinite(number) or abs(number) > _TIME_LIMIT:
            return f"the last view's '{name}' is not a time the timeline can show"
    if values["filter"] is not None and not isinstance(values["filter"], dict):
        return "the last view's filter is not what the app saved"
    return None


def _strings(value) -> list[str]:
    """The file names in a stored list (INI gives a single string back for a one-item list)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) and value else []
    return [item for item in items if isinstance(item, str) and item and len(item) <= _MAX_TEXT and
            item.isprintable()]


def _has_content(file_name: str) -> bool:
    try:
        return bool(Path(file_name).read_bytes().strip()) if file_name else False
    except OSError:
        return False
