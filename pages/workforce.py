"""The Workforce page: the two tracks side by side, turnover, pay, backups, training."""

from functools import partial

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
domains.show_tabs(
    "workforce",
    {
        t("domains.section.tracks", language): partial(
            domains.show_workforce_tracks, workforce, controls, language
        ),
        t("domains.section.turnover", language): partial(
            domains.show_workforce_turnover, workforce, controls, language
        ),
        t("domains.section.pay", language): partial(
            domains.show_workforce_pay, workforce, controls, language
        ),
        t("domains.section.backups", language): partial(
            domains.show_workforce_backups, workforce, controls, language
        ),
        t("domains.section.training", language): partial(
            domains.show_workforce_training, workforce, controls, language
        ),
    },
)
