"""The Alerts page: every alert with its owner, due date and status, and the rows behind it."""

from datetime import timedelta

import duckdb
import streamlit as st

from onescreen import followups, ui
from onescreen.i18n import t
from onescreen.ui import kpi
from onescreen.ui.controls import apply_projector_style, read_controls

language = ui.current_language()
ui.show_page_header("alerts", language)

cursor = ui.connect_or_explain(language)
if cursor is None:
    st.stop()
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
st.caption(t("alerts.controls_note", language))

store = kpi.followup_store_path()
try:
    alerts = followups.alerts_with_followups(cursor, store)
except duckdb.CatalogException:
    st.info(t("alerts.no_alerts", language))
    st.stop()

in_full = kpi.names_shown_in_full()
kpi.show_alert_counts(alerts, language)
filters = kpi.select_alert_filters(alerts, language)
chosen = kpi.filtered_alerts(alerts, filters, language)

list_tab, followup_tab = st.tabs(
    [t("alerts.tab.list", language), t("alerts.tab.followup", language)]
)
with list_tab:
    if chosen.is_empty():
        st.info(t("alerts.nothing_matches", language))
    else:
        kpi.show_alerts(chosen, language, in_full)
        alert = kpi.pick_alert(chosen, language, in_full)
        if alert is not None:
            kpi.show_followup_form(alert, store, language)
            kpi.show_rows_behind(cursor, alert, language)
with followup_tab:
    now = followups.now_in_china()
    review = followups.followup_a_month_ago(cursor, store, now)
    kpi.show_followup_review(
        review, (now - timedelta(days=30)).date(), language, in_full
    )
