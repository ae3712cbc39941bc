"""The Service page: 好差评 satisfaction by month, item and staff; bad reviews rectified."""

from functools import partial

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import domains
from onescreen.ui.access import rights
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
sections = {
    t("domains.section.months", language): partial(
        domains.show_service_months, service, controls, language
    ),
    t("domains.section.items", language): partial(
        domains.show_service_items, service, controls, language
    ),
}
# Satisfaction per staff member is an individual score, even with the names hidden.
if rights().scores:
    sections[t("domains.section.handlers", language)] = partial(
        domains.show_service_handlers, service, controls, language
    )
sections[t("domains.section.bad_reviews", language)] = partial(
    domains.show_bad_reviews, service, controls, language
)
domains.show_tabs("service", sections)
