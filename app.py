"""OneScreen (一屏统管): the page navigation and the sidebar every page shares."""

import streamlit as st

from onescreen import ui
from onescreen.i18n import t
from onescreen.ui import access as access_control

# Sections in menu order, each a list of (page id, script, icon); the page id names
# its title and intro in the message catalogue and its path in the URL. Icons are
# emoji: a Material icon becomes the favicon, which the browser fetches from Google.
SECTIONS = {
    "nav.section.overview": [
        ("overview", "pages/overview.py", "🎯"),
        ("property", "pages/property.py", "🏢"),
    ],
    "nav.section.domains": [
        ("fleet", "pages/fleet.py", "🚗"),
        ("energy", "pages/energy.py", "⚡"),
        ("service", "pages/service.py", "💬"),
        ("workforce", "pages/workforce.py", "👥"),
    ],
    "nav.section.performance": [
        ("leaderboards", "pages/leaderboards.py", "🏆"),
        ("alerts", "pages/alerts.py", "🚨"),
    ],
    "nav.section.analysis": [
        ("sql", "pages/sql.py", "🧮"),
        ("explore", "pages/explore.py", "🔎"),
    ],
    "nav.section.manage": [
        ("data", "pages/data.py", "🗂️"),
    ],
}
DEFAULT_PAGE = "overview"

language = ui.select_language()
st.set_page_config(page_title=t("app.title", language), layout="wide")
# Sign-in first: the menu lists only the pages the session's role may open. The others
# stay registered but hidden, so a link to one reaches the page's own refusal in the
# user's language instead of Streamlit's "page not found".
access = access_control.admit(language)
access_control.show_account(access, language)
navigation = st.navigation(
    {
        t(section, language): [
            st.Page(
                script,
                title=t(f"page.{page}.title", language),
                icon=icon,
                url_path=page,
                default=page == DEFAULT_PAGE,
                visibility="visible" if page in access.rights.pages else "hidden",
            )
            for page, script, icon in pages
        ]
        for section, pages in SECTIONS.items()
    }
)
try:
    navigation.run()
except Exception:
    # Streamlit's own box for an error is in English only; this says it in the page's
    # language above it. Streamlit still logs the error and shows its box.
    st.error(t("app.page_failed", language), icon="⚠️")
    raise
