"""The build: atomic swap, failure keeps the previous database, hardened readers."""

from __future__ import annotations

import stat
import threading

import duckdb
import pytest

from onescreen.build import BuildError, build_database
from onescreen.db import Reader, fetch_scalar, resolve_current_build
from onescreen.sqlguard import open_analysis_connection
from onescreen.ui.cache import current_build_file
from tests.conftest import no_derived_tables, write_export

VEHICLE_HEADER = "车牌号,购置日期,车辆状态"


def write_vehicles(root, count: int, name: str = "v.csv") -> None:
    """Write a vehicle register with `count` vehicles."""
    rows = "\n".join(f"蒙H{index:05d},2020-01-01,在用" for index in range(count))
    write_export(root, "vehicles", name, f"{VEHICLE_HEADER}\n{rows}\n")


def count_vehicles(reader: Reader) -> int:
    """Count vehicles in the reader's current build."""
    return fetch_scalar(reader.cursor(), "select count(*) from vehicles")


def test_a_build_makes_a_new_file_current_and_keeps_the_manifest(settings):
    write_vehicles(settings.exports_dir.parent, 3)
    report = build_database(settings, derive=no_derived_tables)
    assert resolve_current_build(settings.database_path) == report.build_file.resolve()
    reader = Reader(settings.database_path)
    assert count_vehicles(reader) == 3
    assert fetch_scalar(reader.cursor(), "select rows_loaded from load_manifest") == 3
    reader.close()


def test_a_failed_build_leaves_the_previous_database_current(settings):
    write_vehicles(settings.exports_dir.parent, 3)
    first = build_database(settings, derive=no_derived_tables)
    write_vehicles(settings.exports_dir.parent, 5)

    def broken_derive(con, settings):
        raise RuntimeError("a derived table could not be made")

    with pytest.raises(BuildError) as raised:
        build_database(settings, derive=broken_derive)
    assert "上一版" in raised.value.message_zh and "previous" in raised.value.message_en
    assert resolve_current_build(settings.database_path) == first.build_file.resolve()
    assert not list(first.build_file.parent.glob(".*.building"))
    reader = Reader(settings.database_path)
    assert count_vehicles(reader) == 3
    reader.close()


def test_a_build_with_no_rows_at_all_is_refused(settings):
    (settings.exports_dir / "vehicles").mkdir(parents=True)
    (settings.exports_dir / "vehicles" / "empty.csv").write_text("")
    with pytest.raises(BuildError):
        build_database(settings, derive=no_derived_tables)
    assert not settings.database_path.exists()


def test_a_reader_querying_through_rebuilds_sees_no_errors_and_then_the_new_data(
    settings,
):
    root = settings.exports_dir.parent
    write_vehicles(root, 2)
    build_database(settings, derive=no_derived_tables)
    reader = Reader(settings.database_path)
    errors: list[Exception] = []
    seen: list[int] = []
    stop = threading.Event()

    def query_in_a_loop():
        while not stop.is_set():
            try:
                seen.append(count_vehicles(reader))
            except Exception as error:  # noqa: BLE001 - any error at all fails the test
                errors.append(error)

    thread = threading.Thread(target=query_in_a_loop)
    thread.start()
    for count in (4, 6, 8):
        write_vehicles(root, count)
        build_database(settings, derive=no_derived_tables)
    stop.set()
    thread.join()
    assert errors == []
    assert seen and set(seen) <= {2, 4, 6, 8}
    assert count_vehicles(reader) == 8
    reader.close()


def test_old_builds_are_pruned_to_the_newest_three(settings):
    for count in range(1, 6):
        write_vehicles(settings.exports_dir.parent, count)
        build_database(settings, derive=no_derived_tables)
    builds = list((settings.database_path.parent / "builds").glob("center-*.duckdb"))
    assert len(builds) == 3


def test_the_identity_hash_key_is_created_once_and_private(settings):
    write_vehicles(settings.exports_dir.parent, 1)
    build_database(settings, derive=no_derived_tables)
    key_file = settings.local_dir / "id_hash.key"
    first_key = key_file.read_text()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    build_database(settings, derive=no_derived_tables)
    assert key_file.read_text() == first_key


@pytest.mark.parametrize(
    "statement",
    [
        "select * from read_csv('/etc/passwd')",
        "select * from read_parquet('/tmp/anything.parquet')",
        "copy vehicles to '/tmp/stolen.csv'",
        "attach '/tmp/other.duckdb' as other",
        "install httpfs",
        "load httpfs",
        "set memory_limit = '20GB'",
        "set threads = 16",
        "set enable_external_access = true",
        "create table evil as select 1",
    ],
)
def test_the_dashboard_connection_refuses_files_extensions_settings_and_writes(
    settings, statement
):
    write_vehicles(settings.exports_dir.parent, 1)
    build_database(settings, derive=no_derived_tables)
    reader = Reader(settings.database_path)
    with pytest.raises(duckdb.Error):
        reader.cursor().sql(statement)
    assert count_vehicles(reader) == 1
    reader.close()


def test_references_to_unknown_vehicles_are_kept_and_listed_as_unmatched(settings):
    root = settings.exports_dir.parent
    write_vehicles(root, 1)
    write_export(
        root,
        "trips",
        "t.csv",
        "派车单号,车牌号,申请时间,状态\n"
        "PC1,蒙H00000,2025-03-01 08:00,已完成\n"
        "PC2,蒙X99999,2025-03-01 09:00,已完成\n",
    )
    build_database(settings, derive=no_derived_tables)
    reader = Reader(settings.database_path)
    cursor = reader.cursor()
    assert fetch_scalar(cursor, "select count(*) from trips") == 2
    unmatched = cursor.sql(
        "select source, column_name, value, source_line from unmatched_references"
    ).fetchall()
    assert unmatched == [("trips", "plate", "蒙X99999", 3)]
    reader.close()


def test_the_build_reports_progress_once_per_file(settings):
    root = settings.exports_dir.parent
    write_vehicles(root, 2, "a.csv")
    write_vehicles(root, 2, "b_same.csv")
    (settings.exports_dir / "vehicles" / "c_empty.csv").write_text("")
    seen: list[str] = []
    build_database(settings, derive=no_derived_tables, progress=seen.append)
    assert sorted(seen) == [
        "vehicles/a.csv",
        "vehicles/b_same.csv",
        "vehicles/c_empty.csv",
    ]


@pytest.mark.parametrize("value", ["lots", "1 gigabyte", "1GB; drop table trips"])
def test_a_memory_limit_that_is_not_a_size_is_refused_with_its_key(tmp_path, value):
    from onescreen.settings import SettingsError, load_settings

    path = tmp_path / "settings.toml"
    path.write_text(f'[build]\nmemory_limit = "{value}"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert "build.memory_limit" in raised.value.message_en


def test_settings_read_after_a_build_still_name_the_link_so_the_next_build_lands(
    tmp_path,
):
    from onescreen.settings import load_settings

    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(
        '[paths]\nexports = "exports"\ndatabase = "center.duckdb"\nlocal = "local"\n',
        encoding="utf-8",
    )
    write_vehicles(tmp_path, 1)
    build_database(load_settings(settings_file), derive=no_derived_tables)
    write_vehicles(tmp_path, 2)
    again = load_settings(settings_file)
    assert again.database_path == tmp_path / "center.duckdb"
    second = build_database(again, derive=no_derived_tables)
    assert second.build_file.parent == tmp_path / "builds"
    assert (
        resolve_current_build(tmp_path / "center.duckdb") == second.build_file.resolve()
    )


def test_the_build_keeps_none_of_the_readers_working_tables(settings):
    write_vehicles(settings.exports_dir.parent, 1)
    write_export(
        settings.exports_dir.parent,
        "vehicles",
        "bad.csv",
        f"{VEHICLE_HEADER}\nX,not a date,在用\n",
    )
    build_database(settings, derive=no_derived_tables)
    reader = Reader(settings.database_path)
    tables = {
        row[0]
        for row in reader.cursor()
        .sql("select table_name from information_schema.tables")
        .fetchall()
    }
    reader.close()
    assert not tables & {
        "csv_rejects",
        "csv_scans",
        "conflicts_found",
        "rejected_rows",
        "fast_rows",
    }
    assert "quarantine" in tables


def test_a_cursor_opened_after_a_rebuild_names_the_new_build_while_the_old_one_lives(
    settings,
):
    write_vehicles(settings.exports_dir.parent, 3)
    first = build_database(settings, derive=no_derived_tables)
    reader = Reader(settings.database_path)
    old_cursor = reader.cursor()
    assert current_build_file(old_cursor) == str(first.build_file.resolve())
    write_vehicles(settings.exports_dir.parent, 5)
    second = build_database(settings, derive=no_derived_tables)
    new_cursor = reader.cursor()
    assert current_build_file(new_cursor) == str(second.build_file.resolve())
    assert current_build_file(old_cursor) == str(first.build_file.resolve())
    assert fetch_scalar(new_cursor, "select count(*) from vehicles") == 5
    reader.close()


def test_the_sql_page_reader_moves_to_a_new_build_like_the_dashboard_reader(settings):
    write_vehicles(settings.exports_dir.parent, 3)
    build_database(settings, derive=no_derived_tables)
    reader = Reader(settings.database_path, opener=open_analysis_connection)
    count = "select count(*) from analysis.vehicles"
    assert fetch_scalar(reader.cursor(), count) == 3
    write_vehicles(settings.exports_dir.parent, 5)
    build_database(settings, derive=no_derived_tables)
    assert fetch_scalar(reader.cursor(), count) == 5
    reader.close()
