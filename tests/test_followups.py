"""The follow-up store: owner, due date and status per alert, kept through rebuilds."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb
import polars as pl
import pytest

from onescreen import followups
from onescreen.build import build_database
from onescreen.db import open_reader
from onescreen.settings import load_settings
from tests.test_app import TODAY, write_settings_file, write_small_exports
from tests.test_scoring import BUILT_AT, publish_small_center


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The hand-worked center, built and current."""
    return publish_small_center(tmp_path_factory.mktemp("followups"), "first")


@pytest.fixture
def center(database, tmp_path):
    """A cursor on the hand-worked center and a store of this test's own."""
    connection = open_reader(database.resolve())
    yield connection.cursor(), tmp_path / followups.STORE_FILE_NAME
    connection.close()


def key_of(cursor, rule: str, subject_id: str, period: str) -> str:
    return cursor.sql(
        "select alert_key from alerts where rule = $rule and subject_id = $subject "
        "and period_label = $period",
        params={"rule": rule, "subject": subject_id, "period": period},
    ).fetchall()[0][0]


def test_the_store_lives_beside_the_database(tmp_path):
    database = tmp_path / "data" / "center.duckdb"
    assert followups.store_path(database) == tmp_path / "data" / "followups.sqlite"


def test_the_latest_follow_up_of_an_alert_wins(tmp_path):
    store = tmp_path / "followups.sqlite"
    followups.set_followup(
        store, "k1", status="open", owner="张三", recorded_at=datetime(2025, 10, 1)
    )
    followups.set_followup(
        store,
        "k1",
        status="in_progress",
        owner="李四",
        due_date=date(2025, 10, 31),
        note="已约谈",
        recorded_by="办公室",
        recorded_at=datetime(2025, 10, 2),
    )
    row = followups.read_followups(store).row(0, named=True)
    assert (row["owner"], row["status"], row["due_date"], row["note"]) == (
        "李四",
        "in_progress",
        date(2025, 10, 31),
        "已约谈",
    )
    then = followups.read_followups(store, at=datetime(2025, 10, 1, 12))
    assert then["owner"].to_list() == ["张三"]


def test_an_unknown_status_is_refused(tmp_path):
    with pytest.raises(ValueError, match="status"):
        followups.set_followup(tmp_path / "f.sqlite", "k1", status="done")


def test_a_new_alert_is_open_and_unassigned(center):
    cursor, store = center
    alerts = followups.alerts_with_followups(cursor, store)
    assert set(alerts["followup_status"]) == {"open"}
    assert alerts["owner"].null_count() == alerts.height


def test_closing_an_alert_that_still_holds_shows_it_as_recurring(center):
    cursor, store = center
    red = key_of(cursor, "last_twice", "HD4", "2025-Q2")
    yellow = key_of(cursor, "last_once", "HD3", "2025-Q3")
    followups.set_followup(
        store, red, status="closed", recorded_at=BUILT_AT - timedelta(days=1)
    )
    followups.set_followup(
        store, yellow, status="closed", recorded_at=BUILT_AT + timedelta(days=1)
    )
    alerts = followups.alerts_with_followups(cursor, store)
    status = dict(alerts.select("alert_key", "followup_status").rows())
    assert status[red] == "recurring"
    assert status[yellow] == "closed"


def test_open_counts_leave_out_closed_alerts_and_match_the_list(center):
    cursor, store = center
    yellow = key_of(cursor, "last_once", "HD3", "2025-Q3")
    followups.set_followup(store, yellow, status="closed", recorded_at=datetime.now())
    counts = dict(
        ((domain, color), count)
        for domain, color, count in followups.open_alert_counts(cursor, store).rows()
    )
    assert counts == {
        ("data", "red"): 1,
        ("people", "green"): 3,
        ("people", "red"): 3,
        ("people", "yellow"): 2,
        ("workforce", "yellow"): 1,
    }
    listed = followups.alerts_with_followups(cursor, store).filter(pl.col("is_open"))
    assert listed.height == sum(counts.values())


def test_last_months_follow_up_lists_what_was_open_then_and_what_became_of_it(center):
    cursor, store = center
    now = BUILT_AT + timedelta(days=40)
    red = key_of(cursor, "last_twice", "HM3", "2025-Q3")
    closed_early = key_of(cursor, "commendation", "HM1", "2025-Q1")
    followups.set_followup(store, closed_early, status="closed", recorded_at=BUILT_AT)
    followups.set_followup(
        store,
        red,
        status="in_progress",
        owner="主任",
        recorded_at=now - timedelta(days=2),
    )
    review = followups.followup_a_month_ago(cursor, store, now)
    rows = dict(review.select("alert_key", "status_now").rows())
    assert closed_early not in rows
    assert rows[red] == "in_progress"
    assert set(review["status_then"]) == {"open"}


def test_the_follow_up_store_survives_a_rebuild(tmp_path):
    write_small_exports(tmp_path)
    settings = load_settings(write_settings_file(tmp_path))
    build_database(settings, today=TODAY)
    store = followups.store_path(settings.database_path)
    followups.set_followup(store, "k1", status="in_progress", owner="张三")
    before = store.read_bytes()

    build_database(settings, today=TODAY)

    assert store.read_bytes() == before
    assert followups.read_followups(store)["owner"].to_list() == ["张三"]
    with duckdb.connect(str(settings.database_path.resolve()), read_only=True) as con:
        tables = {
            row[0]
            for row in con.sql("select table_name from duckdb_tables()").fetchall()
        }
    assert {"alerts", "alert_history", "kpi_scores"} <= tables
