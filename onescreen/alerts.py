"""Red / yellow / green alerts at build time: one table over every domain, stable keys."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import duckdb
import polars as pl

from onescreen.contracts import SOURCES
from onescreen.db import (
    DatabaseMissingError,
    fetch_scalar,
    resolve_current_build,
    run_query,
)
from onescreen.derive import SQL_DIR, run_sql_file, write_table
from onescreen.i18n import source_label, t
from onescreen.rules import load_rules
from onescreen.scoring import existing_tables, score_quarters

logger = logging.getLogger(__name__)

ALERT_SQL_DIR = SQL_DIR / "alerts"
DOMAINS = ("people", "fleet", "property", "energy", "service", "workforce", "data")
COLORS = ("red", "yellow", "green")

# Alert tables in build order, each with the tables it needs.
ALERT_TABLES = {
    "people_alerts": ("kpi_scores",),
    "operations_alerts": (
        "vehicle_utilisation_by_year",
        "trip_service_by_month",
        "trip_facts",
        "building_register",
        "property_problem_facts",
        "registration_progress",
        "energy_by_building_month",
        "service_review_facts",
        "post_backup_coverage",
    ),
    "data_alerts": ("source_status",),
}

# Rules whose subject is the same thing from one period to the next: their key
# leaves the period out, so a problem open for months stays one alert.
TIMELESS_RULES = frozenset(
    {
        "building_stuck",
        "problem_open_too_long",
        "bad_review_not_rectified",
        "post_without_backup",
        "source_overdue",
        "rows_rejected",
    }
)

ALERT_SCHEMA = {
    "center_id": pl.String,
    "alert_key": pl.String,
    "domain": pl.String,
    "rule": pl.String,
    "color": pl.String,
    "subject_type": pl.String,
    "subject_id": pl.String,
    "subject_name": pl.String,
    "period_label": pl.String,
    "measured_value": pl.Float64,
    "threshold_value": pl.Float64,
    "value_unit": pl.String,
    "message_zh": pl.String,
    "message_en": pl.String,
    "drill_query": pl.String,
    "drill_parameters": pl.String,
    "first_seen_at": pl.Datetime("us"),
    "last_seen_at": pl.Datetime("us"),
}
HISTORY_SCHEMA = {
    **ALERT_SCHEMA,
    "is_active": pl.Boolean,
    "resolved_at": pl.Datetime("us"),
}


def alert_key(center_id: str, rule: str, subject_id: str, period: str | None) -> str:
    """Return the stable key of an alert: a hash of center, rule, subject and period."""
    parts = [center_id, rule, subject_id or ""]
    if rule not in TIMELESS_RULES:
        parts.append(period or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def format_value(value: float | None, unit: str, language: str) -> str:
    """Return a measured value or threshold as the message shows it."""
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value:.1%}"
    if unit == "days":
        return t("alert.unit.days", language, count=f"{value:,.0f}")
    if unit == "minutes":
        return t("alert.unit.minutes", language, count=f"{value:,.1f}")
    if unit == "points":
        return t("alert.unit.points", language, count=f"{value:,.1f}")
    if unit in ("count", "rank"):
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def alert_message(row: dict, language: str) -> str:
    """Return the sentence that says what an alert is about, in `language`."""
    subject = row["subject_name"] or row["subject_id"]
    if row["subject_type"] == "source":
        subject = source_label(row["subject_id"], language)
    return t(
        f"alert.message.{row['rule']}",
        language,
        subject=subject,
        period=row["period_label"] or "",
        value=format_value(row["measured_value"], row["value_unit"], language),
        threshold=format_value(row["threshold_value"], row["value_unit"], language),
    )


def source_contract_frame() -> pl.DataFrame:
    """Return each source's name, cadence, optionality and order."""
    return pl.DataFrame(
        [
            {
                "source": source.name,
                "cadence_days": source.cadence_days,
                "is_optional": source.optional,
                "sort_order": order,
            }
            for order, source in enumerate(SOURCES)
        ]
    )


def write_source_status(con: duckdb.DuckDBPyConnection) -> None:
    """Write how current each source is, as the Data page computes it."""
    rows = source_contract_frame().to_dicts()
    write_table(
        con, "source_status", run_query(con, "source_freshness", source_contracts=rows)
    )


def previous_alert_history(database_path: Path) -> pl.DataFrame:
    """Return the alert history of the current build, or no rows when there is none."""
    empty = pl.DataFrame(schema=HISTORY_SCHEMA)
    try:
        build_file = resolve_current_build(database_path)
    except DatabaseMissingError:
        return empty
    try:
        with duckdb.connect(str(build_file), read_only=True) as previous:
            if "alert_history" not in existing_tables(previous):
                return empty
            frame = previous.sql("select * from alert_history").pl()
    except duckdb.Error as error:
        logger.warning("cannot read the alerts of %s: %s", build_file, error)
        return empty
    return frame.select(
        pl.col(name).cast(dtype)
        if name in frame.columns
        else pl.lit(None, dtype).alias(name)
        for name, dtype in HISTORY_SCHEMA.items()
    )


def collect_alerts(con: duckdb.DuckDBPyConnection, tables: list[str]) -> pl.DataFrame:
    """Return the candidates of every alert table with keys and messages."""
    frames = [con.sql(f"select * from {name}").pl() for name in tables]
    frames = [frame for frame in frames if not frame.is_empty()]
    if not frames:
        return pl.DataFrame(
            schema={k: v for k, v in ALERT_SCHEMA.items() if "seen" not in k}
        )
    candidates = pl.concat(frames, how="diagonal_relaxed")
    rows = candidates.to_dicts()
    return candidates.with_columns(
        pl.Series(
            "alert_key",
            [
                alert_key(r["center_id"], r["rule"], r["subject_id"], r["period_label"])
                for r in rows
            ],
            dtype=pl.String,
        ),
        pl.Series(
            "message_zh", [alert_message(r, "zh") for r in rows], dtype=pl.String
        ),
        pl.Series(
            "message_en", [alert_message(r, "en") for r in rows], dtype=pl.String
        ),
    ).unique("alert_key", keep="first", maintain_order=True)


def with_history(
    current: pl.DataFrame, previous: pl.DataFrame, built_at
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Carry first-seen times forward; return the alerts and the whole history."""
    seen = previous.select("alert_key", pl.col("first_seen_at").alias("previous_first"))
    alerts = (
        current.join(seen, on="alert_key", how="left")
        .with_columns(
            pl.coalesce("previous_first", pl.lit(built_at)).alias("first_seen_at"),
            pl.lit(built_at).alias("last_seen_at"),
        )
        .select(pl.col(name).cast(dtype) for name, dtype in ALERT_SCHEMA.items())
    )
    gone = previous.filter(~pl.col("alert_key").is_in(alerts["alert_key"].implode()))
    gone = gone.with_columns(
        pl.lit(False).alias("is_active"),
        pl.coalesce("resolved_at", pl.lit(built_at).cast(pl.Datetime("us"))).alias(
            "resolved_at"
        ),
    )
    active = alerts.with_columns(
        pl.lit(True).alias("is_active"),
        pl.lit(None, pl.Datetime("us")).alias("resolved_at"),
    )
    history = pl.concat(
        [active, gone.select(list(HISTORY_SCHEMA))], how="vertical_relaxed"
    )
    return alerts, history


def raise_alerts(con: duckdb.DuckDBPyConnection, database_path: Path) -> list[str]:
    """Create the alert tables in the open build connection; return their names."""
    created = []
    if "load_manifest" in existing_tables(con):
        write_source_status(con)
        created.append("source_status")
    present = existing_tables(con)
    for name, inputs in ALERT_TABLES.items():
        missing = [table for table in inputs if table not in present]
        if missing:
            logger.warning("alerts %s skipped: no %s", name, ", ".join(missing))
            continue
        run_sql_file(con, name, {}, ALERT_SQL_DIR)
        created.append(name)
        present.add(name)

    built_at = fetch_scalar(con, "select cast(built_at as timestamp) from build_info")
    current = collect_alerts(con, [name for name in ALERT_TABLES if name in created])
    alerts, history = with_history(
        current, previous_alert_history(database_path), built_at
    )
    write_table(con, "alerts", alerts)
    write_table(con, "alert_history", history)
    logger.info("alerts: %s raised, %s in the history", alerts.height, history.height)
    return [*created, "alerts", "alert_history"]


def assess_performance(con: duckdb.DuckDBPyConnection, settings) -> list[str]:
    """Load the rules, score the quarters and raise the alerts; return the tables."""
    rules = load_rules(settings.config_dir)
    created = score_quarters(con, rules)
    return [*created, *raise_alerts(con, settings.database_path)]
