"""The Data page: what the build loaded, what it rejected and why, what is overdue."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui.uploads import show_uploads

language = ui.current_language()
ui.show_page_header("data", language)

cursor = ui.connect_or_explain(language)
if cursor is None:
    # Uploading the first exports is how a center without a database gets one.
    show_uploads(language)
    st.stop()

summary = ui.query_or_explain(cursor, "build_summary", language)
if summary is not None and not summary.is_empty():
    ui.show_build_summary(summary, language)
show_uploads(language)
freshness = ui.query_or_explain(
    cursor,
    "source_freshness",
    language,
    source_contracts=ui.source_contract_rows(),
)
if freshness is not None:
    ui.show_source_freshness(freshness, language)

manifest_tab, quarantine_tab, duplicates_tab, unmatched_tab, calendar_tab = st.tabs(
    [
        t("data.tab.manifest", language),
        t("data.tab.quarantine", language),
        t("data.tab.duplicates", language),
        t("data.tab.unmatched", language),
        t("data.tab.calendar", language),
    ]
)
with manifest_tab:
    manifest = ui.query_or_explain(cursor, "load_manifest", language)
    if manifest is not None:
        ui.show_manifest(manifest, language)
with quarantine_tab:
    every_rejection = ui.query_or_explain(
        cursor, "quarantined_rows", language, **ui.no_quarantine_filters()
    )
    if every_rejection is not None and ui.show_quarantine_summary(
        every_rejection, language
    ):
        filters = ui.select_quarantine_filters(every_rejection, language)
        rejected = ui.query_or_explain(cursor, "quarantined_rows", language, **filters)
        if rejected is not None:
            ui.show_quarantine(rejected, language)
with duplicates_tab:
    conflicts = ui.query_or_explain(cursor, "duplicate_key_conflicts", language)
    if conflicts is not None:
        ui.show_duplicate_conflicts(conflicts, language)
with unmatched_tab:
    unmatched = ui.query_or_explain(cursor, "unmatched_reference_values", language)
    if unmatched is not None:
        ui.show_unmatched_references(unmatched, language)
with calendar_tab:
    coverage = ui.query_if_tables_exist(cursor, "calendar_coverage", language)
    ui.show_calendar_coverage(coverage, language)
