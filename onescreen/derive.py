"""Derived tables: the metrics (口径) computed once at build time from the source tables.

Each derived table is made by one SQL file in `onescreen/sql/`, named for the table, run
in order against the open build connection. A few small reference tables (the calendar,
conversion factors, age bands, stage order) are written from Python first, so that the
SQL reads only tables and the build records the factors it used.
"""

from __future__ import annotations

import logging
import time
import tomllib
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from onescreen import contracts
from onescreen.calendar import calendar_frame
from onescreen.db import fetch_scalar
from onescreen.parsing import quote_identifier
from onescreen.settings import Settings, SettingsError

logger = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent / "sql"
ENERGY_FACTORS_FILE_NAME = "energy_factors.toml"

# Beyond twice the target a projection says nothing the progress itself does not.
PROJECTED_RATIO_CAP = 2.0

# Oldest year the calendar reaches back to, counted from the cut-off year, so that a
# stray date in an export cannot make the calendar decades long.
CALENDAR_YEARS_BACK = 15

SQL_TABLES = (
    "metric_settings",
    "centers",
    "calendar_days",
    "staff_records",
    "people",
    "staff_numbers",
    "vehicle_days",
    "vehicle_utilisation_by_month",
    "vehicle_utilisation_by_year",
    "fleet_utilisation_by_month",
    "fleet_utilisation_by_year",
    "trip_facts",
    "trip_service_by_month",
    "trip_service_by_year",
    "energy_facts",
    "energy_by_building_month",
    "energy_by_year",
    "target_values",
    "property_problem_facts",
    "property_problems_by_category",
    "building_register",
    "registration_progress",
    "registration_funnel",
    "service_review_facts",
    "satisfaction_by_month",
    "satisfaction_by_year",
    "workforce_by_track",
    "workforce_by_age_band",
    "turnover_by_year",
    "pay_gap_by_post",
    "post_backup_coverage",
    "training_summary",
)

# Columns whose earliest date sets where the calendar starts.
EVENT_DATE_COLUMNS = (
    ("trips", "requested_at"),
    ("energy_readings", "month"),
    ("payroll", "month"),
    ("monthly_records", "month"),
    ("service_reviews", "reviewed_at"),
    ("property_issues", "found_date"),
    ("training", "start_date"),
)

COUNT_UNITS = {"": 1, "栋": 1, "处": 1, "份": 1, "个": 1, "宗": 1, "件": 1, "套": 1}
RATIO_UNITS = {"": 1, "%": 0.01, "％": 0.01, "百分比": 0.01}
TARGET_UNITS = {
    "registration_area_m2": {"": 1, **contracts.AREA_UNITS},
    "registration_count": COUNT_UNITS,
    "fleet_utilisation_ratio": RATIO_UNITS,
    "fulfilment_ratio": RATIO_UNITS,
    "satisfaction_ratio": RATIO_UNITS,
    "energy_reduction_ratio": RATIO_UNITS,
}

STAGE_ORDER = ("排查", "诊断", "协调", "处置", "已登记")
BRANCH_STAGE = "核减"


def unit_key(unit: str) -> str:
    """Return the form of a unit text that matching uses: no spaces, lower case."""
    return "".join(unit.split()).lower()


def write_table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    """Create or replace table `name` with the rows of `frame`."""
    con.register("frame_to_write", frame)
    try:
        con.sql(
            f"create or replace table {quote_identifier(name)} as from frame_to_write"
        )
    finally:
        con.unregister("frame_to_write")


def run_sql_file(
    con: duckdb.DuckDBPyConnection, name: str, params: dict, sql_dir: Path = SQL_DIR
) -> None:
    """Run `sql/<name>.sql`, binding the parameters its text uses."""
    sql = (sql_dir / f"{name}.sql").read_text(encoding="utf-8")
    used = {key: value for key, value in params.items() if f"${key}" in sql}
    started = time.perf_counter()
    con.sql(sql, params=used or None)
    rows = fetch_scalar(con, f"select count(*) from {quote_identifier(name)}")
    logger.info(
        "derived %s: %s rows in %.0f ms",
        name,
        rows,
        (time.perf_counter() - started) * 1000,
    )


def age_band_frame(limits: tuple[int, ...]) -> pl.DataFrame:
    """Return the age bands cut at `limits`, labelled like '<30', '30-39', '50+'."""
    bounds = sorted(set(limits))
    lowers = [None, *bounds]
    uppers = [*bounds, None]
    labels = []
    for lower, upper in zip(lowers, uppers, strict=True):
        if lower is None:
            labels.append(f"<{upper}")
        elif upper is None:
            labels.append(f"{lower}+")
        else:
            labels.append(f"{lower}-{upper - 1}")
    return pl.DataFrame(
        {
            "band_label": [*labels, "unknown"],
            "band_order": [*range(1, len(labels) + 1), 99],
            "lower_years": [*(lower or 0 for lower in lowers), None],
            "upper_years": [*uppers, None],
        },
        schema={
            "band_label": pl.String,
            "band_order": pl.Int32,
            "lower_years": pl.Int32,
            "upper_years": pl.Int32,
        },
    )


def registration_stage_frame() -> pl.DataFrame:
    """Return the registration stages in funnel order, 核减 last as its own branch."""
    stages = [*STAGE_ORDER, BRANCH_STAGE]
    return pl.DataFrame(
        {
            "stage": stages,
            "stage_order": [*range(1, len(STAGE_ORDER) + 1), None],
            "funnel_order": list(range(1, len(stages) + 1)),
            "is_branch": [stage == BRANCH_STAGE for stage in stages],
        },
        schema={
            "stage": pl.String,
            "stage_order": pl.Int32,
            "funnel_order": pl.Int32,
            "is_branch": pl.Boolean,
        },
    )


def target_metric_frame() -> pl.DataFrame:
    """Return every name a target metric may be written as, with its code."""
    rows = {}
    for code, names in contracts.TARGET_METRICS.items():
        for name in (code, *names):
            rows.setdefault(name.strip().lower(), code)
    return pl.DataFrame(
        {"name_key": list(rows), "metric_code": list(rows.values())},
        schema={"name_key": pl.String, "metric_code": pl.String},
    )


def target_unit_frame() -> pl.DataFrame:
    """Return the unit factors that turn each target metric into its code's unit."""
    rows = [
        (code, unit_key(unit), float(factor))
        for code, units in TARGET_UNITS.items()
        for unit, factor in units.items()
    ]
    return pl.DataFrame(
        rows,
        schema={"metric_code": pl.String, "unit_key": pl.String, "factor": pl.Float64},
        orient="row",
    ).unique(["metric_code", "unit_key"], keep="first", maintain_order=True)


def load_energy_factors(config_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read the energy factors file into a frame of types and a frame of unit factors."""
    path = config_dir / ENERGY_FACTORS_FILE_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SettingsError(
            path, "file", "文件不存在", "the file is missing"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            path, "TOML", f"格式错误：{error}", f"is not valid TOML: {error}"
        ) from error

    types, units = [], []
    for energy_type, section in data.items():
        if energy_type not in contracts.ENERGY_TYPES:
            logger.warning("%s names an unknown energy type %s", path.name, energy_type)
        base_unit = section.get("base_unit")
        unit_factors = section.get("units", {})
        if not isinstance(base_unit, str) or not isinstance(unit_factors, dict):
            raise SettingsError(
                path,
                f"[{energy_type}]",
                "需要 base_unit 和 units",
                "needs base_unit and units",
            )
        kgce = section.get("kgce_per_base_unit")
        types.append((energy_type, base_unit, None if kgce is None else float(kgce)))
        for unit, factor in {base_unit: 1, **unit_factors}.items():
            units.append((energy_type, unit_key(unit), float(factor)))

    type_frame = pl.DataFrame(
        types,
        schema={
            "energy_type": pl.String,
            "base_unit": pl.String,
            "kgce_per_base_unit": pl.Float64,
        },
        orient="row",
    ).with_columns(pl.col("kgce_per_base_unit").is_not_null().alias("is_energy"))
    unit_frame = pl.DataFrame(
        units,
        schema={
            "energy_type": pl.String,
            "unit_key": pl.String,
            "base_units_per_unit": pl.Float64,
        },
        orient="row",
    ).unique(["energy_type", "unit_key"], keep="last", maintain_order=True)
    return type_frame, unit_frame


def read_as_of_date(con: duckdb.DuckDBPyConnection) -> date:
    """Return the cut-off date of the build, checking that build_info has one row."""
    rows = con.sql("select as_of_date from build_info").fetchall()
    if len(rows) != 1 or rows[0][0] is None:
        raise ValueError(f"build_info must hold one row with an as_of_date, not {rows}")
    return rows[0][0]


def calendar_span(
    con: duckdb.DuckDBPyConnection, as_of_date: date, baseline_year: int
) -> tuple[date, date]:
    """Return the first and last day the calendar must cover for this data."""
    earliest = " union all ".join(
        f"select min(year({quote_identifier(column)})) as first_year "
        f"from {quote_identifier(table)} "
        f"where cast({quote_identifier(column)} as date) <= $as_of_date"
        for table, column in EVENT_DATE_COLUMNS
    )
    first_year = fetch_scalar(
        con, f"select min(first_year) from ({earliest})", {"as_of_date": as_of_date}
    )
    start_year = min(first_year or as_of_date.year, baseline_year, as_of_date.year)
    floor_year = as_of_date.year - CALENDAR_YEARS_BACK
    if start_year < floor_year:
        logger.warning(
            "data reaches back to %s; the calendar starts at %s", start_year, floor_year
        )
        start_year = floor_year
    return date(start_year, 1, 1), date(as_of_date.year, 12, 31)


def write_reference_tables(
    con: duckdb.DuckDBPyConnection, settings: Settings
) -> list[str]:
    """Write the reference tables the derived SQL reads; return their names."""
    energy_types, energy_units = load_energy_factors(settings.config_dir)
    tables = {
        "age_bands": age_band_frame(settings.age_band_limits),
        "registration_stages": registration_stage_frame(),
        "target_metric_names": target_metric_frame(),
        "target_unit_factors": target_unit_frame(),
        "energy_factors": energy_types,
        "energy_unit_factors": energy_units,
    }
    for name, frame in tables.items():
        write_table(con, name, frame)
    return list(tables)


def metric_parameters(settings: Settings) -> dict:
    """Return the settings the derived SQL binds as parameters."""
    return {
        "baseline_year": settings.baseline_year,
        "mileage_mismatch_km": settings.mileage_mismatch_km,
        "mileage_mismatch_share": settings.mileage_mismatch_share,
        "rectify_within_days": settings.rectify_within_days,
        "repair_purposes": list(settings.repair_purposes),
        "projected_ratio_cap": PROJECTED_RATIO_CAP,
    }


def warn_about_unmatched_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Log a warning for rows the derived tables could not fully interpret."""
    checks = {
        "energy readings with a unit not in energy_factors.toml": (
            "select count(*) from energy_facts where not is_unit_known"
        ),
        "targets with an unknown metric or unit": (
            "select count(*) from target_values "
            "where not is_metric_known or not is_unit_known"
        ),
        "staff numbers used by two different people": (
            "select count(*) from staff_numbers where is_ambiguous"
        ),
        "trips whose plate is not in the vehicle register": (
            "select count(*) from trip_facts where plate is not null and not is_plate_known"
        ),
        "buildings without a task year": (
            "select count(*) from building_register where task_year is null"
        ),
    }
    for problem, sql in checks.items():
        count = fetch_scalar(con, sql)
        if count:
            logger.warning("%s: %s", problem, count)


def derive_tables(
    con: duckdb.DuckDBPyConnection, settings: Settings, sql_dir: Path = SQL_DIR
) -> list[str]:
    """Create every derived table in the open build connection; return their names."""
    as_of_date = read_as_of_date(con)
    created = write_reference_tables(con, settings)

    start, end = calendar_span(con, as_of_date, settings.baseline_year)
    logger.info("calendar from %s to %s, cut-off %s", start, end, as_of_date)
    con.register("calendar_frame", calendar_frame(start, end, settings.config_dir))
    try:
        params = metric_parameters(settings)
        for name in SQL_TABLES:
            run_sql_file(con, name, params, sql_dir)
            created.append(name)
    finally:
        con.unregister("calendar_frame")

    warn_about_unmatched_rows(con)
    return created
