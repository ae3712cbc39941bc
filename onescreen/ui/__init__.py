"""Streamlit helpers the pages share: language, database access, tables and downloads.

This is the one library module that imports streamlit. The app finds its data through
two environment variables, read on every page run:

- ``ONESCREEN_SETTINGS``: path of a settings TOML used instead of config/settings.toml;
- ``ONESCREEN_DATABASE``: path of the database, overriding the settings' one (relative
  paths are taken from the project folder).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from onescreen.contracts import SOURCES
from onescreen.db import DatabaseMissingError, Reader, run_query
from onescreen.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    column_label,
    error_label,
    field_label,
    join_names,
    normalise_language,
    source_label,
    status_label,
    t,
)
from onescreen.ingest import discover_exports
from onescreen.settings import (
    DATABASE_VARIABLE,
    DEFAULT_SETTINGS_PATH,
    PROJECT_ROOT,
    SETTINGS_VARIABLE,
    Settings,
    SettingsError,
    load_settings,
)
from onescreen.sqlguard import open_analysis_connection

logger = logging.getLogger(__name__)

LANGUAGE_STATE_KEY = "language"
LANGUAGE_QUERY_PARAM = "lang"
UTF8_BOM = b"\xef\xbb\xbf"

RED = "#d94a57"
YELLOW = "#bb8300"
GREEN = "#079464"
GRAY = "#6b7280"
STATUS_COLORS = {
    "loaded": GREEN,
    "partly_loaded": YELLOW,
    "duplicate_file": GRAY,
    "no_rows": YELLOW,
    "empty": RED,
    "binary": RED,
    "undecodable": RED,
    "no_header": RED,
    "missing_column": RED,
    "unreadable": RED,
}
FRESHNESS_COLORS = {
    "current": GREEN,
    "stale": RED,
    "empty": YELLOW,
    "not_supplied": GRAY,
    "undated": GRAY,
}
# Cells of the exports that hold one person's pay or name, masked in the quarantine
# for roles that may not see them.
PAY_COLUMNS = frozenset({"gross_pay_yuan", "performance_pay_yuan"})
NAME_COLUMNS = frozenset({"name", "a_name", "b_name", "driver_name", "handler_name"})
FAILED_STATUSES = frozenset(
    status for status, color in STATUS_COLORS.items() if color == RED
)


def settings_from_environment(environment: Mapping[str, str]) -> Settings:
    """Return the settings named by the environment, or config/settings.toml."""
    settings_path = environment.get(SETTINGS_VARIABLE)
    path = Path(settings_path) if settings_path else DEFAULT_SETTINGS_PATH
    settings = load_settings(path)
    database = environment.get(DATABASE_VARIABLE)
    if database:
        settings = replace(settings, database_path=PROJECT_ROOT / Path(database))
    return settings


def select_language() -> str:
    """Show the language switch in the sidebar, kept in the URL as ?lang=zh|en."""
    if LANGUAGE_STATE_KEY not in st.session_state:
        from_url = st.query_params.get(LANGUAGE_QUERY_PARAM)
        st.session_state[LANGUAGE_STATE_KEY] = normalise_language(from_url)
    language = st.sidebar.segmented_control(
        t("app.language", st.session_state[LANGUAGE_STATE_KEY]),
        LANGUAGES,
        key=LANGUAGE_STATE_KEY,
        required=True,
        format_func=LANGUAGE_NAMES.get,
    )
    language = normalise_language(language)
    st.query_params[LANGUAGE_QUERY_PARAM] = language
    return language


def current_language() -> str:
    """Return the language chosen in the sidebar for this run."""
    return normalise_language(st.session_state.get(LANGUAGE_STATE_KEY))


def route_through_app() -> None:
    """Rerun a page that Streamlit opened on its own through app.py's navigation.

    Streamlit treats a `pages/` folder as the legacy page list until some session has
    run st.navigation; the first visit after the server starts, if it is a link to a
    page, would run that page without the app's sidebar and language. Switching the
    legacy mode off and rerunning sends the same link through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    # app.py chooses the language before any page runs; without it, app.py did not run.
    if PagesManager.uses_pages_directory and LANGUAGE_STATE_KEY not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()


def show_page_header(page: str, language: str) -> None:
    """Show a page's title and its one-line introduction."""
    route_through_app()
    from onescreen.ui.access import guard_page

    guard_page(page, language)
    st.title(t(f"page.{page}.title", language))
    st.caption(t(f"page.{page}.intro", language))


@st.cache_resource(show_spinner=False)
def get_reader(database_path: str, memory_limit: str, threads: int) -> Reader:
    """Return the process-wide reader of one database path."""
    return Reader(Path(database_path), memory_limit=memory_limit, threads=threads)


@st.cache_resource(show_spinner=False)
def get_analysis_reader(database_path: str, memory_limit: str, threads: int) -> Reader:
    """Return the process-wide reader of the SQL page: the analysis views only."""
    return Reader(
        Path(database_path),
        memory_limit=memory_limit,
        threads=threads,
        opener=open_analysis_connection,
    )


def count_export_files(exports_dir: Path) -> int:
    """Return how many export files wait under the exports folder."""
    return len(discover_exports(exports_dir))


def explain_missing_database(settings: Settings, language: str) -> None:
    """Say that no database exists yet, how to build one, and what exports wait."""
    exports = str(settings.exports_dir)
    st.warning(t("data.no_database", language, exports=exports))
    count = count_export_files(settings.exports_dir)
    if count:
        st.info(t("data.exports_waiting", language, count=count, exports=exports))
    else:
        example = join_names([source.name for source in SOURCES[:3]], language)
        st.info(t("data.no_exports", language, exports=exports, example=example))


def connect_or_explain(language: str) -> duckdb.DuckDBPyConnection | None:
    """Return a cursor on the current build, or say in the page why there is none."""
    try:
        settings = settings_from_environment(os.environ)
    except SettingsError as error:
        message = error.message_zh if language == "zh" else error.message_en
        st.error(t("data.settings_error", language, message=message))
        return None
    reader = get_reader(
        str(settings.database_path), settings.memory_limit, settings.threads
    )
    try:
        return reader.cursor()
    except DatabaseMissingError:
        explain_missing_database(settings, language)
    except (duckdb.Error, OSError) as error:
        logger.warning("cannot open %s: %s", settings.database_path, error)
        st.error(
            t(
                "data.database_unreadable",
                language,
                path=str(settings.database_path),
                error=error,
            )
        )
    return None


def query_or_explain(
    cursor: duckdb.DuckDBPyConnection, name: str, language: str, **params
) -> pl.DataFrame | None:
    """Run a named query; on failure say so in the page and return None."""
    try:
        return run_query(cursor, name, **params)
    except duckdb.Error as error:
        logger.warning("query %s failed: %s", name, error)
        st.error(t("data.query_failed", language, name=name, error=error))
        return None


def query_if_tables_exist(
    cursor: duckdb.DuckDBPyConnection, name: str, language: str, **params
) -> pl.DataFrame | None:
    """Run a named query on a table older builds lack; None when the table is missing."""
    try:
        return run_query(cursor, name, **params)
    except duckdb.CatalogException as error:
        logger.info("query %s skipped: %s", name, error)
        return None
    except duckdb.Error as error:
        logger.warning("query %s failed: %s", name, error)
        st.error(t("data.query_failed", language, name=name, error=error))
        return None


def source_contract_rows() -> list[dict]:
    """Return each source's name, cadence, optionality and order, for SQL parameters."""
    return [
        {
            "source": source.name,
            "cadence_days": source.cadence_days,
            "is_optional": source.optional,
            "sort_order": order,
        }
        for order, source in enumerate(SOURCES)
    ]


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """Return the frame as CSV in UTF-8 with a byte-order mark, as Excel expects."""
    return UTF8_BOM + frame.write_csv().encode("utf-8")


def labelled(frame: pl.DataFrame, fields: list[str], language: str) -> pl.DataFrame:
    """Keep `fields` in order and give them headers in the page's language."""
    return frame.select(fields).rename(
        {field: field_label(field, language) for field in fields}
    )


def _translated(column: str, labels: Mapping[str, str]) -> pl.Expr:
    return pl.col(column).replace_strict(
        dict(labels), default=pl.col(column), return_dtype=pl.String
    )


def _source_names(language: str) -> dict[str, str]:
    names = [source.name for source in SOURCES] + ["people"]
    return {name: source_label(name, language) for name in names}


def _column_names(language: str) -> dict[str, str]:
    return {
        f"{source.name}.{column.name}": column_label(source.name, column.name, language)
        for source in SOURCES
        for column in source.columns
    }


def _error_names(codes: list[str], language: str) -> dict[str, str]:
    return {code: error_label(code, language) for code in codes}


def freshness_table(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the source freshness rows as shown: labels and statuses translated."""
    statuses = {code: t(f"freshness.{code}", language) for code in FRESHNESS_COLORS}
    shown = frame.with_columns(
        _translated("source", _source_names(language)),
        _translated("freshness_status", statuses),
    )
    fields = [
        "source",
        "freshness_status",
        "latest_date",
        "days_since_latest",
        "cadence_days",
        "row_count",
        "file_count",
        "rejected_row_count",
        "last_file_path",
    ]
    return labelled(shown, fields, language)


def manifest_table(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the manifest rows as shown: status and message in the page's language."""
    statuses = {code: status_label(code, language) for code in STATUS_COLORS}
    shown = frame.with_columns(
        _translated("source", _source_names(language)),
        _translated("status", statuses),
        pl.col(f"message_{language}").alias("message"),
    )
    fields = [
        "file_path",
        "source",
        "status",
        "rows_read",
        "rows_loaded",
        "rows_rejected",
        "rows_skipped",
        "message",
        "encoding",
        "header_line",
        "ignored_headers",
        "loaded_at",
    ]
    return labelled(shown, fields, language)


def python_mapped(
    frame: pl.DataFrame,
    column: str,
    function: Callable[[Any], str | None],
    alias: str | None = None,
    *,
    skip_nulls: bool = True,
) -> pl.Series:
    """Return `function` of each value of a column as text, computed in plain Python.

    Never a Python function inside a polars expression (map_elements) in the
    dashboard: polars runs it on its worker threads, each taking the GIL, and with
    many sessions at once the server deadlocked, every worker waiting for the GIL
    held by a script thread that was waiting for the workers.
    """
    values = frame.get_column(column).to_list()
    return pl.Series(
        alias or column,
        [None if value is None and skip_nulls else function(value) for value in values],
        dtype=pl.String,
    )


def quarantine_for_role(frame: pl.DataFrame, names: str, pay: bool) -> pl.DataFrame:
    """Return quarantined rows with the personal data a role may not see taken out.

    A role without names in full gets no raw row (it may hold names and pay) and a
    masked value where the rejected cell is a name; a role without pay gets no pay
    value. Identity numbers are masked in the quarantine for everyone already.
    """
    from onescreen.analysis import PERSONAL_COLUMNS
    from onescreen.ui.kpi import mask_name

    if names == "full" and pay:
        return frame
    name_columns = (PERSONAL_COLUMNS - PAY_COLUMNS) | NAME_COLUMNS
    column = pl.col("column_name")
    masked = python_mapped(frame, "value", mask_name, "masked_value")
    shown = frame.with_columns(masked).with_columns(
        pl.when(column.is_in(list(PAY_COLUMNS)) & pl.lit(not pay))
        .then(pl.lit("***"))
        .when(column.is_in(list(name_columns)) & pl.lit(names != "full"))
        .then(pl.col("masked_value"))
        .otherwise(pl.col("value"))
        .alias("shown_value"),
        pl.lit(None, dtype=pl.String).alias("row_json")
        if names != "full"
        else pl.col("row_json"),
    )
    return (
        shown.with_columns(_reasons_without_raw_values(shown))
        .with_columns(pl.col("shown_value").alias("value"))
        .drop("masked_value", "shown_value")
    )


def _reasons_without_raw_values(frame: pl.DataFrame) -> list[pl.Series]:
    """Return the reasons with a hidden or masked cell's raw value replaced by its
    shown form: a reason quotes the rejected value ("'gross pay' '250000' is …")."""
    raws = frame.get_column("value").to_list()
    shown = frame.get_column("shown_value").to_list()
    reasons = {}
    for language, quoted in (("zh", "“{}”"), ("en", "{!r}")):
        texts = frame.get_column(f"reason_{language}").to_list()
        reasons[language] = [
            text.replace(quoted.format(raw), quoted.format(new))
            if text and raw and raw != new
            else text
            for text, raw, new in zip(texts, raws, shown, strict=True)
        ]
    return [
        pl.Series(f"reason_{language}", texts, dtype=pl.String)
        for language, texts in reasons.items()
    ]


def quarantine_table(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return quarantined rows as shown: reason, column and problem in the language."""
    from onescreen.ui.access import names_mode, rights

    frame = quarantine_for_role(frame, names_mode(), rights().pay)
    codes = frame.get_column("error_code").unique().to_list()
    shown = frame.with_columns(
        pl.concat_str(["source", "column_name"], separator=".")
        .replace_strict(
            _column_names(language),
            default=pl.col("column_name"),
            return_dtype=pl.String,
        )
        .alias("column"),
        _translated("source", _source_names(language)),
        _translated("error_code", _error_names(codes, language)),
        pl.col(f"reason_{language}").alias("reason"),
    )
    fields = [
        "file_path",
        "line_number",
        "column",
        "header",
        "value",
        "reason",
        "error_code",
        "source",
        "row_json",
    ]
    return labelled(shown, fields, language)


def duplicates_table(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the duplicate conflicts as shown."""
    shown = frame.with_columns(_translated("source", _source_names(language)))
    fields = ["source", "natural_key", "version_count", "copy_locations"]
    return labelled(shown, fields, language)


def unmatched_table(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the unmatched references as shown: source, column and target labelled."""
    sources = _source_names(language)
    shown = frame.with_columns(
        pl.concat_str(["source", "column_name"], separator=".")
        .replace_strict(
            _column_names(language),
            default=pl.col("column_name"),
            return_dtype=pl.String,
        )
        .alias("column"),
        _translated("source", sources),
        _translated("target_source", sources),
    )
    fields = [
        "source",
        "column",
        "value",
        "target_source",
        "row_count",
        "example_location",
    ]
    return labelled(shown, fields, language)


def calendar_table(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the calendar coverage by year as shown."""
    origins = {
        code: t(f"calendar_source.{code}", language)
        for code in ("package", "config", "weekday")
    }
    shown = frame.with_columns(_translated("calendar_source", origins))
    fields = ["year", "calendar_source", "day_count", "workday_count"]
    return labelled(shown, fields, language)


def time_columns(table: pl.DataFrame) -> dict:
    """Return column settings that show dates as days and timestamps to the minute."""
    config = {}
    for header, dtype in table.schema.items():
        if dtype == pl.Date:
            config[header] = st.column_config.DateColumn(header, format="YYYY-MM-DD")
        elif isinstance(dtype, pl.Datetime):
            config[header] = st.column_config.DatetimeColumn(
                header, format="YYYY-MM-DD HH:mm"
            )
    return config


def show_table(
    table: pl.DataFrame,
    language: str,
    *,
    name: str,
    badges: Mapping[str, Mapping[str, str]] | None = None,
    height: int | str = "auto",
) -> None:
    """Show a labelled table with a CSV download; `badges` colours text columns."""
    shown, column_config = table, time_columns(table)
    for field, colors in (badges or {}).items():
        header = field_label(field, language)
        shown = shown.with_columns(pl.concat_list(pl.col(header)).alias(header))
        column_config[header] = st.column_config.MultiselectColumn(
            header, options=list(colors), color=list(colors.values())
        )
    st.dataframe(
        shown,
        hide_index=True,
        column_config=column_config,
        height=height,
        placeholder="—",
    )
    st.download_button(
        t("data.download", language),
        data=csv_bytes(table),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{name}",
        on_click="ignore",
        icon=":material/download:",
    )


def show_build_summary(summary: pl.DataFrame, language: str) -> None:
    """Show the as-of date, build time and totals of the current build."""
    row = summary.row(0, named=True)
    columns = st.columns(5)
    columns[0].metric(t("data.as_of", language), f"{row['as_of_date']:%Y-%m-%d}")
    columns[1].metric(t("data.built_at", language), f"{row['built_at']:%Y-%m-%d %H:%M}")
    columns[2].metric(t("data.file_count", language), f"{row['file_count']:,}")
    columns[3].metric(t("data.rows_loaded", language), f"{row['loaded_row_count']:,}")
    columns[4].metric(
        t("data.rows_rejected", language), f"{row['rejected_row_count']:,}"
    )


def show_source_freshness(freshness: pl.DataFrame, language: str) -> None:
    """Show how current each source is, with the overdue and empty ones named."""
    st.subheader(t("data.freshness.title", language))
    st.caption(t("data.freshness.caption", language))
    stale = freshness.filter(pl.col("is_stale")).get_column("source").to_list()
    empty = (
        freshness.filter(pl.col("freshness_status") == "empty")
        .get_column("source")
        .to_list()
    )
    if stale:
        names = join_names([source_label(name, language) for name in stale], language)
        st.warning(t("data.freshness.stale", language, sources=names))
    if empty:
        names = join_names([source_label(name, language) for name in empty], language)
        st.info(t("data.freshness.empty", language, sources=names))
    if not stale and not empty:
        st.success(t("data.freshness.all_current", language))
    colors = {
        t(f"freshness.{code}", language): c for code, c in FRESHNESS_COLORS.items()
    }
    show_table(
        freshness_table(freshness, language),
        language,
        name="source_freshness",
        badges={"freshness_status": colors},
        height="content",
    )


def show_manifest(manifest: pl.DataFrame, language: str) -> None:
    """Show every file the build read, with its status and message."""
    st.caption(t("data.manifest.caption", language))
    if manifest.is_empty():
        st.info(t("data.manifest.empty", language))
        return
    failed = manifest.filter(pl.col("status").is_in(list(FAILED_STATUSES))).height
    if failed:
        st.warning(t("data.manifest.failed_files", language, count=failed))
    else:
        st.success(t("data.manifest.all_loaded", language))
    colors = {status_label(code, language): c for code, c in STATUS_COLORS.items()}
    show_table(
        manifest_table(manifest, language),
        language,
        name="load_manifest",
        badges={"status": colors},
    )


def select_quarantine_filters(rejected: pl.DataFrame, language: str) -> dict:
    """Show the source, file and problem filters; return them as query parameters."""
    columns = st.columns(3)
    source = columns[0].selectbox(
        t("filter.source", language),
        [None, *sorted(rejected.get_column("source").unique().to_list())],
        format_func=lambda name: (
            t("filter.all", language) if name is None else source_label(name, language)
        ),
        key="quarantine_source",
    )
    if source is not None:
        rejected = rejected.filter(pl.col("source") == source)
    file_path = columns[1].selectbox(
        t("filter.file", language),
        [None, *sorted(rejected.get_column("file_path").unique().to_list())],
        format_func=lambda path: t("filter.all", language) if path is None else path,
        key="quarantine_file",
    )
    if file_path is not None:
        rejected = rejected.filter(pl.col("file_path") == file_path)
    error_code = columns[2].selectbox(
        t("filter.error_code", language),
        [None, *sorted(rejected.get_column("error_code").unique().to_list())],
        format_func=lambda code: (
            t("filter.all", language) if code is None else error_label(code, language)
        ),
        key="quarantine_error_code",
    )
    return {"source": source, "file_path": file_path, "error_code": error_code}


def no_quarantine_filters() -> dict:
    """Return query parameters that select every quarantined row."""
    return {"source": None, "file_path": None, "error_code": None}


def show_quarantine_summary(rejected: pl.DataFrame, language: str) -> bool:
    """Say how many problems were quarantined; return whether there are any."""
    st.caption(t("data.quarantine.caption", language))
    if rejected.is_empty():
        st.success(t("data.quarantine.empty", language))
        return False
    files = rejected.get_column("file_path").n_unique()
    st.warning(
        t("data.quarantine.summary", language, count=rejected.height, files=files)
    )
    return True


def show_quarantine(rejected: pl.DataFrame, language: str) -> None:
    """Show the quarantined rows that match the filters."""
    if rejected.is_empty():
        st.info(t("data.quarantine.no_match", language))
        return
    show_table(quarantine_table(rejected, language), language, name="quarantined_rows")


def show_duplicate_conflicts(conflicts: pl.DataFrame, language: str) -> None:
    """Show the natural keys whose copies differ between exports."""
    st.caption(t("data.duplicates.caption", language))
    if conflicts.is_empty():
        st.success(t("data.duplicates.empty", language))
        return
    show_table(
        duplicates_table(conflicts, language), language, name="duplicate_conflicts"
    )


def show_unmatched_references(unmatched: pl.DataFrame, language: str) -> None:
    """Show the values that point at people, vehicles or buildings not found."""
    st.caption(t("data.unmatched.caption", language))
    if unmatched.is_empty():
        st.success(t("data.unmatched.empty", language))
        return
    show_table(
        unmatched_table(unmatched, language), language, name="unmatched_references"
    )


def show_calendar_coverage(coverage: pl.DataFrame | None, language: str) -> None:
    """Say which years' holidays are known, and warn about those that are not."""
    if coverage is None:
        st.info(t("data.calendar.missing", language))
        return
    if coverage.is_empty():
        st.info(t("data.calendar.empty", language))
        return
    by_source = {
        origin: [
            str(year)
            for year in coverage.filter(pl.col("calendar_source") == origin)
            .get_column("year")
            .to_list()
        ]
        for origin in ("weekday", "config")
    }
    if by_source["weekday"]:
        years = join_names(by_source["weekday"], language)
        st.warning(t("data.calendar.weekday_years", language, years=years))
    if by_source["config"]:
        years = join_names(by_source["config"], language)
        st.info(t("data.calendar.config_years", language, years=years))
    if not by_source["weekday"] and not by_source["config"]:
        years = coverage.get_column("year")
        st.success(
            t(
                "data.calendar.all_covered",
                language,
                first=years.min(),
                last=years.max(),
            )
        )
    show_table(calendar_table(coverage, language), language, name="calendar_coverage")
