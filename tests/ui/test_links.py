"""The app's only ways out: web addresses (http and https only) and local copies of sources."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from timeline_app.ui.links import is_web_url, open_external, open_local_file


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    """Every URL handed to the system, instead of opening it."""
    calls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        calls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return calls


@pytest.mark.parametrize("url", [
    "https://www.opcw.org/sites/default/files/documents/2023/01/s-2125-2023%28e%29.pdf",
    "http://undocs.org/S/2017/172",
    "HTTPS://Example.org/Report",
    "https://ar.wikipedia.org/wiki/غوطة",
    "https://example.org/search?q=khan+shaykhun&lang=en#p2",
])
def test_web_addresses_are_handed_to_the_browser_once(opened, url):
    assert open_external(url) is True
    assert opened == [QUrl(url, QUrl.ParsingMode.StrictMode)]
    assert is_web_url(url)


def test_surrounding_whitespace_is_stripped_before_opening(opened):
    assert open_external("  https://example.org/a \n") is True
    assert [u.toString() for u in opened] == ["https://example.org/a"]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "  javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "file:///etc/passwd",
    "FILE:///C:/Windows/System32/calc.exe",
    "data:text/html,<script>alert(1)</script>",
    "ftp://ftp.example.org/report.pdf",
    "mailto:someone@example.org",
    "example.org/report",
    "//example.org/report",
    "www.example.org",
    "http:example.org",
    "https://",
    "https:///path-without-host",
    "https://exa mple.org/",
    "https://example.org/a\tb",
    "https://example.org/\x00",
    "https://example.org/\x1b[31m",
    "https://example.org/\u202egpj.exe",
    "https://example.org/\u200b",
    "https://example.org/a|b",
    "",
    "   ",
])
def test_anything_else_is_refused_and_never_reaches_the_system(opened, url):
    assert open_external(url) is False
    assert not is_web_url(url)
    assert opened == []


def test_a_non_string_is_refused(opened):
    assert open_external(None) is False  # type: ignore[arg-type]
    assert opened == []


def test_a_local_copy_that_exists_opens_as_a_file_url(opened, tmp_path):
    report = tmp_path / "copies" / "report.pdf"
    report.parent.mkdir()
    report.write_bytes(b"%PDF-1.4\n")
    assert open_local_file(report) is True
    assert opened == [QUrl.fromLocalFile(str(report.resolve()))]


@pytest.mark.parametrize("name", ["missing.pdf", "folder.pdf", "run.sh", "setup.exe", "open.desktop", "noext"])
def test_missing_files_folders_and_programs_are_never_opened(opened, tmp_path, name):
    (tmp_path / "folder.pdf").mkdir()
    for program in ("run.sh", "setup.exe", "open.desktop", "noext"):
        (tmp_path / program).write_text("echo hi\n")
    assert open_local_file(tmp_path / name) is False
    assert opened == []
