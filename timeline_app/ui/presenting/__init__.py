"""Presenting: a story (or the filtered events) full screen for a class, with clicker keys, a projector
theme, a presenter view on a second screen, the Stories panel, exports and handouts."""

from .install import PresentingTools, install_presenting

__all__ = ["PresentingTools", "install_presenting"]
