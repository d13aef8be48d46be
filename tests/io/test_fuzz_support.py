"""What the fuzz tests share (no tests here): Hypothesis strategies for valid datasets and for damage to them,
and ``check``, the invariants every input must keep, whatever its bytes.

Invariants, for any bytes:
- loading never raises; every problem is one line of visible text at a real line and column, with a JSON
  pointer, in plain words (no pydantic or Python jargon), and problems come in file order;
- the batched path (io.batches) and the whole-document path give the same result: same problems, same
  dataset, same count of items left out;
- what is kept is valid: the dataset saved and loaded again has no error and is equal;
- nothing is passed off as whole: ``left_out`` counts exactly the items of the file missing from the dataset.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from unittest import mock

import orjson
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from timeline_app.io import LoadResult, batches, loading, parse_dataset
from timeline_app.io.batches import NotBatchable
from timeline_app.io.saving import dataset_to_bytes

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "0")) or None
"""Set TIMELINE_FUZZ_EXAMPLES to fuzz longer than CI does (e.g. 20000)."""


def fuzz_settings(examples: int):
    """CI-sized: bounded time, no example database (each run starts afresh), not derandomised (each run tries
    new inputs; whatever fails is kept in tests/data/fuzz-regressions/ and replayed for ever)."""
    return settings(max_examples=EXAMPLES or examples, deadline=None, database=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


JARGON = ("Input should", "dataclass", "NoneType", "pydantic", "type=", "_type", "_parsing", "Traceback", "repr(",
          "JSONDecodeError", "Error:")


def check(data: bytes, batch_bytes: int | None = None) -> LoadResult:
    """Load ``data`` both ways and check every invariant; the result."""
    with ExitStack() as stack:
        if batch_bytes is not None:
            stack.enter_context(mock.patch.object(batches, "BATCH_BYTES", batch_bytes))
        result = parse_dataset(data, file="f.json")
    whole = _whole_document(data)
    assert (result.problems, result.left_out) == (whole.problems, whole.left_out)
    assert result.dataset == whole.dataset
    lines = data.count(b"\n") + 1
    for problem in result.problems:
        assert 1 <= problem.line <= lines and problem.column >= 1, problem
        assert problem.pointer == "" or problem.pointer.startswith("/")
        assert problem.message.isprintable(), problem.message
        assert not any(word in problem.message for word in JARGON), problem.message
        assert problem.format().startswith(f"f.json:{problem.line}:{problem.column}: ")
    positions = [(p.line, p.column) for p in result.problems]
    assert positions == sorted(positions)
    if result.dataset is not None:
        saved = dataset_to_bytes(result.dataset)
        again = parse_dataset(saved, file="saved.json")
        assert again.errors == (), again.errors
        assert again.dataset == result.dataset
        _check_left_out(data, result)
    return result


def _whole_document(data: bytes) -> LoadResult:
    def refuse(*_args, **_kwargs):
        raise NotBatchable
        yield  # a generator, like the real one

    with mock.patch.object(loading, "iter_validate", refuse):
        return parse_dataset(data, file="f.json")


def _check_left_out(data: bytes, result: LoadResult) -> None:
    try:
        value = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return  # read by the careful path after a warning (such as bytes that are not UTF-8)
    for name in ("events", "sources", "stories"):
        in_file = len(value[name]) if isinstance(value, dict) and isinstance(value.get(name), list) else 0
        kept = len(getattr(result.dataset, name))
        assert result.left_out.get(name, 0) == in_file - kept, (name, in_file, kept)


# --- strategies ------------------------------------------------------------------------------------------

# Letters of several scripts, and the characters hostile text is made of: controls, direction controls,
# zero-width characters, markup.
_ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc", "Cf", "Mn"),
                          include_characters="<>&\"'\u202e\u202a\u2066\u2069\u200b\ufeff\x00\x1b\u0645")
TEXT = st.text(_ALPHABET, min_size=1, max_size=30)
IDS = st.sampled_from(["ghouta-2013", "khan-shaykhun-2017", "douma-2018", "a", "b-1", "c-2-3"])
SOURCE_IDS = st.sampled_from(["hrw", "opcw-ffs", "un-coi"])
DATES = st.sampled_from(["2013-08-21", "2018-04", "2013~", "2016?", "201X", "2017-03-24/2017-03-30",
                         "2016-12-21/..", "2016-12-21/", "1990", "2025-12-31"])
KINDS = st.sampled_from(["attack", "veto", "resolution", "statement", "legal-action", "other"])
URLS = st.sampled_from(["https://www.opcw.org/ffs", "http://example.org/a?b=c", "https://un.org/x#y"])


def _optional(**fields):
    return st.fixed_dictionaries({}, optional=fields)


CITATIONS = st.fixed_dictionaries({"source": SOURCE_IDS}, optional={
    "quote": TEXT, "locator": TEXT, "context_before": TEXT, "context_after": TEXT})
ATTRIBUTIONS = st.fixed_dictionaries({"by": TEXT, "responsible": st.none() | TEXT, "finding": TEXT}, optional={
    "document": TEXT, "source": SOURCE_IDS, "date": DATES, "note": TEXT})
VOTES = st.fixed_dictionaries({"body": TEXT, "yes": st.integers(0, 15), "no": st.integers(0, 15),
                               "abstain": st.none() | st.integers(0, 15), "adopted": st.booleans()},
                              optional={"vetoed_by": st.lists(TEXT, max_size=2), "note": TEXT})
EVENTS = st.fixed_dictionaries({"id": IDS, "date": DATES, "kind": KINDS, "title": TEXT}, optional={
    "summary": TEXT, "actors": st.lists(TEXT, max_size=3), "tags": st.lists(TEXT, max_size=3),
    "place": st.fixed_dictionaries({"name": TEXT}, optional={"latitude": st.floats(-90, 90),
                                                             "longitude": st.floats(-180, 180)}),
    "vote": VOTES, "importance": st.integers(1, 5), "citations": st.lists(CITATIONS, max_size=3),
    "attributions": st.lists(ATTRIBUTIONS, max_size=2)})
SOURCES = st.fixed_dictionaries({"id": SOURCE_IDS, "title": TEXT, "author": TEXT,
                                 "kind": st.sampled_from(["report", "un-document", "news"])},
                                optional={"url": URLS, "archived_url": URLS, "date": DATES, "note": TEXT})
STORIES = st.fixed_dictionaries({"id": IDS, "title": TEXT, "steps": st.lists(
    st.fixed_dictionaries({"event": IDS}, optional={"note": TEXT}), min_size=1, max_size=3)})
DATASETS = st.fixed_dictionaries({
    "format": st.just("accountability-timeline"), "format_version": st.just(1), "title": TEXT,
    "events": st.lists(EVENTS, max_size=6), "sources": st.lists(SOURCES, min_size=1, max_size=3),
}, optional={"description": TEXT, "license": TEXT, "stories": st.lists(STORIES, max_size=2)})

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
WRONG = st.one_of(JSON_VALUES, TEXT, DATES, st.sampled_from([
    "", "2013-02-30", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://ok.org/\u202e",
    "<script>alert(1)</script>", "x" * 700, 10**30, -1, 1e300, "01", [], {}]))


def dump(value, draw) -> bytes:
    """``value`` as a file: indented or on one line, non-ASCII written as is or escaped."""
    indent = draw(st.sampled_from([None, 1, 2, "\t"]))
    return json.dumps(value, indent=indent, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


def leaf_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaf_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaf_paths(child, (*path, index))
