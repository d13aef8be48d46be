"""docs/robustness.md's table of inputs and faults stays true: every row names tests or corpus files, and
every test, file and test function it names exists (so a renamed or deleted test shows here)."""

from __future__ import annotations

import re

from repo_paths import REPO_ROOT

TESTS = REPO_ROOT / "tests"
DATA = TESTS / "data"
DOC = REPO_ROOT / "docs" / "robustness.md"


def _rows() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## Inputs and faults tried", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 3 and cells[0] not in ("Input or fault", "---|---|---") and not set(cells[0]) <= {"-"}:
            rows.append((cells[0], cells[2]))
    return rows


def _test_functions() -> set[str]:
    return {name for path in TESTS.rglob("test_*.py")
            for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)}


def _resolves(name: str, functions: set[str]) -> bool:
    file, _, function = name.partition("::")
    if function and function not in functions:
        return False
    if file.startswith("test_") and not file.endswith(".py"):
        return file in functions
    if "/" in file:
        return any((base / file).exists() for base in (REPO_ROOT, DATA))
    return any(TESTS.rglob(file))


def test_every_row_names_tests_that_exist() -> None:
    rows = _rows()
    assert len(rows) >= 30
    functions = _test_functions()
    for what, shown_by in rows:
        names = re.findall(r"`([^`]+)`", shown_by)
        assert names, f"no test named for: {what}"
        missing = [name for name in names if not _resolves(name, functions)]
        assert not missing, f"{what}: {missing} not found"
