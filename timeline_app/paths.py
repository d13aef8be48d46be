"""Where the bundled dataset and resources are: inside the installed package, or in a source checkout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BUNDLED_DATASET_NAME = "accountability-timeline.json"
_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def _package_dir(package: str, checkout_folder: str) -> Path:
    # After `pip install .` data/ and resources/ are installed as timeline_app.bundled_data and
    # timeline_app.bundled_resources (see pyproject.toml); in a plain checkout they sit beside the package.
    # They are namespace packages (no __init__.py), for which importlib.resources.files() gives a
    # MultiplexedPath whose str() is not a path: ask the import system for the folder instead.
    try:
        spec = importlib.util.find_spec(package)
    except ModuleNotFoundError:
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location, ".").is_dir():
            return Path(location)
    return _CHECKOUT_ROOT / checkout_folder


def data_dir() -> Path:
    return _package_dir("timeline_app.bundled_data", "data")


def resources_dir() -> Path:
    return _package_dir("timeline_app.bundled_resources", "resources")


def bundled_dataset_path() -> Path:
    return data_dir() / BUNDLED_DATASET_NAME


def is_bundled_dataset(path: str | Path) -> bool:
    try:
        return Path(path).resolve() == bundled_dataset_path().resolve()
    except OSError:
        return False
