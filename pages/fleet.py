"""The Fleet page: utilisation, dispatch, fulfilment, mileage and cost, down to the trip."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import domains
from onescreen.ui.controls import apply_projector_style, read_controls
from onescreen.ui.tiles import load_freshness

language = ui.current_language()
ui.show_page_header("fleet", language)
cursor = ui.connect_or_explain(language)
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
if cursor is None:
    st.stop()

fleet = domains.load_fleet(cursor, controls, language)
if fleet is None:
    st.stop()
domains.show_filter_note("fleet", controls, language)
if domains.fleet_is_empty(fleet):
    domains.show_empty(language)
    st.stop()

domains.show_fleet_headline(fleet, controls, language, load_freshness(cursor))
utilisation_tab, dispatch_tab, mileage_tab, map_tab, vehicle_tab = st.tabs(
    [
        t("domains.section.utilisation", language),
        t("domains.section.dispatch", language),
        t("domains.section.mileage", language),
        t("domains.section.map", language),
        t("domains.section.vehicle", language),
    ]
)
with utilisation_tab:
    domains.show_fleet_utilisation(fleet, controls, language)
with dispatch_tab:
    domains.show_fleet_dispatch(fleet, controls, language)
with mileage_tab:
    domains.show_fleet_mileage(fleet, controls, language)
with map_tab:
    domains.show_fleet_map(cursor, fleet, controls, language)
with vehicle_tab:
    domains.show_vehicle_trips(cursor, fleet, controls, language)
