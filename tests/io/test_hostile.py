"""Broken and hostile files: one plain message for each thing wrong, saying what and where; no traceback, no
hang, and never a partial dataset passed off as whole (LoadResult.left_out says what was left out).

The corpus is tests/data/hostile/: ``<case>.json`` or ``<case>.bin`` with ``<case>.expected``, in the format of
tests/data/invalid/ (see test_validate_cli.py): a description, ``# exit:``, then the exact lines of
``timeline-app validate``, ``{file}`` standing for the file. Two more headers: ``# left-out: events 2`` (or
``none``) and ``# dataset: 2 events`` (or ``none`` when nothing could be read).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import typing
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline_app.io import MAX_FILE_BYTES, UnreadableFileError, iter_load_dataset, load_dataset, parse_dataset
from timeline_app.io.excerpt import source_excerpt
from timeline_app.io.text_checks import TEXT_FIELDS, clean_text
from timeline_app.model import Dataset

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
REPO_ROOT = HOSTILE.parent.parent.parent


@dataclass(frozen=True)
class Case:
    file: Path
    exit: int
    left_out: dict[str, int]
    events: int | None
    lines: tuple[str, ...]


def _cases() -> list[Case]:
    cases = []
    for sidecar in sorted(HOSTILE.glob("*.expected")):
        (file,) = [p for p in (sidecar.with_suffix(".json"), sidecar.with_suffix(".bin")) if p.exists()]
        headers, lines = {}, []
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                key, _, value = line[1:].strip().partition(":")
                headers[key] = value.strip()
            elif line:
                lines.append(line)
        left_out = {} if headers["left-out"] == "none" else {
            name: int(count) for name, count in (part.split() for part in headers["left-out"].split(","))}
        events = None if headers["dataset"] == "none" else int(headers["dataset"].split()[0])
        cases.append(Case(file, int(headers["exit"]), left_out, events, tuple(lines)))
    return cases


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[c.file.stem for c in CASES])
def test_each_hostile_file_gets_exactly_its_messages(case: Case) -> None:
    result = load_dataset(case.file)
    assert [p.format().replace(str(case.file), "{file}", 1) for p in result.problems] == list(case.lines)
    assert (1 if result.errors else 0) == case.exit
    assert result.left_out == case.left_out
    assert (None if result.dataset is None else len(result.dataset.events)) == case.events
    for problem in result.problems:  # one line of visible text, whatever the file holds
        assert problem.message.isprintable(), problem.message


def test_the_validate_command_reads_the_whole_corpus_without_a_traceback() -> None:
    files = [str(case.file.relative_to(HOSTILE)) for case in CASES]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "timeline_app", "validate", *files], cwd=HOSTILE, env=env,
                          capture_output=True, timeout=300)
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert done.returncode == 1
    expected = [line.replace("{file}", str(case.file.relative_to(HOSTILE)), 1) for case in CASES for line in case.lines]
    assert stdout.splitlines() == expected


def test_hidden_characters_are_gone_from_the_dataset_and_markup_stays_literal() -> None:
    bidi = load_dataset(HOSTILE / "bidi_overrides.json").dataset
    assert bidi.events[0].title == "Report fdp.exe"
    assert bidi.events[0].actors == ("Syrian government",)
    assert bidi.events[1].title == "Kept \u2068isolate\u2069 is fine"  # an isolate closed within the text stays
    controls = load_dataset(HOSTILE / "control_characters.json").dataset
    assert controls.title == "Terminal \ufffd[31mred\ufffd[0m title"
    assert controls.events[0].place.name == "Ghouta" + "\ufffd" * 6 + "Paris"
    html = load_dataset(HOSTILE / "html_in_text.json").dataset
    assert html.events[0].summary.startswith('<b>summary</b><img src=x onerror=alert(1)><a href="javascript:')


def test_addresses_that_are_not_web_addresses_are_dropped_but_their_sources_kept() -> None:
    result = load_dataset(HOSTILE / "urls_not_web.json")
    assert [(s.id, s.url, s.archived_url) for s in result.dataset.sources] == [
        ("hrw-report", None, None), ("opcw-report", None, None), ("un-report", None, None)]
    assert result.left_out == {}


def test_a_file_over_the_limit_is_refused_before_a_byte_is_read(tmp_path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: 1.1 GB on paper, nothing on disk
        handle.truncate(1_100 * 1024 * 1024)
    steps = iter_load_dataset(huge)
    with pytest.raises(UnreadableFileError) as refused:
        next(steps)  # the first step already refuses: no chunk was read
    assert refused.value.reason.startswith("the file is 1,100 MB, larger than the limit of 300 MB for a dataset")
    assert MAX_FILE_BYTES == 300 * 1024 * 1024


def test_a_million_events_in_a_file_over_the_limit_are_refused_with_the_size(tmp_path) -> None:
    # A realistic million-event dataset is about 1.1 GB (benchmarks/generate.py writes ~1,100 bytes an event).
    path = tmp_path / "million.json"
    with path.open("wb") as handle:
        handle.write(b'{"format": "accountability-timeline", "format_version": 1, "title": "T", "events": [')
        handle.truncate(1_000_000 * 1_100)
    with pytest.raises(UnreadableFileError, match=r"the file is 1,049 MB, larger than the limit of 300 MB"):
        load_dataset(path)


def test_an_enormous_text_and_many_repeated_ids_give_short_messages_and_no_hang() -> None:
    events = [{"id": "same", "date": "2013", "kind": "attack", "title": "x" * 2_000_000}]
    events += [{"id": "same", "date": "2013", "kind": "attack", "title": f"t{i}"} for i in range(3_000)]
    data = json.dumps({"format": "accountability-timeline", "format_version": 1, "title": "T",
                       "events": events}).encode()
    result = parse_dataset(data, file="t.json")
    assert [e.title for e in result.dataset.events] == ["t0"]  # the long title's event is left out
    assert result.left_out == {"events": 3_000}
    assert max(len(p.message) for p in result.problems) < 400
    assert "is too long (2000000 characters; at most 500)" in result.problems[1].message


def test_cleaning_covers_every_free_text_field_of_the_schema() -> None:
    not_text = {"id", "format", "schema_url", "language", "url", "archived_url", "path", "sha256", "source", "event"}
    found = set()
    for cls in _dataclasses(Dataset):
        for name, info in cls.__pydantic_fields__.items():
            if _holds_text(info.annotation):
                found.add(name)
    assert found - not_text == TEXT_FIELDS


def test_clean_text_replaces_controls_and_removes_stray_direction_controls() -> None:
    assert clean_text("a\x1b[0mb\x00") == "a\ufffd[0mb\ufffd"
    assert clean_text("x\u202ey\u202c") == "xy"
    assert clean_text("open \u2067isolate\nnext") == "open isolate\nnext"  # open at the line's end: dropped
    assert clean_text("\u2069closed without opening") == "closed without opening"
    assert clean_text("tab\tand\nline") == "tab\tand\nline"


def _dataclasses(root: type) -> list[type]:
    seen, stack = [], [root]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for info in cls.__pydantic_fields__.values():
            stack += [t for t in _types_in(info.annotation) if hasattr(t, "__pydantic_fields__")]
    return seen


def _types_in(annotation) -> list:
    args = typing.get_args(annotation)
    return [annotation] if not args else [t for arg in args for t in _types_in(arg)]


def _holds_text(annotation) -> bool:
    return any(t is str for t in _types_in(annotation))


def test_the_excerpt_of_a_huge_one_line_file_reads_little_and_hides_nothing(tmp_path) -> None:
    huge = tmp_path / "one-line.json"
    with huge.open("wb") as handle:  # 50 MB of NUL bytes and no line end (sparse: nothing on disk)
        handle.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        (only,) = source_excerpt(huge, 1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert only == (1, "\ufffd" * 400) and peak < 2 * 1024 * 1024
    shown = tmp_path / "shown.json"
    shown.write_text('{\n  "title": "Report \u202efdp.exe\x1b[0m",\n}\n', encoding="utf-8")
    line = source_excerpt(shown, 2)[1][1]
    assert line == '  "title": "Report \ufffdfdp.exe\ufffd[0m",'  # one for one: the caret's column still fits


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_the_excerpt_of_a_pipe_is_empty_at_once(tmp_path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    assert source_excerpt(pipe, 1) == []  # no writer: reading would wait for ever
