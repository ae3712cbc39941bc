"""Tests of the demo generator: deterministic, complete, true to the case figures."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from onescreen.contracts import SOURCES
from onescreen.demo import (
    REPAIR_PURPOSES,
    DemoScale,
    build_demo_records,
    id_check_character,
    is_valid_id_card,
    working_days,
    write_demo_exports,
)

SMALL = DemoScale(people=0.3, vehicles=0.2, years=2, gps_points_per_trip=4)
ONGOING_STAGES = ("排查", "诊断", "协调", "处置")
KPI_WEIGHTS = {
    "morality_score": 0.15,
    "competence_score": 0.20,
    "diligence_score": 0.20,
    "achievement_score": 0.30,
    "integrity_score": 0.15,
}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """Write the full-size demo once for the tests that read files."""
    folder = tmp_path_factory.mktemp("demo")
    return folder, write_demo_exports(folder)


@pytest.fixture(scope="module")
def records():
    """Build the full-size demo's canonical rows once."""
    return build_demo_records()


def file_bytes(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_table(path: Path, encoding: str) -> list[dict[str, str]]:
    """Read a CSV export, skipping a title row, blank lines and a 合计 row."""
    text = path.read_bytes().decode(encoding)
    lines = [row for row in csv.reader(io.StringIO(text)) if any(row)]
    header_index = next(i for i, row in enumerate(lines) if sum(map(bool, row)) > 2)
    header = [cell.strip() for cell in lines[header_index]]
    return [
        dict(zip(header, row, strict=True))
        for row in lines[header_index + 1 :]
        if row[0] != "合计"
    ]


def test_two_runs_write_byte_identical_files(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    write_demo_exports(first, SMALL)
    code = (
        "import sys; from pathlib import Path; from onescreen.demo import *; "
        f"write_demo_exports(Path(sys.argv[1]), {SMALL!r})"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", code, str(second)],
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
    )

    assert file_bytes(first) == file_bytes(second)


def test_another_seed_gives_other_files(tmp_path):
    write_demo_exports(tmp_path / "a", SMALL)
    write_demo_exports(tmp_path / "b", DemoScale(**{**SMALL.__dict__, "seed": 7}))

    assert file_bytes(tmp_path / "a") != file_bytes(tmp_path / "b")


def test_every_source_folder_holds_csv_files(demo_dir):
    folder, _ = demo_dir

    for source in SOURCES:
        assert list((folder / source.name).glob("*.csv")), source.name


def test_rows_written_are_counted_for_every_source(demo_dir):
    _, written = demo_dir

    assert set(written) == {source.name for source in SOURCES}
    assert all(count > 0 for count in written.values())
    assert written["buildings"] == 31


@pytest.mark.parametrize(
    ("stages", "count", "area"),
    [(("核减",), 13, 64_600), (("已登记",), 10, 42_300), (ONGOING_STAGES, 7, 17_905)],
)
def test_buildings_reproduce_the_registration_figures(records, stages, count, area):
    buildings = [b for b in records.rows["buildings"] if b["stage"] in stages]

    assert len(buildings) == count
    assert sum(b["floor_area_m2"] for b in buildings) == area


def test_all_thirty_buildings_are_in_the_2025_task(records):
    buildings = records.rows["buildings"]

    assert len({b["building_id"] for b in buildings}) == 30
    assert {b["task_year"] for b in buildings} == {2025}
    assert {b["stage"] for b in buildings} >= set(ONGOING_STAGES)


def test_deducted_and_registered_buildings_carry_their_papers(records):
    for building in records.rows["buildings"]:
        if building["stage"] == "核减":
            assert building["deduction_reason"]
            assert "〔2025〕" in building["deduction_approval_no"]
        if building["stage"] == "已登记":
            assert building["certificate_no"].startswith("蒙(2025)正蓝旗不动产权第")
            assert building["certificate_date"].year == 2025


def test_two_buildings_are_stuck_in_coordination_since_early_2025(records):
    stuck = [b for b in records.rows["buildings"] if b["stage"] == "协调"]

    assert len(stuck) == 2
    assert all(b["stage_since_date"] < date(2025, 3, 1) for b in stuck)


def test_registered_area_is_70_26_percent_of_the_2025_target(records):
    target = next(
        row
        for row in records.rows["targets"]
        if row["year"] == 2025 and row["metric"] == "权属登记面积"
    )
    registered = sum(
        b["floor_area_m2"] for b in records.rows["buildings"] if b["stage"] == "已登记"
    )

    assert (target["target_value"], target["unit"]) == (6.0205, "万㎡")
    assert round(registered / (target["target_value"] * 10_000), 4) == 0.7026


def test_building_ledger_file_reads_back_to_the_same_areas(demo_dir):
    folder, _ = demo_dir
    path = next((folder / "buildings").glob("*.csv"))
    rows = read_table(path, "gbk")
    by_id = {}
    for row in rows:
        by_id.setdefault(row["楼栋编号"], row)
        assert by_id[row["楼栋编号"]] == row
    areas: dict[str, float] = defaultdict(float)
    for row in by_id.values():
        text = row["建筑面积"].replace(",", "").replace("平方米", "")
        value = float(text.removesuffix("万")) * (10_000 if "万" in text else 1)
        areas[row["办理环节"]] += value

    assert len(rows) == 31 and len(by_id) == 30
    assert areas["已核减"] == 64_600 and areas["已发证"] == 42_300


def test_identity_cards_in_the_files_are_valid_except_the_deliberate_one(demo_dir):
    folder, _ = demo_dir
    established = read_table(next((folder / "staff_established").glob("*.csv")), "gbk")
    contract = read_table(next((folder / "staff_contract").glob("*.csv")), "utf-8-sig")
    contract_ids = [row["身份证号"] for row in contract]

    assert all(is_valid_id_card(row["身份证号码"]) for row in established)
    assert sum(not is_valid_id_card(number) for number in contract_ids) == 1
    assert all(number.startswith("152530") for number in contract_ids)


def test_identity_cards_match_birth_dates_and_genders(records):
    people = records.rows["staff_established"] + records.rows["staff_contract"]

    for person in people:
        number = person["id_card"]
        assert is_valid_id_card(number)
        assert number[6:14] == f"{person['birth_date']:%Y%m%d}"
        assert (int(number[16]) % 2 == 1) == (person["gender"] == "男")
    bad = [row for _, row in records.rejected["staff_contract"]]
    assert len(bad) == 1 and not is_valid_id_card(bad[0]["id_card"])


@pytest.mark.parametrize(
    ("first_seventeen", "check"),
    [("11010519491231002", "X"), ("44052418800101001", "4")],
)
def test_id_check_character_follows_iso_7064(first_seventeen, check):
    assert id_check_character(first_seventeen) == check


def test_exactly_one_person_moved_from_contract_to_established(records):
    established = {row["id_card"] for row in records.rows["staff_established"]}
    contract = {row["id_card"] for row in records.rows["staff_contract"]}

    assert len(established & contract) == 1


def test_rosters_hold_about_forty_on_duty_in_each_track(records):
    def on_duty(rows):
        return [row for row in rows if row["leave_date"] is None]

    established = on_duty(records.rows["staff_established"])
    contract = on_duty(records.rows["staff_contract"])
    ages = [2025 - row["birth_date"].year for row in established + contract]

    assert 35 <= len(established) <= 45 and 35 <= len(contract) <= 45
    assert min(ages) >= 22 and max(ages) <= 59
    assert sum(2025 - row["birth_date"].year >= 50 for row in established) >= 8


def fleet_utilisation(records, year: int) -> float:
    """Return used over available vehicle working days, as the build defines them."""
    trips_by_plate = defaultdict(list)
    for trip in records.rows["trips"]:
        if trip["status"] == "已完成" and trip["departed_at"]:
            trips_by_plate[trip["plate"]].append(trip)
    used_total = available_total = 0
    for vehicle in records.rows["vehicles"]:
        repair_days, used_days = set(), set()
        for trip in trips_by_plate[vehicle["plate"]]:
            day = trip["departed_at"].date()
            days = set()
            while day <= trip["returned_at"].date():
                days.add(day)
                day += timedelta(days=1)
            (repair_days if trip["purpose"] in REPAIR_PURPOSES else used_days).update(
                days
            )
        disposal = vehicle["disposal_date"]
        available = [
            day
            for day in working_days(year)
            if vehicle["purchase_date"] <= day
            and (disposal is None or day < disposal)
            and day not in repair_days
        ]
        available_total += len(available)
        used_total += sum(day in used_days for day in available)
    return used_total / available_total


def test_fleet_utilisation_rises_exactly_fifteen_percent_in_2023(records):
    by_year = {
        year: fleet_utilisation(records, year) for year in (2022, 2023, 2024, 2025)
    }

    assert round(by_year[2023] / by_year[2022] - 1, 4) == 0.15
    assert 0.48 <= by_year[2022] <= 0.52
    assert all(0.55 <= by_year[year] <= 0.62 for year in (2024, 2025))


def test_fleet_has_disposals_a_2023_purchase_and_repairs(records):
    vehicles = records.rows["vehicles"]
    purposes = {trip["purpose"] for trip in records.rows["trips"]}

    assert len(vehicles) == 25
    assert (
        sum(
            v["status"] == "已处置" and v["disposal_date"] is not None for v in vehicles
        )
        == 2
    )
    assert any(v["purchase_date"].year == 2023 for v in vehicles)
    assert purposes & set(REPAIR_PURPOSES)


def fulfilment(records, year: int) -> float:
    """Return completed trips over trips not cancelled by the requester."""
    trips = [t for t in records.rows["trips"] if t["requested_at"].year == year]
    asked = [t for t in trips if t["status"] != "申请人取消"]
    return sum(t["status"] == "已完成" for t in asked) / len(asked)


def test_service_fulfilment_is_complete_in_2025_only(records):
    statuses_2025 = {
        t["status"] for t in records.rows["trips"] if t["requested_at"].year == 2025
    }

    assert fulfilment(records, 2025) == 1.0
    assert statuses_2025 == {"已完成", "申请人取消"}
    assert all(0.97 <= fulfilment(records, year) < 1 for year in (2022, 2023, 2024))


def test_odometers_are_continuous_per_vehicle(records):
    plates = {vehicle["plate"] for vehicle in records.rows["vehicles"]}
    by_plate = defaultdict(list)
    for trip in records.rows["trips"]:
        if trip["plate"] in plates and trip["odometer_start_km"] is not None:
            by_plate[trip["plate"]].append(trip)

    for trips in by_plate.values():
        trips.sort(key=lambda trip: trip["departed_at"])
        for before, after in zip(trips, trips[1:], strict=False):
            assert before["odometer_end_km"] == after["odometer_start_km"]
            assert before["returned_at"] < after["departed_at"]


def quarterly_scores(records, year: int, quarter: int) -> dict[str, float]:
    """Return each person's weighted 德能勤绩廉 average over one quarter."""
    totals = defaultdict(list)
    for row in records.rows["monthly_records"]:
        month = row["month"]
        if month.year == year and (month.month - 1) // 3 + 1 == quarter:
            score = sum(row[name] * weight for name, weight in KPI_WEIGHTS.items())
            totals[row["staff_no"]].append(score)
    return {staff: sum(scores) / len(scores) for staff, scores in totals.items()}


def test_the_same_three_people_are_last_in_2025_q2_and_q3(records):
    bottoms = []
    for quarter in (2, 3):
        scores = sorted(
            quarterly_scores(records, 2025, quarter).items(), key=lambda x: x[1]
        )
        bottoms.append({staff for staff, _ in scores[:3]})
        assert scores[2][1] < 75 <= scores[3][1]
        assert scores[-1][1] >= 94

    assert bottoms[0] == bottoms[1]


def test_bad_rows_are_spread_across_sources(records):
    faults = [fault for bad in records.rejected.values() for fault, _ in bad]

    assert 10 <= len(faults) <= 20
    assert len(records.rejected) >= 7


def test_gps_points_stay_within_bounds(demo_dir):
    folder, written = demo_dir
    frames = [
        pl.read_csv(path, encoding="utf8-lossy").pipe(
            lambda frame: frame.rename(
                dict(
                    zip(
                        frame.columns,
                        ("plate", "at", "lat", "lon", "speed"),
                        strict=True,
                    )
                )
            )
        )
        for path in sorted((folder / "gps_points").glob("*.csv"))
    ]
    points = pl.concat(frames)

    assert points.height == written["gps_points"]
    assert points["lat"].is_between(41.5, 44.5).all()
    assert points["lon"].is_between(114.5, 117.0).all()
    assert points["speed"].is_between(0, 100).all()
    assert points.select("plate", "at").is_unique().all()
