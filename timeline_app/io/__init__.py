"""Reading and writing dataset files. Imports no Qt."""

from .loading import MAX_FILE_BYTES, LoadResult, UnreadableFileError, load_dataset, parse_dataset
from .problems import Problem

__all__ = ["MAX_FILE_BYTES", "LoadResult", "Problem", "UnreadableFileError", "load_dataset", "parse_dataset"]
