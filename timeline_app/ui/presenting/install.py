"""install_presenting(window): the Present and Export menus, the Presenting toolbar, F5 / Shift+F5, and the
Stories panel, added to a MainWindow through its public attributes only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QToolBar

from .controller import PresentationController
from .share_actions import ShareActions
from .story_editor import StoryEditorDock

__all__ = ["PresentingTools", "install_presenting"]

_ALL_EVENTS = "Filtered events in time order"


class PresentingTools(QObject):
    """Everything presenting adds to a window: ``controller``, ``editor`` (the Stories dock), ``share``
    (exports and printing), ``story_combo`` and the actions. Find it with
    ``window.findChild(PresentingTools)``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("presentingTools")
        self._window = window
        self.controller = PresentationController(window)
        self.editor = StoryEditorDock(window)
        self.editor.storyChosen.connect(self.choose_story)
        self.share = ShareActions(window, self.controller)
        self._free_f5(window)
        self.present_action = self._action("&Present from the beginning", "F5",
                                           lambda: self.controller.start(from_current=False))
        self.present_current_action = self._action("Present from the &current event", "Shift+F5",
                                                   lambda: self.controller.start(from_current=True))
        self.reduce_motion_action = self._action("Reduce &motion", None, self._on_reduce_motion_toggled)
        self.reduce_motion_action.setCheckable(True)
        self.reduce_motion_action.setChecked(self.controller.prefers_reduced_motion())
        self._build_menus(window)
        self._build_toolbar(window)
        window.installEventFilter(self)
        window.store.datasetReplaced.connect(self._refresh_stories)
        self.controller.started.connect(lambda: self.editor.setEnabled(False))
        self.controller.finished.connect(lambda: self.editor.setEnabled(True))
        self._refresh_stories()

    def eventFilter(self, watched, event) -> bool:
        """Closing the window asks about unsaved story edits, then ends a presentation (whose full-screen
        window would otherwise keep the app running)."""
        if watched is self._window and event.type() == QEvent.Type.Close:
            if not self.editor.confirm_close():
                event.ignore()
                return True
            self.controller.stop()
        return super().eventFilter(watched, event)

    def _action(self, text: str, shortcut: str | None, slot) -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _free_f5(window) -> None:
        """F5 presents, as in every slide program; an action already holding F5 (Reload, through the platform's
        Refresh keys) keeps its other keys, or gets Ctrl+R."""
        f5 = QKeySequence("F5")
        for action in window.findChildren(QAction):
            keys = action.shortcuts()
            if f5 in keys:
                rest = [k for k in keys if k != f5]
                action.setShortcuts(rest or [QKeySequence("Ctrl+R")])

    def _build_menus(self, window) -> None:
        menu = window.menuBar().addMenu("&Present")
        menu.addAction(self.present_action)
        menu.addAction(self.present_current_action)
        menu.addSeparator()
        self.story_menu = menu.addMenu("&Story")
        self.display_menu = menu.addMenu("&Display")
        self.display_menu.aboutToShow.connect(self._refresh_displays)
        menu.addAction(self.reduce_motion_action)
        menu.addSeparator()
        menu.addAction(self.editor.toggleViewAction())
        self.share.add_to_menu(window.menuBar().addMenu("E&xport"))
        self._story_group = QActionGroup(self)
        self._story_group.triggered.connect(lambda action: self.choose_story(action.data()))

    def _build_toolbar(self, window) -> None:
        bar = QToolBar("Presenting", window)
        bar.setObjectName("presentingToolBar")
        self.present_action.setToolTip("Present full screen (F5; Shift+F5 from the current event; Esc leaves)")
        bar.addAction(self.present_action)
        label = QLabel(" Story: ", bar)
        bar.addWidget(label)
        self.story_combo = QComboBox(bar)
        self.story_combo.setObjectName("storyCombo")
        self.story_combo.setAccessibleName("Story to present")
        self.story_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.story_combo.activated.connect(lambda i: self.choose_story(self.story_combo.itemData(i)))
        label.setBuddy(self.story_combo)
        bar.addWidget(self.story_combo)
        bar.addAction(self.editor.toggleViewAction())
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # --- choices -----------------------------------------------------------------------------------------
    def choose_story(self, story_id: str | None) -> None:
        """Present ``story_id`` (None: the filtered events in time order) and show it in the editor."""
        self.controller.story_id = story_id or None
        self._refresh_stories()
        if story_id:
            self.editor.show_story(story_id)

    def _refresh_stories(self) -> None:
        dataset = self._window.store.dataset
        stories = [(s.id, s.title) for s in dataset.stories] if dataset is not None else []
        if self.controller.story_id not in {story_id for story_id, _ in stories}:
            self.controller.story_id = None
        choices = [(None, _ALL_EVENTS), *stories]
        self.story_combo.blockSignals(True)
        self.story_combo.clear()
        for story_id, title in choices:
            self.story_combo.addItem(title, story_id)
        self.story_combo.setCurrentIndex(max(0, self.story_combo.findData(self.controller.story_id)))
        self.story_combo.blockSignals(False)
        self.story_menu.clear()
        for story_id, title in choices:
            action = self.story_menu.addAction(title.replace("&", "&&"))
            action.setData(story_id)
            action.setCheckable(True)
            action.setChecked(story_id == self.controller.story_id)
            self._story_group.addAction(action)

    def _refresh_displays(self) -> None:
        menu: QMenu = self.display_menu
        menu.clear()
        group = QActionGroup(menu)
        for name, text in [(None, "Automatic (a second screen when connected)"),
                           *[(s.name(), f"{s.name()} ({s.size().width()}×{s.size().height()})")
                             for s in QGuiApplication.screens()]]:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(name == self.controller.screen_name)
            action.triggered.connect(lambda _checked=False, n=name: setattr(self.controller, "screen_name", n))
            group.addAction(action)

    def _on_reduce_motion_toggled(self, checked: bool) -> None:
        self.controller.reduce_motion = checked


def install_presenting(window) -> PresentingTools:
    """Add presenting to ``window`` (a MainWindow); call once, at the end of its constructor."""
    return PresentingTools(window)
