from timeline_app.io.excerpt import source_excerpt


def test_lines_around_a_position_are_numbered_from_one(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes(b"one\ntwo\n\xffthree\nfour\nfive\nsix\n")
    assert source_excerpt(path, 3, context=1) == [(2, "two"), (3, "\ufffdthree"), (4, "four")]
    assert source_excerpt(path, 1, context=1) == [(1, "one"), (2, "two")]


def test_an_unreadable_file_gives_no_lines(tmp_path):
    assert source_excerpt(tmp_path / "missing.json", 3) == []
