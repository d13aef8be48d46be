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


def test_the_installed_command_validates_the_bundled_dataset_from_another_folder(tmp_path):
    """What a user runs after `pip install .`: the entry point next to this interpreter, started in an
    unrelated folder, finds the installed bundled dataset and reports it clean."""
    import subprocess
    import sys
    from pathlib import Path

    command = Path(sys.executable).with_name("timeline-app")
    assert command.exists(), "the timeline-app entry point is not installed"
    ask = "from timeline_app.paths import bundled_dataset_path as p; print(p())"
    where = subprocess.run([sys.executable, "-c", ask], cwd=tmp_path, capture_output=True, text=True,
                           check=True).stdout.strip()
    done = subprocess.run([str(command), "validate", where], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "0 error(s), 0 warning(s)" in done.stderr
