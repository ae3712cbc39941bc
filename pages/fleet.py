"""The Fleet page: utilisation, dispatch, fulfilment, mileage and cost, down to the trip."""

from functools import partial

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
domains.show_tabs(
    "fleet",
    {
        t("domains.section.utilisation", language): partial(
            domains.show_fleet_utilisation, fleet, controls, language
        ),
        t("domains.section.dispatch", language): partial(
            domains.show_fleet_dispatch, fleet, controls, language
        ),
        t("domains.section.mileage", language): partial(
            domains.show_fleet_mileage, fleet, controls, language
        ),
        t("domains.section.map", language): partial(
            domains.show_fleet_map, cursor, fleet, controls, language
        ),
        t("domains.section.vehicle", language): partial(
            domains.show_vehicle_trips, cursor, fleet, controls, language
        ),
    },
)
