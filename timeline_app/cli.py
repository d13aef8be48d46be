"""Command line: `timeline-app [FILE]` opens the window; `validate FILE...` checks files; `schema` prints
the dataset's JSON Schema. `validate` and `schema` never import Qt and never print a traceback."""

from __future__ import annotations

import argparse
import sys

from . import __version__

EXIT_CLEAN, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
_COMMANDS = ("validate", "schema")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] in _COMMANDS:
            return _run_command(argv[0], argv[1:])
        return _open_window(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # the promise is no traceback: say what failed, briefly
        print(f"timeline-app: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return EXIT_INTERNAL


def _run_command(command: str, args: list[str]) -> int:
    if command == "validate":
        parser = argparse.ArgumentParser(
            prog="timeline-app validate",
            description="Check dataset files. Prints FILE:LINE:COL: error|warning: MESSAGE for each problem. "
                        "Exit status: 0 clean, 1 errors found, 2 a file cannot be read.")
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--strict", action="store_true",
                            help="treat an event without citations as an error (always so for the bundled dataset)")
        options = parser.parse_args(args)
        return validate_files(options.files, strict=options.strict)
    argparse.ArgumentParser(prog="timeline-app schema",
                            description="Print the dataset format's JSON Schema.").parse_args(args)
    from .model.json_schema import dataset_json_schema_text

    print(dataset_json_schema_text())
    return EXIT_CLEAN


def validate_files(files: list[str], *, strict: bool = False) -> int:
    from .io import UnreadableFileError, load_dataset
    from .io.problems import visible_name
    from .paths import is_bundled_dataset

    status = EXIT_CLEAN
    for file in files:
        try:
            result = load_dataset(file, require_citations=strict or is_bundled_dataset(file))
        except UnreadableFileError as exc:
            print(f"{visible_name(exc.file)}: error: {exc.reason}", file=sys.stderr)
            status = max(status, EXIT_UNREADABLE)
            continue
        for problem in result.problems:
            print(problem.format())
        if result.errors:
            status = max(status, EXIT_ERRORS)
        print(f"{visible_name(file)}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)",
              file=sys.stderr)
    return status


def _open_window(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Accountability Timeline: open a dataset (the bundled one when no FILE is given). "
                    "Other commands: 'timeline-app validate FILE...', 'timeline-app schema'.")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a dataset file (.json)")
    parser.add_argument("--version", action="version", version=f"timeline-app {__version__}")
    options = parser.parse_args(args)
    from .ui.application import run

    return run(options.file)


if __name__ == "__main__":
    sys.exit(main())
