"""The overview (一屏统管): loading its figures and drawing its tiles.

``load_overview(cursor, controls, language)`` runs the named queries for the
controls and returns an :class:`OverviewData`; ``show_overview_tiles`` draws the eight
KPI tiles, each with its 口径, source freshness, stale badge and a twelve-month trend.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import duckdb
import polars as pl
import streamlit as st

from onescreen.charts import format_area, format_change, format_number, format_percent
from onescreen.i18n import t
from onescreen.ui.alerts import alert_totals, load_alert_summary
from onescreen.ui.cache import cached_query
from onescreen.ui.controls import Controls
from onescreen.ui.tiles import load_freshness, show_metric_tile

logger = logging.getLogger(__name__)


@dataclass
class OverviewData:
    """The frames the overview draws; None where a query could not run."""

    registration: pl.DataFrame | None
    fleet: pl.DataFrame | None
    fleet_year_before: pl.DataFrame | None
    dispatch: pl.DataFrame | None
    satisfaction: pl.DataFrame | None
    energy: pl.DataFrame | None
    problems: pl.DataFrame | None
    workforce: pl.DataFrame | None
    trends: pl.DataFrame | None
    targets: pl.DataFrame | None
    buildings: pl.DataFrame | None
    freshness: pl.DataFrame | None
    alert_counts: pl.DataFrame | None
    worst_alerts: pl.DataFrame | None
    unavailable: list[str]


def year_before(controls: Controls) -> dict:
    """Return the query parameters of the same period one year earlier."""
    earlier = controls.period.same_period_year_before()
    end = earlier.clipped_end(
        controls.as_of_date - timedelta(days=365) if controls.as_of_date else None
    )
    return {
        **controls.query_parameters(),
        "start_date": earlier.start_date,
        "end_date": end,
    }


def load_overview(
    cursor: duckdb.DuckDBPyConnection, controls: Controls, language: str
) -> OverviewData:
    """Run the overview's named queries for the controls."""
    params = controls.query_parameters()
    unavailable: list[str] = []

    def run(name: str, **extra) -> pl.DataFrame | None:
        try:
            return cached_query(cursor, name, **{**params, **extra})
        except duckdb.Error as error:
            logger.warning("query %s failed: %s", name, error)
            unavailable.append(name)
            return None

    alert_counts, worst_alerts = load_alert_summary(cursor)
    return OverviewData(
        registration=run("registration_progress"),
        fleet=run("fleet_utilisation_in_period"),
        fleet_year_before=run("fleet_utilisation_in_period", **year_before(controls)),
        dispatch=run("dispatch_service_in_period"),
        satisfaction=run("service_satisfaction_in_period"),
        energy=run("energy_in_period"),
        problems=run(
            "property_problems_by_category_at_period_end", lead_department=None
        ),
        workforce=run("workforce_at_period_end"),
        trends=run("monthly_headline_trends"),
        targets=run("year_targets"),
        buildings=run("building_register"),
        freshness=load_freshness(cursor),
        alert_counts=alert_counts,
        worst_alerts=worst_alerts,
        unavailable=unavailable,
    )


def first_value(frame: pl.DataFrame | None, column: str):
    """Return the first row's value of a column, or None."""
    if frame is None or frame.is_empty() or column not in frame.columns:
        return None
    return frame.get_column(column)[0]


def target_value(targets: pl.DataFrame | None, metric: str) -> float | None:
    """Return the year's target of a metric, or None."""
    if targets is None:
        return None
    return first_value(targets.filter(pl.col("metric") == metric), "target_value")


def trend(frame: pl.DataFrame | None, column: str) -> list | None:
    """Return a tile's trend values, or None when there are fewer than two."""
    if frame is None or column not in frame.columns:
        return None
    values = frame.get_column(column).drop_nulls().to_list()
    return values if len(values) >= 2 else None


def relative_change(current: float | None, before: float | None) -> float | None:
    """Return current / before − 1, or None when either is missing or zero."""
    if current is None or not before:
        return None
    return current / before - 1


def _with_target(text: str, target: float | None, language: str) -> str:
    if target is None:
        return text
    return f"{text} · {t('overview.target', language, value=format_percent(target, 0))}"


def show_registration_tile(data: OverviewData, controls: Controls, language: str):
    """Show registration progress against target, with pace and projected year-end."""
    ratio = first_value(data.registration, "progress_ratio")
    if ratio is None:
        value = "—"
        delta = t("overview.no_year_data", language, year=controls.year)
    else:
        value = format_percent(ratio)
        delta = t(
            "overview.pace",
            language,
            pace=format_percent(first_value(data.registration, "elapsed_share"), 0),
            projected=format_percent(first_value(data.registration, "projected_ratio")),
        )
    show_metric_tile(
        "registration_progress",
        value,
        language,
        freshness=data.freshness,
        delta=delta,
        delta_arrow="off",
        chart_data=trend(data.trends, "registration_progress_ratio"),
    )


def show_fleet_tile(data: OverviewData, controls: Controls, language: str):
    """Show fleet utilisation in the period and its change on a year before."""
    ratio = first_value(data.fleet, "utilisation_ratio")
    before = first_value(data.fleet_year_before, "utilisation_ratio")
    change = relative_change(ratio, before)
    delta = format_change(change, language) if change is not None else None
    target = target_value(data.targets, "fleet_utilisation_ratio")
    show_metric_tile(
        "fleet_utilisation",
        format_percent(ratio, 1),
        language,
        freshness=data.freshness,
        delta=_with_target(delta or "—", target, language),
        delta_arrow="auto" if change is not None else "off",
        chart_data=trend(data.trends, "utilisation_ratio"),
    )


def show_fulfilment_tile(data: OverviewData, controls: Controls, language: str):
    """Show service fulfilment in the period and how many trips were requested."""
    count = first_value(data.dispatch, "requested_count") or 0
    show_metric_tile(
        "fulfilment",
        format_percent(first_value(data.dispatch, "fulfilment_ratio"), 1),
        language,
        freshness=data.freshness,
        delta=t("overview.requests_delta", language, count=f"{count:,}"),
        delta_arrow="off",
        chart_data=trend(data.trends, "fulfilment_ratio"),
    )


def show_satisfaction_tile(data: OverviewData, controls: Controls, language: str):
    """Show satisfaction in the period against the year's target."""
    count = first_value(data.satisfaction, "review_count") or 0
    delta = t("overview.reviews_delta", language, count=f"{count:,}")
    show_metric_tile(
        "satisfaction",
        format_percent(first_value(data.satisfaction, "satisfaction_ratio"), 1),
        language,
        freshness=data.freshness,
        delta=_with_target(
            delta, target_value(data.targets, "satisfaction_ratio"), language
        ),
        delta_arrow="off",
        chart_data=trend(data.trends, "satisfaction_ratio"),
    )


def show_energy_tile(data: OverviewData, controls: Controls, language: str):
    """Show energy against the baseline year's same months."""
    change = first_value(data.energy, "change_ratio")
    value = "—" if change is None else f"{change * 100:+.1f}%"
    kgce = first_value(data.energy, "kgce")
    show_metric_tile(
        "energy_change",
        value,
        language,
        freshness=data.freshness,
        delta=format_number(kgce, "kgce"),
        delta_arrow="off",
        chart_data=trend(data.trends, "energy_change_ratio"),
    )


def show_problems_tile(data: OverviewData, controls: Controls, language: str):
    """Show property problems open at the period's end and the closed-loop rate."""
    problems = data.problems
    if problems is None or problems.is_empty():
        open_count, ratio = (None if problems is None else 0), None
    else:
        open_count = int(problems.get_column("open_count").sum())
        found = int(problems.get_column("found_count").sum())
        ratio = int(problems.get_column("resolved_count").sum()) / found
    show_metric_tile(
        "open_problems",
        format_number(open_count),
        language,
        freshness=data.freshness,
        delta=t(
            "overview.open_problems_delta", language, ratio=format_percent(ratio, 0)
        ),
        delta_arrow="off",
        chart_data=trend(data.trends, "open_problem_count"),
    )


def show_headcount_tile(data: OverviewData, controls: Controls, language: str):
    """Show people on duty at the period's end by employment track."""
    workforce = data.workforce
    by_track = {"established": 0, "contract": 0}
    if workforce is not None:
        for row in (
            workforce.group_by("track").agg(pl.col("headcount").sum()).to_dicts()
        ):
            by_track[row["track"]] = int(row["headcount"])
    total = None if workforce is None else sum(by_track.values())
    show_metric_tile(
        "headcount",
        format_number(total),
        language,
        freshness=data.freshness,
        delta=t("overview.headcount_delta", language, **by_track),
        delta_arrow="off",
    )


def show_alerts_tile(data: OverviewData, controls: Controls, language: str):
    """Show how many red and yellow alerts are open."""
    if data.alert_counts is None:
        value, delta = "—", t("overview.alerts.unavailable", language)
    else:
        totals = alert_totals(data.alert_counts)
        value = f"{totals['red']} / {totals['yellow']}"
        delta = t("overview.alerts.red_yellow", language)
    show_metric_tile(
        "alerts",
        value,
        language,
        freshness=data.freshness,
        delta=delta,
        delta_arrow="off",
    )


TILE_ROWS = (
    (
        show_registration_tile,
        show_fleet_tile,
        show_fulfilment_tile,
        show_satisfaction_tile,
    ),
    (show_energy_tile, show_problems_tile, show_headcount_tile, show_alerts_tile),
)


def show_overview_tiles(data: OverviewData, controls: Controls, language: str) -> None:
    """Draw the overview's two rows of four KPI tiles."""
    for row in TILE_ROWS:
        for column, show_tile in zip(st.columns(len(row)), row, strict=True):
            with column:
                show_tile(data, controls, language)


def show_scope_line(controls: Controls, language: str) -> None:
    """Say the as-of date and the filters the figures are for."""
    as_of = controls.as_of_date.isoformat() if controls.as_of_date else "—"
    st.caption(
        t(
            "controls.filters_line",
            language,
            as_of=as_of,
            filters=controls.describe(language),
        )
    )


def registered_area_text(data: OverviewData, language: str) -> str:
    """Return '42,300 m² / target 60,205 m²' for the registration caption."""
    return t(
        "overview.registered_of_target",
        language,
        registered=format_area(
            first_value(data.registration, "registered_area_m2"), language
        ),
        target=format_area(first_value(data.registration, "target_area_m2"), language),
    )


def explain_unavailable(data: OverviewData, language: str) -> None:
    """Say once, in the page, that some figures could not be read and what to do."""
    if data.unavailable:
        st.warning(
            t("overview.unavailable", language, count=len(set(data.unavailable)))
        )
