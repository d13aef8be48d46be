"""The projector theme: colours chosen for washed-out projectors, text sizes as fractions of the screen height,
and the WCAG 2.x contrast arithmetic that proves every text colour pair reaches 7:1 (level AAA).

No Qt here: colours are "#rrggbb" strings; widgets turn them into QColor/QPalette."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AAA_CONTRAST", "GRAPHIC_CONTRAST", "PROJECTOR", "ProjectorTheme", "contrast_ratio", "relative_luminance"]

AAA_CONTRAST = 7.0
"""WCAG 2.x success criterion 1.4.6 (Contrast, Enhanced): text needs 7:1 against its background."""
GRAPHIC_CONTRAST = 3.0
"""WCAG 2.x success criterion 1.4.11: shapes that carry meaning need 3:1 against what is next to them."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"colour {colour!r} is not #rrggbb")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    r, g, b = (_channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21; symmetric."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class ProjectorTheme:
    """Colours and text sizes of the presentation. Sizes are fractions of the presentation window's height
    (the screen's height in full screen); ``scale`` multiplies them and stays within [min_scale, max_scale],
    where min_scale keeps titles at 1/20 and all text at 1/40 of the height."""

    background: str = "#FCFCFA"
    text: str = "#111111"
    secondary: str = "#2E2E2E"
    accent: str = "#0A3A7A"
    overlay_background: str = "#111111"
    overlay_text: str = "#FFFFFF"
    presenter_background: str = "#161616"
    presenter_text: str = "#F2F2F2"
    presenter_secondary: str = "#D0D0D0"
    mark_outline: str = "#111111"
    context_mark: str = "#6B6B6B"
    black: str = "#000000"
    white: str = "#FFFFFF"
    title_fraction: float = 1 / 18
    body_fraction: float = 1 / 36
    min_scale: float = 0.9
    max_scale: float = 1.6
    scale_step: float = 0.1

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (text colour, background colour) the presentation uses for text, by role."""
        return {
            "title": (self.text, self.background),
            "summary": (self.text, self.background),
            "quote": (self.text, self.background),
            "date": (self.secondary, self.background),
            "attribution": (self.secondary, self.background),
            "progress": (self.secondary, self.background),
            "story": (self.secondary, self.background),
            "timeline ticks": (self.secondary, self.background),
            "notes overlay": (self.overlay_text, self.overlay_background),
            "step entry": (self.overlay_text, self.overlay_background),
            "presenter text": (self.presenter_text, self.presenter_background),
            "presenter secondary": (self.presenter_secondary, self.presenter_background),
        }

    def graphic_pairs(self) -> dict[str, tuple[str, str]]:
        """Shapes that carry meaning against their background (WCAG 3:1 for graphics)."""
        return {
            "mark outline": (self.mark_outline, self.background),
            "context marks": (self.context_mark, self.background),
            "progress bar": (self.accent, self.background),
        }

    def clamp_scale(self, scale: float) -> float:
        return round(min(self.max_scale, max(self.min_scale, scale)), 3)

    def title_px(self, height: float, scale: float) -> int:
        """Title font size in pixels: never below 1/20 of ``height``."""
        return max(_ceil_div(height, 20), round(height * self.title_fraction * self.clamp_scale(scale)))

    def body_px(self, height: float, scale: float) -> int:
        """Size of all other text in pixels: never below 1/40 of ``height``."""
        return max(_ceil_div(height, 40), round(height * self.body_fraction * self.clamp_scale(scale)))


def _ceil_div(height: float, parts: int) -> int:
    return -int(-height // parts)


PROJECTOR = ProjectorTheme()
