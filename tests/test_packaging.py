"""Packaging: every subpackage is listed in pyproject.toml, and the bundled data and resources are found."""

from __future__ import annotations

import tomllib

from repo_paths import REPO_ROOT

from timeline_app.paths import bundled_dataset_path, resources_dir


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(REPO_ROOT).parts)
        for path in (REPO_ROOT / "timeline_app").rglob("__init__.py")
    }
    assert found - listed == set()


def test_bundled_dataset_and_resources_are_found():
    assert bundled_dataset_path().is_file()
    assert resources_dir().is_dir()
