"""The README's commands, the documented example and the published schema stay true."""

from __future__ import annotations

import json
import re

from repo_paths import REPO_ROOT

from timeline_app.io import parse_dataset
from timeline_app.model.json_schema import dataset_json_schema_text


def _shell_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", markdown, re.S)]


def test_ci_runs_the_readme_test_command_exactly():
    install_and_run, install_and_test = _shell_blocks((REPO_ROOT / "README.md").read_text())[:2]
    assert "timeline-app" in install_and_run
    assert "pytest" in install_and_test
    ci_lines = [line.strip() for line in (REPO_ROOT / ".ci" / "run").read_text().splitlines()]
    assert install_and_test in ci_lines


def test_the_documented_example_is_a_clean_dataset():
    text = (REPO_ROOT / "docs" / "dataset-format.md").read_text()
    example = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    result = parse_dataset(example.encode(), file="example.json")
    assert result.problems == ()
    assert [e.id for e in result.dataset.events] == ["veto-icc-referral-2014", "kerry-lavrov-talks-2013"]


def test_the_published_schema_file_is_current():
    published = (REPO_ROOT / "data" / "accountability-timeline.schema.json").read_text(encoding="utf-8")
    assert published.strip() == dataset_json_schema_text().strip(), (
        "data/accountability-timeline.schema.json is stale: run "
        "`timeline-app schema > data/accountability-timeline.schema.json`"
    )
    assert json.loads(published)["properties"]["format"]["pattern"] == "^accountability-timeline$"
