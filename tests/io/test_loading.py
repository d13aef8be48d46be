"""parse_dataset and load_dataset called directly: what is valid is kept, every problem is placed (line,
column, pointer) and worded plainly, nothing crashes and nothing is written.

Expected positions are found by searching the test's own text (``_at``), independently of the loader.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.io import (
    LoadResult,
    Problem,
    UnreadableFileError,
    json_positions,
    load_dataset,
    loading,
    parse_dataset,
)
from timeline_app.io.loading import read_dataset_bytes
from timeline_app.model.findings import Severity
from timeline_app.model.validation import validate_document

VALID = Path(__file__).resolve().parent.parent / "data" / "valid"
JARGON = ("Input should", "dataclass", "NoneType", "pydantic", "type=", "_type", "_parsing", "Traceback", "repr")

HEAD = '{\n  "format": "accountability-timeline",\n  "format_version": 1,\n  "title": "Test",\n'
SOURCES = ('  "sources": [\n    {"id": "hrw-report", "title": "Human Rights Watch report", "author": "HRW", '
           '"kind": "report"}\n  ],\n')


def _event(event_id: str, date: str = "2013-08-21", extra: str = "") -> str:
    return (f'    {{"id": "{event_id}", "date": "{date}", "kind": "attack", "title": "Event {event_id}",{extra} '
            '"citations": [{"source": "hrw-report"}]}')


def _dataset(*events: str, stories: str = "") -> str:
    text = HEAD + SOURCES + '  "events": [\n' + ",\n".join(events) + "\n  ]"
    return text + (",\n" + stories if stories else "") + "\n}\n"


def _at(text: str, needle: str, start: str = "") -> tuple[int, int]:
    """1-based line and column (in characters) of ``needle``, searched after ``start``."""
    offset = text.index(needle, text.index(start) if start else 0)
    before = text[:offset].split("\n")
    return len(before), len(before[-1]) + 1


def _parse(text: str, **options) -> LoadResult:
    return parse_dataset(text.encode("utf-8"), file="test.json", **options)


def _summary(result: LoadResult) -> list[tuple[str, int, int, str]]:
    return [(p.pointer, p.line, p.column, p.severity.value) for p in result.problems]


# --- what is valid is kept ---------------------------------------------------------------------------


def test_the_valid_example_loads_whole_and_clean() -> None:
    result = load_dataset(VALID / "minimal.json")
    assert result.problems == ()
    assert result.dataset is not None
    assert [e.id for e in result.dataset.events] == ["ghouta-attack-2013", "un-mission-2013"]
    assert result.dataset.sources[0].local_copy is not None  # present and matching its checksum
    assert [s.event for s in result.dataset.stories[0].steps] == ["ghouta-attack-2013", "un-mission-2013"]


def test_one_bad_event_leaves_the_others_in_place() -> None:
    text = _dataset(_event("first"), _event("second", date="2018-13-01"), _event("third"))
    result = _parse(text)
    assert [e.id for e in result.dataset.events] == ["first", "third"]
    assert _summary(result) == [
        ("/events/1", *_at(text, '{"id": "second"'), "error"),
        ("/events/1/date", *_at(text, '"2018-13-01"'), "error"),
    ]
    assert "left out" in result.problems[0].message
    assert "no month 13" in result.problems[1].message


def test_a_bad_optional_field_drops_only_that_field() -> None:
    text = _dataset(_event("first", extra=' "importance": "high", "summary": "kept",'))
    result = _parse(text)
    (event,) = result.dataset.events
    assert (event.importance, event.summary) == (3, "kept")  # the default replaces the bad value
    assert _summary(result) == [("/events/0/importance", *_at(text, '"high"'), "error")]
    assert result.problems[0].message == "'importance' must be a whole number, not text"


def test_a_reference_to_an_item_left_out_says_why_it_is_missing() -> None:
    story = ('  "stories": [\n    {"id": "s", "title": "S", "steps": [{"event": "first"}, {"event": "second"}]}\n'
             "  ]")
    text = _dataset(_event("first"), _event("second", date="2017-02-30"), stories=story)
    result = _parse(text)
    last = result.problems[-1]
    assert (last.pointer, (last.line, last.column)) == ("/stories/0/steps/1/event",
                                                        _at(text, '"second"', '"steps"'))
    assert "left out because of the problems reported for it" in last.message
    assert [s.event for s in result.dataset.stories[0].steps] == ["first"]


def test_a_story_without_steps_is_left_out_with_an_error_and_origins_stay_aligned() -> None:
    value = json.loads(_dataset(_event("first"), stories=(
        '  "stories": [{"id": "empty", "title": "No steps"}, {"id": "unknown", "title": "U", "steps": '
        '[{"event": "nope"}]}, {"id": "good", "title": "G", "steps": [{"event": "first"}]}]')))
    document = validate_document(value)
    assert [s.id for s in document.dataset.stories] == ["good"]
    assert list(document.origins["stories"]) == [2]  # the index in the file of each kept story
    messages = [(f.path, f.severity) for f in document.findings]
    assert (("stories", 0, "steps"), Severity.ERROR) in messages
    assert (("stories", 1), Severity.ERROR) in messages


def test_an_empty_list_of_steps_is_reported_once() -> None:
    text = _dataset(_event("a"), stories='  "stories": [{"id": "s", "title": "S", "steps": []}]')
    result = _parse(text)
    assert [(p.pointer, p.message) for p in result.problems] == [
        ("/stories/0", "this story is left out until the problems reported for it are fixed"),
        ("/stories/0/steps", "'steps' is empty: add at least 1 item")]
    assert result.dataset.stories == ()


def test_a_missing_field_that_may_be_null_says_so() -> None:
    attribution = ' "attributions": [{"by": "OPCW", "finding": "sarin was used"}],'
    result = _parse(_dataset(_event("a", extra=attribution)))
    (problem,) = result.problems
    assert problem.pointer == "/events/0/attributions/0/responsible"
    assert problem.message == ("'responsible' is missing; every attribution needs one (write null when there "
                               "is none)")
    assert result.dataset.events[0].attributions == ()  # the attribution is dropped, the event kept


# --- positions and pointers ----------------------------------------------------------------------------


def test_problems_come_in_file_order_whatever_order_they_are_found_in() -> None:
    # Sources come after events here, and cross-checks run after validation: the output is still by position.
    text = (HEAD + '  "events": [\n' + _event("a", extra=' "kind2": 1,') + ",\n" + _event("a") + ",\n"
            + _event("b", date="2017-02-30") + '\n  ],\n  "sources": [\n    {"id": "hrw-report", "title": "T", '
            '"author": "A", "kind": "report", "url": "javascript:void(0)"}\n  ]\n}\n')
    result = _parse(text)
    positions = [(p.line, p.column) for p in result.problems]
    assert positions == sorted(positions)
    assert [p.pointer for p in result.problems] == [
        "/events/0/kind2", "/events/1/id", "/events/2", "/events/2/date", "/sources/0/url"]
    assert len(set(positions)) == len(positions)


def test_columns_count_characters_on_a_line_with_arabic_text() -> None:
    place = ' "place": {"name": "Eastern Ghouta", "name_local": "الغوطة الشرقية", "latitude": 133.5},'
    text = _dataset(_event("a", extra=place))
    (problem,) = _parse(text).problems
    line_text = text.split("\n")[problem.line - 1]
    assert problem.pointer == "/events/0/place/latitude"
    assert problem.column == line_text.index("133.5") + 1
    assert problem.column != line_text.encode("utf-8").index(b"133.5") + 1  # bytes would be further right


def test_a_missing_field_points_at_the_object_that_lacks_it() -> None:
    text = _dataset('    {"id": "no-date", "kind": "attack", "title": "T", "citations": [{"source": "hrw-report"}]}')
    result = _parse(text)
    missing = next(p for p in result.problems if p.pointer == "/events/0/date")
    assert (missing.line, missing.column) == _at(text, '{"id": "no-date"')
    assert missing.message == "'date' is missing; every event needs one"


def test_an_unknown_field_points_at_its_name_and_is_only_a_warning() -> None:
    text = _dataset(_event("a", extra=' "sumary": "typo",'))
    result = _parse(text)
    assert _summary(result) == [("/events/0/sumary", *_at(text, '"sumary"'), "warning")]
    assert result.problems[0].message == "unknown field 'sumary' is ignored; did you mean 'summary'?"
    assert [e.id for e in result.dataset.events] == ["a"]  # the event itself is kept
    assert result.errors == () and len(result.warnings) == 1


def test_syntax_and_encoding_problems_carry_the_pointer_of_the_value_around_them() -> None:
    text = HEAD + '  "events": [\n    {"id": "a", "title": "x" "date": "2013"}\n  ]\n}\n'
    (problem,) = _parse(text).problems
    assert (problem.pointer, problem.line, problem.column) == ("/events/0", *_at(text, '"date"'))
    data = ((HEAD + '  "sources": [{"id": "s", "title": "Caf').encode() + b"\xe9 " + "ا".encode()
            + b' M\xe9decins"}]\n}\n')  # two Latin-1 bytes around an Arabic letter in UTF-8
    first, second = [p for p in parse_dataset(data, file="t.json").problems if "UTF-8" in p.message]
    line = data.decode("utf-8", errors="replace").split("\n")[4]
    assert (first.pointer, first.line, first.column) == ("/sources/0/title", 5, line.index("\ufffd") + 1)
    assert (second.pointer, second.column) == ("/sources/0/title", line.rindex("\ufffd") + 1)
    assert second.column - first.column == 5  # " ا M" then the byte: the Arabic letter (2 bytes) is 1 column
    assert "0xE9" in first.message and "UTF-8" in first.message


def test_a_byte_order_mark_is_a_warning_and_the_data_is_read() -> None:
    result = parse_dataset(b"\xef\xbb\xbf" + _dataset(_event("a")).encode(), file="t.json")
    assert [(p.line, p.column, p.severity) for p in result.problems] == [(1, 1, Severity.WARNING)]
    assert [e.id for e in result.dataset.events] == ["a"]


@pytest.mark.parametrize("data", [b"", b"  \n\t ", "{}".encode("utf-16"), b"[1, 2]", b"null", b'"text"'])
def test_files_with_no_dataset_give_one_error_at_the_start_and_no_dataset(data: bytes) -> None:
    result = parse_dataset(data, file="t.json")
    assert result.dataset is None
    assert [(p.line, p.column, p.severity) for p in result.problems] == [(1, 1, Severity.ERROR)]


@pytest.mark.parametrize("version", ["0", "-1", "true", "1.5", '"1"', "null"])
def test_a_format_version_that_does_not_exist_is_an_error_not_a_crash(version: str) -> None:
    text = HEAD.replace('"format_version": 1', f'"format_version": {version}') + '  "events": []\n}\n'
    (problem,) = _parse(text).problems
    assert problem.pointer == "/format_version"
    assert (problem.line, problem.column) == _at(text, version, '"format_version"')
    assert "'format_version'" in problem.message


def test_a_newer_format_version_is_refused_before_anything_else_is_checked() -> None:
    text = HEAD.replace('"format_version": 1', '"format_version": 7') + '  "events": [{"new": "stuff"}]\n}\n'
    result = _parse(text)
    assert result.dataset is None
    assert [p.message for p in result.problems] == [
        "this file uses format version 7, but this version of the app understands versions up to 1: install a "
        "newer version of the app to open it"]


def test_without_citations_a_warning_and_with_require_citations_an_error() -> None:
    text = _dataset(_event("a").replace(' "citations": [{"source": "hrw-report"}]', ' "citations": []'))
    (warning,) = _parse(text).problems
    (error,) = _parse(text, require_citations=True).problems
    assert (warning.severity, error.severity) == (Severity.WARNING, Severity.ERROR)
    assert warning.pointer == error.pointer == "/events/0/citations"
    assert (warning.line, warning.column) == _at(text, "[]")


def test_a_value_nested_a_thousand_levels_deep_is_reported_not_a_crash() -> None:
    deep = "[" * 1000 + "]" * 1000  # within the parser's limit; repr() of it would exceed Python's
    text = _dataset(_event("a").replace('"kind": "attack"', f'"kind": {deep}'), _event("b"))

    def from_deep_in_the_stack(levels: int) -> LoadResult:  # so Python's recursion limit is surely reached
        return from_deep_in_the_stack(levels - 1) if levels else _parse(text)

    for result in (_parse(text), from_deep_in_the_stack(300)):
        assert [e.id for e in result.dataset.events] == ["b"]
        assert [p.pointer for p in result.problems] == ["/events/0", "/events/0/kind"]
        assert result.problems[1].message.endswith("not a list [...]")


# --- local copies --------------------------------------------------------------------------------------


def _with_local_copy(folder: Path, path: str, sha256: str) -> LoadResult:
    source = {"id": "s", "title": "T", "author": "A", "kind": "report", "local_copy": {"path": path, "sha256": sha256}}
    dataset = {"format": "accountability-timeline", "format_version": 1, "title": "T", "sources": [source]}
    file = folder / "dataset.json"
    file.write_text(json.dumps(dataset, indent=2), encoding="utf-8")
    return load_dataset(file)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / "report.txt").write_bytes(b"the report\n")
    return tmp_path


REPORT_SHA = hashlib.sha256(b"the report\n").hexdigest()


def test_a_matching_local_copy_is_kept_and_a_changed_one_is_dropped(folder: Path) -> None:
    good = _with_local_copy(folder, "copies/report.txt", REPORT_SHA)
    assert good.problems == () and good.dataset.sources[0].local_copy is not None
    bad = _with_local_copy(folder, "copies/report.txt", "0" * 64)
    (problem,) = bad.problems
    assert problem.pointer == "/sources/0/local_copy/sha256"
    assert REPORT_SHA in problem.message  # the new checksum, to record if the change was meant
    assert bad.dataset.sources[0].local_copy is None  # the source stays, without the copy


def test_a_local_copy_path_with_backslashes_works_on_every_system(folder: Path) -> None:
    assert _with_local_copy(folder, "copies\\report.txt", REPORT_SHA).problems == ()


@pytest.mark.parametrize("path", ["../secret.txt", "/etc/passwd", "copies/../../secret.txt", "..\\secret.txt",
                                  "C:secret.txt", "C:\\secret.txt", "\\\\server\\share\\secret.txt"])
def test_a_local_copy_outside_the_folder_is_refused(folder: Path, path: str) -> None:
    (folder.parent / "secret.txt").write_text("secret")
    (problem,) = _with_local_copy(folder, path, "0" * 64).problems
    assert problem.pointer == "/sources/0/local_copy/path"
    assert "outside the dataset's folder" in problem.message


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege on Windows")
def test_local_copies_that_are_links_loops_folders_or_odd_names_are_errors_not_crashes(folder: Path) -> None:
    (folder.parent / "outside.txt").write_bytes(b"the report\n")
    (folder / "copies" / "link.txt").symlink_to(folder.parent / "outside.txt")
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    cases = {
        "copies/link.txt": "is a link that leads outside the dataset's folder",
        "loop-a": "cannot be opened",
        "copies": "is a folder",
        "copies/missing.txt": "was not found",
        "copies/a\x00b.txt": "cannot be opened",
        "x" * 300: "cannot be read",  # longer than a file name may be
    }
    for path, words in cases.items():
        (problem,) = _with_local_copy(folder, path, REPORT_SHA).problems
        assert words in problem.message, (path, problem.message)
        assert "\n" not in problem.format()


# --- reading -------------------------------------------------------------------------------------------


def test_files_that_cannot_be_read_raise_unreadable_file_error_with_a_plain_reason(tmp_path) -> None:
    with pytest.raises(UnreadableFileError) as missing:
        load_dataset(tmp_path / "missing.json")
    assert missing.value.reason == "no such file"
    with pytest.raises(UnreadableFileError) as folder:
        load_dataset(tmp_path)
    assert folder.value.reason == "this is a folder, not a dataset file"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2_000_001)
    with pytest.raises(UnreadableFileError, match="larger than the limit of 2 MB"):
        read_dataset_bytes(big, max_bytes=2_000_000)


def test_loading_writes_nothing(tmp_path) -> None:
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / "report.txt").write_bytes(b"the report\n")
    _with_local_copy(tmp_path, "copies/report.txt", "0" * 64)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}
    load_dataset(tmp_path / "dataset.json")
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_a_clean_file_never_computes_positions(monkeypatch) -> None:
    # The fast path: no decoded text, no line index, no walk over the text when there is nothing to report.
    def refuse(*_args, **_kwargs):
        raise AssertionError("positions computed for a clean file")

    monkeypatch.setattr(loading, "locate", refuse)
    monkeypatch.setattr(json_positions.LineIndex, "__init__", refuse)
    result = load_dataset(VALID / "minimal.json")
    assert result.problems == ()


# --- never a crash, always plain words -------------------------------------------------------------------

_MINIMAL = (VALID / "minimal.json").read_bytes()
_NOISE = st.binary(max_size=6) | st.sampled_from([b'"', b",", b"{", b"}", b"[", b"]", b":", b"\\", b"\xff",
                                                  b"\xd8", b"NaN", b"null", b'"x"', b"1e999", b"\xef\xbb\xbf"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_file_never_raises_and_every_problem_is_well_formed(data) -> None:
    damaged = bytearray(_MINIMAL)
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(damaged)))
        end = data.draw(st.integers(start, min(len(damaged), start + 12)))
        damaged[start:end] = data.draw(_NOISE)
    result = parse_dataset(bytes(damaged), file="f.json", base_dir=VALID)
    lines = bytes(damaged).count(b"\n") + 1
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert 1 <= problem.line <= lines and problem.column >= 1
        assert problem.pointer == "" or problem.pointer.startswith("/")
        line = problem.format()
        assert "\n" not in line and line.startswith(f"f.json:{problem.line}:{problem.column}: ")
        assert not any(word in problem.message for word in JARGON), problem.message
    positions = [(p.line, p.column) for p in result.problems]
    assert positions == sorted(positions)


_WRONG_VALUES = [5, 4.5, "", "2013", True, None, [], {}, [1], {"a": 1}, -1, 10**6, "x" * 700]


def _leaf_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaf_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaf_paths(child, (*path, index))


def test_every_wrong_value_in_every_field_gets_a_plain_one_line_message() -> None:
    base = json.loads(_MINIMAL)
    base["events"][0]["vote"] = {"body": "UNSC", "yes": 1, "no": 2, "abstain": 0, "adopted": False,
                                 "vetoed_by": ["x"]}
    base["events"][0]["attributions"] = [{"by": "OPCW", "responsible": "X", "finding": "f", "date": "2014",
                                          "source": "un-sellstrom-report-2013"}]
    checked = 0
    for path in list(_leaf_paths(base))[1:]:
        for wrong in _WRONG_VALUES:
            document = json.loads(json.dumps(base))
            node = document
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = wrong
            for finding in validate_document(document).findings:
                checked += 1
                assert "\n" not in finding.message
                assert not any(word in finding.message for word in JARGON), (path, wrong, finding.message)
                assert len(finding.message) < 400, finding.message
    assert checked > 1000


def test_problem_lines_are_the_format_the_cli_prints() -> None:
    problem = Problem(os.path.join("d", "f.json"), 3, 7, "/title", Severity.WARNING, "a\nb  c\x1b[2J")
    assert problem.format() == f"{os.path.join('d', 'f.json')}:3:7: warning: a b c\\x1b[2J"
