"""Tests of every named query: its columns, grain and keys, on the tiny derived database."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from onescreen.alerts import assess_performance
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
    "bad_reviews_in_period": (
        "center_id review_id",
        "center_id review_id reviewed_at item_name rating channel comment "
        "handler_staff_no handler_name handler_department rectify_due_date "
        "rectified_at days_to_rectify is_rectified_in_time "
        "is_rectification_overdue",
    ),
    "dispatch_service_by_period_month": (
        "center_id month_date",
        "center_id month_date requested_count completed_count "
        "cancelled_by_requester_count rejected_count fulfilment_ratio "
        "driver_trip_count response_median_minutes response_p90_minutes "
        "mileage_mismatch_count odometer_km beidou_km distance_km cost_yuan "
        "cost_per_km_yuan",
    ),
    "dispatch_service_in_period": (
        "center_id",
        "center_id requested_count completed_count "
        "cancelled_by_requester_count rejected_count fulfilment_ratio "
        "driver_trip_count response_median_minutes response_p90_minutes "
        "mileage_mismatch_count odometer_km beidou_km distance_km cost_yuan "
        "cost_per_km_yuan",
    ),
    "energy_by_building_in_period": (
        "center_id building_id",
        "center_id building_id building_name floor_area_m2 occupant_count "
        "month_count kgce water_m3 kgce_per_m2 kgce_per_person comparable_kgce "
        "baseline_kgce change_ratio is_above_baseline",
    ),
    "energy_by_type_and_month": (
        "center_id energy_type month_date",
        "center_id energy_type month_date base_unit base_quantity kgce baseline_kgce",
    ),
    "energy_in_period": (
        "center_id",
        "center_id baseline_year building_count kgce floor_area_m2 "
        "occupant_count kgce_per_m2 kgce_per_person comparable_kgce "
        "baseline_kgce change_ratio above_baseline_building_count",
    ),
    "fleet_utilisation_by_period_month": (
        "center_id month_date",
        "center_id month_date vehicle_count available_days used_days "
        "utilisation_ratio last_year_ratio yoy_change_points",
    ),
    "fleet_utilisation_in_period": (
        "center_id",
        "center_id period_start_date period_end_date vehicle_count "
        "available_days used_days utilisation_ratio",
    ),
    "mismatched_mileage_trips": (
        "center_id trip_id",
        "center_id trip_id plate driver_staff_no driver_name requesting_unit "
        "departed_at returned_at destination purpose odometer_km beidou_km "
        "mileage_gap_km",
    ),
    "pay_by_post_in_period": (
        "center_id post_name",
        "center_id post_name established_person_count contract_person_count "
        "established_average_pay_yuan contract_average_pay_yuan pay_gap_yuan "
        "pay_gap_ratio",
    ),
    "position_density": (
        "center_id latitude longitude",
        "center_id latitude longitude position_count vehicle_count",
    ),
    "post_backups": (
        "center_id post_id",
        "center_id post_id post_name department post_family a_staff_no a_name "
        "is_a_on_duty b_staff_no b_name is_b_on_duty has_b_post is_b_covered",
    ),
    "service_satisfaction_by_handler": (
        "center_id handler_staff_no",
        "center_id handler_staff_no handler_name handler_department "
        "handler_track review_count satisfied_count bad_count "
        "satisfaction_ratio rectified_in_time_count "
        "rectification_overdue_count rectified_in_time_ratio",
    ),
    "service_satisfaction_by_item": (
        "center_id item_name",
        "center_id item_name review_count satisfied_count bad_count "
        "satisfaction_ratio rectified_in_time_count "
        "rectification_overdue_count rectified_in_time_ratio",
    ),
    "service_satisfaction_by_month": (
        "center_id month_date",
        "center_id month_date review_count satisfied_count bad_count "
        "satisfaction_ratio rectified_in_time_count "
        "rectification_overdue_count rectified_in_time_ratio",
    ),
    "service_satisfaction_in_period": (
        "center_id",
        "center_id review_count satisfied_count bad_count satisfaction_ratio "
        "rectified_in_time_count rectification_overdue_count "
        "rectified_in_time_ratio",
    ),
    "training_by_program_in_period": (
        "center_id track program",
        "center_id track program trainee_count session_count training_hours "
        "mentor_pair_count",
    ),
    "turnover_in_period": (
        "center_id track",
        "center_id track start_headcount end_headcount average_headcount "
        "hire_count leaver_count turnover_ratio",
    ),
    "utilisation_by_unit_in_period": (
        "center_id user_unit",
        "center_id user_unit vehicle_count available_days used_days utilisation_ratio",
    ),
    "vehicle_routes": (
        "center_id plate route_date",
        "center_id plate route_date path position_count",
    ),
    "vehicle_trips": (
        "center_id trip_id",
        "center_id trip_id plate driver_staff_no driver_name requesting_unit "
        "requested_at dispatched_at departed_at returned_at response_minutes "
        "status destination purpose odometer_km beidou_km is_mileage_mismatch "
        "cost_yuan",
    ),
    "vehicle_utilisation_by_period_month": (
        "center_id plate month_date",
        "center_id plate user_unit month_date available_days used_days "
        "utilisation_ratio",
    ),
    "vehicle_utilisation_in_period": (
        "center_id plate",
        "center_id plate vehicle_type user_unit vehicle_status workday_count "
        "repair_days available_days used_days utilisation_ratio "
        "last_year_ratio yoy_change_points utilisation_status",
    ),
    "workforce_at_period_end": (
        "center_id track department post_family",
        "center_id track department post_family headcount female_count "
        "aged_50_plus_count average_age_years",
    ),
    "workforce_by_age_band_at_period_end": (
        "center_id track age_band",
        "center_id track age_band age_band_order headcount headcount_share",
    ),
    "alert_history_entries": (
        "alert_key",
        "center_id alert_key domain rule color subject_id subject_name "
        "period_label message_zh message_en first_seen_at last_seen_at "
        "is_active resolved_at",
    ),
    "annual_records_in_year": (
        "center_id person_id",
        "center_id person_id staff_no person_name department post_name "
        "post_family_code year scored_quarter_count average_total_score "
        "center_rank center_ranked_count excellent_quarter_count "
        "last_quarter_count grade_code",
    ),
    "building_energy_by_month": (
        "center_id building_id month_date",
        "center_id building_id building_name month_date kgce baseline_kgce "
        "change_ratio",
    ),
    "building_problems": (
        "center_id issue_id",
        "center_id issue_id building_id building_name category found_date "
        "resolved_date is_open days_open lead_department description",
    ),
    "current_alerts": (
        "alert_key",
        "center_id alert_key domain rule color subject_type subject_id "
        "subject_name period_label measured_value threshold_value value_unit "
        "message_zh message_en drill_query drill_parameters first_seen_at "
        "built_at",
    ),
    "kpi_measures_in_quarter": (
        "center_id person_id measure_code",
        "center_id person_id staff_no person_name post_family_code "
        "measure_code measure_value is_higher_better normalised_score",
    ),
    "kpi_scores_in_quarter": (
        "center_id person_id",
        "center_id person_id staff_no person_name department post_name "
        "post_family_code year quarter morality_score competence_score "
        "diligence_score record_achievement_score measured_score "
        "achievement_score integrity_score total_score center_rank "
        "center_ranked_count family_rank family_ranked_count "
        "previous_center_rank center_rank_change grade_code is_last "
        "is_last_twice",
    ),
    "person_monthly_records": (
        "center_id staff_no month_date",
        "center_id person_id staff_no month_date morality_score "
        "competence_score diligence_score achievement_score integrity_score "
        "remark",
    ),
    "scoring_method": (
        "scoring_scale_floor",
        "weight_morality weight_competence weight_diligence weight_achievement "
        "weight_integrity scoring_scale_floor scoring_scale_ceiling "
        "scoring_min_months_on_duty",
    ),
    "scored_quarters": (
        "center_id year quarter",
        "center_id year quarter quarter_index scored_count",
    ),
    "trips_of_vehicle_in_year": (
        "center_id trip_id",
        "center_id trip_id plate driver_staff_no requested_at response_minutes "
        "trip_status odometer_km beidou_km is_mileage_mismatch",
    ),
    "unscored_people_in_quarter": (
        "center_id person_id",
        "center_id person_id staff_no person_name department post_name "
        "post_family_code months_on_duty record_month_count reason_code",
    ),
    "department_names": (
        "department",
        "department person_count",
    ),
    "monthly_headline_trends": (
        "center_id month_date",
        "center_id month_date utilisation_ratio fulfilment_ratio "
        "satisfaction_ratio kgce energy_change_ratio open_problem_count "
        "registration_progress_ratio",
    ),
    "property_problems_by_category_at_period_end": (
        "center_id category lead_department",
        "center_id category lead_department found_count resolved_count "
        "open_count closed_loop_ratio median_days_open longest_open_days",
    ),
    "property_problems_open_at_period_end": (
        "center_id issue_id",
        "center_id issue_id building_id building_name category lead_department "
        "found_date days_open description",
    ),
    "reporting_calendar": (
        "center_id",
        "center_id as_of_date first_year",
    ),
    "year_targets": (
        "center_id metric",
        "center_id year metric target_value",
    ),
}

# Key columns that may be empty: a problem without a lead department, a post without
# a matching post family, and so on.
NULLABLE_KEYS = {
    "property_problems_by_category": {"lead_department"},
    "property_problems_by_category_at_period_end": {"lead_department"},
    "workforce_by_track": {"department", "post_family"},
}

# The $parameters of every query: the whole of YEAR, no filters, the demo thresholds.
QUERY_PARAMETERS = {
    "year": YEAR,
    "start_date": date(YEAR, 1, 1),
    "end_date": date(YEAR, 12, 31),
    "department": None,
    "track": None,
    "plate": None,
    "idle_below": 0.3,
    "overused_above": 0.85,
    "cell_degrees": 0.01,
    "cell_limit": 5000,
    "route_limit": 60,
    "quarter": 3,
    "post_family": None,
    "person_id": None,
    "building_id": None,
    "lead_department": None,
}

SQL_FILES = sorted([*QUERIES_DIR.glob("*.sql"), *SQL_DIR.glob("*.sql")])
PYTHON_PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}|%\(\w+\)s|%s|%d")
UPPERCASE_KEYWORD = re.compile(
    r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|WITH|AS|AND|OR|CASE|WHEN)\b"
)


@pytest.fixture(scope="module")
def cursor(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "center.duckdb"
    settings = Settings(config_dir=PROJECT_ROOT / "config").with_paths(path.parent)
    build_fixture_database(path, settings)
    with duckdb.connect(str(path)) as build:
        assess_performance(build, settings)
    connection = open_reader(path)
    yield connection.cursor()
    connection.close()


def test_every_query_file_has_a_spec_or_belongs_to_the_load_report():
    names = {path.stem for path in QUERIES_DIR.glob("*.sql")}
    assert names - INGEST_QUERIES == set(QUERY_SPECS)


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_returns_its_columns_in_order(cursor, name):
    _, columns = QUERY_SPECS[name]
    frame = run_query(cursor, name, **QUERY_PARAMETERS)
    assert frame.columns == columns.split()


# Queries of optional sources that the fixture does not supply.
QUERIES_OF_OPTIONAL_SOURCES = {"position_density", "vehicle_routes"}


@pytest.mark.parametrize("name", sorted(set(QUERY_SPECS) - QUERIES_OF_OPTIONAL_SOURCES))
def test_query_returns_rows_on_the_fixture(cursor, name):
    assert run_query(cursor, name, **QUERY_PARAMETERS).height > 0


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_returns_one_row_per_key(cursor, name):
    key, _ = QUERY_SPECS[name]
    frame = run_query(cursor, name, **QUERY_PARAMETERS)
    assert not frame.select(key.split()).is_duplicated().any()


@pytest.mark.parametrize("name", sorted(QUERY_SPECS))
def test_query_keys_are_never_empty(cursor, name):
    key, _ = QUERY_SPECS[name]
    frame = run_query(cursor, name, **QUERY_PARAMETERS)
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
