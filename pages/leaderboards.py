"""The Leaderboards page: quarterly scores, ranks, grades, lists and the annual record."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import kpi
from onescreen.ui.controls import apply_projector_style, read_controls

language = ui.current_language()
ui.show_page_header("leaderboards", language)

cursor = ui.connect_or_explain(language)
if cursor is None:
    st.stop()
controls = read_controls(cursor, language)
apply_projector_style(controls, language)

quarters = ui.query_if_tables_exist(cursor, "scored_quarters", language)
if quarters is None or quarters.is_empty():
    st.info(t("kpi.no_scores", language))
    st.stop()
filters = kpi.select_quarter_and_family(quarters, controls, language)
method = ui.query_or_explain(cursor, "scoring_method", language)
if method is not None:
    kpi.show_method(method, language)

scores = ui.query_or_explain(cursor, "kpi_scores_in_quarter", language, **filters)
measures = ui.query_or_explain(cursor, "kpi_measures_in_quarter", language, **filters)
unscored = ui.query_or_explain(
    cursor, "unscored_people_in_quarter", language, **filters
)
annual = ui.query_or_explain(cursor, "annual_records_in_year", language, **filters)
if scores is None or measures is None or unscored is None or annual is None:
    st.stop()
if scores.is_empty():
    st.info(t("kpi.nothing_in_quarter", language))
    st.stop()

in_full = kpi.names_shown_in_full()
ranking, breakdown, lists, annual_tab, not_scored = st.tabs(
    [
        t("kpi.tab.ranking", language),
        t("kpi.tab.breakdown", language),
        t("kpi.tab.lists", language),
        t("kpi.tab.annual", language),
        t("kpi.tab.not_scored", language),
    ]
)
with ranking:
    kpi.show_ranking(scores, language, in_full)
with breakdown:
    kpi.show_breakdown(scores, measures, language, in_full)
with lists:
    kpi.show_lists(scores, language, in_full)
with annual_tab:
    kpi.show_annual(annual, language, in_full)
with not_scored:
    kpi.show_not_scored(unscored, language, in_full)
