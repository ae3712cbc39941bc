"""办公用房权属登记: progress against target, stage funnel, 核减, 一房一档 and problems."""

import polars as pl
import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import property as views
from onescreen.ui.cache import cached_or_explain
from onescreen.ui.controls import apply_projector_style, read_controls
from onescreen.ui.downloads import show_data_table
from onescreen.ui.tiles import load_freshness

language = ui.current_language()
ui.show_page_header("property", language)
cursor = ui.connect_or_explain(language)
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
if cursor is None:
    st.stop()

params = controls.query_parameters()
progress = cached_or_explain(cursor, "registration_progress", language, **params)
funnel = cached_or_explain(cursor, "registration_funnel", language, **params)
buildings = cached_or_explain(cursor, "building_register", language)
deducted = cached_or_explain(cursor, "deducted_buildings", language)
freshness = load_freshness(cursor)
if any(frame is None for frame in (progress, funnel, buildings, deducted)):
    st.stop()

if controls.department:
    st.caption(t("property.department_note", language, department=controls.department))
if progress.is_empty() or progress.get_column("target_area_m2")[0] is None:
    st.info(t("property.no_task", language, year=controls.year))
else:
    views.show_registration_tiles(progress, freshness, language)
    views.show_progress_charts(progress, funnel, controls, language)

map_column, deducted_column = st.columns([2, 3])
with map_column:
    st.subheader(t("property.map.title", language))
    views.show_building_map(buildings, language, height=360, key="property_map")
with deducted_column:
    st.subheader(t("property.deducted.title", language))
    if deducted.is_empty():
        st.info(t("property.deducted.empty", language))
    else:
        table = views.property_table(deducted, views.DEDUCTED_FIELDS, language)
        show_data_table(table, "deducted_buildings", language, height=330)

st.subheader(t("property.register.title", language))
stages = views.select_stages(buildings, language)
register = buildings.filter(pl.col("stage").is_in(stages))
if register.is_empty():
    st.info(t("property.register.empty", language))
else:
    table = views.property_table(register, views.REGISTER_FIELDS, language)
    show_data_table(table, "building_register", language)

st.subheader(t("property.problems.title", language))
every_problem = cached_or_explain(
    cursor,
    "property_problems_by_category_at_period_end",
    language,
    **params,
    lead_department=None,
)
if every_problem is None or every_problem.is_empty():
    st.info(t("property.problems.empty", language))
    st.stop()
lead_department = views.select_lead_department(every_problem, language)
problems = (
    every_problem
    if lead_department is None
    else every_problem.filter(pl.col("lead_department") == lead_department)
)
table = views.property_table(problems, views.PROBLEM_CATEGORY_FIELDS, language)
show_data_table(table, "property_problems_by_category", language)

st.subheader(t("property.open_problems.title", language))
open_problems = cached_or_explain(
    cursor,
    "property_problems_open_at_period_end",
    language,
    **params,
    lead_department=lead_department,
)
if open_problems is not None and open_problems.is_empty():
    st.info(t("property.open_problems.empty", language))
elif open_problems is not None:
    table = views.property_table(open_problems, views.OPEN_PROBLEM_FIELDS, language)
    show_data_table(table, "open_property_problems", language)
