"""The Fleet, Energy, Service and Workforce pages on the demo database, with AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from onescreen import ui
from onescreen.i18n import t
from onescreen.settings import PROJECT_ROOT
from onescreen.ui import domains

APP_PATH = str(PROJECT_ROOT / "app.py")
TIMEOUT_SECONDS = 60
PAGES = {
    "fleet": "pages/fleet.py",
    "energy": "pages/energy.py",
    "service": "pages/service.py",
    "workforce": "pages/workforce.py",
}
# page: (period, tile label in zh and en, the value the demo gives it)
KEY_FIGURES = {
    "fleet": ("2023", ("车辆使用率", "Fleet utilisation"), "57.5%"),
    "energy": ("2025", ("能耗较基准年", "Energy against baseline"), "-4.8%"),
    "service": ("2025", ("好差评满意率", "Service satisfaction"), "95.8%"),
    "workforce": ("2025", ("编制内", "Established"), None),
}
UTILISATION_CHANGE = {"zh": ("+15.0%", "+7.5 个百分点"), "en": ("+15.0%", "+7.5 pts")}
pytestmark = pytest.mark.slow


def write_absolute_settings(settings_path: Path) -> Path:
    """Write beside `settings_path` a copy whose data paths are absolute."""
    root = settings_path.parent
    path = root / "domain_settings.toml"
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


@pytest.fixture(autouse=True)
def demo_environment(demo_center, monkeypatch):
    """Point the app at the demo center built by the command line."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(write_absolute_settings(demo_center)))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)


def open_page(page: str, **query: str) -> AppTest:
    """Run the app with `query` in the URL, then open `page`."""
    app = AppTest.from_file(APP_PATH, default_timeout=TIMEOUT_SECONDS)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGES[page])
    app.run()
    return app


def tiles(app: AppTest) -> dict[str, tuple[str, str]]:
    """Return each tile's label with its value and delta."""
    return {metric.label: (metric.value, metric.delta) for metric in app.metric}


def assert_no_failure(app: AppTest) -> None:
    """Fail if the run raised or showed an error box."""
    assert not app.exception, [element.value for element in app.exception]
    assert [element.value for element in app.error] == []


@pytest.mark.parametrize("projector", ["0", "1"])
@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_opens_in_each_language_and_mode_with_its_key_figure(
    page, language, projector
):
    period, labels, value = KEY_FIGURES[page]
    app = open_page(page, lang=language, projector=projector, period=period)
    assert_no_failure(app)
    label = labels[0 if language == "zh" else 1]
    assert label in tiles(app)
    if value is not None:
        assert tiles(app)[label][0] == value
    assert app.dataframe, "every page shows the rows behind its figures"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_fleet_page_shows_the_2023_utilisation_change_in_percent_and_points(
    language,
):
    app = open_page("fleet", lang=language, period="2023")
    label = "车辆使用率" if language == "zh" else "Fleet utilisation"
    value, delta = tiles(app)[label]
    assert value == "57.5%"
    relative, points = UTILISATION_CHANGE[language]
    assert relative in delta and points in delta
    if language == "zh":
        assert delta.startswith("同比")


def test_changing_the_period_changes_the_fleet_utilisation():
    app = open_page("fleet", lang="en", period="2022")
    assert tiles(app)["Fleet utilisation"][0] == "50.0%"
    app.selectbox(key="controls_widget.period").select_index(1).run()
    assert_no_failure(app)
    assert tiles(app)["Fleet utilisation"][0] != "50.0%"


def test_choosing_a_track_changes_the_drivers_figures_but_not_utilisation():
    every = tiles(open_page("fleet", lang="en", period="2025"))
    contract = tiles(open_page("fleet", lang="en", period="2025", track="contract"))
    assert contract["Fleet utilisation"] == every["Fleet utilisation"]
    assert every["Mileage mismatches"][0] == "28"
    assert contract["Mileage mismatches"][0] == "17"


def test_choosing_a_track_changes_the_satisfaction_tile():
    every = tiles(open_page("service", lang="en", period="2025"))
    contract = tiles(open_page("service", lang="en", period="2025", track="contract"))
    assert every["Service satisfaction"][0] == "95.8%"
    assert contract["Service satisfaction"][0] == "96.4%"


def test_choosing_a_track_leaves_the_other_track_empty_on_the_workforce_page():
    app = open_page("workforce", lang="en", period="2025", track="contract")
    assert_no_failure(app)
    assert tiles(app)["Established"][0] == "0 people"
    assert tiles(app)["Contract"][0] == "40 people"


def test_a_department_with_no_reviews_says_so_instead_of_failing():
    app = open_page("service", lang="en", period="2025", dept="节能科")
    assert_no_failure(app)
    assert any("Nothing matches" in info.value for info in app.info)
    assert not app.metric


@pytest.mark.parametrize("page", ["fleet", "energy", "service"])
def test_a_period_before_the_data_says_so_instead_of_failing(page):
    app = open_page(page, lang="en", period="2021")
    assert_no_failure(app)
    assert any("Nothing matches" in info.value for info in app.info)


def open_tab(app: AppTest, page: str, section: str) -> AppTest:
    """Open one of a page's tabs, which are drawn only when open."""
    app.session_state[domains.tabs_key(page)] = t(f"domains.section.{section}", "en")
    return app.run()


def test_only_the_open_fleet_tab_is_drawn():
    app = open_page("fleet", lang="en", period="2025-11")
    assert not app.get("deck_gl_json_chart")
    open_tab(app, "fleet", "map")
    assert_no_failure(app)
    assert app.get("deck_gl_json_chart")
    assert app.selectbox(key="fleet_map_plate").options[0] == "All vehicles"


def test_choosing_a_vehicle_lists_its_trips():
    app = open_tab(open_page("fleet", lang="en", period="2025-11"), "fleet", "vehicle")
    tables_before = len(app.dataframe)
    app.selectbox(key="fleet_trips_plate").select_index(1).run()
    assert_no_failure(app)
    assert len(app.dataframe) == tables_before + 1
    assert "Trip" in app.dataframe[-1].value.columns


def test_projector_mode_hides_names_of_staff():
    app = open_page("service", lang="en", period="2025", projector="1")
    open_tab(app, "service", "handlers")
    assert_no_failure(app)
    headers = [column for table in app.dataframe for column in table.value.columns]
    assert "Staff member" not in headers
    assert any("hidden" in caption.value for caption in app.caption)


def test_choosing_a_vehicle_on_the_map_draws_its_routes():
    app = open_tab(open_page("fleet", lang="en", period="2025-Q3"), "fleet", "map")
    app.selectbox(key="fleet_map_plate").select_index(1).run()
    assert_no_failure(app)
    assert any("routes of its latest" in caption.value for caption in app.caption)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_table_shown_has_a_csv_and_an_excel_download_named_for_the_period(page):
    app = open_page(page, lang="zh", period="2025-Q3")
    buttons = app.get("download_button")
    assert len(buttons) == 2 * len(app.dataframe)
    assert all(button.proto.id.endswith("_2025-Q3") for button in buttons)
    assert {button.label for button in buttons} == {"下载 CSV", "下载 Excel"}


def test_switching_language_with_a_tab_open_keeps_the_page_working():
    app = open_tab(open_page("fleet", lang="en", period="2025-Q3"), "fleet", "map")
    app.session_state[ui.LANGUAGE_STATE_KEY] = "zh"
    app.run()
    assert_no_failure(app)
    assert app.title[0].value == "公务用车"
    assert [tab.label for tab in app.tabs][0] == "车辆使用率"


def test_a_month_s_chart_reaches_back_a_year_while_its_table_holds_the_month():
    app = open_page("service", lang="en", period="2025-11")
    assert_no_failure(app)

    [chart] = app.get("plotly_chart")
    bars = json.loads(chart.proto.spec)["data"][0]
    assert len(bars["x"]) == domains.TREND_MONTHS
    assert len(app.dataframe[0].value) == 1
    note = t("domains.trend_note", "en", months=domains.TREND_MONTHS, end="Nov 2025")
    assert note in [caption.value for caption in app.caption]

    year = open_page("service", lang="en", period="2025")
    assert len(json.loads(year.get("plotly_chart")[0].proto.spec)["data"][0]["x"]) == 12
    assert not [c for c in year.caption if c.value.startswith("The chart shows the")]


def test_a_stale_tile_on_a_domain_page_carries_its_badge_in_its_label():
    app = open_page("energy", lang="en")
    assert_no_failure(app)

    stale = [
        m.label for m in app.metric if m.label.endswith(":red-badge[⚠️ Stale data]")
    ]
    assert stale
    assert not app.get("badge")
