"""Readable from the back row: every text colour pair reaches 7:1 (computed per WCAG 2.x, on the colours the
widgets really paint with), text sizes are fractions of the screen height at projector resolutions, nothing
on a card is cut off, and kinds stay apart when a projector loses the colour."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage, QPainter, QPalette
from test_presenting_support import background_of, open_window, start, visible_labels

from timeline_app.ui.kind_style import KIND_ORDER
from timeline_app.ui.presenting.card import paint_kind_mark
from timeline_app.ui.presenting.theme import (
    AAA_CONTRAST,
    GRAPHIC_CONTRAST,
    PROJECTOR,
    contrast_ratio,
    relative_luminance,
)

SIZES = [(1024, 768), (1920, 1080)]
STORIES = ["blocked-at-the-council", "who-used-chemical-weapons", "iiim-and-national-courts"]


@pytest.fixture
def window(qtbot, monkeypatch):
    return open_window(qtbot, monkeypatch)


def test_contrast_arithmetic_matches_wcag_reference_values():
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # WCAG's own example
    assert contrast_ratio("#595959", "#FFFFFF") == pytest.approx(7.0, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#595959") == contrast_ratio("#595959", "#FFFFFF")


@pytest.mark.parametrize("role", sorted(PROJECTOR.text_pairs()))
def test_every_text_colour_pair_of_the_theme_reaches_7_to_1(role):
    foreground, background = PROJECTOR.text_pairs()[role]
    assert contrast_ratio(foreground, background) >= AAA_CONTRAST, role


@pytest.mark.parametrize("role", sorted(PROJECTOR.graphic_pairs()))
def test_marks_and_bars_reach_3_to_1_against_the_background(role):
    foreground, background = PROJECTOR.graphic_pairs()[role]
    assert contrast_ratio(foreground, background) >= GRAPHIC_CONTRAST, role


def _check_labels(root) -> list[str]:
    checked = []
    for label in visible_labels(root):
        foreground = label.palette().color(QPalette.ColorRole.WindowText).name()
        ratio = contrast_ratio(foreground, background_of(label))
        assert ratio >= AAA_CONTRAST, f"{label.objectName()}: {ratio:.2f}"
        checked.append(label.objectName())
    return checked


def test_every_label_on_both_screens_is_painted_at_7_to_1(window, qtbot):
    screen = window.screen()
    controller = start(qtbot, window, screens=[screen, screen])
    checked = _check_labels(controller.audience) + _check_labels(controller.presenter)
    controller.stop()
    controller = start(qtbot, window)  # one screen: the notes corner and a typed step number are text too
    qtbot.keyClick(controller.audience, Qt.Key.Key_N)
    qtbot.keyClick(controller.audience, Qt.Key.Key_4)
    checked += _check_labels(controller.audience)
    assert {"cardTitle", "cardDate", "cardSentence", "progress", "notesOverlay", "stepEntry", "nextStep",
            "presenterNotes", "elapsed"} <= set(checked)


def _font_px(label) -> int:
    """The pixel size of the font Qt really matched for the label."""
    return QFontInfo(label.font()).pixelSize()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_titles_are_a_twentieth_and_all_text_a_fortieth_of_the_height(window, qtbot, size):
    controller = start(qtbot, window, size=size)
    audience = controller.audience
    qtbot.waitUntil(lambda: audience.size().toTuple() == size)
    height = size[1]
    for _ in range(12):  # the smallest text the presenter can choose still meets the fractions
        qtbot.keyClick(audience, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert audience.scale == PROJECTOR.min_scale
    labels = visible_labels(audience)
    assert audience.card.title_label in labels
    assert _font_px(audience.card.title_label) >= height / 20
    for label in labels:
        assert _font_px(label) >= height / 40, label.objectName()
        assert label.fontMetrics().height() >= height / 40, label.objectName()
    assert QFontInfo(audience.strip.label_font).pixelSize() >= height / 40, "timeline tick labels"


def test_ctrl_plus_and_minus_scale_the_text_live(window, qtbot):
    controller = start(qtbot, window)
    title = controller.audience.card.title_label
    before = _font_px(title)
    qtbot.keyClick(controller.audience, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = _font_px(title)
    assert bigger > before
    qtbot.keyClick(controller.audience, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(controller.audience, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert _font_px(title) < before
    qtbot.keyClick(controller.audience, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert _font_px(title) == before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_card_of_the_bundled_stories_is_cut_off(window, qtbot, size):
    for story in STORIES:
        controller = start(qtbot, window, story, size=size)
        audience = controller.audience
        qtbot.waitUntil(lambda a=audience: a.size().toTuple() == size)
        for number in range(controller.state.count):
            card = audience.card
            assert audience.fits, f"{story} step {number + 1} does not fit"
            assert card.height() >= card.required_height(card.width()), f"{story} step {number + 1}"
            assert audience.strip.geometry().bottom() <= audience.height()
            qtbot.keyClick(audience, Qt.Key.Key_PageDown)
        controller.stop()


def _grey_mark(kind_code: int, size: int = 40) -> QImage:
    image = QImage(size + 8, size + 8, QImage.Format.Format_RGB32)
    image.fill(QColor(PROJECTOR.background))
    painter = QPainter(image)
    paint_kind_mark(painter, PROJECTOR, KIND_ORDER[kind_code], QPointF(image.width() / 2, image.height() / 2), size)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _difference(a: QImage, b: QImage) -> float:
    """Share of pixels whose grey level differs by more than a projector's washed-out step (48 of 255)."""
    differing = sum(abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value()) > 48
                    for x in range(a.width()) for y in range(a.height()))
    return differing / (a.width() * a.height())


def test_every_kind_stays_distinguishable_in_greyscale():
    marks = [_grey_mark(code) for code in range(len(KIND_ORDER))]
    for (i, a), (j, b) in itertools.combinations(enumerate(marks), 2):
        assert _difference(a, b) > 0.05, f"{KIND_ORDER[i].value} and {KIND_ORDER[j].value} look alike in grey"
