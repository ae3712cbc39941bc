"""Widgets of the domain pages (Fleet, Energy, Service, Workforce) on the shared controls.

Each page reads the global controls, loads its named queries through ``load_frames``
and draws its sections with the ``show_*`` helpers here; every table it shows goes
through ``show_domain_table``, which labels it in the page's language and offers it
as CSV and .xlsx, limited to what the filters select.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from onescreen import domain_figures as figures
from onescreen.auth import NAMES_FULL
from onescreen.charts import format_number, format_percent, format_points
from onescreen.i18n import join_names, t
from onescreen.metrics import metric_name
from onescreen.periods import Period
from onescreen.rules import load_rules, rules_path
from onescreen.ui import settings_from_environment
from onescreen.ui.access import names_mode, rights
from onescreen.ui.cache import cached_or_explain
from onescreen.ui.controls import Controls, plotly_config
from onescreen.ui.downloads import download_buttons
from onescreen.ui.maps import path_layer, show_map
from onescreen.ui.tiles import show_metric_tile

logger = logging.getLogger(__name__)

NAME_FIELDS = frozenset(
    {"driver_name", "handler_name", "a_name", "b_name", "handler_staff_no"}
)
# Columns whose values are codes in Chinese with a name in each language.
VALUE_FIELDS = frozenset({"energy_type", "rating", "status", "vehicle_status"})
MAP_CELL_DEGREES = 0.01
# Month charts show at least this many months up to the period's end.
TREND_MONTHS = 12
MAP_CELL_LIMIT = 4000
MAP_ROUTE_LIMIT = 60
ROUTE_COLOR = [204, 121, 167, 200]
MAP_COLOR_LOW = (136, 204, 238)
MAP_COLOR_HIGH = (51, 34, 136)


def previous_period(period: Period) -> Period:
    """Return the period of the same kind just before `period` (the 环比 comparison)."""
    if period.kind == "year":
        return Period("year", period.year - 1)
    last = 4 if period.kind == "quarter" else 12
    if period.number == 1:
        return Period(period.kind, period.year - 1, last)
    return Period(period.kind, period.year, period.number - 1)


def year_before(day: date) -> date:
    """Return the same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def comparison_controls(controls: Controls) -> dict[str, Controls]:
    """Return the controls of this period, the same days a year before and the period before."""
    last_year = replace(
        controls,
        period=controls.period.same_period_year_before(),
        as_of_date=year_before(controls.end_date),
    )
    before = replace(controls, period=previous_period(controls.period))
    return {"current": controls, "last_year": last_year, "previous": before}


@st.cache_data(show_spinner=False)
def _fleet_bounds(config_dir: str, modified_at: float) -> tuple[float, float]:
    rules = load_rules(Path(config_dir))
    return (
        rules.value("alerts.fleet", "idle_below"),
        rules.value("alerts.fleet", "overused_above"),
    )


def utilisation_bounds() -> tuple[float, float]:
    """Return the idle and over-used limits the alerts use, from the rules file."""
    config_dir = settings_from_environment(os.environ).config_dir
    return _fleet_bounds(str(config_dir), rules_path(config_dir).stat().st_mtime)


def query_parameters(controls: Controls, **extra) -> dict:
    """Return the $parameters of the domain queries for these controls."""
    idle_below, overused_above = utilisation_bounds()
    return {
        **controls.query_parameters(),
        "idle_below": idle_below,
        "overused_above": overused_above,
        **extra,
    }


def run_domain_query(
    cursor: duckdb.DuckDBPyConnection, name: str, language: str, **parameters
) -> pl.DataFrame | None:
    """Run a named query once per build and parameters; on failure say so in the page."""
    return cached_or_explain(cursor, name, language, **parameters)


def load_frames(
    cursor: duckdb.DuckDBPyConnection,
    names: dict[str, str],
    controls: Controls,
    language: str,
    **overrides,
) -> dict[str, pl.DataFrame] | None:
    """Run the named queries (frame name → query name), with `overrides` of the
    controls' parameters; None if any one failed."""
    parameters = {**query_parameters(controls), **overrides}
    frames = {}
    for frame_name, query_name in names.items():
        frame = run_domain_query(cursor, query_name, language, **parameters)
        if frame is None:
            return None
        frames[frame_name] = frame
    return frames


def trend_start(controls: Controls) -> date:
    """Return the first day of the month charts: the last TREND_MONTHS months up to the
    period's end, or the period's start when the period is longer."""
    end = controls.end_date
    first = end.year * 12 + end.month - 1 - (TREND_MONTHS - 1)
    return min(date(first // 12, first % 12 + 1, 1), controls.start_date)


def load_trends(
    cursor: duckdb.DuckDBPyConnection,
    names: dict[str, str],
    controls: Controls,
    language: str,
) -> dict[str, pl.DataFrame] | None:
    """Run the month queries of a page's charts over the trend window (a month or a
    quarter alone would draw one to three points); None if any one failed."""
    return load_frames(
        cursor, names, controls, language, start_date=trend_start(controls)
    )


def show_trend_note(controls: Controls, language: str) -> None:
    """Say that a month chart reaches back before the period, when it does."""
    start, end = trend_start(controls), controls.end_date
    if start < controls.start_date:
        st.caption(
            t(
                "domains.trend_note",
                language,
                months=TREND_MONTHS,
                end=Period("month", end.year, end.month).label(language),
            )
        )


def load_comparisons(
    cursor: duckdb.DuckDBPyConnection, query: str, controls: Controls, language: str
) -> dict[str, dict] | None:
    """Run a one-row query for this period, a year before and the period before."""
    rows, by_dates = {}, {}
    for name, compared in comparison_controls(controls).items():
        dates = (compared.start_date, compared.end_date)
        if dates not in by_dates:
            parameters = query_parameters(compared)
            frame = run_domain_query(cursor, query, language, **parameters)
            if frame is None:
                return None
            by_dates[dates] = frame.row(0, named=True) if frame.height else {}
        rows[name] = by_dates[dates]
    return rows


def show_filter_note(area: str, controls: Controls, language: str) -> None:
    """Say which period and filters the page shows and how its filters apply."""
    period = t("domains.filters.period", language, period=controls.describe(language))
    st.caption(f"{period} · {t(f'domains.filters.{area}', language)}")


def show_empty(language: str) -> None:
    """Say that nothing matches the period and filters."""
    st.info(t("domains.empty", language))


def show_empty_section(what: str, language: str) -> None:
    """Say that one section has no rows for the period and filters."""
    st.info(
        t("domains.empty.section", language, what=t(f"domains.empty.{what}", language))
    )


def _value(row: dict, column: str):
    return row.get(column) if row else None


def ratio_delta(
    current: float | None, before: float | None, language: str, comparison: str
) -> tuple[str | None, str]:
    """Return a ratio's change as '同比 +15.0%，+7.5 个百分点' and its arrow."""
    if current is None or before is None:
        return None, "off"
    points = (current - before) * 100
    relative = f"{(current / before - 1) * 100:+.1f}%" if before else "—"
    text = t(
        f"domains.delta.{comparison}",
        language,
        ratio=relative,
        points=format_points(points, language),
    )
    return text, arrow(points)


def arrow(change: float | None) -> str:
    """Return the metric arrow of a change: up, down or none."""
    if change is None or change == 0:
        return "off"
    return "up" if change > 0 else "down"


def show_tile(
    key: str,
    value: str,
    language: str,
    freshness: pl.DataFrame | None,
    *,
    delta: str | None = None,
    delta_arrow: str = "off",
    label: str | None = None,
    container=None,
) -> None:
    """Show a figure with its 口径 and sources on hover; grey deltas, and the stale
    badge in its label as on the overview."""
    show_metric_tile(
        key,
        value,
        language,
        freshness=freshness,
        delta=delta,
        delta_color="off",
        delta_arrow=delta_arrow if delta else "off",
        label=label,
        container=container,
    )


def show_figure(figure, controls: Controls, key: str) -> None:
    """Draw a plotly figure in the page's theme with the shared chart config."""
    st.plotly_chart(figure, theme=None, config=plotly_config(controls), key=key)


def _track_labels(language: str) -> dict[str, str]:
    return {
        track: t(f"domains.track.{track}", language)
        for track in ("established", "contract", "unknown")
    }


def _status_labels(language: str) -> dict[str, str]:
    return {
        status: t(f"domains.status.{status}", language)
        for status in ("idle", "overused", "normal", "unavailable")
    }


def domain_table(
    frame: pl.DataFrame, fields: list[str], language: str, *, hide_names: bool = False
) -> pl.DataFrame:
    """Return `fields` of the frame as shown: ratios in %, codes and flags in words."""
    kept = [field for field in fields if not (hide_names and field in NAME_FIELDS)]
    yes, no = t("domains.yes", language), t("domains.no", language)
    labels = {
        "track": _track_labels(language),
        "handler_track": _track_labels(language),
        "utilisation_status": _status_labels(language),
    }
    columns = []
    for field in kept:
        column = pl.col(field)
        dtype = frame.schema[field]
        if field == "month_date":
            column = column.dt.strftime("%Y-%m")
        elif field.endswith("_ratio") or field.endswith("_share"):
            column = (column * 100).round(2)
        elif dtype == pl.Boolean:
            column = pl.when(column).then(pl.lit(yes)).otherwise(pl.lit(no))
        elif field in VALUE_FIELDS:
            names = {
                value: figures.value_name(field, value, language)
                for value in frame.get_column(field).unique().drop_nulls()
            }
            column = column.replace_strict(
                names, default=column, return_dtype=pl.String
            )
        elif field in labels:
            column = column.replace_strict(
                labels[field], default=column, return_dtype=pl.String
            )
        elif dtype in (pl.Float32, pl.Float64):
            column = column.round(2)
        columns.append(column.alias(t(f"domains.field.{field}", language)))
    return frame.select(columns)


def show_domain_table(
    frame: pl.DataFrame,
    fields: list[str],
    name: str,
    controls: Controls,
    language: str,
    *,
    height: int | str = "auto",
) -> None:
    """Show a table labelled in the page's language, with CSV and .xlsx downloads."""
    from onescreen.ui import time_columns

    by_role = names_mode() != NAMES_FULL
    table = domain_table(
        frame, fields, language, hide_names=controls.projector or by_role
    )
    st.dataframe(
        table,
        hide_index=True,
        height=height,
        column_config=time_columns(table),
        placeholder="—",
    )
    if NAME_FIELDS & set(fields) and (by_role or controls.projector):
        key = "access.names_hidden" if by_role else "domains.names_hidden"
        st.caption(t(key, language))
    download_buttons(table, f"{name}_{controls.period.code}", language)


def tabs_key(page: str) -> str:
    """Return the session-state key that holds a page's open tab."""
    return f"{page}_tab"


def show_tabs(page: str, sections: dict[str, Callable[[], None]]) -> None:
    """Draw a page's tabs (label → what draws it) and run only the open tab's.

    Hidden tabs would otherwise be drawn too: their charts and maps cost the browser
    more than the open tab. Choosing a tab reruns the page to draw it.
    """
    tabs = st.tabs(list(sections), key=tabs_key(page), on_change="rerun")
    for tab, draw in zip(tabs, sections.values(), strict=True):
        with tab:
            if tab.open:
                draw()


def _has_rows(frame: pl.DataFrame | None) -> bool:
    return frame is not None and not frame.is_empty()


# Fleet.

FLEET_TRENDS = {
    "months_trend": "fleet_utilisation_by_period_month",
    "dispatch_trend": "dispatch_service_by_period_month",
}
FLEET_QUERIES = {
    "vehicles": "vehicle_utilisation_in_period",
    "units": "utilisation_by_unit_in_period",
    "vehicle_months": "vehicle_utilisation_by_period_month",
    "dispatch_months": "dispatch_service_by_period_month",
    "mismatches": "mismatched_mileage_trips",
}


def load_fleet(
    cursor: duckdb.DuckDBPyConnection, controls: Controls, language: str
) -> dict | None:
    """Return the fleet page's frames and headline rows, or None when a query failed."""
    frames = load_frames(cursor, FLEET_QUERIES, controls, language)
    trends = load_trends(cursor, FLEET_TRENDS, controls, language)
    utilisation = load_comparisons(
        cursor, "fleet_utilisation_in_period", controls, language
    )
    dispatch = load_comparisons(
        cursor, "dispatch_service_in_period", controls, language
    )
    if any(part is None for part in (frames, trends, utilisation, dispatch)):
        return None
    return {**frames, **trends, "utilisation": utilisation, "dispatch": dispatch}


def fleet_is_empty(fleet: dict) -> bool:
    """Tell whether the period has neither available vehicle days nor requests."""
    current = fleet["utilisation"]["current"]
    requests = fleet["dispatch"]["current"]
    return not _value(current, "available_days") and not _value(
        requests, "requested_count"
    )


def show_fleet_headline(
    fleet: dict, controls: Controls, language: str, freshness: pl.DataFrame | None
) -> None:
    """Show utilisation with its 同比, fulfilment, response, mismatches and cost."""
    utilisation, dispatch = fleet["utilisation"], fleet["dispatch"]
    ratio = _value(utilisation["current"], "utilisation_ratio")
    delta, direction = ratio_delta(
        ratio, _value(utilisation["last_year"], "utilisation_ratio"), language, "yoy"
    )
    current = dispatch["current"]
    vehicles = fleet["vehicles"]
    idle = vehicles.filter(pl.col("utilisation_status") == "idle").height
    overused = vehicles.filter(pl.col("utilisation_status") == "overused").height
    columns = [*st.columns(3), *st.columns(3)]
    show_tile(
        "fleet_utilisation",
        format_percent(ratio, 1),
        language,
        freshness,
        delta=delta or t("domains.compare.none", language),
        delta_arrow=direction,
        container=columns[0],
    )
    fulfilment = _value(current, "fulfilment_ratio")
    delta, direction = ratio_delta(
        fulfilment, _value(dispatch["last_year"], "fulfilment_ratio"), language, "yoy"
    )
    show_tile(
        "fulfilment",
        format_percent(fulfilment, 1),
        language,
        freshness,
        delta=delta,
        delta_arrow=direction,
        container=columns[1],
    )
    show_tile(
        "dispatch_response",
        _minutes(_value(current, "response_median_minutes"), language),
        language,
        freshness,
        delta=f"P90 {_minutes(_value(current, 'response_p90_minutes'), language)}",
        container=columns[2],
    )
    show_tile(
        "mileage_mismatch",
        format_number(_value(current, "mileage_mismatch_count")),
        language,
        freshness,
        container=columns[3],
    )
    show_tile(
        "cost_per_km",
        format_number(
            _value(current, "cost_per_km_yuan"),
            t("domains.unit.yuan_per_km", language),
            2,
        ),
        language,
        freshness,
        container=columns[4],
    )
    show_tile(
        "vehicle_alerts",
        f"{idle} / {overused}",
        language,
        freshness,
        container=columns[5],
    )
    show_previous_period_line(
        [
            ("fleet_utilisation", utilisation, "utilisation_ratio"),
            ("fulfilment", dispatch, "fulfilment_ratio"),
        ],
        controls,
        language,
    )


def _minutes(value: float | None, language: str) -> str:
    if value is None:
        return "—"
    return t("domains.value.minutes", language, value=f"{value:,.0f}")


def show_previous_period_line(
    figures_compared: list[tuple[str, dict, str]], controls: Controls, language: str
) -> None:
    """Say how each (metric, rows, column) moved on the period before (环比)."""
    if controls.period.kind == "year":
        return
    parts = []
    for key, rows, column in figures_compared:
        text, _ = ratio_delta(
            _value(rows["current"], column),
            _value(rows["previous"], column),
            language,
            "pop",
        )
        if text:
            parts.append(f"{metric_name(key, language)} {text}")
    if parts:
        before = previous_period(controls.period).label(language)
        separator = "；" if language == "zh" else "; "
        st.caption(
            f"{before} → {controls.period.label(language)}: " + separator.join(parts)
        )


def show_vehicle_alerts(vehicles: pl.DataFrame, language: str) -> None:
    """Name the idle and over-used vehicles of the period."""
    for status, bound in zip(("idle", "overused"), utilisation_bounds(), strict=True):
        plates = vehicles.filter(pl.col("utilisation_status") == status)
        if plates.height:
            text = t(
                f"domains.alerts.{status}",
                language,
                bound=format_percent(bound, 0),
                plates=join_names(plates.get_column("plate").to_list(), language),
            )
            st.warning(text, icon="🔴" if status == "overused" else "🟡")


def show_fleet_utilisation(fleet: dict, controls: Controls, language: str) -> None:
    """Show utilisation by month against a year before, by vehicle, unit and month."""
    theme = controls.theme
    if _has_rows(fleet["months_trend"]):
        show_figure(
            figures.utilisation_trend_figure(fleet["months_trend"], language, theme),
            controls,
            "fleet_trend",
        )
        show_trend_note(controls, language)
    vehicles = fleet["vehicles"]
    if not _has_rows(vehicles):
        show_empty(language)
        return
    show_vehicle_alerts(vehicles, language)
    left, right = st.columns([3, 2])
    with left:
        show_figure(
            figures.vehicle_utilisation_figure(
                vehicles, language, utilisation_bounds(), theme
            ),
            controls,
            "fleet_vehicles",
        )
    with right:
        show_figure(
            figures.unit_utilisation_figure(fleet["units"], language, theme),
            controls,
            "fleet_units",
        )
    if fleet["vehicle_months"]["month_date"].n_unique() > 1:
        show_figure(
            figures.vehicle_month_heatmap(fleet["vehicle_months"], language, theme),
            controls,
            "fleet_heatmap",
        )
    show_domain_table(
        vehicles,
        [
            "plate",
            "vehicle_type",
            "user_unit",
            "vehicle_status",
            "workday_count",
            "repair_days",
            "available_days",
            "used_days",
            "utilisation_ratio",
            "last_year_ratio",
            "yoy_change_points",
            "utilisation_status",
        ],
        "vehicle_utilisation",
        controls,
        language,
    )


def show_fleet_dispatch(fleet: dict, controls: Controls, language: str) -> None:
    """Show requests, fulfilment and dispatch response time by month."""
    months = fleet["dispatch_months"]
    if not _has_rows(months):
        show_empty_section("trips", language)
        return
    trend = fleet["dispatch_trend"]
    left, right = st.columns(2)
    with left:
        show_figure(
            figures.fulfilment_figure(trend, language, controls.theme),
            controls,
            "fleet_fulfilment",
        )
    with right:
        show_figure(
            figures.response_time_figure(trend, language, controls.theme),
            controls,
            "fleet_response",
        )
    show_trend_note(controls, language)
    show_domain_table(
        months,
        [
            "month_date",
            "requested_count",
            "completed_count",
            "cancelled_by_requester_count",
            "rejected_count",
            "fulfilment_ratio",
            "driver_trip_count",
            "response_median_minutes",
            "response_p90_minutes",
            "mileage_mismatch_count",
            "odometer_km",
            "beidou_km",
            "cost_yuan",
            "cost_per_km_yuan",
        ],
        "dispatch_service_by_month",
        controls,
        language,
    )


def show_fleet_mileage(fleet: dict, controls: Controls, language: str) -> None:
    """Show BeiDou against odometer kilometres, cost per km and the mismatched trips."""
    trend = fleet["dispatch_trend"]
    if _has_rows(trend):
        show_figure(
            figures.mileage_figure(trend, language, controls.theme),
            controls,
            "fleet_mileage",
        )
        show_trend_note(controls, language)
    st.subheader(t("domains.table.mismatches", language))
    mismatches = fleet["mismatches"]
    if not _has_rows(mismatches):
        show_empty_section("mismatches", language)
        return
    show_domain_table(
        mismatches,
        [
            "trip_id",
            "plate",
            "driver_staff_no",
            "driver_name",
            "requesting_unit",
            "departed_at",
            "returned_at",
            "destination",
            "purpose",
            "odometer_km",
            "beidou_km",
            "mileage_gap_km",
        ],
        "mileage_mismatches",
        controls,
        language,
    )


def select_plate(
    vehicles: pl.DataFrame, label: str, none_label: str, key: str
) -> str | None:
    """Let the user pick one vehicle of the period, or none."""
    plates = vehicles.get_column("plate").sort().to_list() if vehicles.height else []
    return st.selectbox(
        label, [None, *plates], format_func=lambda plate: plate or none_label, key=key
    )


def density_layer(cells: pl.DataFrame):
    """Return a layer of position cells, bigger and darker where more positions fell."""
    import pydeck as pdk

    top = max(cells.get_column("position_count").max() or 1, 1)
    rows = cells.with_columns(
        (pl.col("position_count") / top).sqrt().alias("weight")
    ).with_columns(
        pl.concat_list(
            [
                (low + (high - low) * pl.col("weight")).round().cast(pl.Int32)
                for low, high in zip(MAP_COLOR_LOW, MAP_COLOR_HIGH, strict=True)
            ]
            + [pl.lit(200, pl.Int32)]
        ).alias("color"),
        (300 + 1200 * pl.col("weight")).alias("radius"),
    )
    return pdk.Layer(
        "ScatterplotLayer",
        data=rows.to_dicts(),
        id="position-density",
        get_position=["longitude", "latitude"],
        get_fill_color="color",
        get_radius="radius",
        radius_min_pixels=2,
        pickable=True,
    )


def show_fleet_map(
    cursor: duckdb.DuckDBPyConnection,
    fleet: dict,
    controls: Controls,
    language: str,
) -> None:
    """Show where the vehicles went: BeiDou positions counted in cells on the offline map."""
    plate = select_plate(
        fleet["vehicles"],
        t("domains.map.plate", language),
        t("domains.map.all_vehicles", language),
        "fleet_map_plate",
    )
    cells = run_domain_query(
        cursor,
        "position_density",
        language,
        **query_parameters(
            controls,
            plate=plate,
            cell_degrees=MAP_CELL_DEGREES,
            cell_limit=MAP_CELL_LIMIT,
        ),
    )
    if cells is None:
        return
    if cells.is_empty():
        show_empty_section("positions", language)
        return
    st.caption(t("domains.map.caption", language, limit=f"{MAP_CELL_LIMIT:,}"))
    layers = [density_layer(cells)]
    if plate is not None:
        routes = run_domain_query(
            cursor,
            "vehicle_routes",
            language,
            **query_parameters(controls, plate=plate, route_limit=MAP_ROUTE_LIMIT),
        )
        if _has_rows(routes):
            st.caption(
                t("domains.map.routes", language, plate=plate, count=routes.height)
            )
            layers.append(
                path_layer(routes.select("path"), layer_id="routes", color=ROUTE_COLOR)
            )
    tooltip = {
        "text": t(
            "domains.map.tooltip",
            language,
            position_count="{position_count}",
            vehicle_count="{vehicle_count}",
        )
    }
    show_map(layers, language, tooltip=tooltip, key="fleet_map")


def show_vehicle_trips(
    cursor: duckdb.DuckDBPyConnection,
    fleet: dict,
    controls: Controls,
    language: str,
) -> None:
    """Show every trip of one chosen vehicle in the period."""
    plate = select_plate(
        fleet["vehicles"],
        t("domains.vehicle.choose", language),
        t("domains.vehicle.none", language),
        "fleet_trips_plate",
    )
    if plate is None:
        return
    trips = run_domain_query(
        cursor, "vehicle_trips", language, **query_parameters(controls, plate=plate)
    )
    if trips is None:
        return
    if trips.is_empty():
        show_empty_section("trips", language)
        return
    show_domain_table(
        trips,
        [
            "trip_id",
            "driver_name",
            "requesting_unit",
            "requested_at",
            "dispatched_at",
            "departed_at",
            "returned_at",
            "response_minutes",
            "status",
            "destination",
            "purpose",
            "odometer_km",
            "beidou_km",
            "is_mileage_mismatch",
            "cost_yuan",
        ],
        f"trips_{plate}",
        controls,
        language,
    )


# Energy.

ENERGY_TRENDS = {"types_trend": "energy_by_type_and_month"}
ENERGY_QUERIES = {
    "buildings": "energy_by_building_in_period",
    "types": "energy_by_type_and_month",
}


def load_energy(
    cursor: duckdb.DuckDBPyConnection, controls: Controls, language: str
) -> dict | None:
    """Return the energy page's frames and headline rows, or None when a query failed."""
    frames = load_frames(cursor, ENERGY_QUERIES, controls, language)
    trends = load_trends(cursor, ENERGY_TRENDS, controls, language)
    totals = load_comparisons(cursor, "energy_in_period", controls, language)
    if frames is None or trends is None or totals is None:
        return None
    return {**frames, **trends, "totals": totals}


def show_energy_headline(
    energy: dict, controls: Controls, language: str, freshness: pl.DataFrame | None
) -> None:
    """Show kgce, per m², per person, the change on baseline and buildings above it."""
    current, last_year = energy["totals"]["current"], energy["totals"]["last_year"]
    columns = [*st.columns(3), *st.columns(3)]
    kgce = _value(current, "kgce")
    before = _value(last_year, "kgce")
    yoy = None
    if kgce is not None and before:
        yoy = t("format.yoy", language, value=f"{(kgce / before - 1) * 100:+.1f}%")
    show_tile(
        "energy_kgce",
        format_number(kgce, "kgce"),
        language,
        freshness,
        delta=yoy,
        delta_arrow=arrow(None if yoy is None else kgce - before),
        container=columns[0],
    )
    show_tile(
        "energy_per_m2",
        format_number(_value(current, "kgce_per_m2"), "kgce/m²", 2),
        language,
        freshness,
        container=columns[1],
    )
    show_tile(
        "energy_per_person",
        format_number(_value(current, "kgce_per_person"), "kgce", 1),
        language,
        freshness,
        container=columns[2],
    )
    change = _value(current, "change_ratio")
    show_tile(
        "energy_change",
        "—" if change is None else f"{change * 100:+.1f}%",
        language,
        freshness,
        delta=t(
            "domains.delta.baseline", language, year=_value(current, "baseline_year")
        ),
        container=columns[3],
    )
    show_tile(
        "buildings_above_baseline",
        t(
            "domains.value.buildings",
            language,
            value=_value(current, "above_baseline_building_count") or 0,
        ),
        language,
        freshness,
        container=columns[4],
    )


def show_energy_buildings(energy: dict, controls: Controls, language: str) -> None:
    """Show each building's change on the baseline and its intensity, and the table."""
    buildings = energy["buildings"]
    above = buildings.filter(pl.col("is_above_baseline"))
    if above.height:
        names = join_names(above.get_column("building_name").to_list(), language)
        st.warning(
            t("domains.alerts.above_baseline", language, buildings=names), icon="🔴"
        )
    left, right = st.columns(2)
    with left:
        show_figure(
            figures.building_change_figure(buildings, language, controls.theme),
            controls,
            "energy_change",
        )
    with right:
        show_figure(
            figures.building_intensity_figure(buildings, language, controls.theme),
            controls,
            "energy_intensity",
        )
    show_domain_table(
        buildings,
        [
            "building_id",
            "building_name",
            "floor_area_m2",
            "occupant_count",
            "month_count",
            "kgce",
            "kgce_per_m2",
            "kgce_per_person",
            "water_m3",
            "comparable_kgce",
            "baseline_kgce",
            "change_ratio",
            "is_above_baseline",
        ],
        "energy_by_building",
        controls,
        language,
    )


def show_energy_types(energy: dict, controls: Controls, language: str) -> None:
    """Show kgce by energy type and month against the baseline year."""
    types = energy["types"]
    show_figure(
        figures.energy_type_figure(energy["types_trend"], language, controls.theme),
        controls,
        "energy_types",
    )
    show_trend_note(controls, language)
    show_domain_table(
        types,
        [
            "month_date",
            "energy_type",
            "base_quantity",
            "base_unit",
            "kgce",
            "baseline_kgce",
        ],
        "energy_by_type_and_month",
        controls,
        language,
    )


# Service.

SERVICE_TRENDS = {"months_trend": "service_satisfaction_by_month"}
SERVICE_QUERIES = {
    "months": "service_satisfaction_by_month",
    "items": "service_satisfaction_by_item",
    "handlers": "service_satisfaction_by_handler",
    "bad_reviews": "bad_reviews_in_period",
}
REVIEW_MEASURES = [
    "review_count",
    "satisfied_count",
    "bad_count",
    "satisfaction_ratio",
    "rectified_in_time_count",
    "rectification_overdue_count",
    "rectified_in_time_ratio",
]


def load_service(
    cursor: duckdb.DuckDBPyConnection, controls: Controls, language: str
) -> dict | None:
    """Return the service page's frames and headline rows, or None when a query failed."""
    frames = load_frames(cursor, SERVICE_QUERIES, controls, language)
    trends = load_trends(cursor, SERVICE_TRENDS, controls, language)
    totals = load_comparisons(
        cursor, "service_satisfaction_in_period", controls, language
    )
    if frames is None or trends is None or totals is None:
        return None
    return {**frames, **trends, "totals": totals}


def show_service_headline(
    service: dict, controls: Controls, language: str, freshness: pl.DataFrame | None
) -> None:
    """Show satisfaction with its 同比 and 环比, bad reviews and their rectification."""
    totals = service["totals"]
    current = totals["current"]
    ratio = _value(current, "satisfaction_ratio")
    delta, direction = ratio_delta(
        ratio, _value(totals["last_year"], "satisfaction_ratio"), language, "yoy"
    )
    columns = st.columns(3)
    show_tile(
        "satisfaction",
        format_percent(ratio, 1),
        language,
        freshness,
        delta=delta,
        delta_arrow=direction,
        container=columns[0],
    )
    show_tile(
        "bad_reviews",
        t(
            "domains.value.reviews",
            language,
            value=f"{_value(current, 'bad_count') or 0} / "
            f"{_value(current, 'review_count') or 0}",
        ),
        language,
        freshness,
        container=columns[1],
    )
    show_tile(
        "rectified_in_time",
        format_percent(_value(current, "rectified_in_time_ratio"), 1),
        language,
        freshness,
        container=columns[2],
    )
    show_previous_period_line(
        [("satisfaction", totals, "satisfaction_ratio")], controls, language
    )
    overdue = _value(current, "rectification_overdue_count") or 0
    if overdue:
        st.warning(t("domains.alerts.overdue", language, count=overdue), icon="🔴")


def show_service_months(service: dict, controls: Controls, language: str) -> None:
    """Show satisfaction and bad reviews by month."""
    months = service["months"]
    show_figure(
        figures.satisfaction_trend_figure(
            service["months_trend"], language, controls.theme
        ),
        controls,
        "service_months",
    )
    show_trend_note(controls, language)
    show_domain_table(
        months,
        ["month_date", *REVIEW_MEASURES],
        "satisfaction_by_month",
        controls,
        language,
    )


def show_service_items(service: dict, controls: Controls, language: str) -> None:
    """Show satisfaction by service item."""
    items = service["items"]
    show_figure(
        figures.satisfaction_bar_figure(
            items,
            "item_name",
            "domains.chart.satisfaction_items",
            language,
            controls.theme,
        ),
        controls,
        "service_items",
    )
    show_domain_table(
        items,
        ["item_name", *REVIEW_MEASURES],
        "satisfaction_by_item",
        controls,
        language,
    )


def show_service_handlers(service: dict, controls: Controls, language: str) -> None:
    """Show satisfaction by the staff member who handled the reviews."""
    handlers = service["handlers"]
    names = not controls.projector and names_mode() == NAMES_FULL
    label = "handler_name" if names else "handler_staff_no"
    shown = handlers.with_columns(
        pl.coalesce(label, "handler_staff_no").alias("handler_label")
    )
    if names:
        show_figure(
            figures.satisfaction_bar_figure(
                shown,
                "handler_label",
                "domains.chart.satisfaction_handlers",
                language,
                controls.theme,
            ),
            controls,
            "service_handlers",
        )
    show_domain_table(
        handlers,
        [
            "handler_staff_no",
            "handler_name",
            "handler_department",
            "handler_track",
            *REVIEW_MEASURES,
        ],
        "satisfaction_by_staff",
        controls,
        language,
    )


def rectification_state(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return bad reviews with one word on their rectification: in time, late, overdue."""
    return frame.with_columns(
        pl.when(pl.col("is_rectified_in_time"))
        .then(pl.lit(t("domains.rectify.in_time", language)))
        .when(pl.col("is_rectification_overdue"))
        .then(pl.lit(t("domains.rectify.overdue", language)))
        .when(pl.col("rectified_at").is_not_null())
        .then(pl.lit(t("domains.rectify.late", language)))
        .otherwise(pl.lit(t("domains.rectify.pending", language)))
        .alias("rectification")
    )


def show_bad_reviews(service: dict, controls: Controls, language: str) -> None:
    """Show each bad review of the period and whether it was rectified in time."""
    reviews = service["bad_reviews"]
    if not _has_rows(reviews):
        show_empty_section("bad_reviews", language)
        return
    show_domain_table(
        rectification_state(reviews, language),
        [
            "review_id",
            "reviewed_at",
            "item_name",
            "rating",
            "channel",
            "comment",
            "handler_name",
            "handler_department",
            "rectify_due_date",
            "rectified_at",
            "days_to_rectify",
            "rectification",
        ],
        "bad_reviews",
        controls,
        language,
    )


# Workforce.

WORKFORCE_QUERIES = {
    "workforce": "workforce_at_period_end",
    "ages": "workforce_by_age_band_at_period_end",
    "turnover": "turnover_in_period",
    "pay": "pay_by_post_in_period",
    "posts": "post_backups",
    "training": "training_by_program_in_period",
}


def load_workforce(
    cursor: duckdb.DuckDBPyConnection, controls: Controls, language: str
) -> dict | None:
    """Return the workforce page's frames, or None when a query failed."""
    return load_frames(cursor, WORKFORCE_QUERIES, controls, language)


def _sum(frame: pl.DataFrame, column: str, track: str | None = None) -> float:
    rows = frame if track is None else frame.filter(pl.col("track") == track)
    return rows.get_column(column).sum() if rows.height else 0


def show_workforce_headline(
    workforce: dict, controls: Controls, language: str, freshness: pl.DataFrame | None
) -> None:
    """Show headcount per track, the 50+ share, turnover, B-post coverage and training."""
    people, turnover = workforce["workforce"], workforce["turnover"]
    posts, training = workforce["posts"], workforce["training"]
    columns = [*st.columns(3), *st.columns(3)]
    for column, track in zip(columns[:2], ("established", "contract"), strict=True):
        show_tile(
            "headcount",
            t(
                "domains.value.people",
                language,
                value=int(_sum(people, "headcount", track)),
            ),
            language,
            freshness,
            label=t(f"domains.track.{track}", language),
            container=column,
        )
    headcount = _sum(people, "headcount")
    show_tile(
        "aged_50_plus",
        format_percent(_sum(people, "aged_50_plus_count") / headcount, 1)
        if headcount
        else "—",
        language,
        freshness,
        container=columns[2],
    )
    average = _sum(turnover, "average_headcount")
    show_tile(
        "turnover",
        format_percent(_sum(turnover, "leaver_count") / average, 1) if average else "—",
        language,
        freshness,
        container=columns[3],
    )
    covered = posts.filter(pl.col("is_b_covered")).height
    show_tile(
        "b_post_coverage",
        format_percent(covered / posts.height, 0) if posts.height else "—",
        language,
        freshness,
        delta=t("domains.value.posts", language, covered=covered, total=posts.height),
        container=columns[4],
    )
    show_tile(
        "training_hours",
        t(
            "domains.value.hours",
            language,
            value=f"{_sum(training, 'training_hours'):,.0f}",
        ),
        language,
        freshness,
        delta=t(
            "domains.value.pairs",
            language,
            value=int(_sum(training, "mentor_pair_count")),
        ),
        container=columns[5],
    )


def show_workforce_tracks(workforce: dict, controls: Controls, language: str) -> None:
    """Show the two tracks side by side by post family and age band."""
    people, ages = workforce["workforce"], workforce["ages"]
    left, right = st.columns(2)
    with left:
        show_figure(
            figures.headcount_by_family_figure(people, language, controls.theme),
            controls,
            "workforce_families",
        )
    with right:
        show_figure(
            figures.age_band_figure(ages, language, controls.theme),
            controls,
            "workforce_ages",
        )
    show_domain_table(
        people,
        [
            "track",
            "department",
            "post_family",
            "headcount",
            "female_count",
            "aged_50_plus_count",
            "average_age_years",
        ],
        "workforce",
        controls,
        language,
    )
    show_domain_table(
        ages,
        ["track", "age_band", "headcount", "headcount_share"],
        "workforce_age_bands",
        controls,
        language,
    )


def show_workforce_turnover(workforce: dict, controls: Controls, language: str) -> None:
    """Show headcount at start and end, hires, leavers and turnover of each track."""
    show_domain_table(
        workforce["turnover"],
        [
            "track",
            "start_headcount",
            "end_headcount",
            "average_headcount",
            "hire_count",
            "leaver_count",
            "turnover_ratio",
        ],
        "turnover",
        controls,
        language,
    )


def show_workforce_pay(workforce: dict, controls: Controls, language: str) -> None:
    """Show the pay of the same post on the two tracks (同工不同酬), to roles with pay."""
    if not rights().pay:
        st.info(t("access.pay_hidden", language))
        return
    pay = workforce["pay"]
    if not _has_rows(pay):
        show_empty_section("pay", language)
        return
    show_figure(
        figures.pay_gap_figure(pay, language, controls.theme), controls, "workforce_pay"
    )
    show_domain_table(
        pay,
        [
            "post_name",
            "established_person_count",
            "contract_person_count",
            "established_average_pay_yuan",
            "contract_average_pay_yuan",
            "pay_gap_yuan",
            "pay_gap_ratio",
        ],
        "pay_by_post",
        controls,
        language,
    )


def coverage_state(posts: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the posts with one word on their B-post: on duty, absent or none."""
    return posts.with_columns(
        pl.when(pl.col("is_b_covered"))
        .then(pl.lit(t("domains.coverage.covered", language)))
        .when(pl.col("has_b_post"))
        .then(pl.lit(t("domains.coverage.absent", language)))
        .otherwise(pl.lit(t("domains.coverage.missing", language)))
        .alias("coverage")
    )


def show_workforce_backups(workforce: dict, controls: Controls, language: str) -> None:
    """Show every post with its A-post and whether a B-post backup is on duty."""
    posts = workforce["posts"]
    if not _has_rows(posts):
        show_empty_section("posts", language)
        return
    uncovered = posts.filter(~pl.col("is_b_covered")).height
    if uncovered:
        st.warning(t("domains.alerts.no_backup", language, count=uncovered), icon="🟡")
    show_domain_table(
        coverage_state(posts, language),
        [
            "post_id",
            "post_name",
            "department",
            "post_family",
            "a_name",
            "b_name",
            "coverage",
        ],
        "post_backups",
        controls,
        language,
    )


def show_workforce_training(workforce: dict, controls: Controls, language: str) -> None:
    """Show training hours, trainees and mentor pairs by program and track."""
    training = workforce["training"]
    if not _has_rows(training):
        show_empty_section("training", language)
        return
    show_figure(
        figures.training_figure(training, language, controls.theme),
        controls,
        "workforce_training",
    )
    show_domain_table(
        training,
        [
            "track",
            "program",
            "trainee_count",
            "session_count",
            "training_hours",
            "mentor_pair_count",
        ],
        "training",
        controls,
        language,
    )
