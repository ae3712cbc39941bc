"""Quarterly KPI scores (平时考核) at build time: rules tables, then the SQL in sql/kpi/."""

from __future__ import annotations

import logging

import duckdb
import polars as pl

from onescreen.derive import SQL_DIR, run_sql_file, write_table
from onescreen.rules import (
    Rules,
    family_posts_frame,
    post_family_map_frame,
    rule_parameters,
)

logger = logging.getLogger(__name__)

KPI_SQL_DIR = SQL_DIR / "kpi"

# The tables the scoring writes, in the order they are built.
KPI_TABLES = (
    "kpi_person_quarters",
    "kpi_not_scored",
    "kpi_measures",
    "kpi_scores",
    "kpi_annual_records",
)

# Tables of the derive step the scoring reads; without them it is skipped.
KPI_INPUTS = (
    "people",
    "staff_numbers",
    "calendar_days",
    "metric_settings",
    "trip_facts",
    "service_review_facts",
    "energy_by_building_month",
    "property_problem_facts",
)


def rule_settings_frame(rules: Rules) -> pl.DataFrame:
    """Return the rules' numbers as the one-row table the SQL reads them from."""
    return pl.DataFrame([rule_parameters(rules)])


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Return the names of the tables in the open database."""
    return {
        row[0] for row in con.sql("select table_name from duckdb_tables()").fetchall()
    }


def write_rule_tables(con: duckdb.DuckDBPyConnection, rules: Rules) -> list[str]:
    """Write the post families, the post-to-family map and the rule settings."""
    tables = {
        "kpi_post_families": family_posts_frame(rules),
        "kpi_post_family_map": post_family_map_frame(rules),
        "kpi_rule_settings": rule_settings_frame(rules),
    }
    for name, frame in tables.items():
        write_table(con, name, frame)
    return list(tables)


def score_quarters(con: duckdb.DuckDBPyConnection, rules: Rules) -> list[str]:
    """Create the KPI tables in the open build connection; return their names."""
    created = write_rule_tables(con, rules)
    missing = [name for name in KPI_INPUTS if name not in existing_tables(con)]
    if missing:
        logger.warning("KPI scoring skipped: no %s in this build", ", ".join(missing))
        return created
    for name in KPI_TABLES:
        run_sql_file(con, name, {}, KPI_SQL_DIR)
        created.append(name)
    return created
