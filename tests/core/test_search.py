"""Search: folding (case, accents, Arabic tashkeel), AND of terms, phrases, every field, highlight spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import SearchIndex, match_spans, normalise, parse_query
from timeline_app.core.text_fold import fold, fold_many, fold_with_origin

from .make_dataset import event, make_dataset, source

KHAN = event(
    "khan-shaykhun-2017", "2017-04-04", title="Sarin attack on Khan Shaykhun",
    summary="Aircraft dropped a munition\nfilled  with sarin.",
    aliases=["Khan Sheikhoun"], place={"name": "Khan Shaykhun", "name_local": "خَانْ شَيْخُون"},
    actors=["Syrian Arab Air Force"], tags=["chemical weapons"], documents=["S/2017/904"],
    citations=[{"source": "jim-report", "quote": "The Leadership Panel is confident", "locator": "para. 47"}],
    attributions=[{"by": "OPCW-UN JIM", "responsible": "Syrian Arab Republic",
                   "finding": "confident that the Syrian Arab Republic is responsible", "document": "S/2017/904"}],
)
VETO = event(
    "veto-2017", "2017-04-12", "veto", title="Draft resolution vetoed",
    vote={"body": "UN Security Council", "yes": 10, "no": 2, "abstain": 3, "adopted": False,
          "vetoed_by": ["Russian Federation"], "against": ["Bolivia"], "abstaining": ["China"]},
    citations=[{"source": "sellstrom"}],
)
GHOUTA = event("ghouta-2013", "2013-08-21", title="Ghouta attack", summary="Rockets hit Ghouta; khan market.")
SOURCES = [
    source("jim-report", title="Seventh report of the JIM", author="OPCW-UN Joint Investigative Mechanism"),
    source("sellstrom", title="Report on Ghouta", author="Åke Sellström"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(make_dataset([KHAN, VETO, GHOUTA], SOURCES))


def ids(index: SearchIndex, query: str) -> list[str]:
    return [e["id"] for e, hit in zip((KHAN, VETO, GHOUTA), index.matches(query), strict=True) if hit]


@pytest.mark.parametrize(("text", "expected"), [
    ("  Sellström ", "sellstrom"),
    ("ÅKE", "ake"),
    ("Straße", "strasse"),
    ("ﬁnal　ＲＥＰＯＲＴ", "final report"),  # ligature, ideographic space, full-width letters
    ("خَانْ شَيْخُون", "خان شيخون"),  # tashkeel removed
    ("مـــجلس", "مجلس"),  # tatweel removed
    ("a \t\n b", "a b"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_an_empty_query_matches_everything(index):
    assert index.matches("").tolist() == [True, True, True]
    assert index.matches('  "" ').tolist() == [True, True, True]


def test_the_mask_is_boolean_in_dataset_order(index):
    mask = index.matches("ghouta")
    assert mask.dtype == bool and mask.shape == (3,)
    assert ids(index, "ghouta") == ["veto-2017", "ghouta-2013"]  # the veto cites the report on Ghouta


def test_accents_and_case_are_ignored_both_ways(index):
    assert ids(index, "Sellstrom") == ["veto-2017"]
    assert ids(index, "SELLSTRÖM") == ["veto-2017"]
    assert ids(index, "ake") == ["veto-2017"]


def test_an_alias_is_found(index):
    assert ids(index, "khan sheikhoun") == ["khan-shaykhun-2017"]


def test_arabic_with_and_without_tashkeel(index):
    assert ids(index, "خان شيخون") == ["khan-shaykhun-2017"]
    assert ids(index, "خَانْ") == ["khan-shaykhun-2017"]
    assert ids(index, "شيـــخون") == ["khan-shaykhun-2017"]


def test_every_term_must_occur(index):
    assert ids(index, "khan") == ["khan-shaykhun-2017", "ghouta-2013"]
    assert ids(index, "khan sarin") == ["khan-shaykhun-2017"]
    assert ids(index, "khan veto") == []


def test_a_quoted_phrase_must_occur_as_written(index):
    assert ids(index, '"khan shaykhun"') == ["khan-shaykhun-2017"]
    assert ids(index, '"khan market"') == ["ghouta-2013"]
    assert ids(index, '"market khan"') == []
    assert ids(index, "“khan market”") == ["ghouta-2013"]  # typographic quotes too


def test_a_phrase_matches_across_collapsed_whitespace(index):
    assert ids(index, '"munition filled with"') == ["khan-shaykhun-2017"]


def test_a_phrase_never_spans_two_fields(index):
    # The title ends with "Shaykhun" and the summary begins with "Aircraft".
    assert ids(index, '"shaykhun aircraft"') == []


@pytest.mark.parametrize("query", [
    "munition", "sheikhoun", "خان", "air force", "chemical weapons", "s/2017/904", "security council",
    "bolivia", "china", "russian federation", "opcw-un jim", "responsible", "leadership panel", "para. 47",
    "seventh report", "joint investigative mechanism",
])
def test_every_field_is_searched(index, query):
    assert index.matches(query).any(), query


def test_parse_query_keeps_phrases_and_drops_empty_terms():
    assert parse_query('sarin "Khan  Shaykhun" ـ') == ("khan shaykhun", "sarin")
    assert parse_query('"unclosed phrase') == ("unclosed phrase",)


def test_typing_letter_by_letter_gives_the_answers_of_a_fresh_index():
    dataset = make_dataset([KHAN, VETO, GHOUTA], SOURCES)
    typing = SearchIndex(dataset)  # keeps earlier answers to narrow later ones
    for query in ["k", "kh", "kha", "khan", "khan s", "khan sa", "khan sar", "s", "sa", "sar", "sari", "sarin",
                  "sarin khan", "ghouta", "ghouta ake", "e", "re", "repo", "report"]:
        assert typing.matches(query).tolist() == SearchIndex(dataset).matches(query).tolist(), query


def test_control_characters_in_the_data_do_not_shift_events():
    dataset = make_dataset([event("a", title="one\x00two\x01three\x02"), event("b", title="four")])
    index = SearchIndex(dataset)
    assert index.matches("four").tolist() == [False, True]
    assert index.matches("three").tolist() == [True, False]


def test_an_empty_dataset():
    index = SearchIndex(make_dataset([]))
    assert len(index) == 0
    assert index.matches("x").shape == (0,)


# --- reference implementation: fold each field on its own, test terms one by one ---

WORDS = ["Khan", "Shaykhun", "sarin", "Sellström", "ÅKE", "خَانْ", "شيخون", "straße", "ﬁre", "a", "b", "é"]
word_lists = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(word_lists.filter(bool), min_size=1, max_size=8),
    summaries=st.lists(word_lists, min_size=8, max_size=8),
    queries=st.lists(st.lists(st.sampled_from([*WORDS, "kha", "ss", "khan shay"]), max_size=3), max_size=6),
)
def test_matches_agrees_with_a_field_by_field_reference(titles, summaries, queries):
    events = [event(f"e{i}", title=t, summary=summaries[i]) for i, t in enumerate(titles)]
    index = SearchIndex(make_dataset(events))
    for words in queries:
        query = " ".join(f'"{w}"' if " " in w else w for w in words)
        terms = parse_query(query)
        expected = [all(any(term in normalise(f) for f in (e["title"], e["summary"])) for term in terms)
                    for e in events]
        assert index.matches(query).tolist() == expected, query


# --- highlight spans ---

def test_spans_are_in_the_original_text():
    text = "Report by Åke Sellström on Khan  Shaykhun"
    spans = match_spans(text, 'sellstrom "khan shaykhun"')
    assert [text[a:b] for a, b in spans] == ["Sellström", "Khan  Shaykhun"]


def test_a_span_keeps_a_decomposed_accent_with_its_letter():
    text = "Sello\u0308m x"  # "ö" written as "o" plus a combining diaeresis
    assert match_spans(text, "sello") == [(0, 6)]
    assert match_spans(text, "llo") == [(2, 6)]


def test_a_span_maps_one_character_folding_to_two():
    text = "Große Straße"
    assert [text[a:b] for a, b in match_spans(text, "strass")] == ["Straß"]


def test_spans_in_arabic_cover_the_tashkeel():
    text = "هجوم على خَانْ شَيْخُون"
    [(a, b)] = match_spans(text, "خان")
    assert text[a:b] == "خَانْ"


def test_overlapping_spans_merge_and_no_query_gives_none():
    assert match_spans("sarin sarin", "sar rin") == [(0, 5), (6, 11)]
    assert match_spans("sarin", "") == []
    assert match_spans("", "x") == []


unicode_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(unicode_text)
def test_folding_character_by_character_equals_folding_the_text(text):
    assert fold_with_origin(text)[0] == normalise(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(unicode_text | st.sampled_from(["\x00", "a\x00b", "x"]), max_size=8))
def test_folding_many_texts_at_once_equals_one_by_one(texts):
    assert fold_many(texts) == [fold(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(unicode_text, st.data())
def test_every_span_holds_the_term_and_every_occurrence_is_covered(text, data):
    folded = normalise(text)
    if not folded.strip():
        return
    a = data.draw(st.integers(0, len(folded) - 1))
    b = data.draw(st.integers(a + 1, len(folded)))
    term = folded[a:b].strip()
    if not term or " " in term or any(q in term for q in '"“”„＂'):
        return
    spans = match_spans(text, term)
    assert spans, (text, term)
    for start, end in spans:
        assert term in normalise(text[start:end])


@settings(max_examples=300, deadline=None)
@given(unicode_text)
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)
