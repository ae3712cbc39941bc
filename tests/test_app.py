"""The app and the Data page, opened with AppTest on a small database; its queries."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from onescreen import ui
from onescreen.build import build_database
from onescreen.contracts import DATE, MONTH, SOURCES, TIMESTAMP
from onescreen.db import Reader, fetch_scalar, run_query
from onescreen.ingest import MANIFEST_SCHEMA, staging_columns
from onescreen.parsing import quote_identifier
from onescreen.settings import PROJECT_ROOT, Settings, load_settings
from tests.conftest import no_derived_tables, write_export

TODAY = date(2026, 1, 15)
AS_OF = date(2025, 12, 31)
APP_PATH = PROJECT_ROOT / "app.py"
APP_TIMEOUT_SECONDS = 30

PAYROLL_NOVEMBER = """工号,月份,应发工资,绩效工资
E001,2025-11,"6,200",800
E002,2025-11,abc,700
E003,2025年11月,5800元,600
"""
PAYROLL_DECEMBER = """工号,月份,应发工资,绩效工资
E001,2025-11,6300,800
E001,2025-12,6200,800
"""
VEHICLES = """车牌号,车辆类型,使用单位,购置日期,座位数,燃料类型,车辆状态
蒙H12345,轿车,办公室,2020-05-01,5,汽油,在用
蒙H23456,越野车,车队,2025-06-10,7,柴油,在用
"""
TRIPS = """派车单号,车牌号,驾驶员工号,申请时间,派车时间,出车时间,收车时间,状态
T001,蒙H12345,E001,2025-12-01 08:00,2025-12-01 08:10,2025-12-01 08:30,2025-12-01 12:00,已完成
T002,蒙H99999,E002,2025-12-30 09:00,2025-12-30 09:05,2025-12-30 09:20,2025-12-30 11:00,已完成
T003,蒙H23456,E001,2025-12-15 10:00,2025-12-15 09:00,,,已派车
"""
TRIPS_WITHOUT_KEY = """车牌号,目的地
蒙H12345,上都镇
"""
ENERGY = """建筑编号,月份,能源类型,用量,单位
B01,2025-09,电,12000,kWh
"""

PAYROLL_REASON_ZH = "「应发工资」“abc”不是有效的数字"
PAYROLL_REASON_EN = "is not a number"
TRIP_RULE_REASON_ZH = "派车时间早于申请时间"


def write_small_exports(root: Path) -> None:
    """Write a few small exports: one bad row each in two files, one bad file."""
    write_export(root, "payroll", "payroll-2025-11.csv", PAYROLL_NOVEMBER)
    write_export(root, "payroll", "payroll-2025-12.csv", PAYROLL_DECEMBER)
    write_export(root, "vehicles", "vehicles.csv", VEHICLES)
    write_export(root, "trips", "trips-2025.csv", TRIPS)
    write_export(root, "trips", "without-key.csv", TRIPS_WITHOUT_KEY)
    write_export(root, "energy_readings", "energy-2025-09.csv", ENERGY)


def write_settings_file(root: Path) -> Path:
    """Write a settings TOML whose data paths all live under `root`."""
    path = root / "settings.toml"
    paths = {
        "exports": root / "exports",
        "database": root / "center.duckdb",
        "local": root / "local",
    }
    lines = [
        "[paths]",
        *(f"{key} = {json.dumps(str(value))}" for key, value in paths.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def derive_calendar_only(
    con: duckdb.DuckDBPyConnection, settings: Settings
) -> list[str]:
    """Stand in for the derive step with a calendar: 2025 from the package, 2026 not."""
    con.execute(
        """
        create table calendar_days as
        select
            cast(day as date) as calendar_date,
            year(day) as year,
            month(day) as month,
            quarter(day) as quarter,
            isodow(day) < 6 as is_workday,
            if(year(day) = 2025, 'package', 'weekday') as calendar_source
        from range(date '2025-01-01', date '2027-01-01', interval 1 day) as days(day)
        """
    )
    return ["calendar_days"]


def make_center(root: Path, derive) -> Path:
    """Write exports and settings under `root` and build; return the settings file."""
    write_small_exports(root)
    settings_path = write_settings_file(root)
    build_database(load_settings(settings_path), today=TODAY, derive=derive)
    return settings_path


@pytest.fixture(scope="module")
def center(tmp_path_factory) -> Path:
    """Settings file of a small center built with a working-day calendar."""
    return make_center(tmp_path_factory.mktemp("center"), derive_calendar_only)


@pytest.fixture(scope="module")
def center_without_calendar(tmp_path_factory) -> Path:
    """Settings file of a small center built before the calendar existed."""
    return make_center(tmp_path_factory.mktemp("no_calendar"), no_derived_tables)


@pytest.fixture(scope="module")
def cursor(center):
    """A hardened read-only cursor on the small center's database."""
    reader = Reader(load_settings(center).database_path)
    yield reader.cursor()
    reader.close()


def open_app(monkeypatch, settings_path: Path, language: str | None = None) -> AppTest:
    """Open the Data page against the settings file, optionally with ?lang= in the URL."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(settings_path))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)
    app = AppTest.from_file(str(APP_PATH), default_timeout=APP_TIMEOUT_SECONDS)
    if language:
        app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    # The overview is the default page; these tests are about the Data page. AppTest
    # runs a page it switches to on its own once; the next run goes through app.py.
    return app.run().switch_page("pages/data.py").run().run()


def messages(app: AppTest, kind: str) -> list[str]:
    """Return the texts of one kind of message element (warning, info, ...)."""
    return [element.value for element in getattr(app, kind)]


def table_text(app: AppTest) -> str:
    """Return every table on the page as text."""
    return "\n".join(table.value.to_csv() for table in app.dataframe)


def assert_no_failure(app: AppTest) -> None:
    """Fail if the run raised or showed an error box."""
    assert not app.exception, [element.value for element in app.exception]
    assert messages(app, "error") == []


def test_the_data_page_in_chinese_shows_reasons_statuses_and_the_overdue_source(
    monkeypatch, center
):
    app = open_app(monkeypatch, center)

    assert_no_failure(app)
    assert app.title[0].value == "数据接入"
    text = table_text(app)
    assert PAYROLL_REASON_ZH in text
    assert TRIP_RULE_REASON_ZH in text
    assert "缺少必填列" in text and "trips/without-key.csv" in text
    assert "逾期未更新：能耗读数" in messages(app, "warning")
    assert {metric.value for metric in app.metric} >= {"2025-12-31", "2"}


def test_the_data_page_in_english_shows_reasons_and_statuses_in_english(
    monkeypatch, center
):
    app = open_app(monkeypatch, center, language="en")

    assert_no_failure(app)
    assert app.title[0].value == "Data intake"
    text = table_text(app)
    assert PAYROLL_REASON_EN in text and PAYROLL_REASON_ZH not in text
    assert "required column missing" in text and "缺少必填列" not in text
    assert "Overdue: Energy readings" in messages(app, "warning")
    headers = app.dataframe[0].value.columns.tolist()
    assert headers[:3] == ["Source", "Freshness", "Latest date"]


def test_the_language_switch_changes_the_page_and_keeps_it_in_the_url(
    monkeypatch, center
):
    app = open_app(monkeypatch, center)
    assert app.query_params[ui.LANGUAGE_QUERY_PARAM] == "zh"

    app.sidebar.segmented_control[0].set_value("en").run()

    # AppTest does not report the URL after a rerun; test_browser checks it there.
    assert app.title[0].value == "Data intake"
    assert_no_failure(app)


def test_quarantined_rows_can_be_narrowed_by_source_file_and_problem(
    monkeypatch, center
):
    app = open_app(monkeypatch, center)
    rejected = app.dataframe[2].value
    assert len(rejected) == 2

    app.selectbox(key="quarantine_source").set_value("trips").run()
    assert app.selectbox(key="quarantine_file").options == [
        "全部",
        "trips/trips-2025.csv",
    ]
    rejected = app.dataframe[2].value
    assert rejected["原因"].tolist() == [TRIP_RULE_REASON_ZH]
    assert rejected["行号"].tolist() == [4]
    assert rejected["列"].tolist() == ["派车时间"]

    app.selectbox(key="quarantine_error_code").set_value(
        "dispatch_before_request"
    ).run()
    assert len(app.dataframe[2].value) == 1
    assert_no_failure(app)


def test_the_calendar_tab_warns_about_years_the_holiday_package_does_not_cover(
    monkeypatch, center
):
    app = open_app(monkeypatch, center)

    warnings = messages(app, "warning")
    assert any("2026 年的法定节假日和调休未知" in text for text in warnings)


def test_a_build_without_a_calendar_says_so_instead_of_failing(
    monkeypatch, center_without_calendar
):
    app = open_app(monkeypatch, center_without_calendar, language="en")

    assert_no_failure(app)
    assert "The working-day calendar has not been built yet" in " ".join(
        messages(app, "info")
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh", "还没有数据库"), ("en", "There is no database yet")],
)
def test_with_no_database_the_page_says_how_to_build_one(
    monkeypatch, tmp_path, language, expected
):
    app = open_app(monkeypatch, write_settings_file(tmp_path), language=language)

    assert_no_failure(app)
    warning = messages(app, "warning")[0]
    assert expected in warning
    assert "make run" in warning and "python -m onescreen build" in warning
    assert str(tmp_path / "exports") in messages(app, "info")[0]


def test_with_exports_but_no_database_the_page_counts_the_waiting_files(
    monkeypatch, tmp_path
):
    write_small_exports(tmp_path)
    app = open_app(monkeypatch, write_settings_file(tmp_path), language="en")

    assert_no_failure(app)
    assert "6 export file(s)" in messages(app, "info")[0]


def test_a_broken_settings_file_is_reported_in_the_page(monkeypatch, tmp_path):
    settings_path = tmp_path / "settings.toml"
    settings_path.write_text("[paths\n", encoding="utf-8")

    app = open_app(monkeypatch, settings_path)

    assert not app.exception
    assert "配置文件有误" in messages(app, "error")[0]


def test_a_database_that_is_not_duckdb_is_reported_in_the_page(monkeypatch, tmp_path):
    settings_path = write_settings_file(tmp_path)
    (tmp_path / "center.duckdb").write_bytes(b"not a database at all" * 100)

    app = open_app(monkeypatch, settings_path, language="en")

    assert not app.exception
    assert "cannot be opened" in messages(app, "error")[0]


def test_a_build_missing_one_table_shows_the_rest_of_the_page(
    monkeypatch, center, tmp_path
):
    settings_path = write_settings_file(tmp_path)
    build_file = load_settings(center).database_path.resolve()
    shutil.copyfile(build_file, tmp_path / "center.duckdb")
    with duckdb.connect(str(tmp_path / "center.duckdb")) as con:
        con.execute("drop table duplicate_conflicts")

    app = open_app(monkeypatch, settings_path, language="en")

    assert not app.exception
    assert len(messages(app, "error")) == 1
    assert "duplicate_key_conflicts" in messages(app, "error")[0]
    assert PAYROLL_REASON_EN in table_text(app)


def test_the_ui_module_reads_the_database_variable_relative_to_the_project():
    settings = ui.settings_from_environment(
        {ui.DATABASE_VARIABLE: "elsewhere/x.duckdb"}
    )
    assert settings.database_path == PROJECT_ROOT / "elsewhere" / "x.duckdb"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_csv_downloads_start_with_a_bom_and_carry_headers_in_the_language(
    cursor, language
):
    manifest = run_query(cursor, "load_manifest")
    data = ui.csv_bytes(ui.manifest_table(manifest, language))

    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].decode("utf-8").splitlines()[0]
    assert header.startswith(
        "文件,数据源,状态" if language == "zh" else "File,Source,Status"
    )


def test_source_freshness_has_one_row_per_source_in_contract_order(cursor):
    freshness = run_query(
        cursor, "source_freshness", source_contracts=ui.source_contract_rows()
    )

    assert freshness.get_column("source").to_list() == [s.name for s in SOURCES]
    assert freshness.get_column("freshness_status").null_count() == 0
    statuses = dict(freshness.select("source", "freshness_status").iter_rows())
    assert statuses["energy_readings"] == "stale"
    assert statuses["payroll"] == "current"
    assert statuses["gps_points"] == "not_supplied"
    assert statuses["staff_established"] == "empty"
    assert statuses["targets"] == "empty"


def latest_date_of(cursor, source) -> date | None:
    """Compute a source's latest date straight from its contract's freshness column."""
    if source.freshness_column is None:
        return None
    column = quote_identifier(source.freshness_column)
    kind = source.column(source.freshness_column).kind
    value = {
        MONTH: f"last_day(max({column}))",
        TIMESTAMP: f"cast(max({column}) as date)",
    }
    expression = value.get(kind, f"max({column})")
    assert kind in (DATE, MONTH, TIMESTAMP)
    return fetch_scalar(
        cursor, f"select {expression} from {quote_identifier(source.name)}"
    )


def test_source_freshness_reads_each_contracts_freshness_column(cursor):
    freshness = run_query(
        cursor, "source_freshness", source_contracts=ui.source_contract_rows()
    )
    latest = dict(freshness.select("source", "latest_date").iter_rows())

    for source in SOURCES:
        assert latest[source.name] == latest_date_of(cursor, source), source.name


def empty_build() -> duckdb.DuckDBPyConnection:
    """Return an in-memory database with every table source_freshness reads, empty."""
    con = duckdb.connect()
    for source in SOURCES:
        columns = ", ".join(
            f"{quote_identifier(name)} {kind}" for name, kind in staging_columns(source)
        )
        con.execute(f"create table {quote_identifier(source.name)} ({columns})")
    con.execute(
        "create table build_info as select 'test' as center_id, "
        "$as_of as as_of_date, now() as built_at",
        {"as_of": AS_OF},
    )
    con.register("manifest_frame", pl.DataFrame(schema=MANIFEST_SCHEMA))
    con.execute("create table load_manifest as select * from manifest_frame")
    return con


@pytest.mark.parametrize(
    ("table", "column", "latest", "expected_stale"),
    [
        ("training", "start_date", AS_OF, False),
        ("training", "start_date", AS_OF - timedelta(days=92), False),
        ("training", "start_date", AS_OF - timedelta(days=93), True),
        ("payroll", "month", date(2025, 11, 1), False),
        ("payroll", "month", date(2025, 10, 1), True),
        ("trips", "requested_at", date(2025, 11, 30), False),
        ("trips", "requested_at", date(2025, 11, 29), True),
    ],
)
def test_a_source_is_stale_once_its_latest_date_is_older_than_its_cadence(
    table, column, latest, expected_stale
):
    con = empty_build()
    con.execute(f"insert into {table} ({column}) values ($latest)", {"latest": latest})

    freshness = run_query(
        con, "source_freshness", source_contracts=ui.source_contract_rows()
    )

    row = freshness.filter(pl.col("source") == table).row(0, named=True)
    assert row["is_stale"] is expected_stale
    assert row["freshness_status"] == ("stale" if expected_stale else "current")


def test_load_manifest_has_one_row_per_file_with_the_bad_file_not_loaded(cursor):
    manifest = run_query(cursor, "load_manifest")

    assert manifest.get_column("file_path").is_duplicated().sum() == 0
    assert manifest.height == 6
    bad = manifest.filter(pl.col("file_path") == "trips/without-key.csv").row(
        0, named=True
    )
    assert bad["status"] == "missing_column" and bad["is_loaded"] is False
    assert bad["message_zh"] and bad["message_en"]


@pytest.mark.parametrize(
    ("filters", "expected_codes"),
    [
        ({}, ["bad_number", "dispatch_before_request"]),
        ({"source": "payroll"}, ["bad_number"]),
        ({"file_path": "trips/trips-2025.csv"}, ["dispatch_before_request"]),
        ({"error_code": "bad_number"}, ["bad_number"]),
        ({"source": "payroll", "error_code": "dispatch_before_request"}, []),
    ],
)
def test_quarantined_rows_are_narrowed_by_their_parameters(
    cursor, filters, expected_codes
):
    rejected = run_query(
        cursor, "quarantined_rows", **{**ui.no_quarantine_filters(), **filters}
    )

    assert sorted(rejected.get_column("error_code").to_list()) == expected_codes
    assert (
        rejected.select("file_path", "line_number").null_count().sum_horizontal()[0]
        == 0
    )


def test_build_summary_is_one_row_that_agrees_with_the_manifest(cursor):
    summary = run_query(cursor, "build_summary")

    assert summary.height == 1
    row = summary.row(0, named=True)
    assert row["as_of_date"] == AS_OF
    assert row["file_count"] == 6
    assert row["failed_file_count"] == 1
    assert row["rejected_row_count"] == 2


def test_duplicate_key_conflicts_list_where_each_copy_is(cursor):
    conflicts = run_query(cursor, "duplicate_key_conflicts")

    assert conflicts.height == 1
    row = conflicts.row(0, named=True)
    assert row["source"] == "payroll" and "E001" in row["natural_key"]
    assert "payroll-2025-11.csv:2" in row["copy_locations"]
    assert "payroll-2025-12.csv:2" in row["copy_locations"]


def test_unmatched_reference_values_are_one_row_per_value(cursor):
    unmatched = run_query(cursor, "unmatched_reference_values")

    key = ["source", "column_name", "target_source", "value"]
    assert unmatched.select(key).is_duplicated().sum() == 0
    plate = unmatched.filter(pl.col("value") == "蒙H99999").row(0, named=True)
    assert plate["target_source"] == "vehicles" and plate["row_count"] == 1
    assert plate["example_location"] == "trips/trips-2025.csv:3"


def test_calendar_coverage_is_one_row_per_year_with_its_weakest_source(cursor):
    coverage = run_query(cursor, "calendar_coverage")

    assert coverage.get_column("year").to_list() == [2025, 2026]
    assert coverage.get_column("calendar_source").to_list() == ["package", "weekday"]
    assert coverage.get_column("is_covered_by_package").to_list() == [True, False]


SHOWN_TABLES = [
    (
        "source_freshness",
        {"source_contracts": ui.source_contract_rows()},
        ui.freshness_table,
    ),
    ("load_manifest", {}, ui.manifest_table),
    ("quarantined_rows", ui.no_quarantine_filters(), ui.quarantine_table),
    ("duplicate_key_conflicts", {}, ui.duplicates_table),
    ("unmatched_reference_values", {}, ui.unmatched_table),
    ("calendar_coverage", {}, ui.calendar_table),
]


@pytest.mark.parametrize(
    ("name", "params", "shown_as"), SHOWN_TABLES, ids=[row[0] for row in SHOWN_TABLES]
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_table_is_shown_with_unique_headers_in_the_language(
    cursor, name, params, shown_as, language
):
    shown = shown_as(run_query(cursor, name, **params), language)

    assert shown.height > 0
    assert len(set(shown.columns)) == shown.width
    assert not any("_" in header for header in shown.columns)


def test_the_dashboard_runs_no_python_function_inside_a_polars_expression():
    # Polars runs such a function on its worker threads, which then wait for the GIL;
    # with many sessions at once the server deadlocked. ui.python_mapped does it safely.
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for pattern in ("app.py", "pages/*.py", "onescreen/ui/*.py")
        for path in PROJECT_ROOT.glob(pattern)
        if re.search(r"\.(map_elements|map_batches)\(", path.read_text("utf-8"))
    ]
    assert offenders == []


def test_python_mapped_keeps_nulls_unless_told_otherwise():
    frame = pl.DataFrame({"name": ["张三", None]})
    assert ui.python_mapped(frame, "name", lambda v: f"<{v}>").to_list() == [
        "<张三>",
        None,
    ]
    shown = ui.python_mapped(frame, "name", str, "text", skip_nulls=False)
    assert shown.name == "text" and shown.to_list() == ["张三", "None"]


@pytest.mark.parametrize(
    ("language", "expected"), [("zh", "此页出错"), ("en", "ran into an error")]
)
def test_a_page_that_fails_says_so_in_the_users_language(
    monkeypatch, center, language, expected
):
    def broken_header(page, language):
        raise RuntimeError("a bug in a page")

    monkeypatch.setattr(ui, "show_page_header", broken_header)
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(center))
    app = AppTest.from_file(str(APP_PATH), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language

    app.run()

    assert app.exception
    [message] = messages(app, "error")
    assert expected in message
