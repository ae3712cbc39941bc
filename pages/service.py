"""The Service page: 好差评 satisfaction by month, item and staff; bad reviews rectified."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import domains
from onescreen.ui.controls import apply_projector_style, read_controls
from onescreen.ui.tiles import load_freshness

language = ui.current_language()
ui.show_page_header("service", language)
cursor = ui.connect_or_explain(language)
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
if cursor is None:
    st.stop()

service = domains.load_service(cursor, controls, language)
if service is None:
    st.stop()
domains.show_filter_note("service", controls, language)
if service["months"].is_empty():
    domains.show_empty(language)
    st.stop()

domains.show_service_headline(service, controls, language, load_freshness(cursor))
months_tab, items_tab, handlers_tab, bad_tab = st.tabs(
    [
        t("domains.section.months", language),
        t("domains.section.items", language),
        t("domains.section.handlers", language),
        t("domains.section.bad_reviews", language),
    ]
)
with months_tab:
    domains.show_service_months(service, controls, language)
with items_tab:
    domains.show_service_items(service, controls, language)
with handlers_tab:
    domains.show_service_handlers(service, controls, language)
with bad_tab:
    domains.show_bad_reviews(service, controls, language)
