"""The follow-up store: owner, due date, status and note of each alert, kept across builds.

The store is a small SQLite file beside the database (`followups.sqlite`). A build never
opens it, so what people record survives every rebuild. Every change is kept as an
event, so the state of any alert at any past time can be told.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from onescreen.build import CHINA_TIME
from onescreen.db import run_query

logger = logging.getLogger(__name__)

STORE_FILE_NAME = "followups.sqlite"
STATUSES = ("open", "in_progress", "closed")
# A closed alert that a later build raises again is shown as recurring.
SHOWN_STATUSES = (*STATUSES, "recurring")

SCHEMA = """
create table if not exists followup_events (
    event_id integer primary key autoincrement,
    alert_key text not null,
    owner text,
    due_date text,
    status text not null check (status in ('open', 'in_progress', 'closed')),
    note text,
    recorded_by text,
    recorded_at text not null
);
create index if not exists followup_events_by_alert
    on followup_events (alert_key, recorded_at);
"""

FOLLOWUP_SCHEMA = {
    "alert_key": pl.String,
    "owner": pl.String,
    "due_date": pl.Date,
    "status": pl.String,
    "note": pl.String,
    "recorded_by": pl.String,
    "recorded_at": pl.Datetime("us"),
}


def now_in_china() -> datetime:
    """Return the time now in Asia/Shanghai, as builds stamp theirs (no zone)."""
    return datetime.now(CHINA_TIME).replace(tzinfo=None)


def store_path(database_path: Path) -> Path:
    """Return where the follow-up store of a database lives."""
    return database_path.parent / STORE_FILE_NAME


def connect_store(path: Path) -> sqlite3.Connection:
    """Open the store, creating it and its table on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA)
    return connection


def set_followup(
    path: Path,
    alert_key: str,
    *,
    status: str,
    owner: str | None = None,
    due_date: date | None = None,
    note: str | None = None,
    recorded_by: str | None = None,
    recorded_at: datetime | None = None,
) -> None:
    """Record a new state of an alert's follow-up, with who recorded it and when."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
    recorded_at = recorded_at or now_in_china()
    with closing(connect_store(path)) as connection, connection:
        connection.execute(
            "insert into followup_events (alert_key, owner, due_date, status, note,"
            " recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?)",
            (
                alert_key,
                owner or None,
                due_date.isoformat() if due_date else None,
                status,
                note or None,
                recorded_by or None,
                recorded_at.isoformat(sep=" "),
            ),
        )
    logger.info("follow-up of %s set to %s", alert_key, status)


def read_followups(path: Path, at: datetime | None = None) -> pl.DataFrame:
    """Return the latest follow-up of each alert, as it stood at `at` (default: now)."""
    if not path.exists():
        return pl.DataFrame(schema=FOLLOWUP_SCHEMA)
    at_text = (at or datetime.max).isoformat(sep=" ")
    with closing(connect_store(path)) as connection:
        rows = connection.execute(
            "select alert_key, owner, due_date, status, note, recorded_by, recorded_at"
            " from followup_events as events where recorded_at <= ? and event_id = ("
            " select max(event_id) from followup_events as later"
            " where later.alert_key = events.alert_key and later.recorded_at <= ?)",
            (at_text, at_text),
        ).fetchall()
    return pl.DataFrame(
        rows,
        schema={name: pl.String for name in FOLLOWUP_SCHEMA},
        orient="row",
    ).with_columns(
        pl.col("due_date").str.to_date(),
        pl.col("recorded_at").str.to_datetime(time_unit="us"),
    )


def shown_status() -> pl.Expr:
    """Return the status as shown: recurring when closed before the build raised it again."""
    return (
        pl.when(pl.col("status").is_null())
        .then(pl.lit("open"))
        .when(
            (pl.col("status") == "closed")
            & (pl.col("recorded_at") < pl.col("built_at"))
        )
        .then(pl.lit("recurring"))
        .otherwise(pl.col("status"))
        .alias("followup_status")
    )


def alerts_with_followups(
    cursor: duckdb.DuckDBPyConnection, store: Path
) -> pl.DataFrame:
    """Return every alert of the current build with its owner, due date and status."""
    alerts = run_query(cursor, "current_alerts")
    followups = read_followups(store)
    return (
        alerts.join(followups, on="alert_key", how="left")
        .with_columns(shown_status())
        .with_columns(
            pl.col("followup_status")
            .is_in(["open", "in_progress", "recurring"])
            .alias("is_open")
        )
        .drop("status")
    )


def open_alert_counts(cursor: duckdb.DuckDBPyConnection, store: Path) -> pl.DataFrame:
    """Return how many alerts are not closed, by domain and colour."""
    return (
        alerts_with_followups(cursor, store)
        .filter(pl.col("is_open"))
        .group_by("domain", "color")
        .agg(pl.len().cast(pl.Int64).alias("alert_count"))
        .sort("domain", "color")
    )


def followup_a_month_ago(
    cursor: duckdb.DuckDBPyConnection, store: Path, now: datetime | None = None
) -> pl.DataFrame:
    """Return the alerts that were not closed a month ago and what became of them."""
    now = now or now_in_china()
    then = now - timedelta(days=30)
    history = run_query(cursor, "alert_history_entries")
    before = read_followups(store, at=then).select(
        "alert_key", pl.col("status").alias("status_then")
    )
    current = alerts_with_followups(cursor, store).select(
        "alert_key", "followup_status", "owner", "due_date", "note"
    )
    return (
        history.filter(pl.col("first_seen_at") <= then)
        .join(before, on="alert_key", how="left")
        .with_columns(pl.col("status_then").fill_null("open"))
        .filter(pl.col("status_then") != "closed")
        .join(current, on="alert_key", how="left")
        .with_columns(
            pl.when(pl.col("is_active"))
            .then(pl.col("followup_status"))
            .otherwise(pl.lit("resolved"))
            .alias("status_now")
        )
        .drop("followup_status")
    )
