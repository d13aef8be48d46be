"""Accountability Timeline: an offline, zoomable timeline of accountability for crimes in the Syrian conflict."""

__version__ = "0.1.0"
