"""KPI tiles whose numbers explain themselves: 口径, source, freshness, stale badge.

API:

- ``load_freshness(cursor)``: the source freshness rows (queries/source_freshness.sql)
  or None when the build cannot say; load once per page and pass to the helpers;
- ``stale_sources(key, freshness)``: the metric's sources that are overdue;
- ``metric_help(key, language, freshness)``: the tooltip text: definition, sources
  with their latest date and status;
- ``show_metric_tile(key, value, language, *, freshness, delta, delta_color,
  delta_arrow, chart_data, label, container)``: an st.metric (deltas grey by
  default: red, yellow and green are kept for alert status) with that help and, when a source
  is overdue, a red 数据逾期 / stale badge in its label.
"""

from __future__ import annotations

import logging

import duckdb
import polars as pl
import streamlit as st

from onescreen.i18n import join_names, source_label, t
from onescreen.metrics import metric, metric_definition, metric_name
from onescreen.ui.cache import cached_query

logger = logging.getLogger(__name__)


def load_freshness(cursor: duckdb.DuckDBPyConnection | None) -> pl.DataFrame | None:
    """Return each source's freshness row, or None when the build cannot say."""
    from onescreen.ui import source_contract_rows

    if cursor is None:
        return None
    try:
        return cached_query(
            cursor, "source_freshness", source_contracts=source_contract_rows()
        )
    except duckdb.Error as error:
        logger.warning("source freshness unavailable: %s", error)
        return None


def stale_sources(key: str, freshness: pl.DataFrame | None) -> list[str]:
    """Return the names of the metric's sources that are overdue."""
    sources = metric(key).sources
    if freshness is None or not sources:
        return []
    rows = _rows_by_source(freshness)
    return [source for source in sources if rows.get(source, {}).get("is_stale")]


def _rows_by_source(freshness: pl.DataFrame) -> dict[str, dict]:
    # A dozen rows, read by every tile on the page: plain lookups cost less than a
    # polars filter per tile and source.
    return {row["source"]: row for row in freshness.iter_rows(named=True)}


def _source_line(source: str, freshness: pl.DataFrame | None, language: str) -> str:
    name = source_label(source, language)
    if freshness is None:
        return name
    row = _rows_by_source(freshness).get(source)
    if row is None:
        return name
    status = t(f"freshness.{row['freshness_status']}", language)
    if row["latest_date"] is None:
        return t("metric.source_undated", language, source=name, status=status)
    return t(
        "metric.source_dated",
        language,
        source=name,
        latest=row["latest_date"].isoformat(),
        status=status,
    )


def metric_help(key: str, language: str, freshness: pl.DataFrame | None) -> str:
    """Return a metric's tooltip: its 口径, its sources and how fresh they are."""
    lines = [
        f"**{t('metric.definition', language)}**: {metric_definition(key, language)}"
    ]
    sources = metric(key).sources
    if sources:
        listed = join_names(
            [_source_line(source, freshness, language) for source in sources],
            language,
        )
        lines.append(f"**{t('metric.sources', language)}**: {listed}")
    stale = stale_sources(key, freshness)
    if stale:
        names = join_names([source_label(name, language) for name in stale], language)
        lines.append(t("metric.stale_note", language, sources=names))
    return "\n\n".join(lines)


def show_metric_tile(
    key: str,
    value: str,
    language: str,
    *,
    freshness: pl.DataFrame | None = None,
    delta: str | None = None,
    delta_color: str = "off",
    delta_arrow: str = "auto",
    chart_data: list | None = None,
    label: str | None = None,
    container=None,
) -> None:
    """Show a KPI tile with its 口径 and freshness on hover and a stale badge."""
    target = container or st
    shown_label = label or metric_name(key, language)
    if stale_sources(key, freshness):
        shown_label += f" :red-badge[⚠️ {t('metric.stale', language)}]"
    target.metric(
        shown_label,
        value,
        delta=delta,
        delta_color=delta_color,
        delta_arrow=delta_arrow,
        help=metric_help(key, language, freshness),
        border=True,
        chart_data=chart_data,
        chart_type="line",
    )
