"""Reading and writing dataset files. Imports no Qt."""

from .loading import (
    MAX_FILE_BYTES,
    LoadProgress,
    LoadResult,
    UnreadableFileError,
    iter_load_dataset,
    iter_parse_dataset,
    load_dataset,
    parse_dataset,
)
from .problems import Problem
from .saving import SaveError, atomic_write_bytes, save_dataset

__all__ = ["MAX_FILE_BYTES", "LoadProgress", "LoadResult", "Problem", "SaveError", "UnreadableFileError",
           "atomic_write_bytes", "iter_load_dataset", "iter_parse_dataset", "load_dataset", "parse_dataset",
           "save_dataset"]
