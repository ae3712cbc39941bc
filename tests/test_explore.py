"""The Explore library: catalogue, view state in the URL, safe SQL, measures, paging."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from onescreen import explore
from onescreen.db import Reader
from onescreen.explore import (
    CATALOGUE,
    DATASETS,
    EXCLUDED_TABLES,
    HIDDEN_COLUMNS,
    MEASURE_COLUMN,
    MEASURES,
    CategoryFilter,
    DateRange,
    Exploration,
    ExplorationError,
    NumberRange,
)
from onescreen.settings import load_settings

PERSONAL_COLUMNS = {
    "name",
    "id_card_masked",
    "id_card_hash",
    "person_id",
    "gross_pay_yuan",
    "performance_pay_yuan",
}
INDIVIDUAL_SCORE_TABLES = {"kpi_scores", "kpi_annual_records", "kpi_measures"}

# trip_facts stands in for any catalogue dataset; `name` and `person_id` stay hidden.
SMALL_TRIPS = """
create table trip_facts as
select * from (values
    ('T1', '办公室', 10.0, date '2025-01-05', '张三', 'P1'),
    ('T2', '办公室', 20.0, date '2025-01-20', '李四', 'P2'),
    ('T3', '办公室', 60.0, date '2025-02-02', '王五', 'P3'),
    ('T4', '财政局', 5.0, date '2025-02-10', '赵六', 'P4'),
    ('T5', '财政局', 15.0, date '2025-03-01', '钱七', 'P5'),
    ('T6', '教育局', 40.0, date '2025-03-15', '孙八', 'P6'),
    ('T7', '教育局', null, date '2025-03-20', '周九', 'P7')
) as trips(trip_id, requesting_unit, distance_km, request_date, name, person_id)
"""
UNITS = ("办公室", "教育局", "财政局")  # in code-point order, as SQL sorts them


def open_demo_reader(settings_path: Path) -> Reader:
    """Open the demo center's database as the dashboard does, with the same settings."""
    settings = load_settings(settings_path)
    return Reader(
        settings.database_path,
        memory_limit=settings.memory_limit,
        threads=settings.threads,
    )


@pytest.fixture
def cursor():
    """An in-memory database holding one small hand-made trips table."""
    connection = duckdb.connect()
    connection.execute(SMALL_TRIPS)
    yield connection
    connection.close()


def by_unit(measure: str, column: str | None = "distance_km") -> Exploration:
    """A view of the small trips grouped by requesting unit."""
    return Exploration(
        "trip_facts",
        group_by=("requesting_unit",),
        measure=measure,
        measure_column=None if measure == "count" else column,
    )


def test_the_catalogue_reads_column_kinds_from_the_database(cursor):
    assert explore.dataset_columns(cursor, "trip_facts") == {
        "trip_id": "category",
        "requesting_unit": "category",
        "distance_km": "number",
        "request_date": "date",
    }


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("count", [3, 2, 2]),
        ("sum", [90.0, 40.0, 20.0]),
        ("mean", [30.0, 40.0, 10.0]),
        ("median", [20.0, 40.0, 10.0]),
        ("min", [10.0, 40.0, 5.0]),
        ("max", [60.0, 40.0, 15.0]),
        ("share", [90.0 / 150, 40.0 / 150, 20.0 / 150]),
    ],
)
def test_each_measure_gives_the_hand_computed_result(cursor, measure, expected):
    page, total = explore.run_exploration(cursor, by_unit(measure))
    assert total == 3
    assert page.get_column("requesting_unit").to_list() == list(UNITS)
    assert page.get_column(MEASURE_COLUMN).to_list() == pytest.approx(expected)


def test_share_without_a_column_is_the_share_of_rows(cursor):
    page, _ = explore.run_exploration(cursor, by_unit("share", column=None))
    assert page.get_column(MEASURE_COLUMN).to_list() == pytest.approx(
        [3 / 7, 2 / 7, 2 / 7]
    )


def test_grouping_by_two_columns_counts_each_pair(cursor):
    view = Exploration(
        "trip_facts",
        filters={"request_date": DateRange(date(2025, 3, 1), None)},
        group_by=("requesting_unit", "request_date"),
    )
    page, total = explore.run_exploration(cursor, view)
    assert total == 3
    assert page.rows() == [
        ("教育局", date(2025, 3, 15), 1),
        ("教育局", date(2025, 3, 20), 1),
        ("财政局", date(2025, 3, 1), 1),
    ]


@pytest.mark.parametrize(
    ("condition", "expected_ids"),
    [
        (CategoryFilter(("财政局", "教育局")), ["T4", "T5", "T6", "T7"]),
        (NumberRange(10, 20), ["T1", "T2", "T5"]),
        (NumberRange(None, 9.5), ["T4"]),
        (DateRange(date(2025, 2, 1), date(2025, 2, 28)), ["T3", "T4"]),
    ],
)
def test_each_kind_of_filter_keeps_the_matching_rows(cursor, condition, expected_ids):
    column = {
        CategoryFilter: "requesting_unit",
        NumberRange: "distance_km",
        DateRange: "request_date",
    }[type(condition)]
    view = Exploration("trip_facts", filters={column: condition})
    page, total = explore.run_exploration(cursor, view)
    assert page.get_column("trip_id").to_list() == expected_ids
    assert total == len(expected_ids)


@pytest.mark.parametrize(
    ("page", "expected_ids"),
    [(1, ["T1", "T2", "T3"]), (2, ["T4", "T5", "T6"]), (3, ["T7"]), (4, [])],
)
def test_paging_returns_the_right_slice_and_the_whole_total(cursor, page, expected_ids):
    view = Exploration("trip_facts", page=page, page_size=3)
    frame, total = explore.run_exploration(cursor, view)
    assert frame.get_column("trip_id").to_list() == expected_ids
    assert total == 7


def test_a_plain_listing_never_shows_hidden_columns(cursor):
    frame, _ = explore.run_exploration(cursor, Exploration("trip_facts"))
    assert not set(frame.columns) & HIDDEN_COLUMNS


@pytest.mark.parametrize(
    "value",
    ["O'Brien", "x'; drop table trip_facts; --", '"); select 1; --'],
)
def test_a_filter_value_stays_a_parameter(cursor, value):
    view = Exploration(
        "trip_facts", filters={"requesting_unit": CategoryFilter((value,))}
    )
    columns = explore.dataset_columns(cursor, "trip_facts")
    sql, params = explore.build_query(view, columns)
    assert value not in sql
    assert [value] in params.values()
    frame, total = explore.run_exploration(cursor, view)
    assert total == 0
    assert cursor.sql("select count(*) from trip_facts").fetchall() == [(7,)]


@pytest.mark.parametrize(
    "view",
    [
        Exploration("kpi_scores"),
        Exploration("trip_facts; drop table trip_facts"),
        Exploration("trip_facts", group_by=("name",)),
        Exploration("trip_facts", group_by=('plate"; drop table trip_facts; --',)),
        Exploration("trip_facts", filters={"person_id": CategoryFilter(("P1",))}),
        Exploration("trip_facts", measure="sum", measure_column="name"),
        Exploration("trip_facts", measure="sum"),
        Exploration("trip_facts", measure="sum", measure_column="requesting_unit"),
        Exploration("trip_facts", measure="drop"),
        Exploration("trip_facts", group_by=("trip_id", "trip_id")),
    ],
)
def test_an_unknown_dataset_column_or_measure_is_refused(cursor, view):
    columns = explore.dataset_columns(cursor, "trip_facts")
    with pytest.raises(ExplorationError):
        explore.build_query(view, columns)


def test_category_counts_give_each_value_and_its_rows(cursor):
    counts = explore.category_counts(cursor, "trip_facts", "requesting_unit", limit=2)
    assert counts.rows() == [("办公室", 3), ("教育局", 2)]


def test_category_counts_refuse_a_hidden_column(cursor):
    with pytest.raises(ExplorationError):
        explore.category_counts(cursor, "trip_facts", "name")


column_names = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
numbers = st.none() | st.floats(allow_nan=False, allow_infinity=False)
filters = st.one_of(
    st.builds(CategoryFilter, st.lists(texts, max_size=4).map(tuple)),
    st.builds(NumberRange, numbers, numbers),
    st.builds(DateRange, st.none() | st.dates(), st.none() | st.dates()),
)
explorations = st.builds(
    Exploration,
    dataset=st.sampled_from([dataset.name for dataset in CATALOGUE]),
    filters=st.dictionaries(column_names, filters, max_size=4),
    group_by=st.lists(column_names, max_size=2, unique=True).map(tuple),
    measure=st.sampled_from(MEASURES),
    measure_column=st.none() | column_names,
    page=st.integers(1, 10_000),
    page_size=st.integers(1, 1_000),
)


@given(explorations)
def test_a_view_round_trips_through_query_params(view):
    assert Exploration.from_query_params(view.to_query_params()) == view
    assert Exploration.from_query_string(view.to_query_string()) == view


def test_query_params_use_short_keys_and_leave_defaults_out():
    view = Exploration(
        "trip_facts",
        filters={"distance_km": NumberRange(10, None)},
        group_by=("requesting_unit",),
    )
    assert view.to_query_params() == {
        "x": "trip_facts",
        "xg": "requesting_unit",
        "xf.distance_km": "n:10~",
    }


def test_no_query_params_is_no_view():
    assert Exploration.from_query_params({"lang": "zh"}) is None


def test_the_catalogue_leaves_out_individual_scores_and_pay():
    assert not INDIVIDUAL_SCORE_TABLES & set(DATASETS)
    assert "payroll" not in DATASETS
    assert not set(EXCLUDED_TABLES) & set(DATASETS)
    assert PERSONAL_COLUMNS <= HIDDEN_COLUMNS


def test_every_dataset_has_labels_and_descriptions_in_both_languages():
    for dataset in CATALOGUE:
        for language in ("zh", "en"):
            assert dataset.label(language).strip()
            assert dataset.description(language).strip()


def test_the_demo_build_exposes_no_personal_column(demo_center):
    reader = open_demo_reader(demo_center)
    connection = reader.cursor()
    datasets = explore.available_datasets(connection)
    assert {dataset.name for dataset in datasets} == set(DATASETS)
    for dataset in datasets:
        columns = explore.dataset_columns(connection, dataset.name)
        assert columns, dataset.name
        assert not set(columns) & HIDDEN_COLUMNS, dataset.name
    reader.close()


def test_every_table_of_the_demo_build_is_catalogued_or_excluded(demo_center):
    reader = open_demo_reader(demo_center)
    rows = (
        reader.cursor()
        .sql(
            "select table_name from information_schema.tables"
            " where table_catalog = current_database() and table_schema = 'main'"
        )
        .fetchall()
    )
    reader.close()
    tables = {row[0] for row in rows}
    assert tables <= set(DATASETS) | set(EXCLUDED_TABLES)


def test_a_saved_view_is_listed_for_everyone(tmp_path: Path):
    store = explore.views_store_path(tmp_path / "center.duckdb")
    view = Exploration("trip_facts", group_by=("requesting_unit",))
    explore.save_view(store, " by unit ", view)
    explore.save_view(store, "by unit", view)
    views = explore.list_views(store)
    assert views.get_column("view_name").to_list() == ["by unit"]
    saved = views.get_column("query_string").item()
    assert Exploration.from_query_string(saved) == view


def test_the_views_store_lives_beside_the_database_link():
    store = explore.views_store_path(Path("data/center.duckdb"))
    assert store == Path("data/explore_views.sqlite")


def test_no_store_lists_no_views(tmp_path: Path):
    assert explore.list_views(tmp_path / "none.sqlite").is_empty()


def test_a_view_needs_a_name(tmp_path: Path):
    with pytest.raises(ValueError):
        explore.save_view(tmp_path / "views.sqlite", "  ", Exploration("trips"))


@pytest.mark.parametrize(
    "text",
    [
        "c:" + "[" * 5000,
        'c:[["a"],{"b":1}]',
        "c:" + '"x",' * 10_000,
        "n:abc~",
        "d:2025-13-40~",
    ],
    ids=["deep", "nested", "long", "bad number", "bad date"],
)
def test_a_filter_in_a_crafted_link_is_ignored_not_raised(text):
    assert explore.decode_filter(text) is None


def test_alerts_about_single_people_are_left_out_of_the_alert_datasets(demo_center):
    reader = open_demo_reader(demo_center)
    cursor = reader.cursor()
    try:
        for dataset in ("alerts", "alert_history"):
            in_build = {
                row[0]
                for row in cursor.sql(
                    f"select distinct subject_type from {dataset}"
                ).fetchall()
            }
            grouped, _ = explore.run_exploration(
                cursor, Exploration(dataset, group_by=("subject_type",))
            )
            offered = set(grouped.get_column("subject_type").to_list())
            # The demo raises alerts about people; Explore offers the rest.
            assert "person" in in_build
            assert offered == in_build - {"person"}
            assert "person" not in {
                value
                for value in explore.category_counts(cursor, dataset, "subject_type")
                .get_column("category_value")
                .to_list()
            }
    finally:
        reader.close()
