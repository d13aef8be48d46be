"""A deterministic generator of realistic datasets, for benchmarks and tests.

``generate_dataset(events, seed=...)`` returns the document as plain JSON values (dicts and lists), in the
format of ``timeline_app.model.schema``; ``dataset_bytes`` serialises it the way a saved file looks
(UTF-8, indented by two spaces, Arabic written as is). The same ``events`` and ``seed`` always give the
same bytes. Every generated document loads with no problem at all: no error and no warning.

What it looks like (weights chosen to resemble a real chronology of the Syrian conflict):

- every ``EventKind``, many attacks, statements and investigations, few vetoes and trials;
- dates from 1990 to 2025, most of them after 2011; day precision 70%, month 20%, year 5%,
  approximate ``~`` or uncertain ``?`` 5%; about 15% intervals, some open-ended (``2016-12-21/..``) and
  a few with an unknown end (``2016-12-21/``);
- titles and 1-3 sentence summaries, a place for most events, 0-3 actors, 0-4 tags, UN and OPCW
  document symbols (``S/2017/884``), a recorded vote on every veto and resolution, attributions of
  responsibility on some attacks, 1-3 citations per event (short quote, locator, sometimes context);
- ``sources`` (200 by default) of every ``SourceKind``, with http(s) addresses, authors and dates;
- about 10% of events written in Arabic (title, summary, place name and quotes), and a few stories.

About 1 KB per event once serialised. Command line (writes a file)::

    python benchmarks/generate.py --events 100000 --seed 1 -o /tmp/dataset.json
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import orjson

FORMAT_NAME = "accountability-timeline"  # mirrors timeline_app.model.schema, kept import-free on purpose
FORMAT_VERSION = 1

# --- vocabularies -------------------------------------------------------------------------------------

# (kind, weight): a chronology is mostly attacks, statements and reports; vetoes and trials are rare.
EVENT_KINDS: tuple[tuple[str, int], ...] = (
    ("attack", 30),
    ("statement", 18),
    ("investigation", 12),
    ("diplomacy", 9),
    ("strike", 7),
    ("resolution", 5),
    ("legal-action", 5),
    ("mechanism", 3),
    ("other", 6),
    ("trial", 3),
    ("veto", 2),
)

SOURCE_KINDS: tuple[tuple[str, int], ...] = (
    ("un-document", 25),
    ("ngo-statement", 15),
    ("report", 15),
    ("news", 15),
    ("opcw-document", 10),
    ("press-release", 8),
    ("government-statement", 6),
    ("court-decision", 4),
    ("other", 2),
)

# (English name, Arabic name, latitude, longitude)
PLACES: tuple[tuple[str, str, float, float], ...] = (
    ("Khan Shaykhun", "خان شيخون", 35.4386, 36.6511),
    ("Douma", "دوما", 33.5711, 36.4022),
    ("Zamalka", "زملكا", 33.5200, 36.3600),
    ("Ain Tarma", "عين ترما", 33.5170, 36.3560),
    ("Moadamiyah", "معضمية الشام", 33.4600, 36.1960),
    ("Ltamenah", "اللطامنة", 35.3300, 36.6200),
    ("Saraqib", "سراقب", 35.8640, 36.8060),
    ("Sarmin", "سرمين", 35.9030, 36.7250),
    ("Talmenes", "التمانعة", 35.6330, 36.6830),
    ("Kafr Zita", "كفرزيتا", 35.3740, 36.6030),
    ("Aleppo", "حلب", 36.2021, 37.1343),
    ("Idlib", "إدلب", 35.9306, 36.6339),
    ("Homs", "حمص", 34.7324, 36.7137),
    ("Hama", "حماة", 35.1318, 36.7578),
    ("Raqqa", "الرقة", 35.9528, 39.0079),
    ("Deir ez-Zor", "دير الزور", 35.3359, 40.1408),
    ("Daraa", "درعا", 32.6189, 36.1021),
    ("Latakia", "اللاذقية", 35.5317, 35.7901),
    ("Eastern Ghouta", "الغوطة الشرقية", 33.5500, 36.4000),
    ("Jobar", "جوبر", 33.5290, 36.3290),
    ("Marea", "مارع", 36.4700, 37.1900),
    ("Qaboun", "القابون", 33.5400, 36.3300),
    ("Al-Hasakah", "الحسكة", 36.5000, 40.7500),
    ("Afrin", "عفرين", 36.5119, 36.8692),
    ("Damascus", "دمشق", 33.5138, 36.2765),
)

FOREIGN_PLACES: tuple[tuple[str, float | None, float | None], ...] = (
    ("New York, UN Headquarters", 40.7489, -73.9680),
    ("Geneva, Palais des Nations", 46.2265, 6.1409),
    ("The Hague, OPCW", 52.0908, 4.2837),
    ("Koblenz Higher Regional Court", 50.3569, 7.5890),
    ("Paris", 48.8566, 2.3522),
    ("Stockholm District Court", 59.3326, 18.0649),
    ("Brussels", None, None),
)

ACTORS: tuple[str, ...] = (
    "Syrian Arab Armed Forces", "Syrian Arab Air Force", "Government of the Syrian Arab Republic",
    "Russian Federation", "China", "United States", "United Kingdom", "France", "Turkey", "Iran",
    "ISIL (Da'esh)", "Hay'at Tahrir al-Sham", "Free Syrian Army", "Syrian Democratic Forces",
    "Jaysh al-Islam", "Hezbollah", "OPCW", "UN Security Council", "UN General Assembly",
    "Human Rights Council", "Independent International Commission of Inquiry on Syria",
    "OPCW Fact-Finding Mission", "OPCW-UN Joint Investigative Mechanism",
    "OPCW Investigation and Identification Team", "IIIM", "Syrian Civil Defence (White Helmets)",
    "Human Rights Watch", "Amnesty International", "Syrian Network for Human Rights",
    "Violations Documentation Center", "Syrian American Medical Society", "Physicians for Human Rights",
    "Federal Public Prosecutor General (Germany)", "International Court of Justice", "European Union",
)

ARABIC_ACTORS: tuple[str, ...] = (
    "مركز توثيق الانتهاكات في سوريا", "الشبكة السورية لحقوق الإنسان", "الدفاع المدني السوري",
    "القوات المسلحة العربية السورية", "هيئة تحرير الشام",
)

TAGS: tuple[str, ...] = (
    "chemical weapons", "sarin", "chlorine", "mustard", "barrel bombs", "cluster munitions", "siege",
    "hospitals", "schools", "detention", "torture", "enforced disappearance", "displacement",
    "humanitarian access", "accountability", "universal jurisdiction", "Security Council",
    "attribution", "fact-finding", "evidence", "victims", "children", "health care", "ceasefire",
    "sanctions", "Caesar photographs", "airstrike", "ground offensive", "starvation", "water",
)

ARABIC_TAGS: tuple[str, ...] = ("أسلحة كيميائية", "حصار", "اعتقال", "نزوح", "مساءلة")

WORDS: tuple[str, ...] = (
    "the", "of", "and", "in", "to", "a", "on", "by", "was", "were", "with", "that", "for", "at", "as",
    "from", "after", "its", "which", "their", "council", "attack", "civilians", "residents", "hospital",
    "investigation", "report", "evidence", "witnesses", "samples", "munition", "impact", "crater",
    "symptoms", "casualties", "government", "forces", "opposition", "area", "village", "town",
    "district", "mission", "mechanism", "resolution", "draft", "members", "statement", "findings",
    "responsibility", "commission", "inquiry", "allegation", "incident", "victims", "medical",
    "facility", "aircraft", "helicopter", "shelling", "strike", "morning", "night", "several",
    "dozens", "hundreds", "reported", "confirmed", "concluded", "documented", "interviewed", "analysed",
    "stated", "called", "demanded", "rejected", "adopted", "vetoed", "established", "renewed",
    "extended", "access", "humanitarian", "chemical", "weapons", "toxic", "chlorine", "sarin",
    "exposure", "treatment", "doctors", "paramedics", "footage", "photographs", "satellite", "imagery",
    "chain", "custody", "prosecutors", "court", "charges", "trial", "verdict", "sentence", "prison",
    "detainees", "families", "missing", "crimes", "against", "humanity", "war", "law", "international",
    "obligations", "convention", "destruction", "stockpile", "declaration", "inspection", "team",
)

ARABIC_WORDS: tuple[str, ...] = (
    "هجوم", "على", "في", "من", "المدنيين", "مستشفى", "تحقيق", "تقرير", "أدلة", "شهود", "قصف",
    "غاز", "السارين", "الكلور", "ضحايا", "أطفال", "مجلس", "الأمن", "قرار", "لجنة", "التحقيق",
    "الدولية", "المسؤولية", "الحكومة", "القوات", "المعارضة", "منطقة", "بلدة", "قرية", "صباح",
    "ليلة", "عشرات", "مئات", "وثقت", "أكدت", "خلصت", "طائرة", "مروحية", "أسلحة", "كيميائية",
)

TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "attack": ("{agent} attack on {place}", "Airstrike hits {facility} in {place}",
               "Shelling of {place} kills {n} civilians", "Barrel bombs dropped on {place}"),
    "veto": ("{vetoer} vetoes draft resolution on {topic}", "Draft resolution on {topic} vetoed"),
    "resolution": ("Security Council adopts resolution {res} on {topic}",
                   "General Assembly resolution on {topic}"),
    "mechanism": ("{mech} established", "Mandate of the {mech} renewed", "{mech} begins its work"),
    "investigation": ("{mech} report on {place}", "{mech} confirms use of {agent} in {place}",
                      "Investigation opened into events in {place}"),
    "strike": ("Strikes on {facility} near {place}", "Retaliatory strikes after the {place} attack"),
    "diplomacy": ("Talks in Geneva on {topic}", "Foreign ministers meet on {topic}",
                  "Agreement on {topic} announced"),
    "legal-action": ("Criminal complaint filed over {place} attack", "Arrest warrant issued over {topic}",
                     "Case on {topic} brought before the International Court of Justice"),
    "trial": ("Trial opens in {court} over {topic}", "Verdict in {court}: {topic}"),
    "statement": ("{org} statement on {place}", "{org} condemns attack on {place}",
                  "{org} calls for accountability for {topic}"),
    "other": ("{org} publishes data on {topic}", "Anniversary of the {place} attack"),
}

ARABIC_TITLES: tuple[str, ...] = (
    "هجوم بالأسلحة الكيميائية على {place}", "قصف مستشفى في {place}", "تقرير عن الهجوم على {place}",
    "بيان {org} حول {place}", "مقتل عشرات المدنيين في {place}",
)

AGENTS = ("Sarin", "Chlorine", "Mustard gas", "Chemical", "Incendiary weapons", "Cluster munition")
FACILITIES = ("hospital", "school", "market", "bakery", "field hospital", "water station", "mosque")
TOPICS = ("chemical weapons", "humanitarian access", "the siege of Aleppo", "accountability",
          "cross-border aid", "detainees", "the Joint Investigative Mechanism", "a ceasefire",
          "the use of chlorine", "enforced disappearances")
MECHANISMS = ("OPCW Fact-Finding Mission", "OPCW-UN Joint Investigative Mechanism",
              "OPCW Investigation and Identification Team", "IIIM",
              "Independent International Commission of Inquiry on Syria")
ORGS = ("Human Rights Watch", "Amnesty International", "UN Secretary-General", "OPCW Director-General",
        "Syrian Network for Human Rights", "European Union", "UN High Commissioner for Human Rights")
COURTS = ("Koblenz Higher Regional Court", "Paris Criminal Court", "Stockholm District Court",
          "International Court of Justice")
VETOERS = ("Russian Federation", "China", "Russian Federation and China")

ARABIC_SOURCE_AUTHORS = ("مركز توثيق الانتهاكات في سوريا", "الشبكة السورية لحقوق الإنسان",
                         "الدفاع المدني السوري")
SOURCE_AUTHORS = ("UN Security Council", "UN Secretary-General", "OPCW Technical Secretariat",
                  "Human Rights Council", "Human Rights Watch", "Amnesty International",
                  "Syrian Network for Human Rights", "Reuters", "Associated Press", "BBC News",
                  "Physicians for Human Rights", "Federal Court of Justice (Germany)",
                  "US Department of State", "Ministry of Foreign Affairs of France")
DOMAINS = ("www.un.org", "undocs.org", "www.opcw.org", "www.hrw.org", "www.amnesty.org", "snhr.org",
           "www.reuters.com", "apnews.com", "www.bbc.com", "phr.org", "vdc-sy.net", "www.ohchr.org")
LOCATORS = ("para. {n}", "p. {n}", "pp. {n}-{m}", "Annex {r}, para. {n}", "section {s}.{t}", "")
ROMAN = ("I", "II", "III", "IV", "V")


# --- the generator -------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.kind_names, kind_weights = zip(*EVENT_KINDS, strict=True)
        self.kind_cum = _cumulative(kind_weights)
        self.source_kind_names, source_weights = zip(*SOURCE_KINDS, strict=True)
        self.source_kind_cum = _cumulative(source_weights)
        self.used_ids: dict[str, int] = {}

    # scalars

    def choice(self, items):
        return items[int(self.rng.random() * len(items))]

    def sample(self, items, k: int) -> list:
        return self.rng.sample(items, k) if k else []

    def words(self, low: int, high: int, vocabulary=WORDS) -> str:
        return " ".join(self.choice(vocabulary) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 22, vocabulary=WORDS) -> str:
        text = self.words(low, high, vocabulary)
        if vocabulary is ARABIC_WORDS:
            return text + "."
        return text[0].upper() + text[1:] + "."

    def symbol(self, year: int) -> str:
        r = self.rng.random()
        if r < 0.55:
            return f"S/{year}/{self.rng.randint(1, 1100)}"
        if r < 0.7:
            return f"S/RES/{self.rng.randint(2042, 2760)} ({year})"
        if r < 0.85:
            return f"A/HRC/{self.rng.randint(19, 58)}/{self.rng.randint(10, 80)}"
        return f"S/{self.rng.randint(1300, 2300)}/{year}"  # OPCW Technical Secretariat notes

    def locator(self) -> str:
        n = self.rng.randint(1, 240)
        return self.choice(LOCATORS).format(n=n, m=n + self.rng.randint(1, 9), r=self.choice(ROMAN),
                                           s=self.rng.randint(1, 9), t=self.rng.randint(1, 12))

    # dates

    def point(self, year: int | None = None) -> tuple[str, int]:
        """An EDTF date (not an interval): day 70%, month 20%, year 5%, ~ or ? 5%."""
        rng = self.rng
        if year is None:
            year = rng.randint(2011, 2025) if rng.random() < 0.8 else rng.randint(1990, 2010)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        r = rng.random()
        if r < 0.70:
            return f"{year:04d}-{month:02d}-{day:02d}", year
        if r < 0.90:
            return f"{year:04d}-{month:02d}", year
        if r < 0.95:
            return f"{year:04d}", year
        qualifier = "~" if rng.random() < 0.5 else "?"
        text = f"{year:04d}-{month:02d}-{day:02d}" if rng.random() < 0.5 else f"{year:04d}-{month:02d}"
        return text + qualifier, year

    def date(self) -> tuple[str, int]:
        """About 15% intervals: mostly closed, some open-ended (``/..``), a few with an unknown end (``/``)."""
        rng = self.rng
        start, year = self.point()
        if rng.random() >= 0.15:
            return start, year
        r = rng.random()
        if r < 0.25:
            return f"{start}/..", year
        if r < 0.33:
            return f"{start}/", year
        # A closed interval: the end is a full day later than any day the start may denote.
        if year >= 2025:
            return f"{start}/..", year
        end, _ = self.point(min(2025, year + rng.choice((1, 1, 1, 2, 3))))
        return f"{start}/{end}", year

    # records

    def slug(self, *parts: str) -> str:
        words = "-".join(parts).lower()
        clean = "".join(c if c.isascii() and c.isalnum() else "-" for c in words)
        base = "-".join(p for p in clean.split("-") if p)[:100].strip("-") or "item"
        count = self.used_ids.get(base, 0) + 1
        self.used_ids[base] = count
        # Unique within a section: event bases end in "<kind>-<year>", so "<base>-<count>" is never a base.
        return base if count == 1 else f"{base}-{count}"

    def source(self, index: int) -> dict[str, Any]:
        rng = self.rng
        kind = self.source_kind_names[_pick(self.source_kind_cum, rng.random())]
        year = rng.randint(2011, 2025) if rng.random() < 0.9 else rng.randint(1995, 2010)
        arabic = rng.random() < 0.1
        author = self.choice(ARABIC_SOURCE_AUTHORS) if arabic else self.choice(SOURCE_AUTHORS)
        title = f"تقرير {self.words(3, 8, ARABIC_WORDS)}" if arabic else self.sentence(4, 12)[:-1].title()
        domain = self.choice(DOMAINS)
        scheme = "https" if rng.random() < 0.9 else "http"
        source: dict[str, Any] = {
            "id": self.slug(kind, str(year), f"{index + 1}"),
            "title": title,
            "author": author,
            "kind": kind,
            "date": self.point(year)[0].rstrip("~?"),
            "url": f"{scheme}://{domain}/{year}/{self.slug('doc', str(index))}",
        }
        if rng.random() < 0.4:
            source["archived_url"] = f"https://web.archive.org/web/{year}0101000000/{source['url']}"
        if rng.random() < 0.7:
            source["accessed"] = f"{rng.randint(2022, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if arabic:
            source["language"] = "ar"
        elif rng.random() < 0.1:
            source["language"] = self.choice(("fr", "de", "ru", "en-GB"))
        if kind in ("un-document", "opcw-document") or rng.random() < 0.2:
            source["document"] = self.symbol(year)
        if rng.random() < 0.3:
            source["note"] = self.sentence(6, 20)
        return source

    def citation(self, source_ids: list[str], arabic: bool) -> dict[str, Any]:
        rng = self.rng
        quote = self.sentence(4, 12, ARABIC_WORDS if arabic else WORDS)
        citation: dict[str, Any] = {"source": self.choice(source_ids), "quote": quote}
        locator = self.locator()
        if locator:
            citation["locator"] = locator
        if rng.random() < 0.15:
            citation["context_before"] = self.words(4, 10)
        if rng.random() < 0.1:
            citation["context_after"] = self.words(4, 10)
        return citation

    def vote(self, kind: str) -> dict[str, Any]:
        rng = self.rng
        if kind == "veto":
            vetoed_by = ["Russian Federation"] if rng.random() < 0.55 else ["Russian Federation", "China"]
            no = len(vetoed_by) + rng.randint(0, 1)
            abstain = rng.randint(0, 4)
            vote = {"body": "UN Security Council", "yes": 15 - no - abstain, "no": no, "abstain": abstain,
                    "adopted": False, "vetoed_by": vetoed_by}
            if no > len(vetoed_by):
                vote["against"] = [*vetoed_by, "Bolivia"]
            if abstain:
                vote["abstaining"] = self.sample(("Angola", "Egypt", "Ethiopia", "Kazakhstan", "China",
                                                  "India", "Brazil", "South Africa"), min(abstain, 3))
            return vote
        abstain = rng.choice((0, 0, 0, 1, 2))
        vote = {"body": "UN Security Council", "yes": 15 - abstain, "no": 0, "abstain": abstain, "adopted": True}
        if rng.random() < 0.3:
            vote["note"] = "Adopted unanimously" if not abstain else self.sentence(5, 12)
        return vote

    def attribution(self, source_ids: list[str], year: int) -> dict[str, Any]:
        rng = self.rng
        named = rng.random() < 0.8
        attribution: dict[str, Any] = {
            "by": self.choice(MECHANISMS),
            "responsible": self.choice(("Syrian Arab Republic", "Syrian Arab Air Force", "ISIL (Da'esh)",
                                        "Tiger Forces")) if named else None,
            "finding": self.choice(("confident that", "reasonable grounds to believe that",
                                    "sufficient evidence to conclude that")) + " " + self.words(6, 16),
        }
        if rng.random() < 0.8:
            attribution["document"] = self.symbol(min(2025, year + 1))
        if rng.random() < 0.7:
            attribution["source"] = self.choice(source_ids)
        if rng.random() < 0.6:
            attribution["date"] = self.point(min(2025, year + rng.randint(0, 2)))[0]
        return attribution

    def event(self, index: int, source_ids: list[str]) -> dict[str, Any]:
        rng = self.rng
        kind = self.kind_names[_pick(self.kind_cum, rng.random())]
        date, year = self.date()
        arabic = rng.random() < 0.1
        syrian = kind in ("attack", "strike", "investigation") or rng.random() < 0.5
        place_row = self.choice(PLACES)
        fill = {
            "place": place_row[1] if arabic else place_row[0],
            "agent": self.choice(AGENTS), "facility": self.choice(FACILITIES), "n": rng.randint(3, 120),
            "vetoer": self.choice(VETOERS), "topic": self.choice(TOPICS), "res": rng.randint(2042, 2760),
            "mech": self.choice(MECHANISMS), "org": self.choice(ORGS), "court": self.choice(COURTS),
        }
        if arabic:
            title = self.choice(ARABIC_TITLES).format(**fill)
            summary_vocabulary = ARABIC_WORDS
        else:
            title = self.choice(TITLE_TEMPLATES[kind]).format(**fill)
            summary_vocabulary = WORDS
        summary = " ".join(self.sentence(6, 16, summary_vocabulary) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        event: dict[str, Any] = {
            "id": self.slug(place_row[0], kind, str(year)) if syrian else self.slug(kind, str(year)),
            "date": date,
            "kind": kind,
            "title": title,
            "summary": summary,
        }
        if syrian:
            name, local, lat, lon = place_row
            place: dict[str, Any] = {"name": local if arabic else name}
            if not arabic:
                place["name_local"] = local
            if rng.random() < 0.85:
                place["latitude"] = round(lat + rng.uniform(-0.02, 0.02), 4)
                place["longitude"] = round(lon + rng.uniform(-0.02, 0.02), 4)
            event["place"] = place
        elif rng.random() < 0.6:
            name, lat, lon = self.choice(FOREIGN_PLACES)
            event["place"] = {"name": name} if lat is None else {"name": name, "latitude": lat, "longitude": lon}
        actors = self.sample(ACTORS, rng.choice((0, 1, 1, 2, 2, 3)))
        if arabic and actors and rng.random() < 0.5:
            actors[0] = self.choice(ARABIC_ACTORS)
        if actors:
            event["actors"] = actors
        tags = self.sample(TAGS, rng.randint(0, 4))
        if arabic and rng.random() < 0.5:
            tags.append(self.choice(ARABIC_TAGS))
        if tags:
            event["tags"] = tags
        if rng.random() < 0.03:
            event["aliases"] = [f"{place_row[0]} incident"]
        if kind in ("veto", "resolution", "investigation", "mechanism") or rng.random() < 0.1:
            event["documents"] = [self.symbol(year) for _ in range(rng.randint(1, 2))]
        if kind in ("veto", "resolution"):
            event["vote"] = self.vote(kind)
        if rng.random() < 0.4:
            event["importance"] = rng.choice((1, 2, 4, 5))
        event["citations"] = [self.citation(source_ids, arabic) for _ in range(rng.choice((1, 1, 1, 2, 2, 2, 3, 3)))]
        if kind == "attack" and rng.random() < 0.2:
            event["attributions"] = [self.attribution(source_ids, year) for _ in range(rng.randint(1, 2))]
        return event

    def story(self, index: int, event_ids: list[str]) -> dict[str, Any]:
        rng = self.rng
        steps = [{"event": event_id} for event_id in self.sample(event_ids, min(len(event_ids),
                                                                                 rng.randint(4, 15)))]
        for step in steps:
            if rng.random() < 0.6:
                step["note"] = self.sentence(6, 18)
        return {
            "id": self.slug("story", str(index + 1)),
            "title": self.sentence(3, 7)[:-1].title(),
            "description": self.sentence(10, 30),
            "steps": steps,
        }


def _cumulative(weights) -> list[float]:
    total, cum = sum(weights), []
    running = 0
    for weight in weights:
        running += weight
        cum.append(running / total)
    return cum


def _pick(cumulative: list[float], r: float) -> int:
    for index, bound in enumerate(cumulative):
        if r < bound:
            return index
    return len(cumulative) - 1


def generate_dataset(events: int, *, seed: int = 1, sources: int = 200, stories: int = 5) -> dict[str, Any]:
    """A realistic dataset document (plain JSON values) with ``events`` events; deterministic in ``seed``."""
    gen = _Generator(seed)
    source_list = [gen.source(i) for i in range(max(1, sources))]
    source_ids = [s["id"] for s in source_list]
    event_list = [gen.event(i, source_ids) for i in range(events)]
    event_ids = [e["id"] for e in event_list]
    story_list = [gen.story(i, event_ids) for i in range(stories)] if event_ids else []
    return {
        "$schema": "https://example.org/accountability-timeline/v1/schema.json",
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "title": f"Generated chronology ({events:,} events, seed {seed})",
        "description": "A synthetic dataset made by benchmarks/generate.py for measuring load speed and memory. "
                       "Nothing in it describes real events.",
        "language": "en",
        "license": "CC0-1.0",
        "events": event_list,
        "sources": source_list,
        "stories": story_list,
    }


def dataset_bytes(document: dict[str, Any]) -> bytes:
    """The document as a saved file looks: UTF-8 without escapes, two-space indent, final newline."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def write_dataset(path: str | Path, events: int, *, seed: int = 1, sources: int = 200, stories: int = 5) -> int:
    """Generate and write a dataset file; returns its size in bytes."""
    data = dataset_bytes(generate_dataset(events, seed=seed, sources=sources, stories=stories))
    Path(path).write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--stories", type=int, default=5)
    parser.add_argument("-o", "--output", required=True, help="the file to write")
    args = parser.parse_args(argv)
    size = write_dataset(args.output, args.events, seed=args.seed, sources=args.sources, stories=args.stories)
    print(f"wrote {args.output}: {args.events:,} events, {size:,} bytes "
          f"({size / max(1, args.events):,.0f} bytes/event)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
