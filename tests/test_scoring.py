"""Quarterly KPI scores of a small center worked out by hand, and properties of ranking."""

from __future__ import annotations

import math
import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onescreen.alerts import assess_performance
from onescreen.db import make_current
from onescreen.derive import derive_tables
from onescreen.ingest import MANIFEST_SCHEMA
from onescreen.rules import load_rules
from onescreen.scoring import score_quarters
from onescreen.settings import PROJECT_ROOT, Settings
from tests.test_derive import create_source_tables

AS_OF = date(2025, 9, 30)
BUILT_AT = datetime(2025, 10, 8, 9, 0)

# Four drivers (驾驶员) and three managers (综合协调), plus M4 who starts in September.
PEOPLE = {
    "D1": ("驾驶员", "车辆管理科"),
    "D2": ("驾驶员", "车辆管理科"),
    "D3": ("驾驶员", "车辆管理科"),
    "D4": ("驾驶员", "车辆管理科"),
    "M1": ("综合协调", "综合科"),
    "M2": ("综合协调", "综合科"),
    "M3": ("综合协调", "综合科"),
    "M4": ("综合协调", "综合科"),
}
NAMES = {
    "D1": "赵一",
    "D2": "钱二",
    "D3": "孙三",
    "D4": "李四",
    "M1": "周五",
    "M2": "吴六",
    "M3": "郑七",
    "M4": "王八",
}

# The record's score for all five dimensions, per person and quarter of 2025.
RECORDS = {
    1: {"D1": 90, "D2": 85, "D3": 80, "D4": 70, "M1": 95, "M2": 88, "M3": 75},
    2: {"D1": 88, "D2": 80, "D3": 80, "D4": 72, "M1": 93, "M2": 90, "M3": 74},
    # D4 has no record in Q3; M4 has one month, September.
    3: {"D1": 92, "D2": 84, "D3": 78, "M1": 90, "M2": 91, "M3": 80},
}
M4_SEPTEMBER = 99
# Completed trips in 2025 Q1; none after.
TRIPS_Q1 = {"D1": 3, "D2": 1, "D3": 2, "D4": 1}

# Worked by hand with the weights of config/kpi.toml (德 20, 能 20, 勤 20, 绩 30,
# 廉 10; drivers' 绩 = 50 % record + 50 % measured; managers' 绩 = record):
#   total = 0.7 × record + 0.3 × 绩.
# Drivers' measured data: completed trips scaled min-max to 60–100 within the
# quarter, and the mileage-mismatch share (0 for all in Q1 → 80; no trips → none),
# averaged. Q1: trips 3, 1, 2, 1 → 100, 60, 80, 60; measured 90, 70, 80, 70;
# 绩 90, 77.5, 80, 70; totals 90, 82.75, 80, 70. Q2 and Q3: no trips, everyone 0
# → 80; 绩 = record / 2 + 40; total = 0.85 × record + 12.
EXPECTED_TOTALS = {
    1: {"D1": 90, "D2": 82.75, "D3": 80, "D4": 70, "M1": 95, "M2": 88, "M3": 75},
    2: {"D1": 86.8, "D2": 80, "D3": 80, "D4": 73.2, "M1": 93, "M2": 90, "M3": 74},
    3: {"D1": 90.2, "D2": 83.4, "D3": 78.3, "M1": 90, "M2": 91, "M3": 80},
}
# Competition ranks: in Q2 D2 and D3 tie at 80 and share 4th; the next is 6th.
EXPECTED_CENTER_RANKS = {
    1: {"M1": 1, "D1": 2, "M2": 3, "D2": 4, "D3": 5, "M3": 6, "D4": 7},
    2: {"M1": 1, "M2": 2, "D1": 3, "D2": 4, "D3": 4, "M3": 6, "D4": 7},
    3: {"M2": 1, "D1": 2, "M1": 3, "D2": 4, "M3": 5, "D3": 6},
}
EXPECTED_FAMILY_RANKS = {
    1: {"D1": 1, "D2": 2, "D3": 3, "D4": 4, "M1": 1, "M2": 2, "M3": 3},
    2: {"D1": 1, "D2": 2, "D3": 2, "D4": 4, "M1": 1, "M2": 2, "M3": 3},
    3: {"D1": 1, "D2": 2, "D3": 3, "M2": 1, "M1": 2, "M3": 3},
}
EXPECTED_RANK_CHANGES = {
    1: dict.fromkeys(EXPECTED_TOTALS[1]),
    2: {"M1": 0, "M2": 1, "D1": -1, "D2": 0, "D3": 1, "M3": 0, "D4": 0},
    3: {"M2": 1, "D1": 1, "M1": -2, "D2": 0, "M3": 1, "D3": -2},
}
# 好: the best floor(20 % × 7) = 1 (Q3: floor(1.2) = 1) with at least 88;
# 较好 from 82, 一般 from 75, 较差 below.
EXPECTED_GRADES = {
    1: {
        "M1": "excellent",
        "D1": "good",
        "M2": "good",
        "D2": "good",
        "D3": "fair",
        "M3": "fair",
        "D4": "poor",
    },
    2: {
        "M1": "excellent",
        "M2": "good",
        "D1": "good",
        "D2": "fair",
        "D3": "fair",
        "M3": "poor",
        "D4": "poor",
    },
    3: {
        "M2": "excellent",
        "D1": "good",
        "M1": "good",
        "D2": "good",
        "M3": "fair",
        "D3": "fair",
    },
}
# Last in the post family (3 or more people): D4 and M3 in Q1; both again in Q2
# (twice running); M3 a third time and D3 for the first time in Q3.
EXPECTED_LAST = {1: {"D4", "M3"}, 2: {"D4", "M3"}, 3: {"M3", "D3"}}
EXPECTED_LAST_TWICE = {1: set(), 2: {"D4", "M3"}, 3: {"M3"}}
EXPECTED_NOT_SCORED = {
    ("D4", 3): "no_monthly_record",
    ("M4", 3): "too_few_months_on_duty",
}


def month_rows(staff_no: str, month: date, score: float) -> dict:
    """Return one monthly record with the same score in all five dimensions."""
    return {
        "staff_no": staff_no,
        "month": month,
        "morality_score": float(score),
        "competence_score": float(score),
        "diligence_score": float(score),
        "achievement_score": float(score),
        "integrity_score": float(score),
    }


def small_center_rows() -> dict:
    """Return the source rows of the hand-worked center."""
    staff = [
        {
            "staff_no": staff_no,
            "id_card_hash": f"H{staff_no}",
            "name": NAMES[staff_no],
            "gender": "男",
            "birth_date": date(1985, 1, 1),
            "department": department,
            "post_name": post_name,
            "work_start_date": date(2025, 9, 1)
            if staff_no == "M4"
            else date(2010, 1, 1),
            "status": "在岗",
        }
        for staff_no, (post_name, department) in PEOPLE.items()
    ]
    records = [
        month_rows(staff_no, date(2025, 3 * (quarter - 1) + offset, 1), score)
        for quarter, scores in RECORDS.items()
        for staff_no, score in scores.items()
        for offset in (1, 2, 3)
    ]
    records.append(month_rows("M4", date(2025, 9, 1), M4_SEPTEMBER))
    trips = [
        {
            "trip_id": f"T{staff_no}{number}",
            "plate": "蒙H00001",
            "driver_staff_no": staff_no,
            "requested_at": datetime(2025, 2, 3 + number, 8, 0),
            "dispatched_at": datetime(2025, 2, 3 + number, 8, 10),
            "departed_at": datetime(2025, 2, 3 + number, 8, 20),
            "returned_at": datetime(2025, 2, 3 + number, 11, 0),
            "status": "已完成",
        }
        for staff_no, count in TRIPS_Q1.items()
        for number in range(count)
    ]
    posts = [
        {
            "post_id": "P01",
            "post_name": "驾驶员",
            "department": "车辆管理科",
            "post_family": "驾驶",
            "headcount_quota": 4,
            "a_staff_no": "D1",
            "b_staff_no": "D2",
        },
        {
            "post_id": "P02",
            "post_name": "综合协调",
            "department": "综合科",
            "post_family": "综合管理",
            "headcount_quota": 4,
            "a_staff_no": "M1",
            "b_staff_no": None,
        },
    ]
    return {
        "staff_established": staff,
        "posts": posts,
        "monthly_records": records,
        "trips": trips,
    }


def write_small_center(con: duckdb.DuckDBPyConnection) -> None:
    """Write the hand-worked center's sources, build info and an empty manifest."""
    create_source_tables(con, small_center_rows())
    con.sql(
        "create table build_info as select 'zlq' as center_id, "
        "$as_of as as_of_date, $built_at as built_at",
        params={"as_of": AS_OF, "built_at": BUILT_AT},
    )
    con.register("empty_manifest", pl.DataFrame(schema=MANIFEST_SCHEMA))
    con.sql("create table load_manifest as from empty_manifest")
    con.unregister("empty_manifest")


def build_small_center(
    path: Path, settings: Settings, built_at: datetime = BUILT_AT
) -> list[str]:
    """Build the hand-worked center into `path` as the build does; return the tables."""
    con = duckdb.connect(str(path))
    try:
        write_small_center(con)
        con.sql("update build_info set built_at = $at", params={"at": built_at})
        tables = derive_tables(con, settings)
        return tables + assess_performance(con, settings)
    finally:
        con.close()


def publish_small_center(root: Path, name: str, built_at: datetime = BUILT_AT) -> Path:
    """Build the center under root/builds and make it current; return the database."""
    database = root / "center.duckdb"
    builds = root / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    build_file = builds / f"center-{name}.duckdb"
    settings = replace(
        Settings(config_dir=PROJECT_ROOT / "config").with_paths(root),
        database_path=database,
    )
    build_small_center(build_file, settings, built_at)
    make_current(database, build_file)
    return database


@pytest.fixture(scope="module")
def center(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("kpi")
    database = publish_small_center(root, "first")
    connection = duckdb.connect(str(database.resolve()), read_only=True)
    yield connection
    connection.close()


def by_staff(con, sql: str, **params) -> dict:
    """Return {staff_no: value} from a two-column query."""
    return dict(con.sql(sql, params=params).fetchall())


def staff_sql(column: str) -> str:
    return (
        f"select staff_no, {column} from kpi_scores "
        "where year = 2025 and quarter = $quarter"
    )


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_totals_match_the_hand_worked_values(center, quarter):
    totals = by_staff(center, staff_sql("total_score"), quarter=quarter)
    assert totals == pytest.approx(EXPECTED_TOTALS[quarter])


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_center_ranks_are_competition_ranks_on_the_rounded_total(center, quarter):
    ranks = by_staff(center, staff_sql("center_rank"), quarter=quarter)
    assert ranks == EXPECTED_CENTER_RANKS[quarter]


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_family_ranks_match_the_hand_worked_values(center, quarter):
    ranks = by_staff(center, staff_sql("family_rank"), quarter=quarter)
    assert ranks == EXPECTED_FAMILY_RANKS[quarter]


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_rank_changes_compare_with_the_quarter_before(center, quarter):
    changes = by_staff(center, staff_sql("center_rank_change"), quarter=quarter)
    assert changes == EXPECTED_RANK_CHANGES[quarter]


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_grades_match_the_hand_worked_values(center, quarter):
    grades = by_staff(center, staff_sql("grade_code"), quarter=quarter)
    assert grades == EXPECTED_GRADES[quarter]


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_last_places_and_last_twice_running(center, quarter):
    flags = center.sql(
        "select staff_no, is_last, is_last_twice from kpi_scores "
        "where year = 2025 and quarter = $quarter",
        params={"quarter": quarter},
    ).fetchall()
    assert {staff for staff, is_last, _ in flags if is_last} == EXPECTED_LAST[quarter]
    assert {staff for staff, _, twice in flags if twice} == EXPECTED_LAST_TWICE[quarter]


def test_drivers_achievement_blends_the_record_with_the_measured_data(center):
    row = center.sql(
        "select record_achievement_score, measured_score, achievement_score "
        "from kpi_scores where staff_no = 'D1' and quarter = 1"
    ).fetchall()[0]
    assert row == pytest.approx((90, 90, 90))
    measures = by_staff(
        center,
        "select m.measure_code, m.normalised_score from kpi_measures m "
        "join people p using (center_id, person_id) "
        "where p.staff_no = 'D2' and m.quarter = 1",
    )
    assert measures == pytest.approx(
        {"trips_completed": 60, "mileage_mismatch_share": 80}
    )


def test_people_with_too_little_data_are_listed_not_scored(center):
    rows = center.sql(
        "select staff_no, quarter, reason_code from kpi_not_scored"
    ).fetchall()
    assert {(staff, quarter): reason for staff, quarter, reason in rows} == (
        EXPECTED_NOT_SCORED
    )
    scored = {
        row[0] for row in center.sql("select staff_no from kpi_scores").fetchall()
    }
    assert "M4" not in scored


def test_the_annual_record_averages_the_quarters_scored(center):
    rows = {
        row[0]: row[1:]
        for row in center.sql(
            "select staff_no, scored_quarter_count, average_total_score, "
            "excellent_quarter_count, last_quarter_count "
            "from kpi_annual_records where year = 2025"
        ).fetchall()
    }
    assert rows["D4"] == (2, pytest.approx((70 + 73.2) / 2), 0, 2)
    assert rows["M1"] == (3, pytest.approx((95 + 93 + 90) / 3), 2, 0)
    assert rows["M3"] == (3, pytest.approx((75 + 74 + 80) / 3), 0, 3)


def competition_ranks(totals: list[float]) -> list[int]:
    """Return the documented ranks: 1 + how many have a higher rounded total."""
    rounded = [round(total, 2) for total in totals]
    return [1 + sum(other > mine for other in rounded) for mine in rounded]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A database with the small center's derived tables, to rescore at will."""
    path = tmp_path_factory.mktemp("scratch") / "center.duckdb"
    con = duckdb.connect(str(path))
    write_small_center(con)
    derive_tables(con, Settings(config_dir=PROJECT_ROOT / "config"))
    yield con
    con.close()


@settings(max_examples=12, deadline=None)
@given(
    st.lists(
        st.integers(min_value=6000, max_value=10000).map(lambda v: v / 100),
        min_size=7,
        max_size=7,
    )
)
def test_ranks_in_a_quarter_run_from_1_with_ties_sharing_a_rank(scratch, scores):
    staff = ["D1", "D2", "D3", "D4", "M1", "M2", "M3"]
    scratch.sql("create or replace temp table chosen (staff_no varchar, score double)")
    scratch.executemany(
        "insert into chosen values (?, ?)", list(zip(staff, scores, strict=True))
    )
    scratch.sql(
        "update monthly_records set morality_score = chosen.score, "
        "competence_score = chosen.score, diligence_score = chosen.score, "
        "achievement_score = chosen.score, integrity_score = chosen.score "
        "from chosen where monthly_records.staff_no = chosen.staff_no"
    )
    score_quarters(scratch, load_rules(PROJECT_ROOT / "config"))
    rows = scratch.sql(
        "select total_score, center_rank from kpi_scores where quarter = 2"
    ).fetchall()
    totals = [total for total, _ in rows]
    ranks = [rank for _, rank in rows]
    assert ranks == competition_ranks(totals)
    assert min(ranks) == 1 and max(ranks) <= len(rows)
    assert sorted(set(ranks)) == sorted(set(competition_ranks(totals)))


@settings(max_examples=6, deadline=None)
@given(
    st.sampled_from(["morality", "competence", "diligence", "integrity"]),
    st.integers(min_value=1, max_value=10),
)
def test_moving_weight_to_achievement_moves_totals_as_the_formula_says(
    tmp_path_factory, scratch, dimension, points
):
    config = tmp_path_factory.mktemp("rules")
    text = (PROJECT_ROOT / "config" / "kpi.toml").read_text(encoding="utf-8")
    rules = load_rules(PROJECT_ROOT / "config")
    before = rules.weights[dimension]
    moved = text.replace(
        f"{dimension} = {before:g}", f"{dimension} = {before - points:g}", 1
    ).replace(
        f"achievement = {rules.weights['achievement']:g}",
        f"achievement = {rules.weights['achievement'] + points:g}",
        1,
    )
    (config / "kpi.toml").write_text(moved, encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "config" / "energy_factors.toml", config)

    score_quarters(scratch, rules)
    old = scratch.sql(
        f"select person_id, quarter, total_score, {dimension}_score, "
        "achievement_score from kpi_scores"
    ).fetchall()
    score_quarters(scratch, load_rules(config))
    new = dict(
        ((person, quarter), total)
        for person, quarter, total in scratch.sql(
            "select person_id, quarter, total_score from kpi_scores"
        ).fetchall()
    )
    for person, quarter, total, moved_from, achievement in old:
        expected = total + points * (achievement - moved_from) / 100
        assert math.isclose(new[(person, quarter)], expected, abs_tol=1e-9)
