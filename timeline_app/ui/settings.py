"""Settings: the one module that touches QSettings. Typed keys with defaults, under a version group.

Settings hold UI state only (window geometry, recent files, the last view); never dataset content.
A corrupt or unreadable settings file falls back to defaults with a message, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

_GROUP = "v1"
MAX_RECENT = 8


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
        if self._qt.status() != QSettings.Status.NoError:
            self.problem = "the settings file could not be read; defaults are used"

    def _key(self, name: str) -> str:
        return f"{_GROUP}/{name}"

    def recent_files(self) -> list[str]:
        value = self._qt.value(self._key("recent_files"), [], type=list)
        return [str(v) for v in value if isinstance(v, str)][:MAX_RECENT]

    def add_recent_file(self, path: str) -> None:
        files = [path] + [f for f in self.recent_files() if f != path]
        self._qt.setValue(self._key("recent_files"), files[:MAX_RECENT])

    def geometry(self) -> QByteArray | None:
        value = self._qt.value(self._key("window/geometry"))
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qt.value(self._key("window/state"))
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qt.setValue(self._key("window/geometry"), geometry)
        self._qt.setValue(self._key("window/state"), state)

    def saved_view(self) -> SavedView | None:
        self._qt.beginGroup(self._key("view"))
        try:
            file = self._qt.value("file", "", type=str)
            if not file:
                return None
            return SavedView(
                file=file,
                x0=float(self._qt.value("x0", 0.0, type=float)),
                x1=float(self._qt.value("x1", 0.0, type=float)),
                filter=_as_dict(self._qt.value("filter", {})),
                selected_id=self._qt.value("selected_id", "", type=str) or None,
                lane_mode=self._qt.value("lane_mode", "kind", type=str),
            )
        except (TypeError, ValueError):
            return None
        finally:
            self._qt.endGroup()

    def save_view(self, view: SavedView) -> None:
        self._qt.beginGroup(self._key("view"))
        self._qt.setValue("file", view.file)
        self._qt.setValue("x0", view.x0)
        self._qt.setValue("x1", view.x1)
        self._qt.setValue("filter", view.filter)
        self._qt.setValue("selected_id", view.selected_id or "")
        self._qt.setValue("lane_mode", view.lane_mode)
        self._qt.endGroup()

    def sync(self) -> bool:
        self._qt.sync()
        return self._qt.status() == QSettings.Status.NoError


def _as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}
