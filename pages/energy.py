"""The Energy page: kgce by building and type, per m² and per person, against baseline."""

from functools import partial

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import domains
from onescreen.ui.controls import apply_projector_style, read_controls
from onescreen.ui.tiles import load_freshness

language = ui.current_language()
ui.show_page_header("energy", language)
cursor = ui.connect_or_explain(language)
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
if cursor is None:
    st.stop()

energy = domains.load_energy(cursor, controls, language)
if energy is None:
    st.stop()
domains.show_filter_note("energy", controls, language)
if energy["buildings"].is_empty():
    domains.show_empty(language)
    st.stop()

domains.show_energy_headline(energy, controls, language, load_freshness(cursor))
domains.show_tabs(
    "energy",
    {
        t("domains.section.buildings", language): partial(
            domains.show_energy_buildings, energy, controls, language
        ),
        t("domains.section.types", language): partial(
            domains.show_energy_types, energy, controls, language
        ),
    },
)
