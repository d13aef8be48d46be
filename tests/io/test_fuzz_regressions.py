"""Every input in tests/data/fuzz-regressions/ (inputs that once broke the loader, or reach rare paths of the
batch cutter) keeps every invariant of ``test_fuzz_support.check``, whatever the batch size."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_fuzz_support import check

REGRESSIONS = Path(__file__).resolve().parent.parent / "data" / "fuzz-regressions"
FILES = sorted(p for p in REGRESSIONS.iterdir() if p.suffix in (".json", ".bin"))


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 12


@pytest.mark.parametrize("batch_bytes", [None, 1, 64])
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_regression_keeps_every_invariant(path: Path, batch_bytes: int | None) -> None:
    check(path.read_bytes(), batch_bytes)


def test_the_hidden_characters_of_a_later_batch_are_reported_at_their_own_event() -> None:
    result = check((REGRESSIONS / "hidden_text_in_a_later_batch.json").read_bytes(), 1)
    assert [p.pointer for p in result.problems] == ["/events/2/title", "/events/3/summary"]


def test_a_name_repeated_deep_in_a_later_event_is_found() -> None:
    result = check((REGRESSIONS / "repeated_name_in_a_nested_object.json").read_bytes(), 1)
    assert [(p.pointer, p.severity.value) for p in result.problems] == [("/events/1/citations/0/quote", "error")]
    assert result.dataset.events[1].citations[0].quote == "second"


def test_fields_at_their_defaults_and_escaped_colons_are_not_repetitions() -> None:
    assert check((REGRESSIONS / "escaped_colon_and_defaults.json").read_bytes()).problems == ()
