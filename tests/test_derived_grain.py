"""Every derived table of the demo build: its grain holds and its keys are never null."""

from __future__ import annotations

import pytest

from onescreen.derive import SQL_TABLES

DERIVED_KEYS = {
    "metric_settings": ("center_id",),
    "centers": ("center_id",),
    "calendar_days": ("center_id", "calendar_date"),
    "staff_records": ("center_id", "person_id", "track"),
    "people": ("center_id", "person_id"),
    "staff_numbers": ("center_id", "staff_no", "person_id"),
    "vehicle_days": ("center_id", "plate", "calendar_date"),
    "vehicle_utilisation_by_month": ("center_id", "plate", "month_date"),
    "vehicle_utilisation_by_year": ("center_id", "plate", "year"),
    "fleet_utilisation_by_month": ("center_id", "month_date"),
    "fleet_utilisation_by_year": ("center_id", "year"),
    "trip_facts": ("center_id", "trip_id"),
    "trip_service_by_month": ("center_id", "month_date"),
    "trip_service_by_year": ("center_id", "year"),
    "energy_facts": ("center_id", "building_id", "month_date", "energy_type"),
    "energy_by_building_month": ("center_id", "building_id", "month_date"),
    "energy_by_year": ("center_id", "year"),
    "target_values": ("center_id", "year", "metric"),
    "property_problem_facts": ("center_id", "issue_id"),
    "property_problems_by_category": ("center_id", "category", "lead_department"),
    "building_register": ("center_id", "building_id"),
    "registration_progress": ("center_id", "year"),
    "registration_funnel": ("center_id", "year", "stage"),
    "service_review_facts": ("center_id", "review_id"),
    "satisfaction_by_month": ("center_id", "month_date"),
    "satisfaction_by_year": ("center_id", "year"),
    "workforce_by_track": ("center_id", "track", "department", "post_family"),
    "workforce_by_age_band": ("center_id", "track", "age_band"),
    "turnover_by_year": ("center_id", "year", "track"),
    "pay_gap_by_post": ("center_id", "post_name"),
    "post_backup_coverage": ("center_id", "post_id"),
    "training_summary": ("center_id", "year", "track"),
}
# Keys that may be null by design: an unknown lead department, a post with no family.
NULLABLE_KEYS = {
    ("property_problems_by_category", "lead_department"),
    ("workforce_by_track", "post_family"),
}


@pytest.fixture(scope="module")
def demo_cursor(demo_center):
    import duckdb

    con = duckdb.connect(str(demo_center.parent / "center.duckdb"), read_only=True)
    yield con
    con.close()


def test_every_derived_table_has_a_declared_grain():
    assert sorted(DERIVED_KEYS) == sorted(SQL_TABLES)


@pytest.mark.slow
@pytest.mark.parametrize("table", SQL_TABLES)
def test_a_derived_table_has_one_row_per_key_and_no_null_keys(demo_cursor, table):
    key = DERIVED_KEYS[table]
    columns = ", ".join(key)
    duplicates = demo_cursor.sql(
        f"select {columns}, count(*) from {table} group by all having count(*) > 1 limit 3"
    ).fetchall()
    assert duplicates == []
    for column in key:
        if (table, column) in NULLABLE_KEYS:
            continue
        nulls = demo_cursor.sql(
            f"select count(*) from {table} where {column} is null"
        ).fetchall()
        assert nulls == [(0,)], f"{table}.{column} has nulls"
    assert demo_cursor.sql(f"select count(*) from {table}").fetchall()[0][0] > 0
