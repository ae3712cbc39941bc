"""The overview and property pages on the demo database, with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from onescreen import ui
from onescreen.periods import Period
from onescreen.settings import PROJECT_ROOT

APP_PATH = str(PROJECT_ROOT / "app.py")
TIMEOUT_SECONDS = 60
PAGES = {"overview": "pages/overview.py", "property": "pages/property.py"}
REGISTRATION_PROGRESS = "70.26%"


def absolute_settings(settings_path: Path) -> Path:
    """Write beside `settings_path` a copy whose data paths are absolute."""
    root = settings_path.parent
    path = root / "absolute_settings.toml"
    lines = ["[paths]"] + [
        f'{key} = "{root / name}"'
        for key, name in (
            ("exports", "exports"),
            ("database", "center.duckdb"),
            ("local", "local"),
        )
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_settings(demo_center) -> Path:
    """Settings of the demo center that the app reads from any working folder."""
    return absolute_settings(demo_center)


@pytest.fixture(autouse=True)
def demo_environment(demo_settings, monkeypatch):
    """Point the app at the demo center built by the command line."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(demo_settings))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)


def open_page(page: str, **query) -> AppTest:
    """Run the app with `query` in the URL, then open `page`."""
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    # AppTest runs a page it switches to on its own once; the next run is through
    # app.py's navigation, as in a browser.
    return app.switch_page(PAGES[page]).run().run()


def metric_values(app: AppTest) -> dict[str, str]:
    """Return each tile's label (without its stale badge) and value."""
    return {metric.label.split(" :red-badge")[0]: metric.value for metric in app.metric}


def texts(app: AppTest) -> str:
    """Return the page's captions, infos and markdown as one text."""
    parts = [element.value for element in app.caption]
    parts += [element.value for element in app.info]
    parts += [element.value for element in app.markdown]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("projector", ["0", "1"])
@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_opens_in_each_language_and_mode_with_the_key_figure(
    page, language, projector
):
    app = open_page(page, lang=language, projector=projector)
    assert not app.exception
    assert not app.error
    assert REGISTRATION_PROGRESS in metric_values(app).values()


def test_the_overview_is_the_page_a_first_visit_opens():
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    app.run()
    assert app.title[0].value == "一屏统管"
    assert REGISTRATION_PROGRESS in metric_values(app).values()


def test_the_default_period_is_the_latest_complete_month_and_goes_in_the_url():
    app = open_page("overview", lang="en")
    assert app.query_params["period"] == "2025-12"
    assert "Dec 2025" in texts(app)


def test_a_period_in_the_url_is_the_period_shown():
    app = open_page("overview", lang="en", period="2025-Q3")
    assert app.selectbox(key="controls_widget.period").value == Period(
        "quarter", 2025, 3
    )
    assert "Q3 2025" in texts(app)


def test_choosing_a_year_without_a_task_changes_the_registration_tile():
    app = open_page("overview", lang="en")
    before = metric_values(app)
    app.segmented_control(key="controls_widget.period_kind").set_value("year").run()
    app.selectbox(key="controls_widget.period").set_value(Period("year", 2024)).run()
    after = metric_values(app)
    assert app.query_params["period"] == "2024"
    assert before["Registration progress"] == REGISTRATION_PROGRESS
    assert after["Registration progress"] == "—"
    assert after["Fleet utilisation"] != before["Fleet utilisation"]


def test_choosing_a_track_changes_the_headcount_and_the_url():
    app = open_page("overview", lang="en")
    everyone = int(metric_values(app)["Headcount"])
    app.selectbox(key="controls_widget.track").set_value("contract").run()
    assert 0 < int(metric_values(app)["Headcount"]) < everyone
    assert app.query_params["track"] == "contract"


def test_choosing_a_department_changes_the_satisfaction_tile():
    app = open_page("overview", lang="en", period="2025")
    before = metric_values(app)["Service satisfaction"]
    app.selectbox(key="controls_widget.department").set_value("办公室").run()
    assert app.query_params["dept"] == "办公室"
    assert metric_values(app)["Service satisfaction"] != before


def test_the_property_page_says_when_a_year_has_no_task():
    app = open_page("property", lang="en", period="2023")
    assert not app.exception
    assert "no registration task or target for 2023" in texts(app)


def test_the_property_lead_department_filter_narrows_the_problems():
    app = open_page("property", lang="en")
    every_row = len(app.dataframe[-1].value)
    app.selectbox(key="property_lead_department").set_value("财政局").run()
    assert not app.exception
    assert len(app.dataframe[-1].value) < every_row


def test_a_tile_whose_source_is_overdue_carries_a_stale_badge():
    # The demo's building ledger was last exported 35 days before the as-of date.
    app = open_page("overview", lang="en")
    labels = [metric.label for metric in app.metric]
    assert "Registration progress :red-badge[⚠️ Stale data]" in labels
    assert "Service satisfaction" in labels


def test_projector_mode_hides_the_sidebar_and_offers_a_way_out():
    app = open_page("overview", lang="en", projector="1")
    styles = "".join(str(element.proto) for element in app.get("html"))
    assert "stSidebar" in styles
    app.button(key="exit_projector").click().run()
    assert "projector" not in app.query_params


@pytest.mark.parametrize("page", sorted(PAGES))
def test_without_a_database_each_page_says_how_to_build_one(
    page, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv(ui.DATABASE_VARIABLE, str(tmp_path / "none.duckdb"))
    app = open_page(page, lang="en")
    assert not app.exception
    assert any("no database yet" in warning.value for warning in app.warning)


def test_on_the_projector_the_urgent_alerts_mask_people_s_names():
    from onescreen.ui.alerts import alert_message

    row = {
        "message_zh": "程永敬 连续两个季度排名末位",
        "subject_type": "person",
        "subject_name": "程永敬",
    }
    assert alert_message(row, "zh", names_in_full=False) == "程** 连续两个季度排名末位"
    assert alert_message(row, "zh", names_in_full=True).startswith("程永敬")
