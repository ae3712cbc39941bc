"""The Workforce page: the two tracks side by side, turnover, pay, backups, training."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import domains
from onescreen.ui.controls import apply_projector_style, read_controls
from onescreen.ui.tiles import load_freshness

language = ui.current_language()
ui.show_page_header("workforce", language)
cursor = ui.connect_or_explain(language)
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
if cursor is None:
    st.stop()

workforce = domains.load_workforce(cursor, controls, language)
if workforce is None:
    st.stop()
domains.show_filter_note("workforce", controls, language)
if workforce["workforce"].is_empty():
    domains.show_empty(language)
    st.stop()

domains.show_workforce_headline(workforce, controls, language, load_freshness(cursor))
tracks_tab, turnover_tab, pay_tab, backups_tab, training_tab = st.tabs(
    [
        t("domains.section.tracks", language),
        t("domains.section.turnover", language),
        t("domains.section.pay", language),
        t("domains.section.backups", language),
        t("domains.section.training", language),
    ]
)
with tracks_tab:
    domains.show_workforce_tracks(workforce, controls, language)
with turnover_tab:
    domains.show_workforce_turnover(workforce, controls, language)
with pay_tab:
    domains.show_workforce_pay(workforce, controls, language)
with backups_tab:
    domains.show_workforce_backups(workforce, controls, language)
with training_tab:
    domains.show_workforce_training(workforce, controls, language)
