"""The core layer: the timeline's view-model over a Dataset (sorted arrays, filters, search, lanes, label
packing, density). Imports only the standard library, numpy and timeline_app.model: no Qt, no files."""

from .columns import KINDS, EventColumns, Facet, event_columns
from .density import lane_density, should_aggregate
from .filters import FacetCounts, FilterState, facet_counts, filter_mask
from .label_layout import BADGE_PX, MIN_TEXT_PX, LabelLayout, pack_labels
from .lanes import (
    ALL_EVENTS_LABEL,
    NO_ACTOR_LABEL,
    OTHER_ACTORS_LABEL,
    POINT_SECONDS,
    LaneMode,
    assign_lanes,
    assign_subrows,
    kind_label,
)
from .search import SearchIndex, match_spans, normalise, parse_query
from .timeline_index import TimelineIndex

__all__ = [
    "ALL_EVENTS_LABEL",
    "BADGE_PX",
    "KINDS",
    "MIN_TEXT_PX",
    "NO_ACTOR_LABEL",
    "OTHER_ACTORS_LABEL",
    "POINT_SECONDS",
    "EventColumns",
    "Facet",
    "FacetCounts",
    "FilterState",
    "LabelLayout",
    "LaneMode",
    "SearchIndex",
    "TimelineIndex",
    "assign_lanes",
    "assign_subrows",
    "event_columns",
    "facet_counts",
    "filter_mask",
    "kind_label",
    "lane_density",
    "match_spans",
    "normalise",
    "pack_labels",
    "parse_query",
    "should_aggregate",
]
