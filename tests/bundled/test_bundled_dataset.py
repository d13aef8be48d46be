"""The bundled dataset (data/accountability-timeline.json) checked against its factual base.

The facts come from the checked chronology in ../shared/facts/chronology.md and the five seed statements in
../shared/seeds/. These tests make sure that every row of the chronology is an event with the row's date,
kind, document symbols and vote; that quotes from the seed statements are exact; that ids stay stable; and
that the teaching stories are well formed. No Qt.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import orjson
import pytest
from pydantic import TypeAdapter

from timeline_app.io import load_dataset
from timeline_app.model import Dataset, Event, EventKind, parse_edtf

REPO_ROOT = Path(__file__).resolve().parents[2]
DATASET_FILE = REPO_ROOT / "data" / "accountability-timeline.json"
SHARED = REPO_ROOT.parent / "shared"
CHRONOLOGY = SHARED / "facts" / "chronology.md"
SEEDS_DIR = SHARED / "seeds"
EVENT_IDS_FILE = Path(__file__).with_name("event_ids.txt")

SEED_FILES = {
    "seed-joint-appeal-attribution-2018": "000_a5573511f4e6e565.txt",
    "seed-hrf-kerry-lavrov-2013": "001_c7e85aa738bf36a4.txt",
    "seed-iiim-support-statement-2018": "002_b41f19ba486dcc9d.txt",
    "seed-cicc-letter-2014": "003_2cefc1941807e155.txt",
    "seed-amnesty-au-khan-shaykhun-2017": "004_6e52aadc8eeacadf.txt",
}

# Events each seed statement speaks of (from ../shared/seeds/README.md and the texts): each must quote it.
SEED_LINKS = {
    "seed-joint-appeal-attribution-2018": [
        "douma-attack-2018", "khan-shaykhun-attack-2017", "jim-seventh-report-2017",
        "veto-jim-renewal-2017-11-16", "veto-attribution-mechanism-2018", "hrc-commission-of-inquiry-2011",
        "jim-mandate-ends-2017"],
    "seed-hrf-kerry-lavrov-2013": ["ghouta-attack-2013", "kerry-lavrov-talks-2013"],
    "seed-iiim-support-statement-2018": [
        "iiim-established-2016", "veto-attribution-mechanism-2018", "douma-attack-2018",
        "iiim-civil-society-protocol-2018"],
    "seed-cicc-letter-2014": ["veto-icc-referral-2014"],
    "seed-amnesty-au-khan-shaykhun-2017": [
        "khan-shaykhun-attack-2017", "shayrat-strike-2017", "iiim-established-2016", "veto-icc-referral-2014"],
}

REQUIRED_STORIES = ("blocked-at-the-council", "who-used-chemical-weapons", "iiim-and-national-courts")
KIND_NAMES = {"investigation-report": "investigation"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Document symbols as the chronology writes them: UN and OPCW symbols, court case numbers.
SYMBOL = re.compile(
    r"S/RES/\d+ \(\d{4}\)|A/RES/\d+/\d+|[SA]/\d+/\d+(?:/Rev\.\d+)?|S/PV\.\d+|C-SS-\d+/DEC\.\d+|C-\d+/DEC\.\d+"
    r"|S-\d+/\d+|Case B \d+-\d+|\d+ St[ER] \d+/\d+|General List No\. \d+"
)
NOT_SEEN = re.compile(r"not seen|unconfirmed|did not appear", re.I)


# --- the chronology ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Row:
    number: int  # 1-based, in table order
    date: str
    kind: str  # mapped to the app's event kind
    what: str
    document: str
    checked_against: str

    @property
    def symbols(self) -> list[str]:
        """The symbols the row gives, without those it marks as not seen or unconfirmed."""
        return [s for clause in _clauses(self.document) if not NOT_SEEN.search(clause)
                for s in SYMBOL.findall(clause)]

    @property
    def unseen_symbols(self) -> list[str]:
        return [s for clause in _clauses(self.document) if NOT_SEEN.search(clause)
                for s in SYMBOL.findall(clause)]

    @property
    def urls(self) -> list[str]:
        return re.findall(r"https?://\S+", self.checked_against)

    def __str__(self) -> str:
        return f"row {self.number} ({self.date} {self.kind}: {self.what[:70]}...)"


def _clauses(cell: str) -> list[str]:
    return [c for c in re.split(r";|\.\s+(?=[A-Z])", cell) if c.strip()]


def _chronology_text() -> str:
    if not CHRONOLOGY.is_file():
        pytest.skip(f"the checked chronology is not here ({CHRONOLOGY}); it lives in the shared folder beside "
                    "the repository, so these cross-checks only run in a full checkout")
    return CHRONOLOGY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    lines = _chronology_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| date | kind |"))
    found = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 6, f"cannot read this chronology row: {line[:100]}"
        date, kind, what, document, checked, _confidence = cells
        found.append(Row(len(found) + 1, date, KIND_NAMES.get(kind, kind), what, document, checked))
    assert len(found) >= 80, "the chronology table was not read completely"
    return found


@pytest.fixture(scope="module")
def forbidden_symbols(rows) -> set[str]:
    """Symbols the chronology marks as not seen: in rows, and in its Unconfirmed section."""
    symbols = {s for row in rows for s in row.unseen_symbols}
    text = _chronology_text()
    section = text.split("## Unconfirmed", 1)[1] if "## Unconfirmed" in text else ""
    for bullet in re.split(r"\n- ", section):
        if "seen only" not in bullet and NOT_SEEN.search(bullet):
            symbols.update(SYMBOL.findall(bullet))
    return symbols


# --- the dataset ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw() -> dict:
    return orjson.loads(DATASET_FILE.read_bytes())


@pytest.fixture(scope="module")
def dataset(raw) -> Dataset:
    return TypeAdapter(Dataset).validate_python(raw)


@pytest.fixture(scope="module")
def sources_by_id(dataset):
    return {s.id: s for s in dataset.sources}


def _documents_of(event: Event, sources_by_id) -> list[str]:
    return list(event.documents) + [sources_by_id[c.source].document for c in event.citations
                                    if c.source in sources_by_id]


def _match(rows: list[Row], events: Iterable[Event], fits: Callable[[Row, Event], bool]) -> dict[int, Event]:
    """A one-to-one matching of rows to events (maximum bipartite matching), as {row number: event}."""
    events = list(events)
    options = {row.number: [i for i, e in enumerate(events) if fits(row, e)] for row in rows}
    owner: dict[int, int] = {}

    def place(number: int, seen: set[int]) -> bool:
        for i in options[number]:
            if i not in seen:
                seen.add(i)
                if i not in owner or place(owner[i], seen):
                    owner[i] = number
                    return True
        return False

    for row in sorted(rows, key=lambda r: len(options[r.number])):
        place(row.number, set())
    return {number: events[i] for i, number in owner.items()}


@pytest.fixture(scope="module")
def matched(rows, dataset, sources_by_id) -> dict[int, Event]:
    def fits(row: Row, event: Event) -> bool:
        documents = _documents_of(event, sources_by_id)
        return (event.date.text == row.date and event.kind.value == row.kind
                and all(any(symbol in d for d in documents) for symbol in row.symbols))

    return _match(rows, dataset.events, fits)


def _seed_text(source_id: str) -> str:
    path = SEEDS_DIR / SEED_FILES[source_id]
    if not path.is_file():
        pytest.skip(f"the seed statement {path} is not here; it lives in the shared folder beside the repository")
    return path.read_text(encoding="utf-8")


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


def _normalised(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


# --- (1) every chronology row is an event ------------------------------------------------------------------


def test_every_chronology_row_is_an_event_with_its_date_kind_and_symbols(rows, matched, dataset, sources_by_id):
    unmatched = []
    for row in rows:
        if row.number in matched:
            continue
        same_day = [e for e in dataset.events if e.date.text == row.date and e.kind.value == row.kind]
        if not same_day:
            reason = "no event has this date and kind"
        else:
            lacking = {e.id: [s for s in row.symbols
                              if not any(s in d for d in _documents_of(e, sources_by_id))] for e in same_day}
            reason = ("events with this date and kind lack symbols or are taken by another row: "
                      + "; ".join(f"{i} lacks {m}" for i, m in lacking.items()))
        unmatched.append(f"{row}: {reason}")
    assert not unmatched, f"{len(unmatched)} chronology row(s) without an event:\n" + "\n".join(unmatched)


def test_symbols_marked_not_seen_are_not_used(raw, forbidden_symbols):
    assert "S/2016/1026" in forbidden_symbols  # the parser found the marked symbols
    text = orjson.dumps(raw).decode()
    used = sorted(s for s in forbidden_symbols if s in text)
    assert not used, f"symbols the chronology marks as not seen or unconfirmed are used as facts: {used}"


def test_every_event_cites_the_pages_its_row_was_checked_against(rows, matched, sources_by_id):
    missing = []
    for row in rows:
        event = matched.get(row.number)
        if event is None:
            continue  # reported by the test above
        cited = {sources_by_id[c.source].url for c in event.citations if c.source in sources_by_id}
        absent = [url for url in row.urls if url not in cited]
        if absent:
            missing.append(f"{event.id} ({row}) does not cite {absent}")
    assert not missing, "\n".join(missing)


# --- (2) votes -----------------------------------------------------------------------------------------------


def _row_vote(row: Row) -> tuple[int, int, int | None] | None:
    cell = re.sub(r"\d{4}-\d{2}-\d{2}", "", SYMBOL.sub("", row.document))
    found = re.search(r"(?<![\d-])(\d+)-(\d+)(?:-(\d+))?(?![\d-])", cell)
    if found:
        yes, no, abstain = found.groups()
        return int(yes), int(no), int(abstain) if abstain is not None else None
    if "unanimous" in cell:
        return 15, 0, 0
    return None


def _names(pattern: str, text: str) -> set[str] | None:
    found = re.search(pattern, text)
    return {n.strip() for n in found.group(1).split(",")} if found else None


def test_votes_match_the_chronology(rows, matched):
    wrong = []
    checked = 0
    for row in rows:
        expected = _row_vote(row)
        event = matched.get(row.number)
        if expected is None or event is None:
            continue
        checked += 1
        vote = event.vote
        if vote is None:
            wrong.append(f"{event.id}: no vote, the chronology gives {expected}")
            continue
        yes, no, abstain = expected
        got = (vote.yes, vote.no, vote.abstain if abstain is not None else None)
        if got != expected:
            wrong.append(f"{event.id}: vote {got}, the chronology gives {expected}")
        vetoed = _names(r"vetoed by ([^.;]+)", row.document)
        against = _names(r"(?:\(no|against): ([^;)]+)", row.document)
        abstaining = _names(r"abstain: ([^;)]+)", row.document)
        if vetoed is not None and set(vote.vetoed_by) != vetoed:
            wrong.append(f"{event.id}: vetoed_by {vote.vetoed_by}, the chronology gives {sorted(vetoed)}")
        if against is None and vetoed is not None and no == len(vetoed):
            against = vetoed  # the only negative votes were the vetoes
        if against is not None and set(vote.against) != against:
            wrong.append(f"{event.id}: against {vote.against}, the chronology gives {sorted(against)}")
        if abstaining is not None and set(vote.abstaining) != abstaining:
            wrong.append(f"{event.id}: abstaining {vote.abstaining}, the chronology gives {sorted(abstaining)}")
        if row.kind == "veto" and (vote.adopted or not vote.vetoed_by):
            wrong.append(f"{event.id}: a veto must be not adopted and name who vetoed")
        adopted = (yes >= 9 and not vote.vetoed_by) if vote.body == "UN Security Council" else yes > no
        if vote.adopted != adopted:
            wrong.append(f"{event.id}: adopted is {vote.adopted} for a vote of {expected}")
    assert checked >= 25, f"only {checked} votes were read from the chronology"
    assert not wrong, "\n".join(wrong)


# --- (3) quotes from the seed statements -------------------------------------------------------------------------


def _seed_citations(dataset):
    for event in dataset.events:
        for citation in event.citations:
            if citation.source in SEED_FILES:
                yield event, citation


def test_seed_statements_are_sources(sources_by_id):
    for source_id in SEED_FILES:
        source = sources_by_id.get(source_id)
        assert source is not None, f"seed statement {source_id} is missing from the sources"
        assert source.kind.value == "ngo-statement"


def test_seed_quotes_are_verbatim_and_short(dataset):
    problems = []
    count = 0
    for event, citation in _seed_citations(dataset):
        count += 1
        if not citation.quote:
            problems.append(f"{event.id}: a citation of {citation.source} has no quote")
            continue
        if _normalised(citation.quote) not in _normalised(_seed_text(citation.source)):
            problems.append(f"{event.id}: quote not found in {citation.source}: {citation.quote!r}")
        if len(citation.quote.split()) > 40:
            problems.append(f"{event.id}: quote of {len(citation.quote.split())} words (at most 40)")
        if not citation.locator:
            problems.append(f"{event.id}: the quote from {citation.source} has no locator")
    assert count >= 20, f"only {count} quotes from the seed statements"
    assert not problems, "\n".join(problems)


def test_seed_quotes_keep_the_seeds_own_typography(dataset):
    """Stricter than the check above: only whitespace may differ (line breaks in the seed become spaces)."""
    changed = [f"{event.id}: {citation.quote!r}" for event, citation in _seed_citations(dataset)
               if citation.quote and " ".join(citation.quote.split())
               not in " ".join(_seed_text(citation.source).split())]
    assert not changed, "quotes whose quotation marks or apostrophes differ from the seed:\n" + "\n".join(changed)


def test_each_seed_is_quoted_on_the_events_it_speaks_of(dataset):
    events = {e.id: e for e in dataset.events}
    missing = [f"{seed} on {event_id}" for seed, event_ids in SEED_LINKS.items() for event_id in event_ids
               if event_id not in events
               or not any(c.source == seed and c.quote for c in events[event_id].citations)]
    assert not missing, "seed statements not quoted on events they speak of: " + ", ".join(missing)


# --- (4) citations and references ---------------------------------------------------------------------------------


def test_every_event_cites_existing_sources(dataset, sources_by_id):
    problems = []
    for event in dataset.events:
        if not event.citations:
            problems.append(f"{event.id} cites no source")
        problems += [f"{event.id} cites unknown source {c.source}" for c in event.citations
                     if c.source not in sources_by_id]
        problems += [f"{event.id}: attribution refers to unknown source {a.source}" for a in event.attributions
                     if a.source is not None and a.source not in sources_by_id]
    assert not problems, "\n".join(problems)


def test_every_source_is_used(dataset):
    used = {c.source for e in dataset.events for c in e.citations}
    used |= {a.source for e in dataset.events for a in e.attributions if a.source}
    unused = sorted(s.id for s in dataset.sources if s.id not in used)
    assert not unused, f"sources no event cites: {unused}"


def test_sources_invent_no_access_date(dataset):
    assert [s.id for s in dataset.sources if s.accessed is not None] == []


def test_attacks_say_who_found_what(dataset):
    bare = [e.id for e in dataset.events if e.kind is EventKind.ATTACK and not e.attributions]
    assert not bare, f"attacks without any attribution (use responsible: null when no one was named): {bare}"
    for event in dataset.events:
        for attribution in event.attributions:
            assert attribution.by and attribution.finding, event.id


def test_the_loader_reports_no_problems():
    result = load_dataset(DATASET_FILE, require_citations=True)
    assert [p.format() for p in result.problems] == []


# --- (5) coverage ---------------------------------------------------------------------------------------------------


def test_every_kind_of_the_story_is_present(dataset):
    kinds = {e.kind for e in dataset.events}
    for kind in (EventKind.ATTACK, EventKind.VETO, EventKind.MECHANISM, EventKind.STRIKE):
        assert kind in kinds, f"no event of kind {kind.value}"
    assert len(dataset.events) >= 80


def test_events_are_sorted_by_date(dataset):
    starts = [e.date.earliest for e in dataset.events]
    assert starts == sorted(starts), "events must be sorted by the first day their date may denote"


# --- (6) ids -------------------------------------------------------------------------------------------------------


def test_ids_are_unique_slugs(dataset):
    for section in ("events", "sources", "stories"):
        ids = [item.id for item in getattr(dataset, section)]
        assert all(SLUG.fullmatch(i) for i in ids), section
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"duplicate {section} ids: {duplicates}"


def test_no_event_id_has_disappeared(dataset):
    snapshot = [line.strip() for line in EVENT_IDS_FILE.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    assert len(snapshot) >= 80
    current = {e.id for e in dataset.events}
    gone = [i for i in snapshot if i not in current]
    assert not gone, (f"event ids removed or renamed: {gone}. Ids must stay stable (stories, citations and "
                      "saved views refer to them); change titles, never ids. New ids may be added to "
                      f"{EVENT_IDS_FILE.name}.")


# --- (7) stories -----------------------------------------------------------------------------------------------------


def test_stories_are_complete(dataset):
    events = {e.id for e in dataset.events}
    stories = {s.id: s for s in dataset.stories}
    assert len(stories) >= 3
    for story_id in REQUIRED_STORIES:
        assert story_id in stories, f"story {story_id} is missing"
    for story in dataset.stories:
        assert story.title and story.description, story.id
        assert 8 <= len(story.steps) <= 15, f"{story.id} has {len(story.steps)} steps (8 to 15)"
        for step in story.steps:
            assert step.event in events, f"{story.id}: step refers to unknown event {step.event}"
            assert step.note.strip(), f"{story.id}: the step on {step.event} has no presenter note"
        assert len({s.event for s in story.steps}) == len(story.steps), f"{story.id} repeats a step"


# --- (8) precision of dates ----------------------------------------------------------------------------------------


def test_no_event_date_is_more_precise_than_its_row(rows, dataset, sources_by_id):
    """Rows are matched here by kind and symbols to any event whose date lies within the row's date, so an
    event whose date was made more precise (2017-11 -> 2017-11-16) is still found, and then fails."""

    def fits(row: Row, event: Event) -> bool:
        span = parse_edtf(row.date)
        documents = _documents_of(event, sources_by_id)
        return (event.kind.value == row.kind and span.earliest <= event.date.earliest
                and event.date.latest <= span.latest
                and all(any(symbol in d for d in documents) for symbol in row.symbols))

    matched = _match(rows, dataset.events, fits)
    too_precise = [f"{event.id}: {event.date.text} for a row dated {row.date}" for row in rows
                   if (event := matched.get(row.number)) is not None
                   and event.date.precision > parse_edtf(row.date).precision]
    assert not too_precise, "event dates more precise than the chronology:\n" + "\n".join(too_precise)
    unmatched = [str(row) for row in rows if row.number not in matched]
    assert not unmatched, "rows with no event within their date:\n" + "\n".join(unmatched)
