"""The Explore page's widgets: dataset, filters, grouping, measure, result and views.

Every choice is a widget whose state is seeded from the URL the first time the page
runs in a session, and the whole view is written back to the URL on every run, so a
link opened in a new session shows the same view.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from onescreen import charts, explore
from onescreen.contracts import SOURCES
from onescreen.explore import (
    CATEGORY,
    DATE,
    MEASURE_COLUMN,
    MEASURES_NEEDING_COLUMN,
    NUMBER,
    CategoryFilter,
    DateRange,
    Exploration,
    NumberRange,
)
from onescreen.i18n import field_label, has_message, t
from onescreen.ui import python_mapped, settings_from_environment, time_columns
from onescreen.ui.downloads import download_buttons

logger = logging.getLogger(__name__)

STATE_PREFIX = "explore."
DOWNLOAD_CAP = 10_000
CHART_ROWS = 60
GROUPED_BAR_SERIES = 8
CATEGORY_OPTION_LIMIT = 200


def views_store() -> Path:
    """Return the saved-views store beside the dashboard's database."""
    settings = settings_from_environment(os.environ)
    return explore.views_store_path(settings.database_path)


def column_header(dataset: str, column: str, language: str) -> str:
    """Return the header of a column in the page's language, or its name."""
    for key in (f"column.{dataset}.{column}", f"field.{column}"):
        if has_message(key):
            return t(key, language)
    for source in SOURCES:
        if has_message(f"column.{source.name}.{column}"):
            return t(f"column.{source.name}.{column}", language)
    return column


def measure_header(exploration: Exploration, language: str) -> str:
    """Return the header of the measure column, such as 'Mean · Distance'."""
    label = t(f"explore.measure.{exploration.measure}", language)
    if exploration.measure_column:
        column = column_header(
            exploration.dataset, exploration.measure_column, language
        )
        return f"{label} · {column}"
    return label


def labelled_result(
    frame: pl.DataFrame, exploration: Exploration, language: str
) -> pl.DataFrame:
    """Return a result with its headers in the page's language."""
    headers = {
        column: column_header(exploration.dataset, column, language)
        for column in frame.columns
        if column != MEASURE_COLUMN
    }
    if MEASURE_COLUMN in frame.columns:
        headers[MEASURE_COLUMN] = measure_header(exploration, language)
    return frame.rename(_unique_headers(headers))


def _unique_headers(headers: dict[str, str]) -> dict[str, str]:
    seen: set[str] = set()
    unique = {}
    for column, header in headers.items():
        unique[column] = header if header not in seen else f"{header} ({column})"
        seen.add(unique[column])
    return unique


def _key(*parts: str) -> str:
    return STATE_PREFIX + ".".join(parts)


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def view_from_url() -> Exploration | None:
    """Return the view the page's URL describes, if any."""
    return Exploration.from_query_params(st.query_params.to_dict())


def write_view_to_url(exploration: Exploration) -> None:
    """Mirror the view into the URL, leaving other parameters alone."""
    wanted = exploration.to_query_params()
    for key in list(st.query_params):
        if _is_view_key(key) and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def _is_view_key(key: str) -> bool:
    return key in explore.QUERY_KEYS.values() or key.startswith(explore.FILTER_PREFIX)


def open_saved_view(query_string: str) -> None:
    """Put a saved view in the URL and forget the widgets' state, so it is reseeded."""
    view = Exploration.from_query_string(query_string)
    if view is None:
        return
    for key in list(st.query_params):
        if _is_view_key(key):
            del st.query_params[key]
    st.query_params.update(view.to_query_params())
    for key in list(st.session_state):
        if str(key).startswith(STATE_PREFIX):
            del st.session_state[key]


def select_dataset(
    datasets: list[explore.Dataset], url_view: Exploration | None, language: str
) -> str:
    """Draw the dataset picker and its description; return the dataset's name."""
    names = [dataset.name for dataset in datasets]
    chosen = url_view.dataset if url_view and url_view.dataset in names else names[0]
    _seed(_key("dataset"), chosen)
    if st.session_state[_key("dataset")] not in names:
        st.session_state[_key("dataset")] = names[0]
    by_name = {dataset.name: dataset for dataset in datasets}
    dataset = st.selectbox(
        t("explore.dataset", language),
        names,
        key=_key("dataset"),
        format_func=lambda name: by_name[name].label(language),
    )
    st.caption(by_name[dataset].description(language))
    return dataset


def select_filters(
    cursor: duckdb.DuckDBPyConnection,
    dataset: str,
    columns: Mapping[str, str],
    seeded: Mapping[str, explore.Filter],
    language: str,
) -> dict[str, explore.Filter]:
    """Draw the filter column picker and a control fitting each chosen column."""
    _seed(_key(dataset, "filters"), [name for name in seeded if name in columns])
    chosen = st.multiselect(
        t("explore.filter_columns", language),
        list(columns),
        key=_key(dataset, "filters"),
        format_func=lambda name: column_header(dataset, name, language),
        placeholder=t("explore.choose", language),
    )
    filters = {}
    for column in chosen:
        kind = columns[column]
        header = column_header(dataset, column, language)
        if kind == CATEGORY:
            condition = _category_filter(
                cursor, dataset, column, header, seeded.get(column), language
            )
        elif kind == NUMBER:
            condition = _number_filter(
                cursor, dataset, column, header, seeded.get(column), language
            )
        else:
            condition = _date_filter(
                cursor, dataset, column, header, seeded.get(column), language
            )
        if condition is not None:
            filters[column] = condition
    return filters


def _category_filter(
    cursor, dataset, column, header, seeded, language
) -> CategoryFilter | None:
    counts = explore.category_counts(cursor, dataset, column, CATEGORY_OPTION_LIMIT)
    counted = {value: count for value, count in counts.iter_rows() if value is not None}
    key = _key(dataset, "filter", column)
    _seed(key, list(seeded.values) if isinstance(seeded, CategoryFilter) else [])
    options = [*counted, *(v for v in st.session_state[key] if v not in counted)]
    values = st.multiselect(
        header,
        options,
        key=key,
        format_func=lambda value: f"{value} ({counted.get(value, 0):,})",
        placeholder=t("filter.all", language),
    )
    return CategoryFilter(tuple(values)) if values else None


def _number_filter(cursor, dataset, column, header, seeded, language):
    low, high = explore.column_range(cursor, dataset, column)
    seeded = seeded if isinstance(seeded, NumberRange) else NumberRange()
    low_key, high_key = (
        _key(dataset, "filter", column, "low"),
        _key(dataset, "filter", column, "high"),
    )
    _seed(low_key, seeded.low)
    _seed(high_key, seeded.high)
    left, right = st.columns(2)
    chosen_low = left.number_input(
        t("explore.filter.from", language, column=header),
        key=low_key,
        value=None,
        placeholder=_range_text(low),
    )
    chosen_high = right.number_input(
        t("explore.filter.to", language, column=header),
        key=high_key,
        value=None,
        placeholder=_range_text(high),
    )
    if chosen_low is None and chosen_high is None:
        return None
    return NumberRange(chosen_low, chosen_high)


def _range_text(value: object) -> str:
    return "" if value is None else f"{value:,}"


def _date_filter(cursor, dataset, column, header, seeded, language) -> DateRange | None:
    first, last = explore.column_range(cursor, dataset, column)
    if first is None or last is None:
        # No date in the column (an optional source not exported yet): nothing to
        # pick from, and a date input cannot start from no date.
        st.caption(t("explore.filter.no_dates", language, column=header))
        return None
    key = _key(dataset, "filter", column)
    if isinstance(seeded, DateRange):
        _seed(key, (seeded.start or first, seeded.end or last))
    else:
        _seed(key, (first, last))
    chosen = st.date_input(header, key=key, format="YYYY-MM-DD")
    start = chosen[0] if len(chosen) > 0 else None
    end = chosen[1] if len(chosen) > 1 else None
    start = None if start == first else start
    end = None if end == last else end
    if start is None and end is None:
        return None
    return DateRange(start, end)


def select_grouping(
    dataset: str,
    columns: Mapping[str, str],
    url_view: Exploration | None,
    language: str,
) -> tuple[tuple[str, ...], str, str | None]:
    """Draw group by, measure and measure column; return what they select."""
    seeded = url_view if url_view and url_view.dataset == dataset else None
    numbers = [name for name, kind in columns.items() if kind == NUMBER]
    measures = explore.MEASURES if numbers else ("count", "share")
    _seed(
        _key(dataset, "group_by"),
        [name for name in (seeded.group_by if seeded else ()) if name in columns],
    )
    _seed(_key("measure"), seeded.measure if seeded else explore.MEASURES[0])
    if st.session_state[_key("measure")] not in measures:
        st.session_state[_key("measure")] = "count"
    column_seed = seeded.measure_column if seeded else None
    _seed(
        _key(dataset, "measure_column"), column_seed if column_seed in numbers else None
    )

    group_column, measure_column, of_column = st.columns([2, 1, 1])
    group_by = group_column.multiselect(
        t("explore.group_by", language),
        list(columns),
        key=_key(dataset, "group_by"),
        max_selections=explore.MAX_GROUP_COLUMNS,
        format_func=lambda name: column_header(dataset, name, language),
        placeholder=t("explore.no_grouping", language),
    )
    measure = measure_column.selectbox(
        t("explore.measure", language),
        measures,
        key=_key("measure"),
        format_func=lambda name: t(f"explore.measure.{name}", language),
    )
    chosen_column = None
    if measure != "count" and numbers:
        options = numbers if measure in MEASURES_NEEDING_COLUMN else [None, *numbers]
        key = _key(dataset, "measure_column")
        if st.session_state[key] not in options:
            st.session_state[key] = options[0]
        chosen_column = of_column.selectbox(
            t("explore.measure_column", language),
            options,
            key=key,
            format_func=lambda name: (
                t("explore.rows_column", language)
                if name is None
                else column_header(dataset, name, language)
            ),
        )
    if not numbers:
        st.caption(t("explore.needs_number_column", language))
    return tuple(group_by), measure, chosen_column


def settle_page(exploration: Exploration, url_view: Exploration | None) -> Exploration:
    """Return the view at the page the state holds; page 1 when choices change."""
    signature = replace(exploration, page=1).to_query_string()
    _seed(_key("page_size"), url_view.page_size if url_view else exploration.page_size)
    _seed(_key("page"), url_view.page if url_view else 1)
    previous = st.session_state.get(_key("signature"))
    if previous is not None and previous != signature:
        st.session_state[_key("page")] = 1
    st.session_state[_key("signature")] = signature
    page_size = st.session_state[_key("page_size")]
    if page_size not in explore.PAGE_SIZES:
        page_size = explore.DEFAULT_PAGE_SIZE
        st.session_state[_key("page_size")] = page_size
    return replace(
        exploration, page=int(st.session_state[_key("page")]), page_size=page_size
    )


def clamp_page(exploration: Exploration, total: int) -> Exploration:
    """Return the view on its last page when it asks for one past the end."""
    pages = max(1, -(-total // exploration.page_size))
    if exploration.page > pages:
        st.session_state[_key("page")] = pages
        return replace(exploration, page=pages)
    return exploration


def show_paging(exploration: Exploration, total: int, language: str) -> None:
    """Draw the page number and page size inputs under the table."""
    pages = max(1, -(-total // exploration.page_size))
    first = (exploration.page - 1) * exploration.page_size + 1
    last = min(total, exploration.page * exploration.page_size)
    st.caption(
        t("explore.total_rows", language, total=f"{total:,}", first=first, last=last)
    )
    page_column, size_column, _ = st.columns([1, 1, 3])
    page_column.number_input(
        t("explore.page", language, pages=pages),
        min_value=1,
        max_value=pages,
        step=1,
        key=_key("page"),
    )
    size_column.selectbox(
        t("explore.page_size", language), explore.PAGE_SIZES, key=_key("page_size")
    )


def build_result_figure(
    result: pl.DataFrame,
    exploration: Exploration,
    kinds: Mapping[str, str],
    language: str,
    theme: str,
):
    """Return the chart that suits a grouped result, or None for a plain table."""
    groups = exploration.group_by
    if not groups or result.is_empty():
        return None
    value_format = ".1%" if exploration.measure == "share" else ",.4~f"
    title = measure_header(exploration, language)
    values = result.get_column(MEASURE_COLUMN).to_list()
    first = result.get_column(groups[0]).to_list()
    if len(groups) == 1:
        if kinds[groups[0]] == DATE:
            return charts.line_figure(first, {title: values}, theme=theme)
        shown = min(len(first), CHART_ROWS)
        labels = [str(label) for label in first[:shown]]
        return charts.bar_figure(
            labels, values[:shown], theme=theme, value_format=value_format
        )
    pivot = (
        result.with_columns(pl.col(groups[1]).cast(pl.String).fill_null("—"))
        .pivot(on=groups[1], index=groups[0], values=MEASURE_COLUMN)
        .sort(groups[0], nulls_last=True)
    )
    series_names = [name for name in pivot.columns if name != groups[0]]
    x = pivot.get_column(groups[0]).to_list()
    if kinds[groups[0]] == DATE and len(series_names) <= GROUPED_BAR_SERIES * 2:
        series = {name: pivot.get_column(name).to_list() for name in series_names}
        return charts.line_figure(x, series, theme=theme)
    labels = [str(label) for label in x]
    if len(series_names) <= GROUPED_BAR_SERIES and len(labels) <= CHART_ROWS:
        series = {name: pivot.get_column(name).to_list() for name in series_names}
        return charts.grouped_bar_figure(
            labels, series, theme=theme, value_format=value_format
        )
    matrix = pivot.select(series_names).rows()
    return charts.heatmap_figure(labels, series_names, matrix, theme=theme)


def page_of(whole: pl.DataFrame, exploration: Exploration) -> pl.DataFrame | None:
    """Return the view's page cut from its first DOWNLOAD_CAP rows, or None when the
    page lies past them."""
    offset = (exploration.page - 1) * exploration.page_size
    if whole.height < DOWNLOAD_CAP or offset + exploration.page_size <= whole.height:
        return whole.slice(offset, exploration.page_size)
    return None


def show_result(
    cursor: duckdb.DuckDBPyConnection,
    exploration: Exploration,
    kinds: Mapping[str, str],
    language: str,
) -> None:
    """Run the view and show its page, its chart, its downloads and its paging."""
    try:
        total = explore.count_rows(cursor, exploration)
        exploration = clamp_page(exploration, total)
        if total == 0:
            st.info(t("explore.no_rows", language))
            return
        # One query for the chart and the downloads; the page is cut from it unless
        # it lies past their cap.
        whole = explore.fetch_result(cursor, exploration, DOWNLOAD_CAP)
        page = page_of(whole, exploration)
        if page is None:
            page = explore.fetch_page(cursor, exploration)
    except (duckdb.Error, explore.ExplorationError) as error:
        logger.warning("explore query failed: %s", error)
        st.error(t("explore.query_failed", language, error=error))
        return
    theme = "dark" if st.query_params.get("theme") == "dark" else "light"
    figure = build_result_figure(whole, exploration, kinds, language, theme)
    if figure is not None:
        st.plotly_chart(
            figure, width="stretch", config={"displaylogo": False}, key="explore_chart"
        )
    shown = labelled_result(page, exploration, language)
    st.dataframe(
        shown, hide_index=True, column_config=time_columns(shown), placeholder="—"
    )
    show_paging(exploration, total, language)
    st.caption(t("explore.download.page", language))
    download_buttons(shown, f"explore_{exploration.dataset}_page", language)
    st.caption(t("explore.download.all", language, cap=f"{DOWNLOAD_CAP:,}"))
    download_buttons(
        labelled_result(whole, exploration, language),
        f"explore_{exploration.dataset}",
        language,
    )


def show_saved_views(
    exploration: Exploration, datasets: list[explore.Dataset], language: str
) -> None:
    """Draw the form that saves the view and the list that opens saved ones."""
    store = views_store()
    with st.expander(t("explore.views", language), expanded=False):
        name_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
        name = name_column.text_input(
            t("explore.view_name", language), key=_key("view_name")
        )
        if button_column.button(t("explore.save_view", language), key=_key("save")):
            if name.strip():
                explore.save_view(store, name, exploration)
                st.success(t("explore.saved", language, name=name.strip()))
            else:
                st.warning(t("explore.save_needs_name", language))
        views = explore.list_views(store)
        if views.is_empty():
            st.caption(t("explore.no_views", language))
            return
        labels = {dataset.name: dataset.label(language) for dataset in datasets}
        listed = views.with_columns(
            python_mapped(
                views,
                "query_string",
                lambda text: _view_dataset_label(text, labels),
                "dataset",
            )
        ).select("view_name", "dataset", "saved_at")
        st.dataframe(
            listed.rename(
                {name: field_label(name, language) for name in listed.columns}
            ),
            hide_index=True,
        )
        queries = dict(views.select("view_name", "query_string").iter_rows())
        pick_column, open_column = st.columns([3, 1], vertical_alignment="bottom")
        picked = pick_column.selectbox(
            t("explore.pick_view", language), list(queries), key=_key("picked_view")
        )
        open_column.button(
            t("explore.open_view", language),
            key=_key("open_view"),
            on_click=open_saved_view,
            args=(queries.get(picked, ""),),
        )


def _view_dataset_label(query_string: str, labels: Mapping[str, str]) -> str:
    view = Exploration.from_query_string(query_string)
    return labels.get(view.dataset, view.dataset) if view else ""


def show_explore(
    cursor: duckdb.DuckDBPyConnection,
    datasets: list[explore.Dataset],
    language: str,
) -> None:
    """Draw the Explore page's controls, result and saved views for the datasets."""
    url_view = view_from_url()
    dataset = select_dataset(datasets, url_view, language)
    kinds = explore.dataset_columns(cursor, dataset)
    seeded = url_view if url_view and url_view.dataset == dataset else None
    filters = select_filters(
        cursor, dataset, kinds, dict(seeded.filters) if seeded else {}, language
    )
    group_by, measure, measure_column = select_grouping(
        dataset, kinds, url_view, language
    )
    exploration = Exploration(
        dataset=dataset,
        filters=filters,
        group_by=group_by,
        measure=measure,
        measure_column=measure_column,
    )
    exploration = settle_page(exploration, seeded)
    write_view_to_url(exploration)
    show_result(cursor, exploration, kinds, language)
    show_saved_views(exploration, datasets, language)
