"""The Explore page: slice any dataset without personal data, and share the link."""

import streamlit as st

from onescreen import ui
from onescreen.explore import available_datasets
from onescreen.i18n import t
from onescreen.ui.explore import show_explore

language = ui.current_language()
ui.show_page_header("explore", language)

cursor = ui.connect_or_explain(language)
if cursor is None:
    st.stop()
datasets = available_datasets(cursor)
if not datasets:
    st.info(t("explore.no_datasets", language))
    st.stop()
show_explore(cursor, datasets, language)
