"""EDTF dates in words: ``human`` as people write dates, ``short`` for compact labels."""

from __future__ import annotations

import pytest

from timeline_app.model.dates import parse_edtf

# (EDTF, human, short)
CASES = [
    # single dates
    ("2013-08-21", "21 August 2013", "21 Aug 2013"),
    ("2018-04", "April 2018", "Apr 2018"),
    ("2013", "2013", "2013"),
    ("0476", "476", "476"),
    ("0000", "1 BC", "1 BC"),
    # qualified
    ("2013~", "c. 2013", "c. 2013"),
    ("2016?", "2016 (uncertain)", "2016?"),
    ("2016%", "c. 2016 (uncertain)", "c. 2016?"),
    ("2004-06-11~", "c. 11 June 2004", "c. 11 Jun 2004"),
    ("2004-06?", "June 2004 (uncertain)", "Jun 2004?"),
    # unspecified digits
    ("201X", "the 2010s", "2010s"),
    ("19XX", "the 1900s", "1900s"),
    ("200X", "2000–2009", "2000–2009"),  # "the 2000s" would read as the century 20XX
    ("190X", "1900–1909", "1900–1909"),
    ("201X~", "c. 2010s", "c. 2010s"),
    ("201X?", "the 2010s (uncertain)", "2010s?"),
    ("2018-04-XX", "April 2018", "Apr 2018"),
    ("2018-XX", "2018", "2018"),
    ("1985-XX-XX", "1985", "1985"),
    ("1985-04-XX~", "c. April 1985", "c. Apr 1985"),
    # intervals: parts both ends share are written once
    ("2017-03-24/2017-03-30", "24–30 March 2017", "24–30 Mar 2017"),
    ("2017-03-30/2017-04-02", "30 March – 2 April 2017", "30 Mar – 2 Apr 2017"),
    ("2016-12-30/2017-01-02", "30 December 2016 – 2 January 2017", "30 Dec 2016 – 2 Jan 2017"),
    ("2016-12/2017-01", "December 2016 – January 2017", "Dec 2016 – Jan 2017"),
    ("2017-02/2017-04", "February–April 2017", "Feb–Apr 2017"),
    ("2011/2013", "2011–2013", "2011–2013"),
    ("2013-09-12/2013-09-14", "12–14 September 2013", "12–14 Sep 2013"),
    ("2017/2017", "2017", "2017"),
    ("2017-03-24/2017-03-24", "24 March 2017", "24 Mar 2017"),
    ("2016-03-24/2017-03-24", "24 March 2016 – 24 March 2017", "24 Mar 2016 – 24 Mar 2017"),
    ("2005/2006-02", "2005 – February 2006", "2005 – Feb 2006"),
    ("2004-02-01/2005", "1 February 2004 – 2005", "1 Feb 2004 – 2005"),
    ("1984~/2004~", "c. 1984 – c. 2004", "c. 1984 – c. 2004"),
    ("2004-06~/2004-06-11?", "c. June 2004 – 11 June 2004 (uncertain)", "c. Jun 2004 – 11 Jun 2004?"),
    ("1984?/2004?", "1984 (uncertain) – 2004 (uncertain)", "1984?–2004?"),
    # open and unknown ends
    ("2016-12-21/..", "from 21 December 2016", "from 21 Dec 2016"),
    ("../1985-04-12", "until 12 April 1985", "until 12 Apr 1985"),
    ("2016-12-21/", "21 December 2016 – unknown end", "21 Dec 2016 – ?"),
    ("/1985", "unknown start – 1985", "? – 1985"),
    ("1985~/..", "from c. 1985", "from c. 1985"),
    # dates with a time of day
    ("1985-04-12T23:20:30", "12 April 1985, 23:20:30", "12 Apr 1985, 23:20"),
    ("1985-04-12T23:20:30Z", "12 April 1985, 23:20:30 UTC", "12 Apr 1985, 23:20 UTC"),
    ("1985-04-12T23:20:30+05:00", "12 April 1985, 23:20:30 +05:00", "12 Apr 1985, 23:20 +05:00"),
    ("1985-04-12T23:20:30-04", "12 April 1985, 23:20:30 -04:00", "12 Apr 1985, 23:20 -04:00"),
]


@pytest.mark.parametrize(("text", "human", "short"), CASES)
def test_human_and_short(text, human, short):
    date = parse_edtf(text)
    assert date.human == human
    assert date.short == short


def test_point_texts_match_a_single_date():
    date = parse_edtf("2017-03-24/2017-03-30")
    assert (date.start.human, date.end.human) == ("24 March 2017", "30 March 2017")
    assert (date.start.short, date.end.short) == ("24 Mar 2017", "30 Mar 2017")
