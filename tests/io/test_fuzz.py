"""Fuzzing the loader with Hypothesis: structured (valid datasets, then mutated field by field, names repeated,
members added or removed) and raw (random bytes, random JSON, valid files damaged byte by byte). Every input
must keep the invariants of ``test_fuzz_support.check``. Sized for CI (about a minute on two cores); set
TIMELINE_FUZZ_EXAMPLES for a longer run. Inputs that ever failed are replayed by test_fuzz_regressions.py.
"""

from __future__ import annotations

import contextlib
import json
import re

from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_support import DATASETS, JSON_VALUES, TEXT, WRONG, check, dump, fuzz_settings, leaf_paths

from timeline_app.io.text_checks import clean_text
from timeline_app.ui.bidi import neutralise

BATCHES = st.sampled_from([None, 1, 64, 400])  # tiny batches: a cut between almost every two events


@fuzz_settings(100)
@given(DATASETS, BATCHES, st.data())
def test_generated_datasets_keep_every_invariant(dataset, batch_bytes, data) -> None:
    check(dump(dataset, data.draw), batch_bytes)


@fuzz_settings(250)
@given(DATASETS, BATCHES, st.data())
def test_datasets_mutated_field_by_field_keep_every_invariant(dataset, batch_bytes, data) -> None:
    dataset = _copy(dataset)  # changed in place below: never a value Hypothesis may hand out again
    paths = list(leaf_paths(dataset))[1:]
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(paths))
        parent = _resolve(dataset, path[:-1])
        if parent is None:
            continue
        action = data.draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "remove" and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["sumary", "url", "<b>", "title", "$schema"]))] = _copy(data.draw(WRONG))
        elif action == "add" and isinstance(parent, list):
            parent.insert(data.draw(st.integers(0, len(parent))), _copy(data.draw(WRONG)))
        else:
            value = _copy(data.draw(WRONG))
            with contextlib.suppress(IndexError, KeyError, TypeError):  # an earlier mutation may have changed it
                parent[path[-1]] = value
    check(dump(dataset, data.draw), batch_bytes)


@fuzz_settings(150)
@given(DATASETS, BATCHES, st.data())
def test_names_given_twice_are_found_in_any_object(dataset, batch_bytes, data) -> None:
    text = dump(dataset, data.draw).decode()
    opens = [m.start() for m in re.finditer(r'"(?:[^"\\]|\\.)*"|\{', text) if m.group() == "{"]  # not in strings
    at = data.draw(st.sampled_from(opens))
    name = data.draw(st.sampled_from(["title", "id", "date", "url", "quote", "events", "by", "steps"]))
    member = f'"{name}": {json.dumps(data.draw(WRONG))}, '
    damaged = text[:at + 1] + member + text[at + 1:]
    result = check(damaged.encode(), batch_bytes)
    repeated = _object_names(damaged, at).count(name) > 1
    said = any("is given twice" in p.message or "is given 3 times" in p.message for p in result.problems)
    assert said == repeated or result.dataset is None


@fuzz_settings(300)
@given(st.binary(max_size=300), BATCHES)
def test_random_bytes_keep_every_invariant(data, batch_bytes) -> None:
    check(data, batch_bytes)


@fuzz_settings(250)
@given(JSON_VALUES, BATCHES, st.data())
def test_random_json_keeps_every_invariant(value, batch_bytes, data) -> None:
    check(dump(value, data.draw), batch_bytes)


@fuzz_settings(150)
@given(DATASETS, st.data())
def test_valid_files_damaged_byte_by_byte_keep_every_invariant(dataset, data) -> None:
    damaged = bytearray(dump(dataset, data.draw))
    noise = st.binary(max_size=6) | st.sampled_from([b'"', b",", b"{", b"}", b"[", b"]", b":", b"\\", b"\xff",
                                                     b"\xd8", b"NaN", b"null", b'"x"', b"1e999", b"\xef\xbb\xbf",
                                                     b"\\u202e", b"\\u0000", b"\xe2\x80\xae", b"<b>"])
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(damaged)))
        end = data.draw(st.integers(start, min(len(damaged), start + 12)))
        damaged[start:end] = data.draw(noise)
    check(bytes(damaged), data.draw(BATCHES))


@fuzz_settings(300)
@given(TEXT | st.text())
def test_cleaned_text_is_what_the_views_would_show_and_is_left_alone_by_them(text) -> None:
    cleaned = clean_text(text)
    assert neutralise(cleaned) == cleaned  # the views' own neutralising changes nothing more
    assert clean_text(cleaned) == cleaned
    if not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text if c not in "\t\n\r"):
        assert cleaned == neutralise(text)  # the same rule as the views'


def _copy(value):
    return json.loads(json.dumps(value))


def _resolve(value, path):
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value if isinstance(value, dict | list) else None


def _object_names(text: str, at: int) -> list[str]:
    """The member names of the object opening at ``at`` (the text is valid JSON there)."""
    value, _end = json.JSONDecoder(object_pairs_hook=lambda pairs: pairs).raw_decode(text, at)
    return [name for name, _ in value]
