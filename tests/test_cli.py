"""The command line on the demo center: the case study's figures, exit codes, languages."""

from __future__ import annotations

import json

import pytest

from onescreen.cli import EXIT_FAILED, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, main
from tests.conftest import run_cli, write_export, write_settings


@pytest.mark.slow
def test_the_demo_build_reproduces_the_case_study_figures(demo_center):
    result = run_cli("--settings", str(demo_center), "summary", "--json")
    assert result.returncode == EXIT_OK, result.stderr
    figures = json.loads(result.stdout)
    assert figures["year"] == 2025
    assert figures["registration_progress_ratio"] == 0.7026
    assert figures["registered_area_m2"] == 42300
    assert figures["target_area_m2"] == 60205
    assert figures["deducted_count"] == 13
    assert figures["deducted_area_m2"] == 64600
    assert figures["certificates_issued_count"] == 10
    assert figures["fulfilment_ratio"] == 1.0
    by_year = {row["year"]: row for row in figures["fleet_utilisation_by_year"]}
    assert by_year[2023]["yoy_change_ratio"] == 0.15


@pytest.mark.slow
def test_the_demo_build_rejects_exactly_the_rows_that_are_wrong(demo_center):
    import duckdb

    con = duckdb.connect(str(demo_center.parent / "center.duckdb"), read_only=True)
    codes = sorted(
        row[0] for row in con.sql("select error_code from quarantine").fetchall()
    )
    con.close()
    assert codes == sorted(
        [
            "not_in_list",
            "out_of_range",
            "out_of_range",
            "resolved_before_found",
            "future_date",
            "not_in_list",
            "bad_id_check",
            "end_before_start",
            "out_of_range",
            "odometer_backwards",
            "return_before_departure",
            "not_in_list",
        ]
    )


def test_summary_without_a_database_says_so_in_the_chosen_language(tmp_path, capsys):
    settings = write_settings(tmp_path)
    assert main(["--settings", str(settings), "--lang", "zh", "summary"]) == EXIT_FAILED
    assert "还没有数据库" in capsys.readouterr().err
    assert main(["--settings", str(settings), "--lang", "en", "summary"]) == EXIT_FAILED
    assert "no database yet" in capsys.readouterr().err


def test_build_with_no_exports_fails_with_a_message(tmp_path, capsys):
    settings = write_settings(tmp_path)
    assert main(["--settings", str(settings), "--lang", "en", "build"]) == EXIT_FAILED
    assert "no CSV files" in capsys.readouterr().err


def test_check_prints_one_json_object_per_file_and_exits_3_on_rejections(
    tmp_path, capsys
):
    write_export(
        tmp_path,
        "vehicles",
        "good.csv",
        "车牌号,购置日期,车辆状态\n蒙H00001,2020-01-01,在用\n",
    )
    write_export(
        tmp_path,
        "vehicles",
        "bad.csv",
        "车牌号,购置日期,车辆状态\n蒙H00002,2020-13-01,在用\n",
    )
    code = main(["check", str(tmp_path / "exports" / "vehicles"), "--json"])
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == EXIT_REJECTED
    by_file = {item["file"]: item for item in objects}
    assert by_file["good.csv"]["rows_loaded"] == 1
    assert by_file["bad.csv"]["rows_rejected"] == 1
    assert by_file["bad.csv"]["errors"][0]["line_number"] == 2
    assert by_file["bad.csv"]["errors"][0]["header"] == "购置日期"


def test_check_of_a_clean_file_exits_0(tmp_path, capsys):
    path = write_export(
        tmp_path,
        "vehicles",
        "good.csv",
        "车牌号,购置日期,车辆状态\n蒙H00001,2020-01-01,在用\n",
    )
    assert main(["--lang", "en", "check", str(path)]) == EXIT_OK
    assert "1 loaded, 0 rejected" in capsys.readouterr().out


def test_check_of_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["--lang", "zh", "check", str(tmp_path / "nope.csv")]) == EXIT_USAGE
    assert "路径不存在" in capsys.readouterr().err


def test_a_broken_settings_file_names_the_key(tmp_path, capsys):
    path = tmp_path / "settings.toml"
    path.write_text("[metrics]\nbaseline_year = 'last year'\n", encoding="utf-8")
    assert main(["--settings", str(path), "--lang", "en", "summary"]) == EXIT_USAGE
    assert "metrics.baseline_year" in capsys.readouterr().err


def test_demo_refuses_to_overwrite_exports_without_force(tmp_path, capsys):
    settings = write_settings(tmp_path)
    write_export(tmp_path, "vehicles", "v.csv", "车牌号,购置日期,车辆状态\n")
    assert main(["--settings", str(settings), "--lang", "en", "demo"]) == EXIT_USAGE
    assert main(["--settings", str(settings), "demo", "--if-empty"]) == EXIT_OK
