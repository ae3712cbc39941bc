"""The Explore page, opened with AppTest on the demo center."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from onescreen import explore, ui
from onescreen.build import build_database
from onescreen.contracts import SOURCES
from onescreen.explore import Exploration
from onescreen.i18n import t
from onescreen.settings import PROJECT_ROOT, load_settings
from onescreen.ui.explore import (
    DOWNLOAD_CAP,
    build_result_figure,
    column_header,
    page_of,
)
from tests.conftest import no_derived_tables, write_export, write_settings
from tests.test_app import APP_TIMEOUT_SECONDS, assert_no_failure
from tests.test_explore import open_demo_reader

PAGE = PROJECT_ROOT / "pages" / "explore.py"
TITLES = {"zh": "自助查询", "en": "Explore"}
COMPLETED = "已完成"
# A source table's columns are headed by its contract's labels; in English such a
# label is often the column's own name in words (`address`), and that is not a gap.
CONTRACT_LABELS = {
    (source.name, column.name, language): label
    for source in SOURCES
    for column in source.columns
    for language, label in (("zh", column.label_zh), ("en", column.label_en))
}


def open_explore(
    monkeypatch, settings_path: Path, language: str, params: dict | None = None
) -> AppTest:
    """Run the app in `language` with the URL's `params`, then switch to Explore."""
    monkeypatch.setenv(ui.SETTINGS_VARIABLE, str(settings_path))
    monkeypatch.delenv(ui.DATABASE_VARIABLE, raising=False)
    app = AppTest.from_file(
        str(PROJECT_ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS
    )
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    for key, value in (params or {}).items():
        app.query_params[key] = value
    app.run()
    return app.switch_page(str(PAGE)).run()


def completed_trips_by_unit(settings_path: Path) -> dict[str, int]:
    """Count the demo center's completed trips by requesting unit, straight from SQL."""
    reader = open_demo_reader(settings_path)
    rows = (
        reader.cursor()
        .sql(
            "select requesting_unit, count(*) from trip_facts"
            " where status = $status group by requesting_unit",
            params={"status": COMPLETED},
        )
        .fetchall()
    )
    reader.close()
    return dict(rows)


def choose_completed_trips_by_unit(app: AppTest) -> AppTest:
    """Pick trips, filter on completed ones and group them by requesting unit."""
    app.selectbox(key="explore.dataset").set_value("trip_facts").run()
    app.multiselect(key="explore.trip_facts.filters").set_value(["status"]).run()
    app.multiselect(key="explore.trip_facts.filter.status").set_value([COMPLETED]).run()
    return (
        app.multiselect(key="explore.trip_facts.group_by")
        .set_value(["requesting_unit"])
        .run()
    )


def shown_counts(app: AppTest) -> dict[str, int]:
    """Return the result table's first two columns as a dict."""
    table = app.dataframe[0].value
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


def view_params(app: AppTest) -> dict[str, str]:
    """Return the query parameters of the Explore view in the app's URL."""
    return {
        key: value
        for key, value in app.query_params.items()
        if key in explore.QUERY_KEYS.values() or key.startswith(explore.FILTER_PREFIX)
    }


def explore_columns(settings_path: Path) -> list[tuple[str, str]]:
    """Return every (dataset, column) the demo center offers on the Explore page."""
    reader = open_demo_reader(settings_path)
    cursor = reader.cursor()
    columns = [
        (dataset.name, column)
        for dataset in explore.available_datasets(cursor)
        for column in explore.dataset_columns(cursor, dataset.name)
    ]
    reader.close()
    return columns


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_page_opens_in_both_languages(monkeypatch, demo_center, language):
    app = open_explore(monkeypatch, demo_center, language)
    assert_no_failure(app)
    assert app.title[0].value == TITLES[language]
    assert app.dataframe


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_column_of_every_dataset_has_a_header_other_than_its_name(
    demo_center, language
):
    columns = explore_columns(demo_center)
    shown_as_name = [
        f"{dataset}.{column}"
        for dataset, column in columns
        if column_header(dataset, column, language) == column
        and CONTRACT_LABELS.get((dataset, column, language)) != column
    ]
    assert columns
    assert shown_as_name == []


@pytest.mark.parametrize(
    ("language", "headers"),
    [("zh", ["用车单位", "行数"]), ("en", ["Requesting unit", "Row count"])],
)
def test_a_filter_and_a_group_by_show_the_grouped_counts(
    monkeypatch, demo_center, language, headers
):
    app = choose_completed_trips_by_unit(
        open_explore(monkeypatch, demo_center, language)
    )
    assert_no_failure(app)
    assert [header.lower() for header in app.dataframe[0].value.columns] == [
        header.lower() for header in headers
    ]
    assert shown_counts(app) == completed_trips_by_unit(demo_center)
    assert app.get("plotly_chart")


def test_a_link_opened_in_a_new_session_shows_the_same_view(monkeypatch, demo_center):
    first = choose_completed_trips_by_unit(open_explore(monkeypatch, demo_center, "en"))
    link = view_params(first)
    assert link["x"] == "trip_facts"
    assert link["xg"] == "requesting_unit"

    second = open_explore(monkeypatch, demo_center, "en", link)
    assert_no_failure(second)
    assert second.selectbox(key="explore.dataset").value == "trip_facts"
    assert second.multiselect(key="explore.trip_facts.filter.status").value == [
        COMPLETED
    ]
    assert shown_counts(second) == shown_counts(first)
    assert view_params(second) == link


def test_a_saved_view_is_listed_and_opens(monkeypatch, demo_center):
    app = choose_completed_trips_by_unit(open_explore(monkeypatch, demo_center, "en"))
    app.text_input(key="explore.view_name").input("completed by unit").run()
    app = app.button(key="explore.save").click().run()
    assert_no_failure(app)
    store = explore.views_store_path(demo_center.parent / "center.duckdb")
    assert "completed by unit" in explore.list_views(store)["view_name"].to_list()

    other = open_explore(monkeypatch, demo_center, "en")
    other.selectbox(key="explore.picked_view").set_value("completed by unit").run()
    other = other.button(key="explore.open_view").click().run()
    assert_no_failure(other)
    assert other.selectbox(key="explore.dataset").value == "trip_facts"
    assert shown_counts(other) == completed_trips_by_unit(demo_center)


def grouped_result(groups: dict[str, list], values: list[float]) -> pl.DataFrame:
    """A grouped result as run_exploration returns it."""
    return pl.DataFrame({**groups, explore.MEASURE_COLUMN: values})


@pytest.mark.parametrize(
    ("groups", "kinds", "trace_type", "trace_count"),
    [
        ({"unit": ["a", "b"]}, {"unit": "category"}, "bar", 1),
        (
            {"month": [date(2025, 1, 1), date(2025, 2, 1)]},
            {"month": "date"},
            "scatter",
            1,
        ),
        (
            {"unit": ["a", "a", "b"], "track": ["x", "y", "x"]},
            {"unit": "category", "track": "category"},
            "bar",
            2,
        ),
        (
            {"unit": ["a"] * 10, "plate": [str(n) for n in range(10)]},
            {"unit": "category", "plate": "category"},
            "heatmap",
            1,
        ),
        (
            {"month": [date(2025, 1, 1)] * 2, "track": ["x", "y"]},
            {"month": "date", "track": "category"},
            "scatter",
            2,
        ),
    ],
)
def test_the_chart_suits_the_grouping(groups, kinds, trace_type, trace_count):
    view = Exploration("trip_facts", group_by=tuple(groups))
    result = grouped_result(groups, [1.0] * len(next(iter(groups.values()))))
    figure = build_result_figure(result, view, kinds, "en", "light")
    assert {trace.type for trace in figure.data} == {trace_type}
    assert len(figure.data) == trace_count


def test_an_ungrouped_listing_has_no_chart():
    frame = pl.DataFrame({"unit": ["a"]})
    assert build_result_figure(frame, Exploration("trips"), {}, "en", "light") is None


def test_a_date_filter_on_a_column_without_dates_says_so_instead_of_failing(
    monkeypatch, tmp_path
):
    settings_path = write_settings(tmp_path)
    # Vehicles still in use: the register's disposal dates are all empty.
    write_export(
        tmp_path,
        "vehicles",
        "vehicles.csv",
        "车牌号,购置日期,车辆状态\n蒙H00001,2020-01-01,在用\n蒙H00002,2021-06-01,在用\n",
    )
    build_database(load_settings(settings_path), derive=no_derived_tables)

    app = open_explore(
        monkeypatch, settings_path, "en", {"x": "vehicles", "xf.disposal_date": "d:~"}
    )

    assert_no_failure(app)
    note = t("explore.filter.no_dates", "en", column="")
    assert any(note.strip(": ") in caption.value for caption in app.caption)
    assert app.dataframe[0].value.shape[0] == 2


def test_a_page_is_cut_from_the_fetched_rows_unless_it_lies_past_them():
    short = pl.DataFrame({"row": range(25)})
    capped = pl.DataFrame({"row": range(DOWNLOAD_CAP)})
    last_page = DOWNLOAD_CAP // 50

    second = page_of(short, Exploration("trips", page=2, page_size=10))
    assert second.get_column("row").to_list() == list(range(10, 20))
    assert page_of(short, Exploration("trips", page=9, page_size=10)).is_empty()
    last = page_of(capped, Exploration("trips", page=last_page, page_size=50))
    assert last.get_column("row").to_list()[-1] == DOWNLOAD_CAP - 1
    assert (
        page_of(capped, Exploration("trips", page=last_page + 1, page_size=50)) is None
    )
