"""The layer rules of docs/architecture.md, checked: model, io, core and cli never pull in Qt, and UI code
never parses JSON."""

from __future__ import annotations

import ast
import subprocess
import sys

from repo_paths import REPO_ROOT

_QT_FREE = ["timeline_app.model", "timeline_app.io", "timeline_app.core", "timeline_app.cli",
            "timeline_app.paths"]


def test_model_io_core_and_cli_never_import_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {_QT_FREE!r}: importlib.import_module(name)\n"
        "from timeline_app.cli import main\n"
        "main(['schema'])\n"
        "bad = [m for m in ('PySide6', 'pyqtgraph', 'shiboken6') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_ui_code_never_parses_json():
    offenders = []
    for path in (REPO_ROOT / "timeline_app" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("json", "orjson")]
    assert offenders == []


def test_model_layer_has_no_file_access():
    offenders = []
    for path in (REPO_ROOT / "timeline_app" / "model").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {word}" for word in ("open(", "read_bytes", "read_text", "orjson")
                      if word in source]
    assert offenders == []
