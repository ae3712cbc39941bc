"""The metric catalogue and the tooltips and stale badges built from it."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from onescreen.contracts import SOURCES
from onescreen.metrics import METRICS, UNITS, metric, metric_definition, metric_name
from onescreen.ui.tiles import metric_help, stale_sources

SOURCE_NAMES = {source.name for source in SOURCES}


@pytest.mark.parametrize("key", sorted(METRICS))
def test_every_metric_has_both_languages_known_sources_and_a_unit(key):
    entry = METRICS[key]
    assert entry.key == key
    assert entry.name_zh and entry.name_en and entry.definition_zh
    assert entry.definition_en
    assert set(entry.sources) <= SOURCE_NAMES
    assert entry.unit in UNITS


def test_an_unknown_metric_is_named_in_the_error():
    with pytest.raises(KeyError, match="no_such_metric"):
        metric("no_such_metric")


def test_names_and_definitions_come_in_the_language_asked_for():
    assert metric_name("registration_progress", "zh") == "权属登记进度"
    assert "target area" in metric_definition("registration_progress", "en")


def freshness(trips_stale: bool) -> pl.DataFrame:
    """Two sources' freshness rows as queries/source_freshness.sql returns them."""
    return pl.DataFrame(
        {
            "source": ["trips", "vehicles"],
            "freshness_status": ["stale" if trips_stale else "current", "undated"],
            "is_stale": [trips_stale, False],
            "latest_date": [date(2025, 10, 31), None],
        }
    )


def test_the_tooltip_gives_the_definition_and_each_source_with_its_latest_date():
    text = metric_help("fleet_utilisation", "zh", freshness(trips_stale=False))
    assert "口径" in text and "车辆使用率" not in text
    assert "2025-10-31" in text
    assert "逾期" not in text


def test_an_overdue_source_is_named_in_the_tooltip_and_gives_a_stale_badge():
    rows = freshness(trips_stale=True)
    assert stale_sources("fleet_utilisation", rows) == ["trips"]
    assert "overdue" in metric_help("fleet_utilisation", "en", rows)
    assert stale_sources("satisfaction", rows) == []


def test_without_freshness_the_tooltip_still_explains_the_number():
    text = metric_help("satisfaction", "en", None)
    assert "Definition" in text and "Source" in text
