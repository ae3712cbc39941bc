"""The SQL page: one read-only query over the analysis data, limited and logged."""

import os

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui.sql import show_sql_page

language = ui.current_language()
ui.show_page_header("sql", language)

cursor = ui.connect_or_explain(language)
if cursor is None:
    st.stop()

settings = ui.settings_from_environment(os.environ)
st.caption(
    t(
        "sql.limits",
        language,
        seconds=settings.sql_time_limit_seconds,
        cap=settings.sql_row_cap,
    )
)
show_sql_page(cursor, settings, language)
