"""The Leaderboards and Alerts pages, opened with AppTest on the hand-worked center."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from onescreen import followups, ui
from onescreen.db import Reader
from onescreen.settings import PROJECT_ROOT, load_settings
from onescreen.ui.kpi import mask_name
from tests.test_app import (
    APP_TIMEOUT_SECONDS,
    assert_no_failure,
    table_text,
    write_settings_file,
)
from tests.test_scoring import publish_small_center

PAGES = {
    "leaderboards": PROJECT_ROOT / "pages" / "leaderboards.py",
    "alerts": PROJECT_ROOT / "pages" / "alerts.py",
}
TITLES = {
    ("leaderboards", "zh"): "季度排行",
    ("leaderboards", "en"): "Leaderboards",
    ("alerts", "zh"): "预警闭环",
    ("alerts", "en"): "Alerts",
}


@pytest.fixture(scope="module")
def center(tmp_path_factory) -> Path:
    """Settings file of the hand-worked center, built and current."""
    root = tmp_path_factory.mktemp("kpi_pages")
    publish_small_center(root, "first")
    return write_settings_file(root)


def open_page(
    monkeypatch, settings_path: Path, page: str, language: str, projector: bool = False
) -> AppTest:
    """Run the app in `language`, then switch to `page`."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(settings_path))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)
    app = AppTest.from_file(
        str(PROJECT_ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS
    )
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    if projector:
        app.query_params["projector"] = "1"
    app.run()
    return app.switch_page(str(PAGES[page])).run()


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_page_opens_in_both_languages(monkeypatch, center, page, language):
    app = open_page(monkeypatch, center, page, language)
    assert_no_failure(app)
    assert app.title[0].value == TITLES[(page, language)]
    assert app.dataframe


@pytest.mark.parametrize(
    ("language", "headers"),
    [
        ("zh", ["中心排名", "名次变化", "等次"]),
        ("en", ["Center rank", "Rank change", "Grade"]),
    ],
)
def test_the_leaderboard_shows_ranks_arrows_and_grades(
    monkeypatch, center, language, headers
):
    app = open_page(monkeypatch, center, "leaderboards", language)
    ranking = app.dataframe[0].value
    for header in headers:
        assert header in ranking.columns
    text = table_text(app)
    assert "吴六" in text and "↑1" in text and "↓2" in text
    assert "center_rank" not in text


def test_choosing_a_quarter_and_family_narrows_the_leaderboard(monkeypatch, center):
    app = open_page(monkeypatch, center, "leaderboards", "en")
    quarters = app.selectbox(key="kpi_quarter")
    quarters.select(quarters.options[1]).run()
    app.selectbox(key="kpi_family").set_value("drivers").run()
    assert_no_failure(app)
    names = set(app.dataframe[0].value.iloc[:, 3])
    assert names == {"赵一", "钱二", "孙三", "李四"}
    assert "郑七" in table_text(app)  # the 诫勉谈话 list of Q2


def test_the_projector_masks_names_on_both_pages(monkeypatch, center):
    for page in PAGES:
        app = open_page(monkeypatch, center, page, "zh", projector=True)
        assert_no_failure(app)
        text = table_text(app)
        assert "郑七" not in text and mask_name("郑七") in text


def test_the_alert_counts_match_the_open_alerts(monkeypatch, center):
    app = open_page(monkeypatch, center, "alerts", "en")
    shown = {metric.label.split()[-1]: int(metric.value) for metric in app.metric}
    settings = load_settings(center)
    reader = Reader(settings.database_path)
    counts = followups.open_alert_counts(
        reader.cursor(), followups.store_path(settings.database_path)
    )
    reader.close()
    totals = {color: 0 for color in ("red", "yellow", "green")}
    for _, color, count in counts.rows():
        totals[color] += count
    assert shown == {
        "Red": totals["red"],
        "Yellow": totals["yellow"],
        "Green": totals["green"],
    }


def test_an_owner_and_status_set_on_the_page_are_kept(monkeypatch, center):
    app = open_page(monkeypatch, center, "alerts", "en")
    app.multiselect(key="alerts_color").set_value(["red"]).run()
    app.main.text_input[0].input("Director Wang")
    app.main.selectbox[-1].select("in_progress")
    app.main.button[0].click().run()
    assert_no_failure(app)
    assert app.success

    settings = load_settings(center)
    stored = followups.read_followups(followups.store_path(settings.database_path))
    assert stored["owner"].to_list() == ["Director Wang"]
    assert stored["status"].to_list() == ["in_progress"]
    app = open_page(monkeypatch, center, "alerts", "en")
    app.multiselect(key="alerts_owner").set_value(["Director Wang"]).run()
    assert len(app.dataframe[0].value) == 1


def test_each_alert_shows_the_rows_behind_it(monkeypatch, center):
    app = open_page(monkeypatch, center, "alerts", "zh")
    app.multiselect(key="alerts_domain").set_value(["people"]).run()
    assert_no_failure(app)
    assert any("月份" in table.value.columns for table in app.dataframe)


def test_the_demo_alert_counts_are_the_ones_the_overview_reads(
    monkeypatch, demo_center
):
    root = demo_center.parent
    settings_path = root / "kpi_pages_settings.toml"
    settings_path.write_text(
        f'[paths]\ndatabase = "{root / "center.duckdb"}"\n'
        f'exports = "{root / "exports"}"\nlocal = "{root / "local"}"\n',
        encoding="utf-8",
    )
    app = open_page(monkeypatch, settings_path, "alerts", "en")
    assert_no_failure(app)
    shown = {metric.label.split()[-1]: int(metric.value) for metric in app.metric}
    database = load_settings(settings_path).database_path
    reader = Reader(database)
    counts = followups.open_alert_counts(
        reader.cursor(), followups.store_path(database)
    )
    reader.close()
    by_color = dict(counts.group_by("color").agg(pl.col("alert_count").sum()).rows())
    assert shown == {
        "Red": by_color["red"],
        "Yellow": by_color["yellow"],
        "Green": by_color["green"],
    }
    assert min(shown.values()) > 0


def controls_widget(name: str) -> str:
    """Return the key of a global control's widget."""
    from onescreen.ui.controls import WIDGET_PREFIX

    return WIDGET_PREFIX + name


def test_the_leaderboard_honours_the_global_track(monkeypatch, center):
    app = open_page(monkeypatch, center, "leaderboards", "en")
    everyone = len(app.dataframe[0].value)
    app.sidebar.selectbox(key=controls_widget("track")).set_value("contract").run()
    assert_no_failure(app)
    contract = len(app.dataframe[0].value) if app.dataframe else 0
    app.sidebar.selectbox(key=controls_widget("track")).set_value("established").run()
    established = len(app.dataframe[0].value) if app.dataframe else 0
    # The hand-worked center is all 编制内: the contract track holds nobody.
    assert (contract, established) == (0, everyone)
