"""Tests of the derived tables on a tiny database whose figures are worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from onescreen import contracts
from onescreen.calendar import (
    calendar_frame,
    load_holidays,
    provisional_years,
    uncovered_years,
    working_days,
)
from onescreen.derive import (
    SQL_DIR,
    SQL_TABLES,
    age_band_frame,
    derive_tables,
    load_energy_factors,
)
from onescreen.settings import PROJECT_ROOT, Settings, SettingsError

CENTER = "zlq"
AS_OF_DATE = date(2025, 10, 15)

# Hand-worked calendar around National Day 2025: 09-28 (Sunday) and 10-11 (Saturday)
# are make-up workdays, 10-01 to 10-08 are holidays.
#   vehicle 蒙H·A001, bought 09-28: workdays 09-28 09-29 09-30 10-09 10-10 10-11 10-13
#     10-14 10-15 (9); repair 10-13..10-14 leaves 7 available; used on 09-28, 10-09,
#     10-10, 10-11 (the 10-02 trip is on a holiday, the 10-13 one on a repair day): 4.
#   vehicle 蒙H·B002, bought 09-30, disposed 10-10: available 09-30 and 10-09; used 10-09.
#   vehicle 蒙H·C003, bought 2024-12-23, disposed 2025-01-01: available 12-23..12-27,
#     12-30, 12-31 (7); used 12-23 and 12-31.
VEHICLES = [
    {"plate": "蒙H·A001", "purchase_date": date(2025, 9, 28), "disposal_date": None},
    {
        "plate": "蒙H·B002",
        "purchase_date": date(2025, 9, 30),
        "disposal_date": date(2025, 10, 10),
    },
    {
        "plate": "蒙H·C003",
        "purchase_date": date(2024, 12, 23),
        "disposal_date": date(2025, 1, 1),
    },
]


def _trip(trip_id, plate, departed, returned, status="已完成", purpose="公务", **extra):
    departed_at = datetime.fromisoformat(departed)
    return {
        "trip_id": trip_id,
        "plate": plate,
        "driver_staff_no": "E001",
        "requesting_unit": "县政府办",
        "requested_at": departed_at.replace(hour=7, minute=0),
        "dispatched_at": departed_at.replace(hour=7, minute=extra.pop("response", 30)),
        "departed_at": departed_at if status == "已完成" else None,
        "returned_at": datetime.fromisoformat(returned) if status == "已完成" else None,
        "purpose": purpose,
        "status": status,
        **extra,
    }


TRIPS = [
    _trip("T01", "蒙H·A001", "2025-09-28 08:00", "2025-09-28 17:00"),
    _trip("T02", "蒙H·A001", "2025-10-02 08:00", "2025-10-02 12:00"),
    _trip(
        "T03",
        "蒙H·A001",
        "2025-10-09 08:00",
        "2025-10-10 18:00",
        odometer_start_km=100.0,
        odometer_end_km=200.0,
        beidou_km=112.0,
        fuel_cost_yuan=80.0,
        toll_yuan=20.0,
    ),
    _trip(
        "T04",
        "蒙H·A001",
        "2025-10-11 08:00",
        "2025-10-11 10:00",
        odometer_start_km=1000.0,
        odometer_end_km=1010.0,
        beidou_km=14.0,
    ),
    _trip("T05", "蒙H·A001", "2025-10-13 08:00", "2025-10-14 17:00", purpose="维修"),
    _trip(
        "T06",
        "蒙H·A001",
        "2025-10-13 09:00",
        "2025-10-13 11:00",
        odometer_start_km=500.0,
        odometer_end_km=520.0,
        beidou_km=26.0,
    ),
    _trip(
        "T07", "蒙H·A001", "2025-10-15 08:00", "2025-10-15 09:00", status="申请人取消"
    ),
    _trip(
        "T08",
        "蒙H·B002",
        "2025-10-09 08:00",
        "2025-10-09 12:00",
        odometer_start_km=0.0,
        odometer_end_km=100.0,
        beidou_km=108.0,
    ),
    _trip("T09", "蒙H·B002", "2025-10-10 08:00", "2025-10-10 12:00"),
    _trip("T10", None, "2025-10-14 08:00", "2025-10-14 09:00", status="已驳回"),
    _trip("T11", "蒙H·C003", "2024-12-23 08:00", "2024-12-23 12:00", response=10),
    _trip("T12", "蒙H·C003", "2024-12-31 08:00", "2024-12-31 12:00", response=30),
    # Requested after the cut-off: outside every figure.
    _trip("T13", "蒙H·A001", "2025-10-20 08:00", "2025-10-20 12:00"),
]

STAFF_ESTABLISHED = [
    {
        "staff_no": "E001",
        "id_card_hash": "H1",
        "name": "张三",
        "gender": "男",
        "birth_date": date(1970, 5, 1),
        "department": "车辆管理科",
        "post_name": "驾驶员",
        "work_start_date": date(1990, 7, 1),
        "status": "在岗",
    },
    {
        "staff_no": "E002",
        "id_card_hash": "H2",
        "name": "李四",
        "gender": "女",
        "birth_date": date(1995, 11, 1),
        "department": "服务大厅",
        "post_name": "窗口服务员",
        "work_start_date": date(2018, 7, 1),
        "status": "在岗",
    },
    {
        "staff_no": "E003",
        "id_card_hash": "H5",
        "name": "王五",
        "gender": "男",
        "birth_date": date(1964, 12, 1),
        "department": "综合科",
        "post_name": "科员",
        "work_start_date": date(1985, 7, 1),
        "status": "退休",
        "leave_date": date(2024, 12, 31),
    },
]

STAFF_CONTRACT = [
    {
        "staff_no": "C001",
        "id_card_hash": "H3",
        "name": "赵六",
        "gender": "男",
        "birth_date": date(1990, 1, 1),
        "department": "车辆管理科",
        "post_name": "驾驶员",
        "hire_date": date(2020, 3, 1),
        "status": "在岗",
    },
    # The same person as E001, also on the contract roster.
    {
        "staff_no": "C002",
        "id_card_hash": "H1",
        "name": "张三",
        "gender": "男",
        "birth_date": date(1970, 5, 1),
        "department": "车辆管理科",
        "post_name": "驾驶员",
        "hire_date": date(2018, 1, 1),
        "status": "在岗",
    },
    {
        "staff_no": "C003",
        "id_card_hash": "H4",
        "name": "孙七",
        "gender": "女",
        "birth_date": None,
        "department": "车辆管理科",
        "post_name": "调度员",
        "hire_date": date(2023, 1, 1),
        "status": "离职",
        "leave_date": date(2025, 6, 30),
    },
]

POSTS = [
    {
        "post_id": "P01",
        "post_name": "驾驶员",
        "department": "车辆管理科",
        "post_family": "驾驶",
        "headcount_quota": 3,
        "a_staff_no": "E001",
        "b_staff_no": "C001",
    },
    {
        "post_id": "P02",
        "post_name": "窗口服务员",
        "department": "服务大厅",
        "post_family": "窗口服务",
        "headcount_quota": 2,
        "a_staff_no": "E002",
        "b_staff_no": None,
    },
    {
        "post_id": "P03",
        "post_name": "调度员",
        "department": "车辆管理科",
        "post_family": "调度",
        "headcount_quota": 1,
        "a_staff_no": "C001",
        "b_staff_no": "C003",
    },
]

# 驾驶员 over the twelve months to 2025-10: established 6000 and 6200 (the 2024-10 pay
# falls outside), contract 4000: gap 2100 yuan, 2100 / 6100 of the established pay.
PAYROLL = [
    {"staff_no": "E001", "month": date(2024, 10, 1), "gross_pay_yuan": 9999.0},
    {"staff_no": "E001", "month": date(2025, 9, 1), "gross_pay_yuan": 6000.0},
    {"staff_no": "E001", "month": date(2025, 10, 1), "gross_pay_yuan": 6200.0},
    {"staff_no": "C001", "month": date(2025, 10, 1), "gross_pay_yuan": 4000.0},
    {"staff_no": "E002", "month": date(2025, 10, 1), "gross_pay_yuan": 5000.0},
]

MONTHLY_RECORDS = [
    {
        "staff_no": "E001",
        "month": date(2025, 9, 1),
        "morality_score": 90.0,
        "competence_score": 85.0,
        "diligence_score": 88.0,
        "achievement_score": 80.0,
        "integrity_score": 95.0,
    },
]

TRAINING = [
    {
        "staff_no": "E001",
        "program": "安全驾驶",
        "start_date": date(2025, 3, 1),
        "hours": 8.0,
    },
    {
        "staff_no": "C001",
        "program": "导师带徒",
        "start_date": date(2025, 4, 1),
        "hours": 20.0,
        "mentor_staff_no": "E001",
    },
    {
        "staff_no": "C001",
        "program": "技能比武",
        "start_date": date(2025, 5, 1),
        "hours": 4.0,
    },
]


def _review(review_id, reviewed, rating, rectified=None):
    return {
        "review_id": review_id,
        "reviewed_at": datetime.fromisoformat(reviewed),
        "handler_staff_no": "E002",
        "item_name": "公务用车申请",
        "rating": rating,
        "rectified_at": None
        if rectified is None
        else datetime.fromisoformat(rectified),
    }


SERVICE_REVIEWS = [
    _review("R1", "2025-03-01 10:00", "非常满意"),
    _review("R2", "2025-03-02 10:00", "满意"),
    _review("R3", "2025-04-01 10:00", "基本满意"),
    _review("R4", "2025-09-01 10:00", "不满意", rectified="2025-09-10 16:00"),
    _review("R5", "2025-08-01 10:00", "非常不满意"),
    _review("R6", "2025-10-10 10:00", "不满意"),
]

BUILDINGS = [
    # Task 2025: 20,000 + 22,300 m² certified in 2025 against 6.0205 万㎡ (70.26%).
    {
        "building_id": "B01",
        "floor_area_m2": 20000.0,
        "task_year": 2025,
        "stage": "已登记",
        "certificate_no": "蒙(2025)正蓝旗不动产权第0001号",
        "certificate_date": date(2025, 3, 1),
        "occupant_count": 10,
    },
    {
        "building_id": "B02",
        "floor_area_m2": 22300.0,
        "task_year": 2025,
        "stage": "已登记",
        "certificate_no": "蒙(2025)正蓝旗不动产权第0002号",
        "certificate_date": date(2025, 6, 30),
    },
    # Certified in 2024 although in the 2025 task: issued in 2024, not 2025 progress.
    {
        "building_id": "B03",
        "floor_area_m2": 5000.0,
        "task_year": 2025,
        "stage": "已登记",
        "certificate_no": "蒙(2024)正蓝旗不动产权第0009号",
        "certificate_date": date(2024, 12, 20),
    },
    {
        "building_id": "B04",
        "floor_area_m2": 30000.0,
        "task_year": 2025,
        "stage": "核减",
        "deduction_reason": "权属属于企业",
        "deduction_approval_no": "正机管发〔2025〕3号",
    },
    {
        "building_id": "B05",
        "floor_area_m2": 34600.0,
        "task_year": 2025,
        "stage": "核减",
        "deduction_reason": "土地四至不清",
        "deduction_approval_no": "正机管发〔2025〕4号",
    },
    {
        "building_id": "B06",
        "floor_area_m2": 8000.0,
        "task_year": 2025,
        "stage": "协调",
        "stage_since_date": date(2025, 9, 15),
    },
    {"building_id": "B08", "floor_area_m2": 3000.0, "task_year": 2024, "stage": "处置"},
]

TARGETS = [
    {
        "year": 2025,
        "metric": "registration_area_m2",
        "target_value": 6.0205,
        "unit": "万㎡",
    },
    {"year": 2025, "metric": "权属登记数量", "target_value": 3.0, "unit": "栋"},
    {"year": 2024, "metric": "registration_count", "target_value": 2.0, "unit": "栋"},
]

PROPERTY_ISSUES = [
    {
        "issue_id": "Q1",
        "building_id": "B06",
        "category": "权属争议",
        "found_date": date(2025, 9, 1),
        "lead_department": "自然资源局",
        "resolved_date": date(2025, 9, 11),
    },
    {
        "issue_id": "Q2",
        "building_id": "B06",
        "category": "权属争议",
        "found_date": date(2025, 10, 5),
        "lead_department": "自然资源局",
    },
    # Resolved after the cut-off: still open at the cut-off.
    {
        "issue_id": "Q3",
        "building_id": "B06",
        "category": "四至不清",
        "found_date": date(2025, 8, 1),
        "lead_department": "住建局",
        "resolved_date": date(2025, 11, 1),
    },
]

# Standard coal by hand from the GB/T 2589-2020 reference values.
ENERGY_CASES = [
    ("电", 1000.0, "kWh", 122.9),
    ("天然气", 100.0, "立方米", 121.43),
    ("热力", 2.0, "GJ", 68.24),
    ("汽油", 100.0, "L", 100 * 0.73 * 1.4714),
    ("柴油", 2.0, "吨", 2000 * 1.4571),
    ("原煤", 1.0, "t", 714.3),
    ("水", 50.0, "吨", None),
]
ENERGY_READINGS = [
    {
        "building_id": "B01",
        "month": date(2025, 1, 1),
        "energy_type": energy_type,
        "quantity": quantity,
        "unit": unit,
    }
    for energy_type, quantity, unit, _ in ENERGY_CASES
] + [
    {
        "building_id": "B01",
        "month": date(2022, 1, 1),
        "energy_type": "电",
        "quantity": 2000.0,
        "unit": "度",
    },
    {
        "building_id": "B01",
        "month": date(2025, 2, 1),
        "energy_type": "电",
        "quantity": 5.0,
        "unit": "兆瓦",
    },
]

SOURCE_ROWS = {
    "staff_established": STAFF_ESTABLISHED,
    "staff_contract": STAFF_CONTRACT,
    "posts": POSTS,
    "payroll": PAYROLL,
    "monthly_records": MONTHLY_RECORDS,
    "training": TRAINING,
    "service_reviews": SERVICE_REVIEWS,
    "vehicles": [{**vehicle, "status": "在用"} for vehicle in VEHICLES],
    "trips": TRIPS,
    "gps_points": [],
    "energy_readings": ENERGY_READINGS,
    "buildings": [
        {"building_name": f"{row['building_id']}号楼", **row} for row in BUILDINGS
    ],
    "property_issues": PROPERTY_ISSUES,
    "targets": TARGETS,
}


def source_columns(source: contracts.Source) -> list[tuple[str, str]]:
    """Return the columns and SQL types the build gives the table of `source`."""
    columns = []
    for column in source.columns:
        if column.kind == contracts.ID_CARD:
            columns += [("id_card_hash", "varchar"), ("id_card_masked", "varchar")]
        elif column.name == "center_id":
            columns.append(("center_id", "varchar not null"))
        else:
            columns.append((column.name, contracts.KIND_SQL_TYPES[column.kind]))
    return [*columns, ("source_file", "varchar"), ("source_line", "bigint")]


def create_source_tables(con: duckdb.DuckDBPyConnection, rows_by_source: dict) -> None:
    """Create every source table as the build does and insert the given rows."""
    for source in contracts.SOURCES:
        columns = source_columns(source)
        definition = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
        con.sql(f'create table "{source.name}" ({definition})')
        names = [name for name, _ in columns]
        placeholders = ", ".join("?" for _ in names)
        for line, row in enumerate(rows_by_source.get(source.name, []), start=2):
            full_row = {
                "center_id": CENTER,
                "source_file": f"{source.name}.csv",
                "source_line": line,
                **row,
            }
            if "id_card_hash" in names:
                full_row.setdefault("id_card_masked", "1504********1234")
            con.execute(
                f'insert into "{source.name}" values ({placeholders})',
                [full_row.get(name) for name in names],
            )


def build_fixture_database(path: Path, settings: Settings) -> list[str]:
    """Write the tiny database at `path`, derive its tables and return their names."""
    con = duckdb.connect(str(path))
    try:
        create_source_tables(con, SOURCE_ROWS)
        con.sql(
            "create table build_info as select $center_id as center_id, "
            "$as_of_date as as_of_date, current_timestamp as built_at",
            params={"center_id": CENTER, "as_of_date": AS_OF_DATE},
        )
        return derive_tables(con, settings)
    finally:
        con.close()


@pytest.fixture(scope="session")
def fixture_settings() -> Settings:
    return replace(Settings(), config_dir=PROJECT_ROOT / "config")


@pytest.fixture(scope="session")
def fixture_database(tmp_path_factory, fixture_settings) -> Path:
    path = tmp_path_factory.mktemp("derive") / "center.duckdb"
    build_fixture_database(path, fixture_settings)
    return path


@pytest.fixture(scope="module")
def con(fixture_database):
    connection = duckdb.connect(str(fixture_database), read_only=True)
    yield connection
    connection.close()


def one_row(con, sql: str, **params) -> dict:
    """Return the single row of `sql` as a dict of column to value."""
    frame = con.sql(sql, params=params or None).pl()
    assert frame.height == 1, frame
    return frame.row(0, named=True)


def test_every_sql_file_is_run_by_derive_tables():
    assert sorted(path.stem for path in SQL_DIR.glob("*.sql")) == sorted(SQL_TABLES)


def test_derive_tables_returns_every_table_it_created(fixture_database, con):
    existing = {
        row[0] for row in con.sql("select table_name from duckdb_tables()").fetchall()
    }
    assert set(SQL_TABLES) <= existing
    assert {"age_bands", "energy_factors", "registration_stages"} <= existing


def test_every_derived_table_carries_the_center(con):
    for table in SQL_TABLES:
        columns = {row[0] for row in con.sql(f"describe {table}").fetchall()}
        assert "center_id" in columns, table


def test_calendar_marks_holidays_and_make_up_workdays(con):
    rows = dict(
        con.sql(
            "select calendar_date, is_workday from calendar_days "
            "where calendar_date in ('2025-09-28', '2025-10-01', '2025-10-11', '2025-10-12')"
        ).fetchall()
    )
    assert rows == {
        date(2025, 9, 28): True,
        date(2025, 10, 1): False,
        date(2025, 10, 11): True,
        date(2025, 10, 12): False,
    }


@pytest.mark.parametrize(
    ("plate", "year", "available_days", "used_days", "repair_days"),
    [
        ("蒙H·A001", 2025, 7, 4, 2),
        ("蒙H·B002", 2025, 2, 1, 0),
        ("蒙H·C003", 2024, 7, 2, 0),
    ],
)
def test_vehicle_utilisation_respects_holidays_repairs_and_disposal(
    con, plate, year, available_days, used_days, repair_days
):
    row = one_row(
        con,
        "select * from vehicle_utilisation_by_year where plate = $plate and year = $year",
        plate=plate,
        year=year,
    )
    assert (row["available_days"], row["used_days"], row["repair_days"]) == (
        available_days,
        used_days,
        repair_days,
    )
    assert row["utilisation_ratio"] == pytest.approx(used_days / available_days)


def test_disposed_vehicle_has_no_days_from_its_disposal_date(con):
    last_day = con.sql(
        "select max(calendar_date) from vehicle_days where plate = '蒙H·B002'"
    ).fetchall()[0][0]
    assert last_day == date(2025, 10, 9)


def test_vehicle_utilisation_by_month_splits_the_year(con):
    rows = con.sql(
        "select month_date, available_days, used_days from vehicle_utilisation_by_month "
        "where plate = '蒙H·A001' order by month_date"
    ).fetchall()
    assert rows == [(date(2025, 9, 1), 3, 1), (date(2025, 10, 1), 4, 3)]


def test_fleet_utilisation_change_is_given_relative_and_in_points(con):
    row = one_row(con, "select * from fleet_utilisation_by_year where year = 2025")
    assert (row["available_days"], row["used_days"]) == (9, 5)
    assert row["utilisation_ratio"] == pytest.approx(5 / 9)
    assert row["previous_ratio"] == pytest.approx(2 / 7)
    assert row["yoy_change_ratio"] == pytest.approx((5 / 9) / (2 / 7) - 1)
    assert row["yoy_change_points"] == pytest.approx((5 / 9 - 2 / 7) * 100)


def test_fulfilment_excludes_trips_cancelled_by_the_requester(con):
    row = one_row(con, "select * from trip_service_by_year where year = 2025")
    assert row["requested_count"] == 10
    assert row["cancelled_by_requester_count"] == 1
    assert row["completed_count"] == 8
    assert row["rejected_count"] == 1
    assert row["fulfilment_ratio"] == pytest.approx(8 / 9)


def test_trips_after_the_cut_off_are_left_out(con):
    assert con.sql(
        "select count(*) from trip_facts where trip_id = 'T13'"
    ).fetchall() == [(0,)]


def test_response_time_median_and_p90(con):
    row = one_row(con, "select * from trip_service_by_year where year = 2024")
    assert row["response_median_minutes"] == pytest.approx(20)
    assert row["response_p90_minutes"] == pytest.approx(28)
    assert row["fulfilment_ratio"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("trip_id", "gap_km", "is_mismatch"),
    [
        ("T03", 12.0, True),  # over 5 km and over 10% of 100 km
        ("T04", 4.0, False),  # under 5 km
        ("T06", 6.0, True),  # over 5 km and over 10% of 20 km
        ("T08", 8.0, False),  # over 5 km but under 10% of 100 km
    ],
)
def test_mileage_mismatch_needs_both_limits_exceeded(con, trip_id, gap_km, is_mismatch):
    row = one_row(
        con, "select * from trip_facts where trip_id = $trip_id", trip_id=trip_id
    )
    assert row["mileage_gap_km"] == pytest.approx(gap_km)
    assert row["is_mileage_mismatch"] is is_mismatch


def test_trip_facts_flag_repairs_costs_and_unknown_plates(con):
    rows = {
        row[0]: row[1:]
        for row in con.sql(
            "select trip_id, is_repair, cost_yuan, is_plate_known, is_driver_known "
            "from trip_facts where trip_id in ('T03', 'T05', 'T10')"
        ).fetchall()
    }
    assert rows["T03"] == (False, 100.0, True, True)
    assert rows["T05"] == (True, None, True, True)
    assert rows["T10"] == (False, None, False, True)


@pytest.mark.parametrize(("energy_type", "quantity", "unit", "kgce"), ENERGY_CASES)
def test_energy_readings_convert_to_standard_coal(
    con, energy_type, quantity, unit, kgce
):
    row = one_row(
        con,
        "select * from energy_facts where month_date = '2025-01-01' "
        "and energy_type = $energy_type",
        energy_type=energy_type,
    )
    assert row["is_unit_known"]
    if kgce is None:
        assert row["kgce"] is None
        assert not row["is_energy"]
    else:
        assert row["kgce"] == pytest.approx(kgce)


def test_energy_reading_with_an_unknown_unit_has_no_kgce(con):
    row = one_row(con, "select * from energy_facts where month_date = '2025-02-01'")
    assert not row["is_unit_known"]
    assert row["kgce"] is None


def test_energy_by_building_month_compares_with_the_baseline_month(con):
    total = sum(kgce for *_, kgce in ENERGY_CASES if kgce is not None)
    row = one_row(
        con, "select * from energy_by_building_month where month_date = '2025-01-01'"
    )
    assert row["kgce"] == pytest.approx(total)
    assert row["water_m3"] == pytest.approx(50)
    assert row["kgce_per_m2"] == pytest.approx(total / 20000)
    assert row["kgce_per_person"] == pytest.approx(total / 10)
    assert row["baseline_kgce"] == pytest.approx(245.8)
    assert row["change_ratio"] == pytest.approx(total / 245.8 - 1)


def test_energy_by_year_compares_like_for_like_months(con):
    total = sum(kgce for *_, kgce in ENERGY_CASES if kgce is not None)
    row = one_row(con, "select * from energy_by_year where year = 2025")
    assert row["kgce"] == pytest.approx(total)
    assert row["change_ratio"] == pytest.approx(total / 245.8 - 1)


def test_registration_progress_converts_a_target_in_ten_thousand_m2(con):
    row = one_row(con, "select * from registration_progress where year = 2025")
    assert row["target_area_m2"] == pytest.approx(60205)
    assert row["registered_area_m2"] == pytest.approx(42300)
    assert row["registered_count"] == 2
    assert row["progress_ratio"] == pytest.approx(0.7026, abs=5e-5)
    assert row["target_count"] == 3
    assert row["count_progress_ratio"] == pytest.approx(2 / 3)
    assert (row["deducted_count"], row["deducted_area_m2"]) == (2, pytest.approx(64600))
    assert row["certificates_issued_count"] == 2
    assert row["surveyed_count"] == 6


def test_registration_pace_is_measured_against_the_elapsed_year(con):
    row = one_row(con, "select * from registration_progress where year = 2025")
    elapsed = 288 / 365  # 2025-10-15 is day 288
    assert row["elapsed_share"] == pytest.approx(elapsed)
    assert row["pace_gap_points"] == pytest.approx((42300 / 60205 - elapsed) * 100)
    assert row["projected_ratio"] == pytest.approx(42300 / 60205 / elapsed)


def test_past_task_year_counts_certificates_of_its_own_year(con):
    row = one_row(con, "select * from registration_progress where year = 2024")
    assert row["elapsed_share"] == 1.0
    assert row["target_count"] == 2
    assert row["registered_count"] == 0
    assert row["certificates_issued_count"] == 1


@pytest.mark.parametrize(
    ("stage", "building_count", "area_m2"),
    [
        ("排查", 6, 119900.0),
        ("诊断", 4, 55300.0),
        ("协调", 4, 55300.0),
        ("处置", 3, 47300.0),
        ("已登记", 3, 47300.0),
        ("核减", 2, 64600.0),
    ],
)
def test_registration_funnel_counts_buildings_that_reached_each_stage(
    con, stage, building_count, area_m2
):
    row = one_row(
        con,
        "select * from registration_funnel where year = 2025 and stage = $stage",
        stage=stage,
    )
    assert (row["building_count"], row["area_m2"]) == (building_count, area_m2)


def test_building_register_counts_days_in_stage_and_open_problems(con):
    row = one_row(con, "select * from building_register where building_id = 'B06'")
    assert row["days_in_stage"] == 30
    assert (row["problem_count"], row["open_problem_count"]) == (3, 2)
    assert row["stage_order"] == 3


def test_problem_resolved_after_the_cut_off_is_open_at_the_cut_off(con):
    row = one_row(con, "select * from property_problem_facts where issue_id = 'Q3'")
    assert row["is_open"]
    assert row["days_open"] == 75
    assert row["resolved_date"] is None


def test_closed_loop_ratio_by_category(con):
    row = one_row(
        con, "select * from property_problems_by_category where category = '权属争议'"
    )
    assert (row["found_count"], row["resolved_count"]) == (2, 1)
    assert row["closed_loop_ratio"] == pytest.approx(0.5)
    assert row["median_days_open"] == pytest.approx(10)


def test_satisfaction_and_rectification_in_time(con):
    row = one_row(con, "select * from satisfaction_by_year where year = 2025")
    assert (row["review_count"], row["satisfied_count"], row["bad_count"]) == (6, 2, 3)
    assert row["satisfaction_ratio"] == pytest.approx(2 / 6)
    assert row["rectified_in_time_count"] == 1
    assert row["rectification_overdue_count"] == 1
    assert row["rectified_in_time_ratio"] == pytest.approx(1 / 2)


@pytest.mark.parametrize(
    ("review_id", "is_rectified_in_time"),
    [("R1", None), ("R4", True), ("R5", False), ("R6", None)],
)
def test_bad_review_is_judged_only_once_its_deadline_passed(
    con, review_id, is_rectified_in_time
):
    row = one_row(
        con, "select * from service_review_facts where review_id = $id", id=review_id
    )
    assert row["is_rectified_in_time"] is is_rectified_in_time


def test_person_in_both_rosters_appears_once(con):
    rows = con.sql("select * from people where person_id = 'H1'").pl()
    assert rows.height == 1
    person = rows.row(0, named=True)
    assert person["is_in_both_tracks"]
    assert (person["track"], person["staff_no"]) == ("established", "E001")
    assert (person["other_track"], person["other_staff_no"]) == ("contract", "C002")
    assert person["post_family"] == "驾驶"
    assert con.sql("select count(*) from people").fetchall() == [(5,)]


def test_every_staff_number_resolves_to_its_person(con):
    rows = dict(con.sql("select staff_no, person_id from staff_numbers").fetchall())
    assert rows == {
        "E001": "H1",
        "E002": "H2",
        "E003": "H5",
        "C001": "H3",
        "C002": "H1",
        "C003": "H4",
    }


@pytest.mark.parametrize(
    ("person_id", "age_years", "age_band"),
    [
        ("H1", 55, "50+"),
        ("H2", 29, "<30"),
        ("H3", 35, "30-39"),
        ("H4", None, "unknown"),
    ],
)
def test_age_is_counted_in_whole_years_at_the_cut_off(
    con, person_id, age_years, age_band
):
    row = one_row(con, "select * from people where person_id = $id", id=person_id)
    assert (row["age_years"], row["age_band"]) == (age_years, age_band)


def test_workforce_counts_people_on_duty_by_track(con):
    rows = dict(
        con.sql(
            "select track, sum(headcount) from workforce_by_track group by track"
        ).fetchall()
    )
    assert rows == {"established": 2, "contract": 1}


def test_turnover_divides_leavers_by_average_headcount(con):
    row = one_row(
        con, "select * from turnover_by_year where year = 2025 and track = 'contract'"
    )
    assert (row["start_headcount"], row["end_headcount"], row["leaver_count"]) == (
        3,
        2,
        1,
    )
    assert row["turnover_ratio"] == pytest.approx(1 / 2.5)


def test_pay_gap_compares_the_same_post_over_the_last_twelve_months(con):
    row = one_row(con, "select * from pay_gap_by_post where post_name = '驾驶员'")
    assert row["window_start_month_date"] == date(2024, 11, 1)
    assert row["established_average_pay_yuan"] == pytest.approx(6100)
    assert row["contract_average_pay_yuan"] == pytest.approx(4000)
    assert row["pay_gap_yuan"] == pytest.approx(2100)
    assert row["pay_gap_ratio"] == pytest.approx(2100 / 6100)


@pytest.mark.parametrize(
    ("post_id", "has_b_post", "is_b_covered"),
    [("P01", True, True), ("P02", False, False), ("P03", True, False)],
)
def test_b_post_is_covered_only_by_someone_on_duty(
    con, post_id, has_b_post, is_b_covered
):
    row = one_row(
        con, "select * from post_backup_coverage where post_id = $id", id=post_id
    )
    assert (row["has_b_post"], row["is_b_covered"]) == (has_b_post, is_b_covered)


def test_training_summary_counts_hours_per_person_and_mentor_pairs(con):
    row = one_row(
        con, "select * from training_summary where year = 2025 and track = 'contract'"
    )
    assert (row["trainee_count"], row["program_count"], row["training_hours"]) == (
        1,
        2,
        24,
    )
    assert row["hours_per_person"] == pytest.approx(24 / 2)
    assert row["mentor_pair_count"] == 1


@pytest.mark.parametrize(
    ("limits", "labels"),
    [
        ((30, 40, 50), ["<30", "30-39", "40-49", "50+", "unknown"]),
        ((35,), ["<35", "35+", "unknown"]),
    ],
)
def test_age_bands_are_labelled_from_their_limits(limits, labels):
    assert age_band_frame(limits)["band_label"].to_list() == labels


def test_water_is_kept_without_a_standard_coal_factor():
    types, _ = load_energy_factors(PROJECT_ROOT / "config")
    water = types.filter(types["energy_type"] == "水").row(0, named=True)
    assert water["kgce_per_base_unit"] is None
    assert not water["is_energy"]


def write_holidays(config_dir: Path, text: str) -> Path:
    """Write a holidays file into `config_dir` and return the folder."""
    (config_dir / "holidays.toml").write_text(text, encoding="utf-8")
    return config_dir


@pytest.mark.parametrize(
    ("day", "is_workday"),
    [
        (date(2025, 10, 1), False),  # National Day
        (date(2025, 10, 11), True),  # Saturday made a workday
        (date(2025, 10, 12), False),  # Sunday
        (date(2025, 10, 13), True),  # Monday
    ],
)
def test_years_the_package_covers_come_from_the_package(day, is_workday):
    [calendar_day] = working_days(day, day, {})
    assert calendar_day == (day, is_workday, "package")


@pytest.mark.parametrize(
    ("day", "is_workday"),
    [
        (date(2030, 1, 2), False),  # Wednesday listed as a holiday
        (date(2030, 1, 3), True),  # Thursday not listed
        (date(2030, 1, 5), True),  # Saturday listed as a workday
        (date(2030, 1, 6), False),  # Sunday not listed
    ],
)
def test_years_beyond_the_package_come_from_the_holidays_file(
    tmp_path, day, is_workday
):
    config_dir = write_holidays(
        tmp_path, "[2030]\nholidays = [2030-01-02]\nworkdays = [2030-01-05]\n"
    )
    [calendar_day] = working_days(day, day, load_holidays(config_dir))
    assert calendar_day == (day, is_workday, "config")


def test_years_in_neither_fall_back_to_weekdays_with_a_warning(tmp_path, caplog):
    days = working_days(date(2031, 1, 1), date(2031, 1, 7), load_holidays(tmp_path))
    assert {day.calendar_source for day in days} == {"weekday"}
    assert [day.is_workday for day in days] == [
        True,
        True,
        True,
        False,
        False,
        True,
        True,
    ]
    assert "2031" in caplog.text


def test_uncovered_years_are_those_falling_back_to_weekdays(tmp_path):
    config_dir = write_holidays(tmp_path, "[2028]\nholidays = [2028-01-03]\n")
    assert uncovered_years(2025, 2029, config_dir) == [2027, 2029]


def test_shipped_holidays_file_marks_its_guessed_year_provisional():
    config_dir = PROJECT_ROOT / "config"
    assert provisional_years(2025, 2027, config_dir) == [2027]
    assert uncovered_years(2025, 2027, config_dir) == []
    assert date(2027, 10, 1) in load_holidays(config_dir)[2027].holidays


@pytest.mark.parametrize(
    "text",
    [
        "[2030]\nholidays = [2031-01-01]\n",
        "[2030]\nholidays = [2030-01-02]\nworkdays = [2030-01-02]\n",
        "[2030]\nholidays = ['not a date']\n",
        "[next]\nholidays = []\n",
    ],
)
def test_holidays_file_that_cannot_be_right_is_refused(tmp_path, text):
    with pytest.raises(SettingsError):
        load_holidays(write_holidays(tmp_path, text))


def test_calendar_frame_has_one_row_per_day_with_its_parts():
    frame = calendar_frame(
        date(2024, 12, 30), date(2025, 1, 2), PROJECT_ROOT / "config"
    )
    assert frame.columns == [
        "calendar_date",
        "year",
        "month",
        "quarter",
        "is_workday",
        "calendar_source",
    ]
    assert frame["year"].to_list() == [2024, 2024, 2025, 2025]
    assert frame["quarter"].to_list() == [4, 4, 1, 1]
    assert frame["is_workday"].to_list() == [True, True, False, True]


def test_derive_tables_works_on_empty_sources(fixture_settings):
    con = duckdb.connect()
    create_source_tables(con, {})
    con.sql(
        "create table build_info as select 'zlq' as center_id, "
        "date '2025-12-31' as as_of_date, current_timestamp as built_at"
    )
    created = derive_tables(con, fixture_settings)
    assert set(SQL_TABLES) <= set(created)
    assert con.sql("select count(*) from people").fetchall() == [(0,)]
    con.close()


def test_derive_tables_refuses_a_build_without_a_cut_off(fixture_settings):
    con = duckdb.connect()
    create_source_tables(con, {})
    con.sql(
        "create table build_info (center_id varchar, as_of_date date, built_at timestamp)"
    )
    with pytest.raises(ValueError, match="build_info"):
        derive_tables(con, fixture_settings)
    con.close()
