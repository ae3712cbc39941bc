"""The `analysis` schema of a build: the data analysts may query on the SQL page.

Every table of the build's `main` schema gets a view of the same name in `analysis`,
with these exceptions, so that the analysis data holds no clear personal data:

- columns that identify or describe one person are left out wherever they appear:
  names (`name`, `a_name`, `b_name`), identity card values (`id_card_masked`,
  `id_card_hash`), birth dates, and individual pay (`gross_pay_yuan`,
  `performance_pay_yuan`); pay stays available as averages by post in
  `pay_gap_by_post`; `person_id` stays, a hash keyed with the center's secret that
  counts and joins people but cannot be turned back into an identity number;
- tables of individual scores and appraisals are left out whole: every `kpi_` table
  but the rule tables (`kpi_post_families`, `kpi_post_family_map`,
  `kpi_rule_settings`), the monthly records, the payroll, and the alerts about people;
- tables that keep raw export rows or their free text are left out: the quarantine
  (`row_json`, `value`), the duplicate conflicts (`copies`) and the alerts whose
  subject names and messages may name a person.

A table added to the build later appears in `analysis` under the same rules.
"""

from __future__ import annotations

import logging

import duckdb

from onescreen.parsing import quote_identifier
from onescreen.sqlguard import ANALYSIS_SCHEMA

logger = logging.getLogger(__name__)

PERSONAL_COLUMNS = frozenset(
    {
        "name",
        "a_name",
        "b_name",
        "id_card_masked",
        "id_card_hash",
        "birth_date",
        "gross_pay_yuan",
        "performance_pay_yuan",
        "subject_name",
        "message_zh",
        "message_en",
    }
)
KEPT_KPI_TABLES = frozenset(
    {"kpi_post_families", "kpi_post_family_map", "kpi_rule_settings"}
)
EXCLUDED_TABLES = frozenset(
    {
        "monthly_records",
        "payroll",
        "quarantine",
        "duplicate_conflicts",
        "alerts",
        "alert_history",
        "people_alerts",
    }
)


def is_excluded_table(table: str) -> bool:
    """Tell whether a table of the build stays out of the analysis schema whole."""
    if table.startswith("kpi_"):
        return table not in KEPT_KPI_TABLES
    return table in EXCLUDED_TABLES


def main_table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Return each table of the build's main schema with its columns in order.

    The build connection's temporary tables (catalog `temp`) are working tables of
    the ingest and are not offered.
    """
    rows = con.sql(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'main' and table_catalog = current_database() "
        "order by table_name, ordinal_position"
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    return columns


def create_analysis_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create the analysis views of the build's tables; return their names."""
    schema = quote_identifier(ANALYSIS_SCHEMA)
    con.execute(f"create schema if not exists {schema}")
    created = []
    for table, columns in main_table_columns(con).items():
        kept = [column for column in columns if column not in PERSONAL_COLUMNS]
        if is_excluded_table(table) or not kept:
            continue
        column_list = ", ".join(quote_identifier(column) for column in kept)
        con.execute(
            f"create or replace view {schema}.{quote_identifier(table)} as "
            f"select {column_list} from main.{quote_identifier(table)}"
        )
        created.append(table)
    logger.info("analysis schema: %d views", len(created))
    return created
