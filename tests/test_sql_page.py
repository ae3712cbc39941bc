"""The SQL page, opened with AppTest on the built demo center."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from onescreen import ui
from onescreen.settings import PROJECT_ROOT, load_settings
from onescreen.sqlguard import AUDIT_FILE_NAME
from onescreen.ui.sql import RUN_KEY, STATEMENT_KEY
from tests.test_app import APP_TIMEOUT_SECONDS, assert_no_failure, messages

TITLES = {"zh": "SQL 查询", "en": "SQL"}
REFUSALS = {"zh": "不允许 DROP", "en": "DROP is not allowed"}
OUTSIDE = {"zh": "只能查询分析数据", "en": "Only tables of the analysis data"}


def open_sql_page(monkeypatch, settings_path: Path, language: str) -> AppTest:
    """Run the app in `language`, then switch to the SQL page."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(settings_path))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)
    app = AppTest.from_file(
        str(PROJECT_ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS
    )
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    app.run()
    # The first run after a switch keeps the switch; widgets answer from the next one.
    return app.switch_page(str(PROJECT_ROOT / "pages" / "sql.py")).run().run()


def run_statement(app: AppTest, sql: str) -> AppTest:
    """Type a statement into the editor and press Run."""
    app.text_area(key=STATEMENT_KEY).input(sql)
    return app.button(key=RUN_KEY).click().run()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_page_opens_with_the_editor_and_the_schema(
    monkeypatch, demo_center, language
):
    app = open_sql_page(monkeypatch, demo_center, language)

    assert_no_failure(app)
    assert app.title[0].value == TITLES[language]
    assert app.text_area(key=STATEMENT_KEY).value
    assert "trips" in [expander.label for expander in app.expander]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_good_query_shows_its_rows_and_is_audited(monkeypatch, demo_center, language):
    app = open_sql_page(monkeypatch, demo_center, language)

    app = run_statement(
        app, "select plate, utilisation_ratio from vehicle_utilisation_by_year"
    )

    assert_no_failure(app)
    assert app.dataframe[-1].value.shape[0] > 0
    audit = load_settings(demo_center).local_dir / AUDIT_FILE_NAME
    last = json.loads(audit.read_text("utf-8").splitlines()[-1])
    assert last["outcome"] == "ok"
    assert last["user"] == "local"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_refused_query_shows_the_reason_in_the_page_language(
    monkeypatch, demo_center, language
):
    app = open_sql_page(monkeypatch, demo_center, language)

    app = run_statement(app, "drop table people")

    assert not app.exception
    assert REFUSALS[language] in messages(app, "error")[0]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_personal_data_outside_the_analysis_schema_is_refused(
    monkeypatch, demo_center, language
):
    app = open_sql_page(monkeypatch, demo_center, language)

    app = run_statement(app, "select name from main.people")

    assert not app.exception
    assert OUTSIDE[language] in messages(app, "error")[0]


def test_a_result_over_the_cap_says_it_was_cut(monkeypatch, demo_center):
    app = open_sql_page(monkeypatch, demo_center, "en")

    app = run_statement(app, "select * from range(20000)")

    assert_no_failure(app)
    assert app.dataframe[-1].value.shape[0] == 10_000
    assert any("more than 10,000 rows" in text for text in messages(app, "warning"))


@pytest.fixture
def one_second_limit(demo_center) -> Path:
    """Settings for the demo center whose SQL time limit is one second."""
    path = demo_center.with_name("settings_one_second.toml")
    path.write_text(
        demo_center.read_text("utf-8") + "[analysis]\nsql_time_limit_seconds = 1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("language", "stopped"),
    [("zh", "超过 1 秒的时限，已中止"), ("en", "ran past its 1-second limit")],
)
def test_a_query_over_the_time_limit_is_stopped_and_the_page_still_answers(
    monkeypatch, one_second_limit, language, stopped
):
    app = open_sql_page(monkeypatch, one_second_limit, language)

    app = run_statement(
        app, "select count(*) from range(100000000) a cross join range(100000000) b"
    )

    assert not app.exception
    assert any(stopped in text for text in messages(app, "warning"))
    audit = load_settings(one_second_limit).local_dir / AUDIT_FILE_NAME
    assert json.loads(audit.read_text("utf-8").splitlines()[-1])["outcome"] == "timeout"

    # AppTest drops a click sent in the same run as a second edit of the editor, so
    # the new statement is typed first and Run pressed on the next run.
    run_statement(app, "select 41 + 1 as answer")
    app = app.button(key=RUN_KEY).click().run()

    assert_no_failure(app)
    assert app.dataframe[-1].value["answer"].to_list() == [42]
