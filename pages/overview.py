"""一屏统管: are we on track? KPI tiles, alerts and the buildings map on one screen."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui.alerts import show_alert_domains, show_worst_alerts
from onescreen.ui.controls import apply_projector_style, read_controls
from onescreen.ui.overview import (
    explain_unavailable,
    load_overview,
    registered_area_text,
    show_overview_tiles,
    show_scope_line,
)
from onescreen.ui.property import show_building_map

language = ui.current_language()
ui.show_page_header("overview", language)
cursor = ui.connect_or_explain(language)
controls = read_controls(cursor, language)
apply_projector_style(controls, language)
if cursor is None:
    st.stop()

data = load_overview(cursor, controls, language)
show_scope_line(controls, language)
explain_unavailable(data, language)
show_overview_tiles(data, controls, language)

map_column, domain_column, worst_column = st.columns([5, 3, 4])
with map_column:
    st.subheader(t("overview.map.title", language))
    if data.buildings is not None:
        show_building_map(
            data.buildings,
            language,
            height=290 if controls.projector else 360,
            key="overview_map",
        )
with domain_column:
    show_alert_domains(data.alert_counts, language)
with worst_column:
    show_worst_alerts(data.worst_alerts, language, 3 if controls.projector else 5)
    st.caption(registered_area_text(data, language))
    if not controls.projector:
        st.caption(t("overview.filters_apply", language))
