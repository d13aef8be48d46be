"""Where the repository and the shared project material are, for tests (importable: tests/ is on the path)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
