import os

from timeline_app.io import excerpt
from timeline_app.io.excerpt import source_excerpt


def test_lines_around_a_position_are_numbered_from_one(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes(b"one\ntwo\n\xffthree\nfour\nfive\nsix\n")
    assert source_excerpt(path, 3, context=1) == [(2, "two"), (3, "\ufffdthree"), (4, "four")]
    assert source_excerpt(path, 1, context=1) == [(1, "one"), (2, "two")]


def test_an_unreadable_file_gives_no_lines(tmp_path):
    assert source_excerpt(tmp_path / "missing.json", 3) == []


def test_lines_are_the_same_whatever_the_block_size(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    path.write_bytes(b"one\r\ntwo\n\n\xc3\xa9t\xc3\xa9\nfour" + b"x" * 3000 + b"\nsix")
    expected = [(2, "two"), (3, ""), (4, "\u00e9t\u00e9"), (5, "four" + "x" * 396), (6, "six")]
    for block in (1, 2, 5, 4096):
        monkeypatch.setattr(excerpt, "_BLOCK", block)
        assert source_excerpt(path, 4) == expected
        assert source_excerpt(path, 1, context=0) == [(1, "one")]
        assert source_excerpt(path, 9) == []


def test_the_excerpt_of_a_file_of_gigabytes_on_one_line_reads_a_few_megabytes(tmp_path, monkeypatch):
    # A file refused as too large has its problem at line 1; picking that problem in the window must not read
    # the whole file on the window's thread (8 GB of one line took 50 s to read through).
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: nothing on disk
        handle.truncate(8 * 1024**3)
    read = []
    real_read = os.read

    def counting_read(fd, size):
        data = real_read(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    assert source_excerpt(huge, 1) == [(1, "\ufffd" * 400)]
    assert sum(read) <= excerpt._MAX_AFTER_BYTES + excerpt._BLOCK
    read.clear()
    lines = tmp_path / "lines.json"
    lines.write_bytes(b"[\n" + b"1,\n" * 1000 + b"1]\n")
    assert source_excerpt(lines, 500, context=1) == [(499, "1,"), (500, "1,"), (501, "1,")]
    assert 0 < sum(read) <= lines.stat().st_size
