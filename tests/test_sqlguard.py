"""The SQL page's guard: what it refuses and why, limits, the audit log, the schema."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from onescreen.db import Reader
from onescreen.settings import load_settings
from onescreen.sqlguard import (
    REASONS,
    check_statement,
    open_analysis_connection,
    run_guarded,
)

PERSONAL_COLUMNS = ("name", "id_card_masked", "id_card_hash", "gross_pay_yuan")


@pytest.fixture(scope="module")
def reader(demo_center: Path):
    """The SQL page's reader of the built demo center: the analysis views only."""
    settings = load_settings(demo_center)
    # The same limits as the dashboard: DuckDB refuses a second configuration of a
    # database file already open in the process.
    reader = Reader(
        settings.database_path,
        memory_limit=settings.memory_limit,
        threads=settings.threads,
        opener=open_analysis_connection,
    )
    yield reader
    reader.close()


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("insert into people values (1)", "insert"),
        ("update people set department = 'x'", "update"),
        ("delete from people", "delete"),
        ("create table copied as select 1", "create"),
        ("create view v as select 1", "create"),
        ("drop table people", "drop"),
        ("alter table people add column extra integer", "alter"),
        ("copy people to '/tmp/people.csv'", "copy"),
        ("copy (select 1) to '/tmp/one.csv'", "copy"),
        ("attach '/tmp/other.duckdb' as other", "attach"),
        ("detach other", "detach"),
        ("install httpfs", "load"),
        ("load httpfs", "load"),
        ("set threads = 8", "set"),
        ("set search_path = 'main'", "set"),
        ("pragma database_list", "pragma"),
        ("call pragma_version()", "call"),
        ("export database '/tmp/out'", "export"),
        ("select 1; select 2", "multiple_statements"),
        ("select 1; drop table people", "multiple_statements"),
        ("select * from read_csv('/etc/passwd')", "file_function"),
        ("select * from read_csv_auto('/etc/passwd')", "file_function"),
        ("select * from read_parquet('/tmp/x.parquet')", "file_function"),
        ("select * from read_json('/tmp/x.json')", "file_function"),
        ("select * from read_text('/etc/hostname')", "file_function"),
        ("select * from glob('/etc/*')", "file_function"),
        ("select * from parquet_scan('/tmp/x.parquet')", "file_function"),
        (
            "select * from trips where plate in (select * from read_csv('/tmp/x'))",
            "file_function",
        ),
        ("select name from main.people", "outside_analysis"),
        ("select * from main.people", "outside_analysis"),
        ("select * from center.main.people", "outside_analysis"),
        ("select * from information_schema.tables", "outside_analysis"),
        ("select * from duckdb_settings()", "table_function"),
        ("describe people", "unsupported"),
        ("", "empty"),
        ("selct 1", "syntax"),
    ],
)
def test_a_statement_is_refused_with_its_reason(sql, reason):
    result = check_statement(sql)

    assert not result.allowed
    assert result.reason == reason
    assert result.message_zh and result.message_en


@pytest.mark.parametrize(
    "sql",
    [
        "select * from trips",
        "select plate, count(*) as trip_count from analysis.trips group by plate",
        "with recent as (select * from trip_facts where year = 2025)"
        " select * from recent",
        "select plate, month_date, utilisation_ratio, avg(utilisation_ratio) over"
        " (partition by plate order by month_date rows 2 preceding) as rolling_ratio"
        " from vehicle_utilisation_by_month",
        "select * from range(10)",
        "select 1;",
    ],
)
def test_a_read_only_select_passes_the_guard(sql):
    assert check_statement(sql).allowed


def test_every_reason_has_both_languages():
    assert all(zh and en for zh, en in REASONS.values())


@pytest.mark.parametrize(
    "sql",
    [
        "select * from trips",
        "with recent as (select * from trip_facts where year = 2025)"
        " select * from recent",
        "select plate, month_date, rank() over (partition by year order by"
        " utilisation_ratio desc) as month_rank from vehicle_utilisation_by_month",
        "select department, count(*) as headcount from people group by department",
    ],
)
def test_an_allowed_statement_returns_rows_of_the_analysis_data(reader, sql):
    result = run_guarded(reader, sql, 10, 10_000)

    assert result.outcome == "ok", result.guard.message_en
    assert result.frame.height > 0


@pytest.mark.parametrize(
    "sql",
    ["select name from people", "select * from kpi_scores", "select * from payroll"],
)
def test_a_table_outside_the_analysis_data_is_refused_even_unqualified(reader, sql):
    result = run_guarded(reader, sql, 10, 100)

    assert result.outcome in ("refused", "error")
    assert result.frame is None


@pytest.mark.parametrize(
    "sql",
    [
        # A CTE's own body cannot see the CTE: the inner name is the main table.
        "with payroll as (select * from payroll) select * from payroll",
        # A CTE inside a subquery does not reach the FROM clause beside it.
        "select * from (with payroll as (select 1 as a) select * from payroll) s,"
        " payroll",
        "with kpi_scores as (select 1 as a) select * from kpi_scores",
    ],
)
def test_a_cte_named_after_a_table_outside_the_analysis_data_is_refused(reader, sql):
    result = run_guarded(reader, sql, 10, 100)

    assert result.outcome == "refused"
    assert result.guard.reason == "cte_shadows"
    assert (
        "payroll" in result.guard.message_en or "kpi_scores" in result.guard.message_en
    )


def test_a_cte_named_after_an_analysis_table_reads_the_analysis_table(reader):
    result = run_guarded(
        reader, "with people as (select * from people) select * from people", 10, 5
    )

    assert result.outcome == "ok"
    assert "name" not in result.frame.columns


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("select " + "+".join(["1"] * 600), "too_complex"),
        ("select union_value(k := 1) as u", "error"),
    ],
)
def test_a_statement_the_guard_or_polars_cannot_handle_is_answered_and_audited(
    reader, tmp_path, sql, reason
):
    audit = tmp_path / "sql_audit.jsonl"

    result = run_guarded(reader, sql, 10, 100, audit_path=audit, user="analyst")

    assert result.guard.reason == reason
    assert result.guard.message_zh and result.guard.message_en
    line = json.loads(audit.read_text("utf-8"))
    assert line["reason"] == reason and line["statement"] == sql


def test_a_query_over_the_time_limit_is_interrupted_and_the_reader_still_answers(
    reader,
):
    sql = "select count(*) from range(100000000) a cross join range(100000000) b"

    result = run_guarded(reader, sql, 1, 100)

    assert result.outcome == "timeout"
    assert result.guard.reason == "timeout"
    assert result.elapsed < 8
    assert run_guarded(reader, "select 1 as one", 10, 100).frame.item() == 1


def test_a_result_over_the_row_cap_is_cut(reader):
    result = run_guarded(reader, "select * from range(50)", 10, 20)

    assert result.was_cut
    assert result.frame.height == 20


def test_a_result_at_the_row_cap_is_not_cut(reader):
    result = run_guarded(reader, "select * from range(20)", 10, 20)

    assert not result.was_cut
    assert result.frame.height == 20


def test_the_audit_log_gets_one_line_per_run_with_its_outcome(reader, tmp_path):
    audit = tmp_path / "local" / "sql_audit.jsonl"
    runs = [
        ("select 1", "ok"),
        ("drop table people", "refused"),
        ("select count(*) from range(100000000) a, range(100000000) b", "timeout"),
        ("select 1 / 'x'", "error"),
    ]

    for sql, _ in runs:
        run_guarded(reader, sql, 1, 10, audit_path=audit, user="analyst")

    lines = [json.loads(line) for line in audit.read_text("utf-8").splitlines()]
    assert [line["outcome"] for line in lines] == [outcome for _, outcome in runs]
    assert [line["statement"] for line in lines] == [sql for sql, _ in runs]
    assert lines[0]["rows"] == 1
    assert lines[1]["reason"] == "drop"
    assert all(line["user"] == "analyst" for line in lines)
    assert all(line["at"].endswith("+08:00") for line in lines)


def test_the_analysis_schema_holds_no_personal_column(reader):
    columns = (
        reader.cursor()
        .sql(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'analysis'"
        )
        .fetchall()
    )
    tables = {table for table, _ in columns}

    assert {"people", "trips", "pay_gap_by_post"} <= tables
    assert not [row for row in columns if row[1] in PERSONAL_COLUMNS]
    assert not [table for table in tables if table.startswith("kpi_score")]
    assert "payroll" not in tables


@pytest.mark.parametrize(
    "sql",
    [
        "select * from payroll",
        "select name from main.people",
        "with payroll as (select * from payroll) select * from payroll",
        "select * from read_csv('/etc/passwd')",
        "attach '/tmp/other.duckdb' as other",
        "set enable_external_access = true",
        "install httpfs",
    ],
)
def test_the_sql_connection_refuses_even_what_the_guard_would_let_through(reader, sql):
    # Run straight on the connection, as if the guard had a hole.
    cursor = reader.cursor()
    cursor.execute("set search_path = 'analysis'")
    with pytest.raises(duckdb.Error):
        cursor.sql(sql).fetchall()


def test_the_sql_connection_reads_every_analysis_table(reader, demo_center):
    build = Reader(load_settings(demo_center).database_path)
    expected = {
        name
        for (name,) in build.cursor()
        .sql(
            "select table_name from information_schema.tables"
            " where table_schema = 'analysis'"
        )
        .fetchall()
    }
    build.close()
    cursor = reader.cursor()
    shown = {
        name
        for (name,) in cursor.sql(
            "select table_name from information_schema.tables where table_schema ="
            " 'analysis' and table_catalog = current_database()"
        ).fetchall()
    }

    assert shown == expected
    assert cursor.sql("select count(*) from analysis.trips").fetchall()[0][0] > 0
