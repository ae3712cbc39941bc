"""The SQL page: an editor, the analysis schema beside it, the guarded result."""

from __future__ import annotations

import logging

import duckdb
import polars as pl
import streamlit as st

from onescreen import sqlguard
from onescreen.i18n import t
from onescreen.settings import Settings
from onescreen.ui import get_analysis_reader
from onescreen.ui.access import current_access
from onescreen.ui.downloads import download_buttons

logger = logging.getLogger(__name__)

STATEMENT_KEY = "sql_statement"
RUN_KEY = "sql_run"
EXAMPLE_STATEMENT = (
    "select year, month_date, utilisation_ratio\n"
    "from fleet_utilisation_by_month\n"
    "order by month_date"
)


def signed_in_user() -> str:
    """Return the signed-in username, or "local" when the install needs no sign-in."""
    access = current_access()
    return access.username if access and access.username else "local"


def load_analysis_schema(cursor: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Return the tables and columns (with types) of the analysis schema."""
    return cursor.sql(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = $schema order by table_name, ordinal_position",
        params={"schema": sqlguard.ANALYSIS_SCHEMA},
    ).pl()


def show_analysis_schema(schema: pl.DataFrame, language: str) -> None:
    """Show each analysis table in an expander listing its columns and types."""
    tables = schema.get_column("table_name").unique(maintain_order=True).to_list()
    st.subheader(t("sql.schema", language))
    st.caption(t("sql.schema_caption", language, count=len(tables)))
    with st.container(height=520):
        for table in tables:
            with st.expander(table):
                columns = schema.filter(pl.col("table_name") == table).select(
                    pl.col("column_name").alias(t("sql.column", language)),
                    pl.col("data_type").alias(t("sql.type", language)),
                )
                st.dataframe(columns, hide_index=True, width="stretch")


def show_guarded_result(
    result: sqlguard.GuardedResult, row_cap: int, language: str
) -> None:
    """Show the rows with a note when cut, or the reason the query did not run."""
    if result.outcome == "timeout":
        st.warning(result.guard.message(language))
        return
    if result.outcome != "ok":
        st.error(t("sql.refused", language, reason=result.guard.message(language)))
        return
    if result.frame.is_empty():
        st.info(t("sql.no_rows", language))
        return
    st.caption(t("sql.rows", language, rows=result.row_count, seconds=result.elapsed))
    if result.was_cut:
        st.warning(t("sql.cut", language, cap=row_cap))
    st.dataframe(result.frame, hide_index=True)
    download_buttons(result.frame, "sql_result", language)


def show_sql_page(
    cursor: duckdb.DuckDBPyConnection, settings: Settings, language: str
) -> None:
    """Draw the editor and schema, and run the statement when asked."""
    schema = load_analysis_schema(cursor)
    if schema.is_empty():
        st.warning(t("sql.no_schema", language))
        return
    editor, browser = st.columns([3, 2])
    with browser:
        show_analysis_schema(schema, language)
    with editor:
        st.session_state.setdefault(STATEMENT_KEY, EXAMPLE_STATEMENT)
        statement = st.text_area(
            t("sql.statement", language),
            key=STATEMENT_KEY,
            height=220,
            help=t("sql.statement_help", language),
        )
        run = st.button(t("sql.run", language), key=RUN_KEY, type="primary", icon="▶️")
    if not run:
        return
    analysis = get_analysis_reader(
        str(settings.database_path), settings.memory_limit, settings.threads
    )
    result = sqlguard.run_guarded(
        analysis,
        statement,
        settings.sql_time_limit_seconds,
        settings.sql_row_cap,
        audit_path=settings.local_dir / sqlguard.AUDIT_FILE_NAME,
        user=signed_in_user(),
    )
    show_guarded_result(result, settings.sql_row_cap, language)
