"""Positions in JSON text: LineIndex, skip_value, unclosed_brackets, locate and path_at.

The property tests dump random documents (strings full of quotes, backslashes, brackets and non-ASCII) with
random indentation and check every answer against Python's own JSON decoder or a plain reference scanner.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.io.json_positions import LineIndex, locate, path_at, skip_value, unclosed_brackets

# --- LineIndex ---------------------------------------------------------------------------------------


def test_line_index_is_one_based_and_a_newline_ends_its_own_line() -> None:
    index = LineIndex("ab\ncd\n")
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)  # the "\n" itself is the last column of line 1
    assert index.position(3) == (2, 1)
    assert index.position(4) == (2, 2)
    assert index.position(6) == (3, 1)  # just after the last newline: an empty last line


def test_line_index_counts_characters_not_bytes_and_treats_crlf_as_one_line_end() -> None:
    text = '{"name": "الغوطة", "x": 1}\r\n{"y": 😀}'
    index = LineIndex(text)
    assert index.position(text.index('"x"')) == (1, 20)  # 9 + 7 + 3 characters before it, not 9 + 13 bytes
    assert index.position(text.index('"y"')) == (2, 2)
    assert index.position(text.index("}", text.index("😀"))) == (2, 8)


@given(st.text(alphabet="ab\n\r\tا😀", max_size=40), st.data())
def test_line_index_matches_counting_by_hand(text: str, data) -> None:
    offset = data.draw(st.integers(0, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert LineIndex(text).position(offset) == (line, column)


# --- skip_value --------------------------------------------------------------------------------------


def test_skip_value_of_strings_with_escaped_quotes_and_brackets() -> None:
    text = r'"a \"quoted\" [word] {x}" , 1'
    assert skip_value(text, 0) == text.index(" ,")
    text = r'"ends in a backslash \\" tail'
    assert skip_value(text, 0) == text.index(" tail")


def test_skip_value_of_containers_ignores_brackets_inside_strings() -> None:
    text = r'["]", "\"]", {"}": "[{"}, [[]]] tail'
    assert skip_value(text, 0) == text.index(" tail")
    text = r'{"a": {"b": "}}}"}, "c": [1, "]"]}, next'
    assert skip_value(text, 0) == text.index(", next")
    assert skip_value(text, text.index("[")) == text.index("]}, next") + 1


def test_skip_value_of_scalars() -> None:
    assert skip_value("123, 4", 0) == 3
    assert skip_value("true]", 0) == 4
    assert skip_value("-1.5e3}", 0) == 6
    assert skip_value("null", 0) == 4


def test_skip_value_stops_at_the_end_of_broken_text_without_raising() -> None:
    assert skip_value('"never closed', 0) == 13
    assert skip_value('"ends in a lone backslash \\', 0) == 27
    assert skip_value('[1, [2, "]"', 0) == 11
    assert skip_value("[1]", 3) == 3  # at the end already
    assert skip_value("]", 0) == 1  # a stray bracket is skipped, never an endless loop


# --- unclosed_brackets -------------------------------------------------------------------------------


def test_unclosed_brackets() -> None:
    assert unclosed_brackets('{"a": [1, {"b": "x]"') == ("}]}", False)
    assert unclosed_brackets('{"a": [1, 2]') == ("}", False)
    assert unclosed_brackets('{"a": {}, "b": []}') == ("", False)
    assert unclosed_brackets('[{"t": "cut in [the] mid') == ("}]", True)


def test_unclosed_brackets_knows_an_escaped_quote_does_not_close_a_string() -> None:
    assert unclosed_brackets(r'{"a": "say \"') == ("}", True)
    assert unclosed_brackets(r'{"a": "a backslash \\"') == ("}", False)
    assert unclosed_brackets('{"a": "cut after a backslash \\') == ("}", True)
    assert unclosed_brackets(r'["\"]", "\\", "{"') == ("]", False)


def _reference_unclosed(text: str) -> tuple[str, bool]:
    """A plain character-by-character scanner, written independently of the module's regular expressions."""
    stack, in_string, escaped = [], False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            stack.append("]" if char == "[" else "}")
        elif char in "]}" and stack:
            stack.pop()
    return "".join(reversed(stack)), in_string


# --- random documents --------------------------------------------------------------------------------

_TRICKY = st.text(alphabet=st.sampled_from(['"', "\\", "[", "]", "{", "}", ":", ",", " ", "\n", "a", "é", "ا",
                                            "😀", "\u2028", "\x00", "/"]), max_size=8)
_STRINGS = _TRICKY | st.text(max_size=6)
_SCALARS = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
            | st.floats(allow_nan=False, allow_infinity=False) | _STRINGS)
_VALUES = st.recursive(_SCALARS, lambda children: st.lists(children, max_size=4)
                       | st.dictionaries(_STRINGS, children, max_size=4), max_leaves=24)
_DUMPS = st.fixed_dictionaries({
    "indent": st.sampled_from([None, 0, 1, 2, 4, "\t"]),
    "ensure_ascii": st.booleans(),
    "separators": st.sampled_from([None, (",", ":"), (", ", ": "), (" ,", " : ")]),
})


def _all_paths(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    found = [(path, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _all_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _all_paths(child, (*path, index))
    return found


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a) == json.dumps(b)  # strict: 1 and 1.0 and True differ


@settings(max_examples=100, deadline=None)
@given(_VALUES, _DUMPS)
def test_locate_finds_where_every_value_and_member_name_begins(document: Any, options: dict) -> None:
    text = json.dumps(document, **options)
    paths = _all_paths(document)
    found = locate(text, [path for path, _ in paths])
    decoder = json.JSONDecoder()
    for path, value in paths:
        name_offset, offset = found[path]
        decoded, end = decoder.raw_decode(text, offset)
        assert _same(decoded, value), (path, text)
        assert skip_value(text, offset) == end
        if path and isinstance(path[-1], str):
            assert decoder.raw_decode(text, name_offset)[0] == path[-1]
        else:
            assert name_offset is None
        # From an offset back to the path: at a value's first character, and (for members) at its name.
        assert path_at(text, offset) == path
        if name_offset is not None:
            assert path_at(text, name_offset) == path[:-1]


@settings(max_examples=40, deadline=None)
@given(_VALUES, _DUMPS)
def test_locate_of_one_path_at_a_time_agrees_and_a_missing_path_is_absent(document: Any, options: dict) -> None:
    text = json.dumps(document, **options)
    everything = locate(text, [path for path, _ in _all_paths(document)])
    for path, _value in _all_paths(document)[:8]:
        alone = locate(text, [path])
        assert alone[path] == everything[path]
        assert set(alone) == {path[:i] for i in range(len(path) + 1)}  # the path and its ancestors
        assert (*path, "no such member") not in locate(text, [(*path, "no such member")])


@settings(max_examples=80, deadline=None)
@given(_VALUES, _DUMPS, st.data())
def test_unclosed_brackets_of_a_cut_document_matches_a_reference_scanner(document: Any, options: dict,
                                                                          data) -> None:
    text = json.dumps(document, **options)
    cut = data.draw(st.integers(0, len(text)))
    assert unclosed_brackets(text[:cut]) == _reference_unclosed(text[:cut])


@settings(max_examples=100, deadline=None)
@given(_VALUES, _DUMPS, st.data())
def test_path_at_any_offset_names_a_value_whose_text_contains_it(document: Any, options: dict, data) -> None:
    text = json.dumps(document, **options)
    offset = data.draw(st.integers(0, max(0, len(text) - 1)))
    path = path_at(text, offset)
    _name_offset, start = locate(text, [path])[path]
    end = json.JSONDecoder().raw_decode(text, start)[1]
    assert start <= offset < end or (path == () and offset >= end)


# --- locate and path_at on hand-made text -------------------------------------------------------------


def test_locate_gives_the_last_of_duplicate_names_as_parsing_does() -> None:
    text = '{"a": 1, "b": {"c": 2}, "a": [3]}'
    found = locate(text, [("a", 0), ("b", "c")])
    assert found[("a",)] == (text.rindex('"a"'), text.index("[3]"))
    assert found[("a", 0)] == (None, text.index("3]"))
    assert found[("b", "c")] == (text.index('"c"'), text.index("2}"))
    assert found[()] == (None, 0)


def test_locate_decodes_escaped_member_names() -> None:
    text = '{"ti\\u0074le": "x", "a\\"b": 1}'
    found = locate(text, [("title",), ('a"b',)])
    assert found[("title",)][1] == text.index('"x"')
    assert found[('a"b',)][1] == text.index("1}")


def test_locate_skips_over_nested_data_it_is_not_asked_about() -> None:
    deep = "[" * 3000 + "]" * 3000  # deeper than Python's recursion limit: nothing here may recurse
    text = '{"deep": ' + deep + ', "x": {"y": 1}}'
    assert locate(text, [("x", "y")])[("x", "y")] == (text.index('"y"'), text.index("1}"))
    assert len(path_at(text, 2500)) == 2500 - len('{"deep": ') + 1


def test_path_at_in_broken_text_names_the_innermost_open_container() -> None:
    missing_comma = '{"events": [{"id": "a" "title": "x"}]}'
    assert path_at(missing_comma, missing_comma.index('"title"')) == ("events", 0)
    trailing_comma = '{"events": [1, 2,]}'
    assert path_at(trailing_comma, trailing_comma.index(",]")) == ("events",)
    cut = '{"events": [{"title": "Sarin att'
    assert path_at(cut, len(cut)) == ("events", 0, "title")
    cut = '{"events": [{"title": "x"}, '
    assert path_at(cut, len(cut.rstrip())) == ("events",)


def test_path_at_between_members_and_after_the_end_is_the_container() -> None:
    text = '{"a": [10, 20], "b": "x"}  '
    assert path_at(text, text.index("10")) == ("a", 0)
    assert path_at(text, text.index("0,")) == ("a", 0)
    assert path_at(text, text.index(", 20") + 1) == ("a",)  # the space between items
    assert path_at(text, text.index("],")) == ("a",)  # the closing bracket belongs to the list
    assert path_at(text, text.index('"b"')) == ()
    assert path_at(text, len(text) - 1) == ()
