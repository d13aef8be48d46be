"""The dataset format's JSON Schema, for editors that check files as people type."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from .schema import FORMAT_NAME, FORMAT_VERSION, Dataset

SCHEMA_ID = f"https://accountability-timeline.invalid/schema/{FORMAT_NAME}-v{FORMAT_VERSION}.json"


def dataset_json_schema() -> dict:
    schema = TypeAdapter(Dataset).json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Accountability Timeline dataset, format version {FORMAT_VERSION}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def dataset_json_schema_text() -> str:
    """The schema as stable, readable JSON text (sorted as generated, two-space indent)."""
    return json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False)
