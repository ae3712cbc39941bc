"""The build: exports in, a checked database file out, made current in one step."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

from onescreen.alerts import assess_performance
from onescreen.analysis import create_analysis_schema
from onescreen.contracts import SOURCES
from onescreen.db import builds_dir, fetch_scalar, make_current
from onescreen.ingest import (
    FileReport,
    discover_exports,
    ingest_exports,
    load_hash_key,
    register_functions,
    staging_key,
)
from onescreen.parsing import quote_identifier
from onescreen.settings import Settings

logger = logging.getLogger(__name__)

CHINA_TIME = timezone(timedelta(hours=8))
BUILDS_KEPT = 3
PEOPLE_SOURCES = ("staff_established", "staff_contract")


class BuildError(RuntimeError):
    """A build that did not finish; the previous database stays current."""

    def __init__(self, message_zh: str, message_en: str):
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(message_en)


@dataclass
class BuildReport:
    """What a build produced: the file, the reports of every export, timings."""

    build_file: Path
    reports: list[FileReport] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    as_of_date: date | None = None
    seconds: float = 0.0
    step_seconds: dict[str, float] = field(default_factory=dict)


def today_in_china() -> date:
    """Return today's date in Asia/Shanghai, where the center is."""
    return datetime.now(CHINA_TIME).date()


def compute_as_of_date(con: duckdb.DuckDBPyConnection, today: date) -> date:
    """Return the statistical cut-off: the last day with activity in the data, at most today."""
    latest = fetch_scalar(
        con,
        """
        select max(day) from (
            select max(cast(requested_at as date)) as day from trips
            union all select max(cast(reviewed_at as date)) from service_reviews
            union all select max(last_day(month)) from energy_readings
            union all select max(last_day(month)) from payroll
            union all select max(last_day(month)) from monthly_records
        )
        """,
    )
    return min(latest or today, today)


def write_build_info(
    con: duckdb.DuckDBPyConnection, settings: Settings, as_of: date
) -> None:
    """Write the one-row table that says what this build is and its cut-off date."""
    con.execute(
        "create or replace table build_info as select $center_id as center_id, "
        "cast($as_of as date) as as_of_date, cast($built_at as timestamp) as built_at",
        {
            "center_id": settings.center_id,
            "as_of": as_of,
            "built_at": datetime.now(CHINA_TIME).replace(tzinfo=None),
        },
    )


def record_unmatched_references(con: duckdb.DuckDBPyConnection) -> None:
    """List values that point at a person, vehicle or building the data does not have."""
    parts = []
    for source in SOURCES:
        for reference in source.references:
            if reference.source == "people":
                target = "(select center_id, staff_no as value from staff_established union all select center_id, staff_no from staff_contract)"
            else:
                target = f"(select center_id, {quote_identifier(reference.target_column)} as value from {quote_identifier(reference.source)})"
            key = ", ".join(
                f"s.{quote_identifier(name)}" for name in staging_key(source)
            )
            column = quote_identifier(reference.column)
            parts.append(
                f"""
                select '{source.name}' as source, '{reference.column}' as column_name,
                       '{reference.source}' as target_source, s.center_id,
                       s.{column} as value, concat_ws(' / ', {key}) as natural_key,
                       s.source_file, s.source_line
                from {quote_identifier(source.name)} s
                where s.{column} is not null
                  and not exists (select 1 from {target} t where t.center_id = s.center_id and t.value = s.{column})
                """
            )
    con.execute(
        "create or replace table unmatched_references as " + " union all ".join(parts)
    )


def check_build(con: duckdb.DuckDBPyConnection, expected_tables: list[str]) -> None:
    """Refuse a build that lacks a table the dashboard reads or has no rows at all."""
    present = {
        row[0]
        for row in con.sql(
            "select table_name from information_schema.tables"
        ).fetchall()
    }
    missing = [name for name in expected_tables if name not in present]
    if missing:
        raise BuildError(
            f"构建缺少数据表：{', '.join(missing)}",
            f"the build lacks table(s): {', '.join(missing)}",
        )
    loaded = sum(
        fetch_scalar(con, f"select count(*) from {quote_identifier(s.name)}")
        for s in SOURCES
    )
    if loaded == 0:
        raise BuildError(
            "没有任何数据行被载入：请检查 data/exports 下的导出文件",
            "no rows were loaded at all: check the export files under data/exports",
        )


def prune_old_builds(folder: Path, keep: int, current: Path) -> None:
    """Delete all but the newest `keep` build files (open readers keep theirs until closed)."""
    builds = sorted(folder.glob("center-*.duckdb"), reverse=True)
    for old in builds[keep:]:
        if old.resolve() != current.resolve():
            old.unlink(missing_ok=True)
            Path(str(old) + ".wal").unlink(missing_ok=True)


def build_database(
    settings: Settings,
    *,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    derive: Callable[[duckdb.DuckDBPyConnection, Settings], list[str]] | None = None,
) -> BuildReport:
    """Build a new database from the exports and make it current; raise BuildError on failure."""
    started = time.perf_counter()
    today = today or today_in_china()
    folder = builds_dir(settings.database_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(CHINA_TIME).strftime("%Y%m%dT%H%M%S%f")
    build_file = folder / f"center-{stamp}.duckdb"
    partial = folder / f".center-{stamp}.building"
    report = BuildReport(build_file=build_file)
    if derive is None:
        from onescreen.derive import derive_tables as derive

    con = duckdb.connect(str(partial))
    try:
        # The value is checked against a size pattern when settings are loaded.
        con.execute(f"set memory_limit = '{settings.build_memory_limit}'")
        register_functions(con, load_hash_key(settings.local_dir))
        step = time.perf_counter()
        files = discover_exports(settings.exports_dir)
        report.reports = ingest_exports(
            con,
            files,
            base_dir=settings.exports_dir,
            center_id=settings.center_id,
            today=today,
            progress=progress,
        )
        report.step_seconds["ingest"] = time.perf_counter() - step

        step = time.perf_counter()
        report.as_of_date = compute_as_of_date(con, today)
        write_build_info(con, settings, report.as_of_date)
        report.tables = derive(con, settings)
        record_unmatched_references(con)
        # Scores and alerts; a bad rules file fails here, before the swap.
        report.tables += assess_performance(con, settings)
        create_analysis_schema(con)
        report.step_seconds["derive"] = time.perf_counter() - step

        check_build(
            con,
            [s.name for s in SOURCES]
            + ["load_manifest", "quarantine", "build_info", *report.tables],
        )
        con.execute("checkpoint")
    except BuildError:
        con.close()
        partial.unlink(missing_ok=True)
        raise
    except Exception as error:
        con.close()
        partial.unlink(missing_ok=True)
        logger.info(
            "build failed", exc_info=True
        )  # the traceback is for -v; users get the reason
        reason_zh = getattr(error, "message_zh", str(error))
        reason_en = getattr(error, "message_en", str(error))
        raise BuildError(
            f"构建失败，已保留上一版数据库：{reason_zh}",
            f"the build failed; the previous database is kept: {reason_en}",
        ) from error
    con.close()

    partial.rename(build_file)
    make_current(settings.database_path, build_file)
    prune_old_builds(folder, BUILDS_KEPT, build_file)
    report.seconds = time.perf_counter() - started
    logger.info("build %s is current (%.1f s)", build_file.name, report.seconds)
    return report
