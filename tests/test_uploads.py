"""Uploads on the Data page: the check, the commit, and the page's upload flow."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from onescreen import ui
from onescreen.build import build_database
from onescreen.contracts import SOURCES, get_source
from onescreen.ingest import discover_exports
from onescreen.settings import PROJECT_ROOT, SettingsError, load_settings
from onescreen.ui.uploads import COMMIT_KEY
from onescreen.uploads import (
    CHOOSE_SOURCE,
    NEEDS_CONFIRMATION,
    Upload,
    check_upload,
    commit_uploads,
    recognise_source,
    safe_file_name,
)
from tests.conftest import no_derived_tables, write_export, write_settings

TODAY = date(2026, 1, 15)
COMMITTED_AT = datetime(2026, 1, 15, 10, 30, 0)
APP_PATH = PROJECT_ROOT / "app.py"
APP_TIMEOUT_SECONDS = 60

PAYROLL = """工号,月份,应发工资,绩效工资
E001,2025-11,"6,200",800
E002,2025-11,abc,700
E003,2025年11月,5800元,600
"""
PAYROLL_CORRECTED = """工号,月份,应发工资,绩效工资
E001,2025-11,6300,800
E002,2025-11,6100,700
E003,2025-11,5800,600
"""
VEHICLES = """车牌号,车辆类型,使用单位,购置日期,座位数,燃料类型,车辆状态
蒙H12345,轿车,办公室,2020-05-01,5,汽油,在用
蒙H23456,越野车,车队,2025-06-10,7,柴油,在用
"""
NEW_VEHICLES = """车牌号,车辆类型,使用单位,购置日期,座位数,燃料类型,车辆状态
蒙H34567,轿车,办公室,2024-03-01,5,汽油,在用
"""
TRIPS = """派车单号,车牌号,驾驶员工号,申请时间,派车时间,出车时间,收车时间,状态
T001,蒙H12345,E001,2025-12-01 08:00,2025-12-01 08:10,2025-12-01 08:30,2025-12-01 12:00,已完成
T002,蒙H12345,E002,2025-12-30 09:00,2025-12-30 09:05,2025-12-30 09:20,2025-12-30 11:00,已完成
T003,蒙H23456,E001,2025-12-15 10:00,2025-12-15 09:00,,,已派车
"""
TRIPS_WITHOUT_KEY = """车牌号,目的地
蒙H12345,上都镇
"""
BARE_ROSTER = "工号,姓名,身份证号,部门,岗位,在岗状态\n"

PAYROLL_REASON_ZH = "「应发工资」“abc”不是有效的数字"
PAYROLL_REASON_EN = "'gross pay' 'abc' is not a number"
TRIP_RULE_REASON_ZH = "派车时间早于申请时间"


def upload(name: str, text: str, encoding: str = "utf-8") -> Upload:
    """Return an upload of text as a user's file would arrive."""
    return Upload(name, text.encode(encoding))


def checked(name: str, text: str, exports_dir: Path, **options):
    """Check an upload as of the tests' fixed day."""
    return check_upload(upload(name, text), exports_dir, today=TODAY, **options)


def files_under(folder: Path) -> dict[str, bytes]:
    """Return every file under folder, hidden ones included, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# Recognition


def header_of(source, label: str) -> str:
    return ",".join(getattr(column, label) for column in source.columns) + "\n"


@pytest.mark.parametrize("label", ["label_zh", "label_en"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_a_header_is_recognised_as_the_one_source_whose_contract_it_fits(source, label):
    assert recognise_source(upload("export.csv", header_of(source, label))) == (
        source.name,
    )


def test_a_header_that_fits_no_contract_is_not_recognised():
    assert recognise_source(upload("notes.csv", "甲,乙,丙\n1,2,3\n")) == ()


def test_a_bare_roster_fits_both_tracks_and_is_checked_once_the_source_is_chosen(
    tmp_path,
):
    waiting = checked("roster.csv", BARE_ROSTER, tmp_path)

    assert waiting.candidates == ("staff_established", "staff_contract")
    assert waiting.report is None and waiting.problem == CHOOSE_SOURCE

    chosen = checked("roster.csv", BARE_ROSTER, tmp_path, source="staff_contract")

    assert chosen.source == "staff_contract"
    assert chosen.report is not None and chosen.report.source == "staff_contract"


# The check


def test_a_clean_file_would_load_every_row(tmp_path):
    check = checked("vehicles.csv", VEHICLES, tmp_path)

    assert check.source == "vehicles" and check.problem is None
    assert (check.report.rows_loaded, check.report.rows_rejected) == (2, 0)
    assert check.report.problems == []
    assert not check.needs_confirmation(0.0)


@pytest.mark.parametrize(
    ("name", "text", "source", "counts", "line", "column", "header", "code", "reason"),
    [
        (
            "payroll.csv",
            PAYROLL,
            "payroll",
            (2, 1),
            3,
            "gross_pay_yuan",
            "应发工资",
            "bad_number",
            PAYROLL_REASON_ZH,
        ),
        (
            "trips.csv",
            TRIPS,
            "trips",
            (2, 1),
            4,
            "dispatched_at",
            "派车时间",
            "dispatch_before_request",
            TRIP_RULE_REASON_ZH,
        ),
    ],
    ids=["bad cell", "row rule"],
)
def test_a_bad_row_is_reported_with_its_line_column_value_and_reason(
    tmp_path, name, text, source, counts, line, column, header, code, reason
):
    check = checked(name, text, tmp_path)

    assert check.source == source and check.problem is None
    assert (check.report.rows_loaded, check.report.rows_rejected) == counts
    [problem] = check.report.problems
    assert problem["line_number"] == line
    assert (problem["column_name"], problem["header"]) == (column, header)
    assert (problem["error_code"], problem["reason_zh"]) == (code, reason)
    assert problem["reason_en"] and problem["reason_en"] != problem["reason_zh"]


def test_the_reason_of_a_bad_cell_names_its_value_in_english_too(tmp_path):
    [problem] = checked("payroll.csv", PAYROLL, tmp_path).report.problems

    assert problem["value"] == "abc"
    assert problem["reason_en"] == PAYROLL_REASON_EN


def test_a_role_without_pay_sees_no_rejected_pay_value_even_in_the_reason(tmp_path):
    problems = pl.DataFrame(checked("payroll.csv", PAYROLL, tmp_path).report.problems)

    [hidden] = ui.quarantine_for_role(problems, "masked", False).to_dicts()
    [shown] = ui.quarantine_for_role(problems, "full", True).to_dicts()

    assert hidden["value"] == "***" and hidden["row_json"] is None
    assert "abc" not in hidden["reason_zh"] and "abc" not in hidden["reason_en"]
    assert "“***”" in hidden["reason_zh"] and "'***'" in hidden["reason_en"]
    assert shown["value"] == "abc" and shown["reason_en"] == PAYROLL_REASON_EN


def test_a_gbk_export_with_a_title_and_a_totals_row_is_read_as_the_build_reads_it(
    tmp_path,
):
    text = "2025年12月车辆台账\n" + VEHICLES + "合计,2,,,,,\n"
    check = check_upload(
        upload("车辆.csv", text, encoding="gbk"), tmp_path, today=TODAY
    )

    assert check.source == "vehicles"
    assert check.report.encoding == "gb18030" and check.report.header_line == 2
    assert (check.report.rows_loaded, check.report.rows_rejected) == (2, 0)


@pytest.mark.parametrize(
    ("data", "problem", "source", "message_zh"),
    [
        (b"", "empty", None, "文件为空"),
        (b"\x00\x01\x02binary" * 20, "binary", None, "不是文本"),
        ("甲,乙\n1,2\n".encode(), "no_header", None, "找不到表头"),
        (TRIPS_WITHOUT_KEY.encode(), "missing_column", None, "缺少必填列：购置日期"),
        (TRIPS.splitlines()[0].encode() + b"\n", "no_rows", "trips", "没有数据行"),
    ],
    ids=["empty", "binary", "no header", "missing column", "header only"],
)
def test_a_file_that_cannot_be_committed_says_why_in_both_languages(
    tmp_path, data, problem, source, message_zh
):
    check = check_upload(Upload("export.csv", data), tmp_path, today=TODAY)

    assert check.problem == problem and check.source == source
    assert message_zh in check.report.message_zh
    assert check.report.message_en
    assert not check.is_accepted(1.0, confirmed=True)


@pytest.fixture(scope="module")
def payroll_check(tmp_path_factory):
    """The check of a payroll export with one bad row in three."""
    return checked("payroll.csv", PAYROLL, tmp_path_factory.mktemp("exports"))


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(0.0, True), (0.05, True), (1 / 3, False), (0.5, False), (1.0, False)],
)
def test_a_file_needs_confirmation_when_it_rejects_more_than_the_share(
    payroll_check, limit, expected
):
    assert payroll_check.rejected_share == pytest.approx(1 / 3)
    assert payroll_check.needs_confirmation(limit) is expected
    assert payroll_check.is_accepted(limit, confirmed=False) is not expected
    assert payroll_check.is_accepted(limit, confirmed=True)


def test_checking_writes_nothing_to_the_exports_and_leaves_no_temporary_file(
    tmp_path, monkeypatch
):
    exports = tmp_path / "exports"
    write_export(tmp_path, "vehicles", "vehicles.csv", VEHICLES)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = files_under(exports)

    checks = [
        checked("payroll.csv", PAYROLL, exports),
        check_upload(upload("车辆.csv", VEHICLES, encoding="gbk"), exports),
    ]

    assert [check.problem for check in checks] == [None, None]
    assert files_under(exports) == before
    assert list(scratch.iterdir()) == []


def test_a_file_whose_bytes_are_already_exported_is_found_by_the_check(tmp_path):
    existing = write_export(tmp_path, "vehicles", "vehicles-2025.csv", VEHICLES)

    check = checked("vehicles.csv", VEHICLES, tmp_path / "exports")

    assert check.existing_copy == existing


# The commit


def test_a_commit_writes_each_accepted_file_under_its_source_folder(tmp_path):
    exports = tmp_path / "exports"
    checks = [
        checked("vehicles.csv", VEHICLES, exports),
        checked("trips-2025-12.csv", TRIPS, exports),
    ]

    result = commit_uploads(checks, exports, confirm_reject_share=0.5)

    written = [path for _, path in result.written]
    assert written == [
        exports / "vehicles" / "vehicles.csv",
        exports / "trips" / "trips-2025-12.csv",
    ]
    assert written[0].read_bytes() == VEHICLES.encode()
    assert discover_exports(exports) == [
        (get_source("trips"), written[1]),
        (get_source("vehicles"), written[0]),
    ]
    assert files_under(exports).keys() == {
        "vehicles/vehicles.csv",
        "trips/trips-2025-12.csv",
    }


def test_a_commit_never_replaces_an_export_of_the_same_name(tmp_path):
    exports = tmp_path / "exports"
    old = write_export(tmp_path, "payroll", "payroll-2025-11.csv", PAYROLL)
    corrected = checked("payroll-2025-11.csv", PAYROLL_CORRECTED, exports)

    first = commit_uploads(
        [corrected], exports, confirm_reject_share=0.05, now=COMMITTED_AT
    )
    again = checked(
        "payroll-2025-11.csv", PAYROLL_CORRECTED + "E004,2025-11,1,1\n", exports
    )
    second = commit_uploads(
        [again], exports, confirm_reject_share=0.05, now=COMMITTED_AT
    )

    assert old.read_bytes() == PAYROLL.encode()
    [(_, renamed)] = first.written
    [(_, renamed_again)] = second.written
    assert renamed.name == "payroll-2025-11~20260115-103000.csv"
    assert renamed_again.name == "payroll-2025-11~20260115-103000~2.csv"
    assert renamed.read_bytes() == PAYROLL_CORRECTED.encode()
    # The build lets the file that sorts last win, so the later copies must sort last.
    assert [path for _, path in discover_exports(exports)] == [
        old,
        renamed,
        renamed_again,
    ]


def test_a_corrected_export_committed_beside_the_old_one_wins_in_the_build(
    tmp_path, settings
):
    write_export(tmp_path, "payroll", "payroll-2025-11.csv", PAYROLL)
    corrected = checked("payroll-2025-11.csv", PAYROLL_CORRECTED, settings.exports_dir)
    commit_uploads([corrected], settings.exports_dir, confirm_reject_share=0.05)

    build = build_database(settings, today=TODAY, derive=no_derived_tables)

    with duckdb.connect(str(build.build_file), read_only=True) as con:
        pay = con.sql(
            "select staff_no, gross_pay_yuan from payroll order by staff_no"
        ).fetchall()
    assert pay == [("E001", 6300.0), ("E002", 6100.0), ("E003", 5800.0)]


def test_a_file_whose_bytes_are_already_exported_is_skipped_by_the_commit(tmp_path):
    exports = tmp_path / "exports"
    existing = write_export(tmp_path, "vehicles", "vehicles-2025.csv", VEHICLES)
    before = files_under(exports)

    result = commit_uploads(
        [checked("vehicles.csv", VEHICLES, exports)], exports, confirm_reject_share=0.05
    )

    assert result.written == []
    assert [path for _, path in result.identical] == [existing]
    assert files_under(exports) == before


def test_the_same_file_twice_in_one_commit_is_written_once(tmp_path):
    exports = tmp_path / "exports"
    checks = [
        checked("vehicles.csv", VEHICLES, exports),
        checked("vehicles (1).csv", VEHICLES, exports),
    ]

    result = commit_uploads(checks, exports, confirm_reject_share=0.05)

    assert [path.name for _, path in result.written] == ["vehicles.csv"]
    assert [check.upload.name for check, _ in result.identical] == ["vehicles (1).csv"]


def test_a_file_rejecting_too_many_rows_is_committed_only_once_confirmed(tmp_path):
    exports = tmp_path / "exports"
    checks = [checked("payroll.csv", PAYROLL, exports)]

    refused = commit_uploads(checks, exports, confirm_reject_share=0.05)

    assert [code for _, code in refused.left_out] == [NEEDS_CONFIRMATION]
    assert not exports.exists()

    confirmed = commit_uploads(
        checks, exports, confirm_reject_share=0.05, confirmed={0}
    )

    assert [path for _, path in confirmed.written] == [
        exports / "payroll" / "payroll.csv"
    ]


def test_files_that_cannot_be_committed_are_left_out_even_when_confirmed(tmp_path):
    exports = tmp_path / "exports"
    checks = [
        checked("without-key.csv", TRIPS_WITHOUT_KEY, exports),
        checked("roster.csv", BARE_ROSTER, exports),
        checked("vehicles.csv", VEHICLES, exports),
    ]

    result = commit_uploads(
        checks, exports, confirm_reject_share=1.0, confirmed={0, 1, 2}
    )

    assert [code for _, code in result.left_out] == ["missing_column", CHOOSE_SOURCE]
    assert files_under(exports).keys() == {"vehicles/vehicles.csv"}


@pytest.mark.parametrize(
    ("uploaded", "saved"),
    [
        ("2025-03.csv", "2025-03.csv"),
        ("../../etc/passwd", "passwd.csv"),
        ("C:\\exports\\trips.CSV", "trips.CSV"),
        (".hidden.csv", "hidden.csv"),
        ("report.xlsx", "report.xlsx.csv"),
        ("rows.tsv", "rows.tsv"),
        ("", "upload.csv"),
    ],
)
def test_an_uploaded_name_becomes_a_file_name_the_build_reads(uploaded, saved):
    assert safe_file_name(uploaded) == saved


def test_a_long_chinese_file_name_is_cut_to_a_name_the_disk_takes_and_still_checks(
    tmp_path,
):
    long_name = "机关事务服务中心公务用车派车记录导出" * 8 + ".csv"

    name = safe_file_name(long_name)
    check = checked(long_name, VEHICLES, tmp_path / "exports")
    committed = commit_uploads(
        [check, check], tmp_path / "exports", confirm_reject_share=0.5
    )

    assert name.endswith(".csv") and name.startswith("机关事务服务中心")
    assert len(name.encode("utf-8")) <= 200
    assert check.report.status == "loaded" and check.report.rows_loaded == 2
    assert [path.name for _, path in committed.written] == [name]


def test_a_file_that_cannot_be_written_is_reported_and_the_others_are_saved(
    tmp_path,
):
    exports = tmp_path / "exports"
    checks = [
        checked("vehicles.csv", VEHICLES, exports),
        checked("trips-2025-12.csv", TRIPS, exports),
    ]
    # The trips folder's place is taken by a file, so nothing can be written in it.
    exports.mkdir()
    (exports / "trips").write_text("not a folder")

    result = commit_uploads(checks, exports, confirm_reject_share=0.5)

    assert [path for _, path in result.written] == [
        exports / "vehicles" / "vehicles.csv"
    ]
    [(check, error)] = result.failed
    assert check.upload.name == "trips-2025-12.csv" and error


# Settings


def test_the_share_that_needs_confirmation_is_read_from_the_settings(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[uploads]\nconfirm_reject_share = 0.2\n", encoding="utf-8")

    assert load_settings(path).upload_confirm_reject_share == 0.2
    assert load_settings().upload_confirm_reject_share == 0.05


@pytest.mark.parametrize("value", ['"5%"', "1.5", "-0.1", "true"])
def test_a_share_that_is_not_between_0_and_1_names_its_key(tmp_path, value):
    path = tmp_path / "settings.toml"
    path.write_text(f"[uploads]\nconfirm_reject_share = {value}\n", encoding="utf-8")

    with pytest.raises(SettingsError) as error:
        load_settings(path)
    assert error.value.key == "uploads.confirm_reject_share"


# The Data page


@pytest.fixture
def center(tmp_path) -> Path:
    """A small center with a database; returns its settings file."""
    write_export(tmp_path, "vehicles", "vehicles.csv", VEHICLES)
    write_export(tmp_path, "trips", "trips-2025.csv", TRIPS)
    settings_path = write_settings(tmp_path)
    build_database(load_settings(settings_path), today=TODAY, derive=no_derived_tables)
    return settings_path


def open_data_page(monkeypatch, settings_path: Path, language: str) -> AppTest:
    """Open the Data page against the settings file in the language."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(settings_path))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)
    app = AppTest.from_file(str(APP_PATH), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    return app.run().switch_page("pages/data.py").run().run()


def drop_files(app: AppTest, *files: tuple[str, str]) -> AppTest:
    """Drop files on the uploader and let the page check them."""
    uploader = app.file_uploader[0]
    uploader.set_value([(name, text.encode(), "text/csv") for name, text in files])
    return app.run()


def commit(app: AppTest) -> AppTest:
    """Press the commit button and let the page commit, rebuild and rerun."""
    # Every other AppTest run of this app leaves the sidebar's language switch out of
    # the tree, and a click sent from such a tree is dropped; a browser always sends
    # it. Click from a tree that has it.
    if not app.sidebar.segmented_control:
        app.run()
    return app.button(key=COMMIT_KEY).click().run()


def texts(app: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(app, kind)]


def table_text(app: AppTest) -> str:
    return "\n".join(table.value.to_csv() for table in app.dataframe)


def metric_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def assert_no_exception(app: AppTest) -> None:
    assert not app.exception, [element.value for element in app.exception]


def test_dropped_files_are_checked_and_explained_before_anything_is_saved(
    monkeypatch, center
):
    exports = center.parent / "exports"
    before = files_under(exports)
    app = open_data_page(monkeypatch, center, "zh")

    drop_files(
        app, ("payroll-2025-11.csv", PAYROLL), ("without-key.csv", TRIPS_WITHOUT_KEY)
    )

    assert_no_exception(app)
    metrics = metric_values(app)
    assert metrics["识别为"] == "薪酬"
    assert (metrics["将载入行数"], metrics["将拒收行数"]) == ("2", "1")
    rejected = app.dataframe[0].value
    assert rejected["原因"].tolist() == [PAYROLL_REASON_ZH]
    assert rejected["行号"].tolist() == [3]
    assert rejected["文件中的列名"].tolist() == ["应发工资"]
    errors = texts(app, "error")
    assert (
        len(errors) == 1 and "无法识别数据源" in errors[0] and "缺少必填列" in errors[0]
    )
    assert "拒收" in app.checkbox[0].label and not app.checkbox[0].value
    assert app.button(key=COMMIT_KEY).disabled
    assert files_under(exports) == before


def test_a_file_rejecting_too_many_rows_is_committed_after_the_tick(
    monkeypatch, center
):
    app = open_data_page(monkeypatch, center, "en")
    drop_files(app, ("payroll-2025-11.csv", PAYROLL))
    assert app.button(key=COMMIT_KEY).disabled

    app.checkbox[0].check().run()
    assert not app.button(key=COMMIT_KEY).disabled
    commit(app)

    assert_no_exception(app)
    saved = center.parent / "exports" / "payroll" / "payroll-2025-11.csv"
    assert saved.read_bytes() == PAYROLL.encode()
    assert "1 file(s) saved: payroll/payroll-2025-11.csv" in texts(app, "success")


def test_a_commit_copies_the_file_rebuilds_and_the_page_reads_the_new_build(
    monkeypatch, center
):
    database = load_settings(center).database_path
    previous_build = database.resolve()
    app = open_data_page(monkeypatch, center, "en")
    assert metric_values(app)["Export files"] == "2"

    drop_files(app, ("vehicles-2026.csv", NEW_VEHICLES))
    assert "1 file(s) can be committed" in " ".join(texts(app, "info"))
    commit(app)

    assert_no_exception(app)
    assert texts(app, "error") == []
    saved = center.parent / "exports" / "vehicles" / "vehicles-2026.csv"
    assert saved.read_bytes() == NEW_VEHICLES.encode()
    assert database.resolve() != previous_build
    successes = " ".join(texts(app, "success"))
    assert "The database is rebuilt: 3 files" in successes
    assert metric_values(app)["Export files"] == "3"
    assert "vehicles/vehicles-2026.csv" in table_text(app)
    assert app.file_uploader[0].value == []


def test_a_failed_build_says_why_and_the_previous_database_stays_current(
    monkeypatch, center
):
    database = load_settings(center).database_path
    previous_build = database.resolve()

    def failing_derive(con, settings):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr("onescreen.derive.derive_tables", failing_derive)
    app = open_data_page(monkeypatch, center, "zh")
    drop_files(app, ("vehicles-2026.csv", NEW_VEHICLES))
    commit(app)

    assert_no_exception(app)
    [error] = texts(app, "error")
    assert "数据库未能重新构建，仍在使用上一版数据库" in error
    assert "磁盘已满" in error
    assert database.resolve() == previous_build
    assert metric_values(app)["导出文件数"] == "2"


def test_a_file_already_among_the_exports_cannot_be_committed_again(
    monkeypatch, center
):
    app = open_data_page(monkeypatch, center, "en")

    drop_files(app, ("copy of vehicles.csv", VEHICLES))

    assert_no_exception(app)
    infos = " ".join(texts(app, "info"))
    assert "already there (vehicles/vehicles.csv)" in infos
    assert "There is no new file to commit." in infos
    assert app.button(key=COMMIT_KEY).disabled


def test_a_roster_that_fits_both_tracks_is_checked_once_its_source_is_chosen(
    monkeypatch, center
):
    app = open_data_page(monkeypatch, center, "en")
    drop_files(app, ("roster.csv", BARE_ROSTER))
    assert "choose the file's source" in " ".join(texts(app, "warning"))

    app.selectbox[0].set_value("staff_contract").run()

    assert_no_exception(app)
    [error] = texts(app, "error")
    assert "Checked as 'Contract staff'" in error and "no data rows" in error


def test_a_center_without_a_database_gets_its_first_build_from_an_upload(
    monkeypatch, tmp_path
):
    settings_path = write_settings(tmp_path)
    app = open_data_page(monkeypatch, settings_path, "en")
    assert "There is no database yet" in texts(app, "warning")[0]

    drop_files(app, ("vehicles.csv", VEHICLES))
    commit(app)

    assert_no_exception(app)
    assert load_settings(settings_path).database_path.exists()
    assert metric_values(app)["Export files"] == "1"


def test_the_rebuild_shows_its_progress_file_by_file(center):
    def rebuild(settings_path: str) -> None:
        from pathlib import Path

        from onescreen.settings import load_settings
        from onescreen.ui.uploads import rebuild_with_progress

        rebuild_with_progress(load_settings(Path(settings_path)), "en")

    app = AppTest.from_function(
        rebuild, args=(str(center),), default_timeout=APP_TIMEOUT_SECONDS
    ).run()

    assert_no_exception(app)
    assert app.status[0].state == "complete"
    assert app.status[0].label == "The database is rebuilt"
    assert app.progress[0].value == 100
    assert app.progress[0].text.startswith("Read 2 of 2 files")
