"""Tests of every named query: its columns, grain and keys, on the tiny derived database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onescreen.db import QUERIES_DIR, open_reader, run_query
from onescreen.derive import SQL_DIR
from onescreen.settings import PROJECT_ROOT, Settings
from tests.test_derive import build_fixture_database

YEAR = 2025

# Queries of the load report; they read the ingest's own tables and are tested with it.
INGEST_QUERIES = {
    "build_summary",
    "duplicate_key_conflicts",
    "load_manifest",
    "quarantined_rows",
    "source_freshness",
    "unmatched_reference_values",
}

# name: (the columns that make a row unique, every column in order)
QUERY_SPECS = {
    "bad_reviews": (
        "center_id review_id",
        "center_id review_id reviewed_at handler_staff_no item_name rating "
        "channel comment rectified_at days_to_rectify rectify_due_date "
        "is_rectified is_rectified_in_time is_rectification_overdue",
    ),
    "building_register": (
        "center_id building_id",
        "center_id building_id building_name address latitude longitude "
        "user_unit floor_area_m2 built_year occupant_count task_year stage "
        "stage_order is_deducted is_registered stage_since_date days_in_stage "
        "certificate_no certificate_date certificate_year deduction_reason "
        "deduction_approval_no problem_count open_problem_count",
    ),
    "calendar_coverage": (
        "year",
        "year day_count workday_count package_day_count config_day_count "
        "weekday_day_count is_covered_by_package calendar_source",
    ),
    "deducted_buildings": (
        "center_id building_id",
        "center_id building_id building_name address user_unit task_year "
        "floor_area_m2 deduction_reason deduction_approval_no stage_since_date",
    ),
    "energy_by_building_month": (
        "center_id building_id month_date",
        "center_id building_id building_name year month_date kgce water_m3 "
        "floor_area_m2 occupant_count kgce_per_m2 kgce_per_person baseline_kgce "
        "change_ratio unknown_unit_count",
    ),
    "energy_by_year": (
        "center_id year",
        "center_id year month_count building_count kgce water_m3 floor_area_m2 "
        "occupant_count kgce_per_m2 kgce_per_person comparable_kgce "
        "baseline_kgce change_ratio",
    ),
    "fleet_utilisation_by_month": (
        "center_id month_date",
        "center_id year month_date vehicle_count available_days used_days "
        "utilisation_ratio",
    ),
    "fleet_utilisation_by_year": (
        "center_id year",
        "center_id year vehicle_count available_days used_days "
        "utilisation_ratio previous_ratio yoy_change_ratio yoy_change_points",
    ),
    "headline_figures": (
        "center_id year",
        "center_id year as_of_date registration_progress_ratio "
        "registered_area_m2 target_area_m2 deducted_count deducted_area_m2 "
        "certificates_issued_count fleet_utilisation_ratio "
        "fleet_utilisation_yoy_change_ratio fleet_utilisation_yoy_change_points "
        "fulfilment_ratio satisfaction_ratio",
    ),
    "mileage_mismatches": (
        "center_id trip_id",
        "center_id trip_id plate driver_staff_no requesting_unit departed_at "
        "returned_at destination purpose odometer_km beidou_km mileage_gap_km",
    ),
    "open_property_problems": (
        "center_id issue_id",
        "center_id issue_id building_id building_name category lead_department "
        "found_date days_open description",
    ),
    "pay_gap_by_post": (
        "center_id post_name",
        "center_id post_name window_start_month_date window_end_month_date "
        "established_person_count contract_person_count "
        "established_average_pay_yuan contract_average_pay_yuan pay_gap_yuan "
        "pay_gap_ratio",
    ),
    "post_backup_coverage": (
        "center_id post_id",
        "center_id post_id post_name department post_family headcount_quota "
        "a_staff_no a_name is_a_on_duty b_staff_no b_name is_b_on_duty "
        "has_b_post is_b_covered",
    ),
    "property_problems_by_category": (
        "center_id category lead_department",
        "center_id category lead_department found_count resolved_count "
        "open_count closed_loop_ratio median_days_open longest_open_days",
    ),
    "registration_funnel": (
        "center_id year stage",
        "center_id year stage funnel_order is_branch building_count area_m2",
    ),
    "registration_progress": (
        "center_id year",
        "center_id year target_area_m2 target_count registered_area_m2 "
        "registered_count progress_ratio count_progress_ratio "
        "certificates_issued_count certificates_issued_area_m2 surveyed_count "
        "surveyed_area_m2 deducted_count deducted_area_m2 "
        "deducted_to_date_count deducted_to_date_area_m2 elapsed_share "
        "pace_gap_points projected_ratio",
    ),
    "satisfaction_by_month": (
        "center_id month_date",
        "center_id year month_date review_count satisfied_count bad_count "
        "satisfaction_ratio rectified_count rectified_in_time_count "
        "rectification_overdue_count rectified_in_time_ratio",
    ),
    "satisfaction_by_year": (
        "center_id year",
        "center_id year review_count satisfied_count bad_count "
        "satisfaction_ratio rectified_count rectified_in_time_count "
        "rectification_overdue_count rectified_in_time_ratio",
    ),
    "training_summary": (
        "center_id year track",
        "center_id year track trainee_count program_count session_count "
        "training_hours headcount hours_per_person mentor_pair_count",
    ),
    "trip_service_by_month": (
        "center_id month_date",
        "center_id year month_date requested_count completed_count "
        "cancelled_by_requester_count rejected_count open_count "
        "repair_trip_count fulfilment_ratio response_median_minutes "
        "response_p90_minutes mileage_mismatch_count distance_km cost_yuan "
        "cost_per_km_yuan",
    ),
    "trip_service_by_year": (
        "center_id year",
        "center_id year requested_count completed_count "
        "cancelled_by_requester_count rejected_count open_count "
        "repair_trip_count fulfilment_ratio response_median_minutes "
        "response_p90_minutes mileage_mismatch_count distance_km cost_yuan "
        "cost_per_km_yuan",
    ),
    "turnover_by_year": (
        "center_id year track",
        "center_id year track start_headcount end_headcount average_headcount "
        "hire_count leaver_count turnover_ratio",
    ),
    "vehicle_utilisation_by_month": (
        "center_id plate month_date",
        "center_id plate vehicle_type user_unit year month_date workday_count "
        "repair_days available_days used_days utilisation_ratio",
    ),
    "vehicle_utilisation_by_year": (
        "center_id plate year",
        "center_id plate vehicle_type user_unit vehicle_status year "
        "workday_count repair_days available_days used_days utilisation_ratio",
    ),
    "workforce_by_age_band": (
        "center_id track age_band",
        "center_id track age_band age_band_order headcount headcount_share",
    ),
    "workforce_by_track": (
        "center_id track department post_family",
        "center_id track department post_family headcount female_count "
        "in_both_tracks_count average_age_years",
    ),
}

# Key columns that may be empty: a problem without a lead department, a post without
# a matching post family, and so on.
NULLABLE_KEYS = {
    "property_problems_by_category": {"lead_department"},
    "workforce_by_track": {"department", "post_family"},
}

SQL_FILES = sorted([*QUERIES_DIR.glob("*.sql"), *SQL_DIR.glob("*.sql")])
PYTHON_PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}|%\(\w+\)s|%s|%d")
UPPERCASE_KEYWORD = re.compile(
    r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|WITH|AS|AND|OR|CASE|WHEN)\b"
)


@pytest.fixture(scope="module")
def cursor(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "center.duckdb"
    build_fixture_database(path, Settings(config_dir=PROJECT_ROOT / "config"))
    connection = open_reader(path)
    yield connection.cursor()
    connection.close()


def test_every_query_file_has_a_spec_or_belongs_to_the_load_report():
    names = {path.stem for path in QUERIES_DIR.glob("*.sql")}
    assert names - INGEST_QUERIES == set(QUERY_SPECS)


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_returns_its_columns_in_order(cursor, name):
    _, columns = QUERY_SPECS[name]
    frame = run_query(cursor, name, year=YEAR)
    assert frame.columns == columns.split()


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_returns_rows_on_the_fixture(cursor, name):
    assert run_query(cursor, name, year=YEAR).height > 0


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_returns_one_row_per_key(cursor, name):
    key, _ = QUERY_SPECS[name]
    frame = run_query(cursor, name, year=YEAR)
    assert not frame.select(key.split()).is_duplicated().any()


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_keys_are_never_empty(cursor, name):
    key, _ = QUERY_SPECS[name]
    frame = run_query(cursor, name, year=YEAR)
    for column in key.split():
        if column not in NULLABLE_KEYS.get(name, set()):
            assert frame[column].null_count() == 0, column


@pytest.mark.parametrize("year", [2024, 2025, 2031])
def test_headline_figures_is_one_row_for_any_year(cursor, year):
    assert run_query(cursor, "headline_figures", year=year).height == 1


@pytest.mark.parametrize("year", [2024, 2025, 2031])
def test_registration_progress_is_one_row_per_center_for_any_year(cursor, year):
    frame = run_query(cursor, "registration_progress", year=year)
    assert frame["center_id"].to_list() == ["zlq"]


def test_headline_figures_match_the_hand_worked_values(cursor):
    row = run_query(cursor, "headline_figures", year=YEAR).row(0, named=True)
    assert row["registration_progress_ratio"] == pytest.approx(42300 / 60205)
    assert row["registered_area_m2"] == pytest.approx(42300)
    assert row["target_area_m2"] == pytest.approx(60205)
    assert (row["deducted_count"], row["deducted_area_m2"]) == (2, pytest.approx(64600))
    assert row["certificates_issued_count"] == 2
    assert row["fleet_utilisation_ratio"] == pytest.approx(5 / 9)
    assert row["fleet_utilisation_yoy_change_ratio"] == pytest.approx(
        (5 / 9) / (2 / 7) - 1
    )
    assert row["fleet_utilisation_yoy_change_points"] == pytest.approx(
        (5 / 9 - 2 / 7) * 100
    )
    assert row["fulfilment_ratio"] == pytest.approx(8 / 9)
    assert row["satisfaction_ratio"] == pytest.approx(2 / 6)


def test_funnel_lists_the_stages_in_order_with_the_deducted_branch_last(cursor):
    frame = run_query(cursor, "registration_funnel", year=YEAR)
    assert frame["stage"].to_list() == [
        "排查",
        "诊断",
        "协调",
        "处置",
        "已登记",
        "核减",
    ]
    assert frame["is_branch"].to_list() == [False] * 5 + [True]


def test_mileage_mismatches_lists_only_flagged_trips(cursor):
    frame = run_query(cursor, "mileage_mismatches", year=YEAR)
    assert frame["trip_id"].to_list() == ["T03", "T06"]


def sql_file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", SQL_FILES, ids=sql_file_id)
def test_sql_file_lines_are_under_80_characters(path):
    long_lines = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) >= 80
    ]
    assert long_lines == []


@pytest.mark.parametrize("path", SQL_FILES, ids=sql_file_id)
def test_sql_file_has_no_python_placeholders(path):
    assert PYTHON_PLACEHOLDER.search(path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("path", SQL_FILES, ids=sql_file_id)
def test_sql_file_is_lowercase(path):
    assert UPPERCASE_KEYWORD.search(path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("path", sorted(SQL_DIR.glob("*.sql")), ids=sql_file_id)
def test_derived_sql_file_creates_the_table_it_is_named_for(path):
    text = path.read_text(encoding="utf-8")
    assert f"create or replace table {path.stem} as" in text
    assert text.count("create ") == 1
