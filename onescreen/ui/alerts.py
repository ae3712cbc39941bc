"""The overview's alert summary, read from the follow-up module when a build has alerts.

The alert rules and their open/closed status belong to ``onescreen.followups``
(``open_alert_counts`` and ``alerts_with_followups``) and the build's ``alerts`` table.
Until both exist this section says so instead of counting anything itself.
"""

from __future__ import annotations

import html
import importlib
import logging
import os

import duckdb
import polars as pl
import streamlit as st

from onescreen.auth import NAMES_HIDDEN
from onescreen.charts import ALERT_COLORS
from onescreen.db import fetch_scalar
from onescreen.i18n import has_message, t
from onescreen.ui.access import names_mode, rights
from onescreen.ui.kpi import mask_name, names_shown_in_full

# A person's name where the role may not see even a masked one.
HIDDEN_NAME = "＊＊"

logger = logging.getLogger(__name__)

WORST_ALERT_COUNT = 5


def has_table(cursor: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Tell whether the build has a table or view called `table`."""
    sql = "select count(*) from information_schema.tables where table_name = $table"
    return bool(fetch_scalar(cursor, sql, {"table": table}))


def load_alert_summary(
    cursor: duckdb.DuckDBPyConnection,
) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """Return open alerts counted by domain and colour, and the few most urgent.

    Both are None when the build has no alerts or the follow-up module is missing.
    """
    from onescreen.ui import settings_from_environment

    try:
        followups = importlib.import_module("onescreen.followups")
    except ImportError:
        return None, None
    if not hasattr(followups, "open_alert_counts") or not has_table(cursor, "alerts"):
        return None, None
    try:
        settings = settings_from_environment(os.environ)
        store = followups.store_path(settings.database_path)
        counts = followups.open_alert_counts(cursor, store)
        every_alert = followups.alerts_with_followups(cursor, store)
    # The follow-up store is another module's; whatever it raises must not break
    # the overview, which then says that alerts are unavailable.
    except Exception as error:  # noqa: BLE001
        logger.warning("alerts unavailable: %s", error)
        return None, None
    urgent = pl.col("is_open") & pl.col("color").is_in(["red", "yellow"])
    if not rights().scores:
        # A person's place in the ranking is an individual score: the counts by domain
        # stay, the person's alert is not listed.
        urgent = urgent & (pl.col("domain") != "people")
    worst = every_alert.filter(urgent).head(WORST_ALERT_COUNT)
    return counts, worst


def domain_label(domain: str, language: str) -> str:
    """Return an alert domain's name in `language`."""
    key = f"domain.{domain}"
    return t(key, language) if has_message(key) else domain


def alert_totals(counts: pl.DataFrame | None) -> dict[str, int]:
    """Return the number of open red and yellow alerts."""
    if counts is None or counts.is_empty():
        return {"red": 0, "yellow": 0}
    return {
        color: int(
            counts.filter(pl.col("color") == color).get_column("alert_count").sum()
        )
        for color in ("red", "yellow")
    }


def _badge(color: str, count: int) -> str:
    return (
        f'<span style="display:inline-block;min-width:2.2em;text-align:center;'
        f"border-radius:0.6em;padding:0 0.4em;font-weight:700;color:#fff;"
        f'background:{ALERT_COLORS[color]}">{count}</span>'
    )


def alert_domain_html(counts: pl.DataFrame, language: str) -> str:
    """Return a compact list of domains with their red and yellow counts."""
    by_domain = (
        counts.filter(pl.col("color").is_in(["red", "yellow"]))
        .pivot(
            on="color", index="domain", values="alert_count", aggregate_function="sum"
        )
        .fill_null(0)
    )
    for color in ("red", "yellow"):
        if color not in by_domain.columns:
            by_domain = by_domain.with_columns(pl.lit(0).alias(color))
    rows = by_domain.sort(["red", "yellow"], descending=True).to_dicts()
    return "".join(
        f'<div style="display:flex;gap:0.5em;align-items:center;margin:0.15em 0">'
        f"{_badge('red', row['red'])}{_badge('yellow', row['yellow'])}"
        f"<span>{domain_label(row['domain'], language)}</span></div>"
        for row in rows
    )


def alert_message(
    row: dict, language: str, names_in_full: bool, *, hidden: bool = False
) -> str:
    """Return an alert's message, a person's name masked (or hidden) unless in full."""
    message = row[f"message_{language}"] or ""
    name = row.get("subject_name")
    if names_in_full or row.get("subject_type") != "person" or not name:
        return message
    return message.replace(name, HIDDEN_NAME if hidden else mask_name(name))


def worst_alert_html(
    worst: pl.DataFrame,
    language: str,
    names_in_full: bool = True,
    *,
    hidden: bool = False,
) -> str:
    """Return one line per urgent alert: a dot of its colour, domain and message."""
    lines = "".join(
        f'<li style="margin:0.2em 0">'
        f'<span style="color:{ALERT_COLORS[row["color"]]};margin-right:0.35em">●</span>'
        f"{html.escape(domain_label(row['domain'], language))} · "
        f"{html.escape(alert_message(row, language, names_in_full, hidden=hidden))}"
        "</li>"
        for row in worst.to_dicts()
    )
    return f'<ul style="list-style:none;padding-left:0;margin:0">{lines}</ul>'


def show_alert_domains(counts: pl.DataFrame | None, language: str) -> None:
    """Show the open red and yellow alerts of each domain, or say there are none."""
    st.subheader(t("overview.alerts.title", language))
    if counts is None:
        st.caption(t("overview.alerts.unavailable", language))
        return
    totals = alert_totals(counts)
    if not totals["red"] and not totals["yellow"]:
        st.success(t("overview.alerts.none", language))
        return
    st.html(alert_domain_html(counts, language))


def show_worst_alerts(worst: pl.DataFrame | None, language: str, limit: int) -> None:
    """Name the few most urgent open alerts."""
    if worst is None or worst.is_empty():
        return
    st.subheader(t("overview.alerts.worst", language))
    # On the projector, people's names follow the meeting rule of config/kpi.toml.
    in_full = names_shown_in_full()
    hidden = names_mode() == NAMES_HIDDEN
    st.html(worst_alert_html(worst.head(limit), language, in_full, hidden=hidden))
