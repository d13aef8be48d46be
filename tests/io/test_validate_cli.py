"""`python -m timeline_app validate` on the corpus of broken datasets in tests/data/invalid/.

Each case is a dataset file (``<case>.json``, or ``<case>.bin`` when it cannot be a text file) with a sidecar
``<case>.expected`` (or ``<case>.<variant>.expected`` for the same file with other options) that lists the
exact output lines of ``validate``, ``{file}`` standing for the file's name, after header lines:

    # <what the case is>
    # exit: <status>
    # args: <more arguments, such as --strict>      (optional)
    # setup: symlink-outside                        (optional: the case needs a symbolic link made at run time)

``<*>`` in an expected line matches any text; it is used only where another module words the message
(dates.py, schema.py), so those lines pin the position, the severity and the key words.

The whole corpus is checked by one real child process per set of arguments (``python -m timeline_app
validate FILE...``: each file's lines are picked out by their prefix), which is where "no traceback" and "the
files are unchanged" are checked; each case's exit status is then checked by running the command's ``main()``
in this process on that file alone, which must print the same lines. Starting a child per case would cost
about 0.4 s each (importing pydantic and building the schema).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
INVALID = DATA / "invalid"
VALID = DATA / "valid"
REPO_ROOT = DATA.parent.parent
LINE = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)")


@dataclass(frozen=True)
class Case:
    name: str
    dataset: Path
    exit: int
    args: tuple[str, ...]
    setup: str
    lines: tuple[str, ...]


def _read_cases() -> list[Case]:
    cases = []
    for sidecar in sorted(INVALID.glob("*.expected")):
        name = sidecar.name.removesuffix(".expected")
        stem = name.split(".")[0]
        found = [p for p in (INVALID / f"{stem}.json", INVALID / f"{stem}.bin") if p.exists()]
        assert len(found) == 1, f"{sidecar.name}: needs exactly one of {stem}.json or {stem}.bin"
        headers: dict[str, str] = {}
        lines = []
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                key, sep, value = line[1:].strip().partition(":")
                if sep and key in ("exit", "args", "setup"):
                    headers[key] = value.strip()
            elif line:
                lines.append(line)
        cases.append(Case(name, found[0], int(headers["exit"]), tuple(headers.get("args", "").split()),
                          headers.get("setup", ""), tuple(lines)))
    return cases


CASES = _read_cases()


@dataclass(frozen=True)
class Run:
    file: str
    status: int
    stdout: str
    stderr: str


def run_validate(*args: str, cwd: Path) -> Run:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
           "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "timeline_app", "validate", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120)
    return Run(args[-1], done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file below ``folder`` (links not followed) with its SHA-256 and modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                    path.stat().st_mtime_ns)
        else:
            found[str(path.relative_to(folder))] = ("link" if path.is_symlink() else "folder", 0)
    return found


def _symlink_outside(case: Case, tmp: Path) -> Path | None:
    """The case copied into tmp/dataset/, whose copies/report-link.txt links to tmp/secret.txt (None when
    links cannot be made here, as on Windows without the right to)."""
    folder = tmp / "dataset"
    (folder / "copies").mkdir(parents=True)
    (tmp / "secret.txt").write_text("a file outside the dataset's folder\n", encoding="utf-8")
    try:
        (folder / "copies" / "report-link.txt").symlink_to(Path("..") / ".." / "secret.txt")
    except (OSError, NotImplementedError):
        return None
    target = folder / case.dataset.name
    shutil.copyfile(case.dataset, target)
    return target


@dataclass(frozen=True)
class CorpusRuns:
    files: dict[str, str]  # case name -> the file name as given on the command line
    runs: dict[tuple[str, ...], Run]  # arguments -> the child process's run over every case with them
    before: dict
    after: dict

    def lines_of(self, case: Case) -> list[str]:
        if case.name not in self.files:
            pytest.skip("this case needs a symbolic link, which cannot be made here")
        file = self.files[case.name]
        return [line for line in self.runs[case.args].stdout.splitlines() if line.startswith(file + ":")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> CorpusRuns:
    """Every case checked by a child process (one per set of arguments), with snapshots of tests/data."""
    before = _snapshot(DATA)
    files: dict[str, str] = {}
    for case in CASES:
        if case.setup == "symlink-outside":
            target = _symlink_outside(case, tmp_path_factory.mktemp(case.name))
            if target is not None:
                files[case.name] = str(target)
        elif case.setup:
            raise AssertionError(f"{case.name}: unknown setup {case.setup!r}")
        else:
            files[case.name] = case.dataset.name
    runs = {}
    for args in sorted({case.args for case in CASES}):
        names = [files[case.name] for case in CASES if case.args == args and case.name in files]
        runs[args] = run_validate(*args, *names, cwd=INVALID)
    return CorpusRuns(files, runs, before, _snapshot(DATA))


def _matches(expected: str, actual: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in expected.split("<*>"))
    return re.fullmatch(pattern, actual, re.S) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_prints_exactly_the_expected_problems(case: Case, corpus: CorpusRuns) -> None:
    actual = corpus.lines_of(case)
    expected = [line.replace("{file}", corpus.files[case.name]) for line in case.lines]
    assert len(actual) == len(expected), "got:\n" + "\n".join(actual)
    for want, got in zip(expected, actual, strict=True):
        assert _matches(want, got), f"expected: {want}\n     got: {got}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_exit_status_of_each_case(case: Case, corpus: CorpusRuns, capsys, monkeypatch) -> None:
    from timeline_app.cli import main

    expected_lines = corpus.lines_of(case)
    file = corpus.files[case.name]
    monkeypatch.chdir(INVALID)
    status = main(["validate", *case.args, file])
    out, err = capsys.readouterr()
    assert status == case.exit, err
    assert out.splitlines() == expected_lines  # the same lines as the child process printed
    assert "Traceback" not in out + err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_printed_problem_is_one_well_formed_line(case: Case, corpus: CorpusRuns) -> None:
    lines = corpus.lines_of(case)
    assert lines
    for line in lines:
        found = LINE.fullmatch(line)
        assert found, line
        assert found["file"] == corpus.files[case.name]
        assert int(found["line"]) >= 1 and int(found["col"]) >= 1
        # Plain words: none of pydantic's or Python's own vocabulary reaches the reader.
        for jargon in ("Input should", "dataclass", "NoneType", "pydantic", "type=", "Error:", "errors.pydantic"):
            assert jargon not in found["message"], line
    errors = sum(": error: " in line for line in lines)
    assert (case.exit == 1) == (errors > 0)


def test_the_child_processes_exit_with_the_worst_status_and_no_traceback(corpus: CorpusRuns) -> None:
    for args, run in corpus.runs.items():
        cases = [case for case in CASES if case.args == args and case.name in corpus.files]
        assert run.status == max(case.exit for case in cases), run.stderr
        assert "Traceback" not in run.stdout + run.stderr
        assert "internal error" not in run.stderr
        # A summary per file on stderr, and nothing printed for a file that is not in the corpus.
        assert run.stderr.count(" error(s), ") == len(cases)
        assert all(any(line.startswith(f + ":") for f in corpus.files.values()) for line in run.stdout.splitlines())


def test_loading_never_writes_to_the_corpus(corpus: CorpusRuns) -> None:
    assert corpus.after == corpus.before


def test_every_case_file_has_expectations() -> None:
    covered = {case.dataset.name for case in CASES}
    files = {p.name for p in INVALID.iterdir() if p.suffix in (".json", ".bin")}
    assert files == covered
    assert len(CASES) >= 35


def test_the_valid_example_is_clean_even_with_strict() -> None:
    before = _snapshot(VALID)
    run = run_validate("--strict", "minimal.json", cwd=VALID)
    assert (run.status, run.stdout) == (0, "")
    assert "minimal.json: 0 error(s), 0 warning(s)" in run.stderr
    assert "Traceback" not in run.stderr
    assert _snapshot(VALID) == before


def test_a_missing_file_or_a_folder_exits_2_with_a_reason_and_the_other_files_are_still_checked(tmp_path) -> None:
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)  # minimal.json has a local copy in copies/
    shutil.copyfile(VALID / "minimal.json", tmp_path / "b.json")
    shutil.copyfile(INVALID / "unknown_source.json", tmp_path / "a.json")
    run = run_validate("a.json", "no-such-file.json", "copies", "b.json", cwd=tmp_path)
    assert run.status == 2  # the worst: a file could not be read
    assert run.stdout.splitlines() == [
        "a.json:16:20: error: citation refers to source 'opcw-ffs-reprot-2017', which is not in the dataset's "
        "sources, so this citation is left out; did you mean 'opcw-ffs-report-2017'?"]
    errors = run.stderr.splitlines()
    assert "no-such-file.json: error: no such file" in errors
    assert "copies: error: this is a folder, not a dataset file" in errors
    assert "b.json: 0 error(s), 0 warning(s)" in errors  # checked after the unreadable ones
    assert "Traceback" not in run.stdout + run.stderr
    run = run_validate("a.json", "b.json", cwd=tmp_path)
    assert run.status == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_rather_than_waited_on(tmp_path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    run = run_validate("pipe.json", cwd=tmp_path)  # would hang until the timeout if the pipe were opened
    assert run.status == 2
    assert "pipe.json: error: this is not a regular file" in run.stderr


def test_validate_does_not_import_qt(tmp_path) -> None:
    code = (
        "import sys\n"
        "from timeline_app.cli import main\n"
        f"status = main(['validate', {str(INVALID / 'several_problems.json')!r}])\n"
        "assert status == 1, status\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "assert not loaded, loaded\n"
        "print('no Qt')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "no Qt"


def _events_file(path: Path, events: list[str]) -> Path:
    body = ",\n".join(events)
    path.write_text('{"format": "accountability-timeline", "format_version": 1, "title": "Many",\n'
                    f'"events": [\n{body}\n]}}\n', encoding="utf-8")
    return path


def test_a_capped_list_says_how_many_problems_it_leaves_out(tmp_path, capsys) -> None:
    from timeline_app.cli import main

    # 60 events each naming 'title' twice: 50 listed, then one line saying 10 more are not.
    many_names = _events_file(tmp_path / "names.json", [
        f'{{"id": "e{n}", "date": "2013", "kind": "attack", "title": "A", "title": "B"}}' for n in range(60)])
    assert main(["validate", str(many_names)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]  # no citations: warnings
    assert len(lines) == 51 and all("'title' is given twice in this event" in line for line in lines[:50])
    assert lines[50] == (f"{many_names}:53:63: error: 10 more names are given more than once in an object, from "
                         "here on; only the first 50 are listed")
    # 25 events with a Latin-1 byte in the title (and one U+FFFD written in the file, which is no problem).
    latin = _events_file(tmp_path / "latin.json", [
        f'{{"id": "e{n}", "date": "2013", "kind": "attack", "title": "caf\\u00e9 \xe9 \ufffd"}}' for n in range(25)])
    latin.write_bytes(latin.read_bytes().replace(b"\xc3\xa9 \xef\xbf\xbd", b"\xe9 \xef\xbf\xbd"))
    assert main(["validate", str(latin)]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert len(lines) == 11 and all("byte 0xE9 is not valid UTF-8" in line for line in lines[:10])
    assert lines[10] == (f"{latin}:13:69: error: 15 more places hold bytes that are not valid UTF-8, from here on; "
                         "only the first 10 are listed")


def test_a_file_name_with_a_terminal_escape_or_a_direction_override_is_printed_as_escapes(tmp_path, capsys) -> None:
    # Names come with the files (an archive, a shared folder): they must not colour or reorder the terminal.
    from timeline_app.cli import main

    named = _events_file(tmp_path / "report\u202enosj.\x1b[31m.json", ['{"id": "e", "kind": "attack"}'])
    missing = tmp_path / "gone\x1b[2J.json"
    assert main(["validate", str(named), str(missing)]) == 2
    out, err = capsys.readouterr()
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text
    assert out.splitlines()[0].startswith(f"{tmp_path}/report\\u202enosj.\\x1b[31m.json:3:1: error: ")
    assert f"{tmp_path}/gone\\x1b[2J.json: error: no such file" in err.splitlines()
    assert f"{tmp_path}/report\\u202enosj.\\x1b[31m.json: 3 error(s), 0 warning(s)" in err.splitlines()
