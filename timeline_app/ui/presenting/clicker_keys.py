"""Which key does what while presenting: the keys presentation remotes ("clickers") send, and the keyboard.

Remotes send PageDown/PageUp (most), Right/Left or Down/Up (some), and "b" or "." for a black screen;
some send F5 and Shift+F5 (or Escape) from their start button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from .deck import Action

__all__ = ["action_for_key"]

_K = Qt.Key
_PLAIN = {
    _K.Key_PageDown: Action.NEXT, _K.Key_Right: Action.NEXT, _K.Key_Down: Action.NEXT, _K.Key_Space: Action.NEXT,
    _K.Key_PageUp: Action.PREVIOUS, _K.Key_Left: Action.PREVIOUS, _K.Key_Up: Action.PREVIOUS,
    _K.Key_Backspace: Action.BACKSPACE, _K.Key_Return: Action.ENTER, _K.Key_Enter: Action.ENTER,
    _K.Key_Home: Action.FIRST, _K.Key_End: Action.LAST,
    _K.Key_B: Action.BLACK, _K.Key_Period: Action.BLACK, _K.Key_W: Action.WHITE, _K.Key_Comma: Action.WHITE,
    _K.Key_N: Action.NOTES, _K.Key_Escape: Action.LEAVE, _K.Key_F5: Action.FROM_START,
}
_CTRL = {
    _K.Key_Plus: Action.BIGGER, _K.Key_Equal: Action.BIGGER, _K.Key_Minus: Action.SMALLER,
    _K.Key_0: Action.RESET_SIZE,
}
_IGNORED_MODIFIERS = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


def action_for_key(event: QKeyEvent) -> tuple[Action, str] | None:
    """The action a key press asks for, and the digit typed (for Action.DIGIT); None for other keys."""
    key = event.key()
    modifiers = event.modifiers()
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        action = _CTRL.get(key)
        return (action, "") if action is not None else None
    if modifiers & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return None
    if key == _K.Key_F5 and modifiers & Qt.KeyboardModifier.ShiftModifier:
        return Action.FROM_CURRENT, ""
    if _K.Key_0 <= key <= _K.Key_9:
        return Action.DIGIT, chr(ord("0") + key - _K.Key_0)
    if modifiers & ~_IGNORED_MODIFIERS:
        return None
    action = _PLAIN.get(key)
    return (action, "") if action is not None else None
