"""Streamlit widgets of the Leaderboards and Alerts pages."""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from onescreen import followups
from onescreen.alerts import COLORS, DOMAINS
from onescreen.auth import NAMES_FULL
from onescreen.i18n import field_label, has_message, source_label, t
from onescreen.rules import DIMENSIONS, FAMILIES, load_rules
from onescreen.settings import SettingsError
from onescreen.ui import (
    GREEN,
    RED,
    YELLOW,
    labelled,
    python_mapped,
    query_or_explain,
    settings_from_environment,
    show_table,
    source_contract_rows,
)
from onescreen.ui.access import current_access, names_mode, rights
from onescreen.ui.controls import Controls, is_projector_mode

logger = logging.getLogger(__name__)

COLOR_VALUES = {"red": RED, "yellow": YELLOW, "green": GREEN}
COLOR_ICONS = {"red": "🔴", "yellow": "🟡", "green": "🟢"}
GRADES = ("excellent", "good", "fair", "poor")
GRADE_COLORS = {"excellent": GREEN, "good": GREEN, "fair": YELLOW, "poor": RED}
RANKING_FIELDS = [
    "center_rank",
    "rank_change",
    "family_rank",
    "person_name",
    "staff_no",
    "department",
    "post_name",
    "post_family_code",
    "total_score",
    "grade_code",
]
BREAKDOWN_FIELDS = [
    "person_name",
    "post_family_code",
    "morality_score",
    "competence_score",
    "diligence_score",
    "record_achievement_score",
    "measured_score",
    "achievement_score",
    "integrity_score",
    "total_score",
]
ALERT_FIELDS = [
    "alert_color",
    "domain",
    "rule",
    "subject_name",
    "period_label",
    "message",
    "owner",
    "due_date",
    "followup_status",
    "first_seen_at",
]


def mask_name(name: str | None) -> str | None:
    """Return a name with all but its first character hidden (张三 → 张*)."""
    if not name:
        return name
    return name[0] + "*" * max(len(name) - 1, 1)


def names_shown_in_full() -> bool:
    """Tell whether names are shown in full: the role allows it, and off the projector
    or as the meeting rule of config/kpi.toml says."""
    if names_mode() != NAMES_FULL:
        return False
    if not is_projector_mode():
        return True
    try:
        settings = settings_from_environment(os.environ)
        return load_rules(settings.config_dir).show_names
    except SettingsError as error:
        logger.warning("names masked: %s", error)
        return False


def shown_names(frame: pl.DataFrame, column: str, in_full: bool) -> pl.DataFrame:
    """Return the frame with `column` masked unless names are shown in full."""
    if in_full or column not in frame.columns:
        return frame
    return frame.with_columns(python_mapped(frame, column, mask_name))


def followup_store_path() -> Path:
    """Return the follow-up store beside the dashboard's database."""
    settings = settings_from_environment(os.environ)
    return followups.store_path(settings.database_path)


def family_label(code: str | None, language: str) -> str:
    """Return the label of a post family code, or 'all' for None."""
    if code is None:
        return t("kpi.all_families", language)
    return t(f"family.{code}", language)


def quarter_label(row: dict) -> str:
    """Return a quarter as 2025-Q3."""
    return f"{row['year']}-Q{row['quarter']}"


def select_quarter_and_family(
    quarters: pl.DataFrame, controls: Controls, language: str
) -> dict:
    """Show the quarter and post-family selectors; return them as query parameters.

    The quarter starts at the one holding the end of the global period, when scored;
    department and track come from the global controls.
    """
    rows = quarters.to_dicts()
    wanted = (controls.end_date.year, (controls.end_date.month - 1) // 3 + 1)
    index = next(
        (i for i, row in enumerate(rows) if (row["year"], row["quarter"]) == wanted), 0
    )
    columns = st.columns(2)
    quarter = columns[0].selectbox(
        t("kpi.quarter", language),
        rows,
        index=index,
        format_func=quarter_label,
        key="kpi_quarter",
    )
    family = columns[1].selectbox(
        t("kpi.family", language),
        [None, *FAMILIES],
        format_func=lambda code: family_label(code, language),
        key="kpi_family",
    )
    return {
        "year": quarter["year"],
        "quarter": quarter["quarter"],
        "post_family": family,
        "department": controls.department,
        "track": controls.track,
    }


def rank_change_text(change: int | None, language: str) -> str:
    """Return a rank change as an arrow: ↑2, ↓1, → or new."""
    if change is None:
        return t("kpi.rank_new", language)
    if change > 0:
        return t("kpi.rank_up", language, count=change)
    if change < 0:
        return t("kpi.rank_down", language, count=-change)
    return t("kpi.rank_same", language)


def translated_codes(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the frame with grades, families, reasons and measures in the language."""
    prefixes = {
        "grade_code": "grade",
        "post_family_code": "family",
        "reason_code": "not_scored",
        "measure_code": "measure",
        "domain": "domain",
        "rule": "rule",
        "followup_status": "followup",
        "status_then": "followup",
        "status_now": "followup",
    }
    return frame.with_columns(
        python_mapped(
            frame, column, lambda code, prefix=prefix: t(f"{prefix}.{code}", language)
        )
        for column, prefix in prefixes.items()
        if column in frame.columns
    )


def rounded_scores(frame: pl.DataFrame) -> pl.DataFrame:
    """Return the frame with scores rounded to 2 decimals, as ranked."""
    return frame.with_columns(
        pl.col(column).round(2) for column in frame.columns if column.endswith("_score")
    )


def show_method(method: pl.DataFrame, language: str) -> None:
    """Show how totals, the blend, the scaling and ties work (口径说明)."""
    if method.is_empty():
        return
    row = method.row(0, named=True)
    st.caption(
        t(
            "kpi.method",
            language,
            **{
                dimension: f"{row[f'weight_{dimension}']:g}" for dimension in DIMENSIONS
            },
            floor=f"{row['scoring_scale_floor']:g}",
            ceiling=f"{row['scoring_scale_ceiling']:g}",
            months=row["scoring_min_months_on_duty"],
        )
    )


def show_ranking(scores: pl.DataFrame, language: str, in_full: bool) -> None:
    """Show the ranking with rank-change arrows and grades."""
    ranked = rounded_scores(shown_names(scores, "person_name", in_full))
    changes = python_mapped(
        ranked,
        "center_rank_change",
        lambda change: rank_change_text(change, language),
        "rank_change",
        skip_nulls=False,
    )
    shown = translated_codes(ranked.with_columns(changes), language)
    colors = {t(f"grade.{code}", language): GRADE_COLORS[code] for code in GRADES}
    show_table(
        labelled(shown, RANKING_FIELDS, language),
        language,
        name="kpi_ranking",
        badges={"grade_code": colors},
    )


def show_breakdown(
    scores: pl.DataFrame, measures: pl.DataFrame, language: str, in_full: bool
) -> None:
    """Show each person's score by dimension, then the measured data behind 绩."""
    shown = translated_codes(
        rounded_scores(shown_names(scores, "person_name", in_full)), language
    )
    show_table(
        labelled(shown, BREAKDOWN_FIELDS, language), language, name="kpi_breakdown"
    )
    people = scores.get_column("person_id").implode()
    measured = measures.filter(pl.col("person_id").is_in(people))
    if measured.is_empty():
        return
    measured = translated_codes(
        shown_names(measured, "person_name", in_full).with_columns(
            pl.col("normalised_score").round(2), pl.col("measure_value").round(4)
        ),
        language,
    )
    fields = [
        "person_name",
        "post_family_code",
        "measure_code",
        "measure_value",
        "normalised_score",
    ]
    show_table(labelled(measured, fields, language), language, name="kpi_measures")


def show_lists(scores: pl.DataFrame, language: str, in_full: bool) -> None:
    """Show the commendation list and the 诫勉谈话 / reassignment list."""
    named = rounded_scores(shown_names(scores, "person_name", in_full))
    fields = ["person_name", "department", "post_name", "total_score", "center_rank"]
    lists = (
        ("kpi.commendation", pl.col("grade_code") == "excellent", "commendation"),
        ("kpi.warning", pl.col("is_last_twice"), "last_twice"),
        ("kpi.last_once", pl.col("is_last") & ~pl.col("is_last_twice"), "last"),
    )
    for texts, condition, name in lists:
        st.subheader(t(f"{texts}.title", language))
        rows = named.filter(condition)
        if rows.is_empty():
            st.info(t(f"{texts}.empty", language))
            continue
        show_table(labelled(rows, fields, language), language, name=f"kpi_{name}")


def show_annual(records: pl.DataFrame, language: str, in_full: bool) -> None:
    """Show the annual record of the chosen year."""
    shown = translated_codes(
        shown_names(records, "person_name", in_full).with_columns(
            pl.col("average_total_score").round(2)
        ),
        language,
    )
    fields = [
        "center_rank",
        "person_name",
        "department",
        "post_family_code",
        "scored_quarter_count",
        "average_total_score",
        "excellent_quarter_count",
        "last_quarter_count",
        "grade_code",
    ]
    colors = {t(f"grade.{code}", language): GRADE_COLORS[code] for code in GRADES}
    show_table(
        labelled(shown, fields, language),
        language,
        name="kpi_annual_record",
        badges={"grade_code": colors},
    )


def show_not_scored(people: pl.DataFrame, language: str, in_full: bool) -> None:
    """Show who was not scored in the quarter and why."""
    shown = translated_codes(shown_names(people, "person_name", in_full), language)
    fields = [
        "person_name",
        "department",
        "post_name",
        "months_on_duty",
        "record_month_count",
        "reason_code",
    ]
    show_table(labelled(shown, fields, language), language, name="kpi_not_scored")


def select_alert_filters(alerts: pl.DataFrame, language: str) -> dict:
    """Show the domain, colour, owner and status filters; return the choices."""
    columns = st.columns(4)
    unassigned = t("alerts.unassigned", language)
    owners = sorted({owner or unassigned for owner in alerts["owner"].to_list()})
    return {
        "domain": columns[0].multiselect(
            t("alerts.filter.domain", language),
            DOMAINS,
            format_func=lambda code: t(f"domain.{code}", language),
            key="alerts_domain",
            placeholder=t("filter.all", language),
        ),
        "color": columns[1].multiselect(
            t("alerts.filter.color", language),
            COLORS,
            format_func=lambda code: t(f"color.{code}", language),
            key="alerts_color",
            placeholder=t("filter.all", language),
        ),
        "owner": columns[2].multiselect(
            t("alerts.filter.owner", language),
            owners,
            key="alerts_owner",
            placeholder=t("filter.all", language),
        ),
        "followup_status": columns[3].multiselect(
            t("alerts.filter.status", language),
            followups.SHOWN_STATUSES,
            format_func=lambda code: t(f"followup.{code}", language),
            key="alerts_status",
            placeholder=t("filter.all", language),
        ),
    }


def filtered_alerts(alerts: pl.DataFrame, filters: dict, language: str) -> pl.DataFrame:
    """Return the alerts that match every filter (an empty filter matches all)."""
    unassigned = t("alerts.unassigned", language)
    owner = pl.col("owner").fill_null(unassigned)
    conditions = [
        (owner if name == "owner" else pl.col(name)).is_in(values)
        for name, values in filters.items()
        if values
    ]
    return alerts.filter(*conditions) if conditions else alerts


def show_alert_counts(alerts: pl.DataFrame, language: str) -> None:
    """Show how many open alerts there are of each colour."""
    open_alerts = alerts.filter(pl.col("is_open"))
    columns = st.columns(len(COLORS))
    for column, color in zip(columns, COLORS, strict=True):
        count = open_alerts.filter(pl.col("color") == color).height
        column.metric(f"{COLOR_ICONS[color]} {t(f'color.{color}', language)}", count)


def masked_people(frame: pl.DataFrame, in_full: bool) -> pl.DataFrame:
    """Return alerts with people's names masked in subject and message, unless in full."""
    if in_full:
        return frame
    people = frame["domain"].to_list()
    names = frame["subject_name"].to_list()
    masked = [
        mask_name(name) if domain == "people" else name
        for domain, name in zip(people, names, strict=True)
    ]
    messages = [
        message.replace(name, shown) if name and message else message
        for message, name, shown in zip(
            frame["message"].to_list(), names, masked, strict=True
        )
    ]
    return frame.with_columns(
        pl.Series("subject_name", masked, dtype=pl.String),
        pl.Series("message", messages, dtype=pl.String),
    )


def alert_table(alerts: pl.DataFrame, language: str, in_full: bool) -> pl.DataFrame:
    """Return the alerts as shown: colours, labels and messages in the language."""
    shown = alerts.with_columns(
        python_mapped(
            alerts, "color", lambda code: t(f"color.{code}", language), "alert_color"
        ),
        pl.col(f"message_{language}").alias("message"),
    )
    return translated_codes(
        masked_people(source_names(shown, language), in_full), language
    )


def source_names(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return alerts whose subject is a data source with the source's name in the language."""
    if "subject_type" not in frame.columns:
        return frame
    labels = python_mapped(
        frame,
        "subject_name",
        lambda name: source_label(name, language),
        "source_label",
    )
    return (
        frame.with_columns(labels)
        .with_columns(
            pl.when(pl.col("subject_type") == "source")
            .then(pl.col("source_label"))
            .otherwise(pl.col("subject_name"))
            .alias("subject_name")
        )
        .drop("source_label")
    )


def show_alerts(alerts: pl.DataFrame, language: str, in_full: bool) -> None:
    """Show the alert list with colour badges."""
    colors = {t(f"color.{code}", language): COLOR_VALUES[code] for code in COLORS}
    show_table(
        labelled(alert_table(alerts, language, in_full), ALERT_FIELDS, language),
        language,
        name="alerts",
        badges={"alert_color": colors},
    )


def pick_alert(alerts: pl.DataFrame, language: str, in_full: bool) -> dict | None:
    """Let the user choose one alert; return its row."""
    shown = alert_table(alerts, language, in_full)
    rows = shown.to_dicts()
    return st.selectbox(
        t("alerts.pick", language),
        rows,
        format_func=lambda row: f"{COLOR_ICONS[row['color']]} {row['message']}",
        key="alerts_pick",
    )


def drill_parameters(alert: dict) -> dict:
    """Return the query parameters that select the rows behind an alert."""
    params = json.loads(alert["drill_parameters"] or "{}")
    if alert["drill_query"] == "source_freshness":
        params["source_contracts"] = source_contract_rows()
    return params


def show_rows_behind(
    cursor: duckdb.DuckDBPyConnection, alert: dict, language: str
) -> None:
    """Show the rows the alert was raised from."""
    st.subheader(t("alerts.rows_behind", language))
    rows = query_or_explain(
        cursor, alert["drill_query"], language, **drill_parameters(alert)
    )
    if rows is None:
        return
    if rows.is_empty():
        st.info(t("alerts.no_rows_behind", language))
        return
    # Keys and codes without a label (center_id, person_id) stay out of sight.
    columns = [name for name in rows.columns if has_message(f"field.{name}")]
    shown = rows.select(columns).rename(
        {name: field_label(name, language) for name in columns}
    )
    show_table(shown, language, name=f"alert_{alert['drill_query']}")


def show_followup_form(alert: dict, store: Path, language: str) -> None:
    """Show the owner, due date, status and note of an alert, and save changes.

    Roles that may not change follow-ups see the form's fields but cannot save.
    """
    st.subheader(t("alerts.form.title", language))
    read_only = not rights().followups
    if read_only:
        st.caption(t("access.followups_read_only", language))
    key = alert["alert_key"]
    status = alert["followup_status"]
    with st.form(f"followup_{key}"):
        columns = st.columns(3)
        owner = columns[0].text_input(
            t("alerts.form.owner", language), value=alert.get("owner") or ""
        )
        due = columns[1].date_input(
            t("alerts.form.due", language),
            value=alert.get("due_date"),
            format="YYYY-MM-DD",
        )
        chosen = columns[2].selectbox(
            t("alerts.form.status", language),
            followups.STATUSES,
            index=followups.STATUSES.index(
                status if status in followups.STATUSES else "open"
            ),
            format_func=lambda code: t(f"followup.{code}", language),
        )
        note = st.text_area(
            t("alerts.form.note", language), value=alert.get("note") or ""
        )
        access = current_access()
        recorded_by = st.text_input(
            t("alerts.form.by", language),
            value=access.display_name if access and access.signed_in else "",
        )
        saved = st.form_submit_button(
            t("alerts.form.save", language), disabled=read_only
        )
    if saved and not read_only:
        try:
            followups.set_followup(
                store,
                key,
                status=chosen,
                owner=owner.strip() or None,
                due_date=due if isinstance(due, date) else None,
                note=note.strip() or None,
                recorded_by=recorded_by.strip() or None,
            )
        except (OSError, ValueError) as error:
            st.error(t("alerts.form.store_error", language, error=error))
            return
        st.success(t("alerts.form.saved", language))


def show_followup_review(
    frame: pl.DataFrame, then: date, language: str, in_full: bool
) -> None:
    """Show what was open a month ago and what became of it."""
    st.caption(t("alerts.followup.caption", language, date=f"{then:%Y-%m-%d}"))
    if frame.is_empty():
        st.info(t("alerts.followup.empty", language))
        return
    shown = translated_codes(
        masked_people(
            source_names(
                frame.with_columns(pl.col(f"message_{language}").alias("message")),
                language,
            ),
            in_full,
        ),
        language,
    )
    fields = ["domain", "rule", "message", "status_then", "status_now", "owner", "note"]
    show_table(labelled(shown, fields, language), language, name="alert_followups")
