"""Reading messy exports: every form real exports take, and every bad input."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, strategies
from hypothesis import settings as hypothesis_settings

from onescreen.contracts import get_source
from onescreen.ingest import (
    discover_exports,
    ingest_exports,
    mask_id_card,
    register_functions,
)
from tests.conftest import write_export

TODAY = date(2026, 1, 15)
VEHICLE_HEADER = "车牌号,车辆类型,使用单位,购置日期,座位数,燃料类型,车辆状态"
GOOD_ID = "15253019900101123X"
BAD_CHECK_ID = "152530199001011234"


def ingest_folder(root: Path) -> tuple[duckdb.DuckDBPyConnection, list]:
    """Ingest every export under root/exports into an in-memory database."""
    con = duckdb.connect()
    register_functions(con, b"test-key")
    exports = root / "exports"
    reports = ingest_exports(
        con, discover_exports(exports), base_dir=exports, center_id="zlq", today=TODAY
    )
    return con, reports


def single_value(
    tmp_path: Path,
    source: str,
    header: str,
    row: str,
    column: str,
    encoding: str = "utf-8",
):
    """Load a one-row export and return the parsed value of one column (None if rejected)."""
    write_export(tmp_path, source, "one.csv", f"{header}\n{row}\n", encoding)
    con, reports = ingest_folder(tmp_path)
    rows = con.sql(f'select "{column}" from {source}').fetchall()
    return rows[0][0] if rows else None, reports[0]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-03-01", date(2025, 3, 1)),
        ("2025/3/1", date(2025, 3, 1)),
        ("2025年3月1日", date(2025, 3, 1)),
        ("20250301", date(2025, 3, 1)),
        ("45717", date(2025, 3, 1)),
        ("２０２５－０３－０１", date(2025, 3, 1)),
        (" 2025-03-01 ", date(2025, 3, 1)),
        ("2025-03-01 00:00:00", date(2025, 3, 1)),
    ],
)
def test_every_date_form_parses_to_the_same_day(tmp_path, cell, expected):
    value, report = single_value(
        tmp_path,
        "vehicles",
        VEHICLE_HEADER,
        f"蒙H00001,轿车,旗政府,{cell},5,汽油,在用",
        "purchase_date",
    )
    assert value == expected, report.problems


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-03-01 08:05:00", datetime(2025, 3, 1, 8, 5)),
        ("2025/3/1 8:05", datetime(2025, 3, 1, 8, 5)),
        ("2025年3月1日 08:05", datetime(2025, 3, 1, 8, 5)),
        ("20250301080500", datetime(2025, 3, 1, 8, 5)),
        ("45717.25", datetime(2025, 3, 1, 6, 0)),
    ],
)
def test_every_timestamp_form_parses(tmp_path, cell, expected):
    header = "派车单号,车牌号,申请时间,状态"
    value, report = single_value(
        tmp_path, "trips", header, f"PC1,蒙H00001,{cell},已完成", "requested_at"
    )
    assert value == expected, report.problems


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-03", date(2025, 3, 1)),
        ("2025/3", date(2025, 3, 1)),
        ("2025年3月", date(2025, 3, 1)),
        ("202503", date(2025, 3, 1)),
        ("2025-03-17", date(2025, 3, 1)),
    ],
)
def test_every_month_form_parses_to_the_first_of_the_month(tmp_path, cell, expected):
    value, report = single_value(
        tmp_path, "payroll", "工号,月份,应发工资", f"Z001,{cell},5000", "month"
    )
    assert value == expected, report.problems


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('"3,200"', 3200.0),
        ("3200㎡", 3200.0),
        ('"3,200 ㎡"', 3200.0),
        ("0.32万㎡", 3200.0),
        ("0.32万平方米", 3200.0),
        ("３２００", 3200.0),
        ("3200平方米", 3200.0),
        ("3.2e3", 3200.0),
    ],
)
def test_area_numbers_take_separators_full_width_digits_and_units(
    tmp_path, cell, expected
):
    header = "楼栋编号,楼栋名称,建筑面积,当前环节"
    value, report = single_value(
        tmp_path, "buildings", header, f"B01,旗政府办公楼,{cell},排查", "floor_area_m2"
    )
    assert value == pytest.approx(expected), report.problems


@pytest.mark.parametrize(
    ("cell", "expected"), [("350元", 350.0), ("¥1,350.5", 1350.5), ("0.1万元", 1000.0)]
)
def test_money_takes_yuan_units(tmp_path, cell, expected):
    header = "派车单号,申请时间,状态,油费"
    value, report = single_value(
        tmp_path,
        "trips",
        header,
        f'PC1,2025-03-01 08:00,已完成,"{cell}"',
        "fuel_cost_yuan",
    )
    assert value == pytest.approx(expected), report.problems


@pytest.mark.parametrize(
    ("cell", "expected"), [("56.2km", 56.2), ("56.2 公里", 56.2), ("56.2KM", 56.2)]
)
def test_distance_takes_km_units(tmp_path, cell, expected):
    header = "派车单号,申请时间,状态,北斗里程"
    value, report = single_value(
        tmp_path, "trips", header, f"PC1,2025-03-01 08:00,已完成,{cell}", "beidou_km"
    )
    assert value == pytest.approx(expected), report.problems


@pytest.mark.parametrize(
    "header",
    [
        "车牌号,车辆类型,购置日期,车辆状态",
        "plate,vehicle type,purchase date,status",
        " 车牌号 , 车辆类型 ,购置日期 , 车辆状态",
        "车牌号码,车型,购买日期,状态",
        "ｐｌａｔｅ,vehicle type,purchase date,status",
    ],
)
def test_headers_match_in_either_language_with_stray_spaces_and_full_width(
    tmp_path, header
):
    value, report = single_value(
        tmp_path, "vehicles", header, "蒙H00001,轿车,2020-01-01,在用", "plate"
    )
    assert value == "蒙H00001", (report.status, report.message_en)


def test_columns_may_come_in_any_order(tmp_path):
    header = "车辆状态,购置日期,车牌号"
    value, report = single_value(
        tmp_path, "vehicles", header, "维修,2020-01-01,蒙H00001", "status"
    )
    assert value == "维修"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_each_encoding_reads_the_same_chinese_text(tmp_path, encoding):
    value, report = single_value(
        tmp_path,
        "vehicles",
        VEHICLE_HEADER,
        "蒙H00001,轿车,旗人大办公室,2020-01-01,5,汽油,在用",
        "user_unit",
        encoding,
    )
    assert value == "旗人大办公室"
    assert report.encoding == ("utf-8" if encoding.startswith("utf") else "gb18030")


def test_a_gbk_file_whose_header_is_plain_ascii_is_still_read_as_gbk(tmp_path):
    value, report = single_value(
        tmp_path,
        "vehicles",
        "plate,user unit,purchase date,status",
        "蒙H00001,旗政协,2020-01-01,在用",
        "user_unit",
        "gbk",
    )
    assert value == "旗政协"


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_semicolon_tab_and_bar_delimited_files_are_read(tmp_path, delimiter):
    header = delimiter.join(["车牌号", "购置日期", "车辆状态"])
    row = delimiter.join(["蒙H00001", "2020-01-01", "在用"])
    value, report = single_value(tmp_path, "vehicles", header, row, "plate")
    assert value == "蒙H00001"
    assert report.delimiter == delimiter


def test_title_row_blank_lines_and_totals_row_are_passed_over_with_true_line_numbers(
    tmp_path,
):
    text = (
        "正蓝旗机关事务服务中心 公务用车台账（导出）\n"
        f"{VEHICLE_HEADER}\n"
        "蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用\n"
        "\n"
        "蒙H00002,轿车,旗政府,not a date,5,汽油,在用\n"
        "蒙H00003,轿车,旗政府,2021-01-01,5,汽油,在用\n"
        "合计,,,,15,,\n"
    )
    write_export(tmp_path, "vehicles", "v.csv", text)
    con, reports = ingest_folder(tmp_path)
    report = reports[0]
    assert (
        report.header_line,
        report.rows_read,
        report.rows_loaded,
        report.rows_rejected,
    ) == (2, 3, 2, 1)
    assert report.rows_skipped == 1
    assert [(p["line_number"], p["column_name"]) for p in report.problems] == [
        (5, "purchase_date")
    ]
    assert con.sql("select source_line from vehicles order by plate").fetchall() == [
        (3,),
        (6,),
    ]


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (
            "PC1,2025-03-01 08:00,2025-03-01 09:00,2025-03-01 10:30,100,90,已完成",
            "odometer_end_km",
            "odometer_backwards",
        ),
        (
            "PC1,2025-03-01 08:00,2025-03-01 09:00,2025-03-01 08:30,100,120,已完成",
            "returned_at",
            "return_before_departure",
        ),
        (
            "PC1,2025-03-01 08:00,2025-03-01 09:00,2025-03-01 10:00,-5,120,已完成",
            "odometer_start_km",
            "out_of_range",
        ),
        ("PC1,2027-03-01 08:00,,,,,已完成", "requested_at", "future_date"),
        ("PC1,2025-03-01 08:00,,,,,飞走了", "status", "not_in_list"),
        ("PC1,,,,,,已完成", "requested_at", "required"),
        ("PC1,2025-03-01 08:00,,,abc,,已完成", "odometer_start_km", "bad_number"),
        ("PC1,2025-03-01 08:00,,,12斤,,已完成", "odometer_start_km", "bad_unit"),
    ],
)
def test_impossible_trip_values_are_rejected_with_their_reason(
    tmp_path, row, column, code
):
    header = "派车单号,申请时间,出车时间,收车时间,起始里程,结束里程,状态"
    write_export(
        tmp_path,
        "trips",
        "t.csv",
        f"{header}\n{row}\nPC2,2025-03-01 08:00,,,,,已完成\n",
    )
    con, reports = ingest_folder(tmp_path)
    problems = reports[0].problems
    assert [
        (p["column_name"], p["error_code"], p["line_number"]) for p in problems
    ] == [(column, code, 2)]
    assert problems[0]["reason_zh"] and problems[0]["reason_en"]
    assert con.sql("select trip_id from trips").fetchall() == [("PC2",)]


def test_a_bad_id_check_digit_is_rejected_and_the_number_is_never_kept_in_clear(
    tmp_path,
):
    header = "工号,姓名,身份证号,部门,岗位,在岗状态"
    text = f"{header}\nW001,张三,{BAD_CHECK_ID},办公室,驾驶员,在岗\nW002,李四,{GOOD_ID},办公室,驾驶员,在岗\n"
    write_export(tmp_path, "staff_contract", "s.csv", text)
    con, reports = ingest_folder(tmp_path)
    problem = reports[0].problems[0]
    assert problem["error_code"] == "bad_id_check"
    assert (
        BAD_CHECK_ID
        not in problem["value"] + problem["row_json"] + problem["reason_zh"]
    )
    row = con.sql("select * from staff_contract").pl().row(0, named=True)
    assert row["id_card_masked"] == mask_id_card(GOOD_ID) == "1525**********123X"
    assert GOOD_ID not in str(row)


@pytest.mark.parametrize(
    ("number", "code"),
    [("1525301990010112", "bad_id_format"), ("152530199013011238", "bad_id_birth")],
)
def test_malformed_id_numbers_are_rejected(tmp_path, number, code):
    header = "工号,姓名,身份证号,部门,岗位,在岗状态"
    write_export(
        tmp_path,
        "staff_contract",
        "s.csv",
        f"{header}\nW001,张三,{number},办公室,驾驶员,在岗\n",
    )
    _, reports = ingest_folder(tmp_path)
    assert reports[0].problems[0]["error_code"] == code


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        ("车牌号,购置日期,车辆状态\n".encode(), "no_rows"),
        (b"\x00\x01\x02PK\x03\x04binary", "binary"),
        (b"\xff\xfe\xfa\xfb\x80\x81\x82,\xff\n", "undecodable"),
        ("完全,无关,的表头\n1,2,3\n".encode(), "no_header"),
        ("车牌号,车辆类型\n蒙H00001,轿车\n".encode(), "missing_column"),
    ],
)
def test_bad_files_are_reported_and_do_not_stop_the_others(tmp_path, content, status):
    bad = tmp_path / "exports" / "vehicles" / "a_bad.csv"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(content)
    write_export(
        tmp_path,
        "vehicles",
        "b_good.csv",
        f"{VEHICLE_HEADER}\n蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用\n",
    )
    con, reports = ingest_folder(tmp_path)
    assert reports[0].status == status
    assert reports[0].message_zh and reports[0].message_en
    assert reports[1].status == "loaded"
    assert con.sql("select count(*) from vehicles").fetchall() == [(1,)]


def test_a_missing_column_names_the_column_and_the_headers_accepted(tmp_path):
    write_export(tmp_path, "vehicles", "v.csv", "车牌号,车辆类型\n蒙H00001,轿车\n")
    _, reports = ingest_folder(tmp_path)
    assert (
        "购置日期" in reports[0].message_zh and "purchase date" in reports[0].message_en
    )
    assert "购买日期" in reports[0].message_zh


def test_a_truncated_last_line_is_rejected_and_the_rows_before_it_load(tmp_path):
    text = f"{VEHICLE_HEADER}\n蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用\n蒙H00002,轿车,旗政"
    write_export(tmp_path, "vehicles", "v.csv", text)
    con, reports = ingest_folder(tmp_path)
    assert reports[0].rows_loaded == 1
    assert {p["line_number"] for p in reports[0].problems} == {3}


def test_overlapping_exports_keep_one_row_per_key_and_the_later_file_wins(tmp_path):
    write_export(
        tmp_path,
        "vehicles",
        "2025-01.csv",
        f"{VEHICLE_HEADER}\n蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用\n蒙H00002,轿车,旗政府,2020-01-01,5,汽油,在用\n",
    )
    write_export(
        tmp_path,
        "vehicles",
        "2025-02.csv",
        f"{VEHICLE_HEADER}\n蒙H00001,轿车,旗政府,2020-01-01,5,汽油,维修\n蒙H00002,轿车,旗政府,2020-01-01,5,汽油,在用\n",
    )
    con, _ = ingest_folder(tmp_path)
    assert con.sql("select plate, status from vehicles order by plate").fetchall() == [
        ("蒙H00001", "维修"),
        ("蒙H00002", "在用"),
    ]
    conflicts = con.sql(
        "select natural_key, version_count, copies from duplicate_conflicts"
    ).fetchall()
    assert conflicts == [
        ("zlq / 蒙H00001", 2, ["vehicles/2025-02.csv:2", "vehicles/2025-01.csv:2"])
    ]


def test_the_same_file_twice_is_read_once(tmp_path):
    text = f"{VEHICLE_HEADER}\n蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用\n"
    write_export(tmp_path, "vehicles", "a.csv", text)
    write_export(tmp_path, "vehicles", "a_copy.csv", text)
    con, reports = ingest_folder(tmp_path)
    assert [r.status for r in reports] == ["loaded", "duplicate_file"]
    assert con.sql("select count(*) from vehicles").fetchall() == [(1,)]


def test_extra_columns_are_ignored_and_listed(tmp_path):
    value, report = single_value(
        tmp_path,
        "vehicles",
        VEHICLE_HEADER + ",备用字段",
        "蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用,x",
        "plate",
    )
    assert value == "蒙H00001"
    assert report.ignored_headers == "备用字段"


def test_a_file_outside_a_source_folder_is_matched_by_its_header(tmp_path):
    path = tmp_path / "exports" / "unsorted.csv"
    path.parent.mkdir(parents=True)
    path.write_text(
        "派车单号,申请时间,状态\nPC1,2025-03-01 08:00,已完成\n", encoding="utf-8"
    )
    con, reports = ingest_folder(tmp_path)
    assert reports[0].source == "trips"
    assert con.sql("select count(*) from trips").fetchall() == [(1,)]


def test_every_source_table_exists_even_without_files(tmp_path):
    (tmp_path / "exports").mkdir()
    con, _ = ingest_folder(tmp_path)
    for name in ("trips", "staff_established", "gps_points", "targets"):
        assert con.sql(f"select count(*) from {name}").fetchall() == [(0,)]
    columns = [row[0] for row in con.sql("describe staff_contract").fetchall()]
    assert "id_card" not in columns and "id_card_hash" in columns


def test_natural_keys_are_declared_on_existing_columns():
    for name in ("trips", "payroll", "energy_readings", "staff_established"):
        source = get_source(name)
        assert all(source.column(column) for column in source.key)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(garbage=strategies.binary(max_size=400))
def test_arbitrary_bytes_never_raise_and_never_lose_the_good_rows_of_other_files(
    tmp_path_factory, garbage
):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "exports" / "vehicles").mkdir(parents=True)
    (root / "exports" / "vehicles" / "a_fuzz.csv").write_bytes(garbage)
    (root / "exports" / "trips").mkdir(parents=True)
    (root / "exports" / "trips" / "fuzz.csv").write_bytes(
        b"\xe6\xb4\xbe\xe8\xbd\xa6\xe5\x8d\x95\xe5\x8f\xb7," + garbage
    )
    write_export(
        root,
        "vehicles",
        "b_good.csv",
        f"{VEHICLE_HEADER}\n蒙H00001,轿车,旗政府,2020-01-01,5,汽油,在用\n",
    )
    con, reports = ingest_folder(root)
    assert con.sql(
        "select plate from vehicles where source_file = 'vehicles/b_good.csv'"
    ).fetchall() == [("蒙H00001",)]
    assert all(report.status for report in reports)
