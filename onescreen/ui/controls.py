"""The global controls every page shares: period, department, track, projector, theme.

API (part of the shared UI infrastructure; pages call these after show_page_header):

- ``read_controls(cursor, language) -> Controls`` draws the sidebar widgets and keeps
  every value in the URL, so a view can be shared and bookmarked:
  ``period`` (2025, 2025-Q3 or 2025-09; default the latest complete month of the
  data), ``dept`` (a department name), ``track`` (established | contract),
  ``projector=1`` and ``theme=dark|light``. ``cursor`` may be None (no database yet).
- ``Controls``: ``period`` (a :class:`onescreen.periods.Period`), ``period_kind``,
  ``year``, ``quarter``, ``month``, ``start_date``, ``end_date``, ``department``,
  ``track``, ``projector``, ``theme``, ``as_of_date``; ``query_parameters()`` gives
  the $params most queries take (year, start_date, end_date, department, track);
  ``describe(language)`` one line naming the filters, for captions and exports.
- ``apply_projector_style(controls, language)``: the CSS of projector mode (large
  type, high contrast, sidebar and chrome hidden, an exit button) and of the dark
  theme; call it once per page, after read_controls.
- ``is_projector_mode()``: whether this run is in projector mode.
- ``plotly_config(controls)``: the config for st.plotly_chart (no toolbar on a
  projector, no logo, nothing fetched).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import duckdb
import streamlit as st

from onescreen.i18n import t
from onescreen.periods import (
    KINDS,
    Period,
    latest_complete_month,
    parse_period,
    period_choices,
    with_kind,
)
from onescreen.ui.cache import cached_query

logger = logging.getLogger(__name__)

TRACKS = ("established", "contract")
THEMES = ("light", "dark")
QUERY_PARAMS = {
    "period": "period",
    "department": "dept",
    "track": "track",
    "projector": "projector",
    "theme": "theme",
}
STORE_PREFIX = "controls."
WIDGET_PREFIX = "controls_widget."
EXIT_PROJECTOR_KEY = "exit_projector"
ALL = ""


@dataclass(frozen=True)
class Controls:
    """What the global controls select for this page run."""

    period: Period
    department: str | None = None
    track: str | None = None
    projector: bool = False
    theme: str = "light"
    as_of_date: date | None = None
    first_year: int | None = None

    @property
    def period_kind(self) -> str:
        """Return year, quarter or month."""
        return self.period.kind

    @property
    def year(self) -> int:
        """Return the period's year."""
        return self.period.year

    @property
    def quarter(self) -> int | None:
        """Return the period's quarter, or None."""
        return self.period.quarter

    @property
    def month(self) -> int | None:
        """Return the period's month, or None."""
        return self.period.month

    @property
    def start_date(self) -> date:
        """Return the first day of the period."""
        return self.period.start_date

    @property
    def end_date(self) -> date:
        """Return the period's last day, or the as-of date if that comes first."""
        return self.period.clipped_end(self.as_of_date)

    def query_parameters(self) -> dict:
        """Return the $parameters the named queries take for these controls."""
        return {
            "year": self.year,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "department": self.department,
            "track": self.track,
        }

    def describe(self, language: str) -> str:
        """Return one line naming the period and the filters that are set."""
        parts = [self.period.label(language)]
        if self.department:
            parts.append(self.department)
        if self.track:
            parts.append(t(f"controls.track.{self.track}", language))
        return " · ".join(parts)


def _store(name: str) -> str:
    return STORE_PREFIX + name


def _widget(name: str) -> str:
    return WIDGET_PREFIX + name


def _copy_widget_to_store(name: str) -> None:
    st.session_state[_store(name)] = st.session_state[_widget(name)]


def _copy_choice_to_store(name: str) -> None:
    st.session_state[_store(name)] = st.session_state[_widget(name)] or None


def _url_value(name: str) -> str | None:
    return st.query_params.get(QUERY_PARAMS[name])


def _stored(name: str, from_url, default):
    """Return the stored value of a control, first taken from the URL or default."""
    if _store(name) not in st.session_state:
        value = from_url(_url_value(name))
        st.session_state[_store(name)] = default if value is None else value
    return st.session_state[_store(name)]


def _write_url(name: str, value: str | None) -> None:
    key = QUERY_PARAMS[name]
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def load_reporting_calendar(
    cursor: duckdb.DuckDBPyConnection | None,
) -> tuple[date, int]:
    """Return the build's as-of date and first year, or today's when there is none."""
    if cursor is not None:
        try:
            frame = cached_query(cursor, "reporting_calendar")
            if frame.height:
                row = frame.row(0, named=True)
                return row["as_of_date"], int(row["first_year"])
        except duckdb.Error as error:
            logger.warning("reporting calendar unavailable: %s", error)
    today = date.today()
    return today, today.year - 3


def load_departments(cursor: duckdb.DuckDBPyConnection | None) -> list[str]:
    """Return the center's department names, or none when they cannot be read."""
    if cursor is None:
        return []
    try:
        return (
            cached_query(cursor, "department_names").get_column("department").to_list()
        )
    except duckdb.Error as error:
        logger.warning("departments unavailable: %s", error)
        return []


def _period_from_url(text: str | None) -> Period | None:
    return parse_period(text)


def _flag_from_url(text: str | None) -> bool | None:
    return None if text is None else text in ("1", "true", "yes", "on")


def _choice_from_url(choices: tuple[str, ...]):
    return lambda text: text if text in choices else None


def select_period(language: str, as_of: date, first_year: int) -> Period:
    """Draw the period kind and period selectors; return the chosen period."""
    period = _stored("period", _period_from_url, latest_complete_month(as_of))
    sidebar = st.sidebar
    st.session_state[_widget("period_kind")] = period.kind
    kind = sidebar.segmented_control(
        t("controls.period_kind", language),
        KINDS,
        key=_widget("period_kind"),
        required=True,
        format_func=lambda kind: t(f"controls.kind.{kind}", language),
        on_change=_change_period_kind,
    )
    choices = period_choices(kind or period.kind, first_year, as_of)
    if not choices:
        choices = [period]
    if period not in choices:
        period = choices[0] if period.start_date > as_of else period
        choices = choices if period in choices else [period, *choices]
    st.session_state[_store("period")] = period
    st.session_state[_widget("period")] = period
    period = sidebar.selectbox(
        t("controls.period", language),
        choices,
        key=_widget("period"),
        format_func=lambda choice: choice.label(language),
        on_change=_copy_widget_to_store,
        args=("period",),
    )
    _write_url("period", period.code)
    return period


def _change_period_kind() -> None:
    kind = st.session_state[_widget("period_kind")]
    period = st.session_state.get(_store("period"))
    if kind and isinstance(period, Period):
        st.session_state[_store("period")] = with_kind(period, kind)


def select_department(language: str, departments: list[str]) -> str | None:
    """Draw the department selector; return the department or None for all."""
    department = _stored("department", lambda text: text or None, None)
    # A selectbox shows None as "choose an option"; "" stands for every department.
    options = [ALL, *departments]
    if department and department not in options:
        options.append(department)
    st.session_state[_widget("department")] = department or ALL
    chosen = st.sidebar.selectbox(
        t("controls.department", language),
        options,
        key=_widget("department"),
        format_func=lambda name: name or t("filter.all", language),
        on_change=_copy_choice_to_store,
        args=("department",),
    )
    _write_url("department", chosen or None)
    return chosen or None


def select_track(language: str) -> str | None:
    """Draw the employment-track selector; return the track or None for both."""
    track = _stored("track", _choice_from_url(TRACKS), None)
    st.session_state[_widget("track")] = track or ALL
    chosen = st.sidebar.selectbox(
        t("controls.track", language),
        [ALL, *TRACKS],
        key=_widget("track"),
        format_func=lambda name: (
            t(f"controls.track.{name}", language) if name else t("filter.all", language)
        ),
        on_change=_copy_choice_to_store,
        args=("track",),
    )
    _write_url("track", chosen or None)
    return chosen or None


def select_display(language: str) -> tuple[bool, str]:
    """Draw the projector toggle and theme switch; return (projector, theme)."""
    projector = bool(_stored("projector", _flag_from_url, False))
    theme = _stored("theme", _choice_from_url(THEMES), "light")
    st.session_state[_widget("projector")] = projector
    projector = st.sidebar.toggle(
        t("controls.projector", language),
        key=_widget("projector"),
        help=t("controls.projector.help", language),
        on_change=_copy_widget_to_store,
        args=("projector",),
    )
    st.session_state[_widget("theme")] = theme
    theme = st.sidebar.segmented_control(
        t("controls.theme", language),
        THEMES,
        key=_widget("theme"),
        required=True,
        format_func=lambda name: t(f"controls.theme.{name}", language),
        on_change=_copy_widget_to_store,
        args=("theme",),
    )
    _write_url("projector", "1" if projector else None)
    _write_url("theme", "dark" if theme == "dark" else None)
    return projector, theme or "light"


def read_controls(cursor: duckdb.DuckDBPyConnection | None, language: str) -> Controls:
    """Draw the global controls in the sidebar and return what they select."""
    as_of, first_year = load_reporting_calendar(cursor)
    period = select_period(language, as_of, first_year)
    department = select_department(language, load_departments(cursor))
    track = select_track(language)
    projector, theme = select_display(language)
    return Controls(
        period=period,
        department=department,
        track=track,
        projector=projector,
        theme=theme,
        as_of_date=as_of,
        first_year=first_year,
    )


def is_projector_mode() -> bool:
    """Tell whether this run is in projector mode (the toggle or ?projector=1)."""
    return bool(_stored("projector", _flag_from_url, False))


def _leave_projector() -> None:
    st.session_state[_store("projector")] = False


DARK_CSS = """
.stApp, [data-testid="stSidebar"], [data-testid="stHeader"] {
  background-color: #10151d; color: #eef2f7;
}
.stApp h1, .stApp h2, .stApp h3, .stApp p, .stApp label, .stApp span,
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricLabel"],
.stApp [data-testid="stCaptionContainer"] { color: #eef2f7; }
.stApp [data-testid="stMetric"] { background-color: #18202b; }
.stApp [data-testid="stMetricDelta"] { background-color: #2a3647 !important; }
.stApp [data-testid="stMetricDelta"] p, .stApp [data-testid="stMetricDelta"] svg {
  color: #eef2f7 !important; }
.stApp [data-testid="stTooltipHoverTarget"] svg { color: #cbd5e1; stroke: #cbd5e1; }
/* The trend lines are drawn on a light canvas; inverted they sit on the dark tile. */
.stApp [data-testid="stMetricChart"] { filter: invert(0.9) hue-rotate(180deg); }
/* Widgets and message boxes keep light backgrounds unless told: give them dark ones
   so that the light text above stays readable. */
.stApp [data-testid="stAlertContainer"], .stApp [data-testid="stAlert"] > div {
  background-color: #1f2937 !important; color: #eef2f7 !important; }
.stApp [data-testid="stAlertContainer"] * { color: #eef2f7 !important; }
.stApp [data-baseweb="select"] > div, .stApp input, .stApp textarea {
  background-color: #18202b !important; color: #eef2f7 !important;
  border-color: #3a4556 !important; }
.stApp button { background-color: #18202b !important; color: #eef2f7 !important;
  border-color: #3a4556 !important; }
.stApp button[kind*="Active"], .stApp button[aria-checked="true"] {
  background-color: #2a3647 !important; border-color: #f87171 !important; }
[data-baseweb="popover"] ul, [data-baseweb="popover"] li {
  background-color: #18202b !important; color: #eef2f7 !important; }
"""

PROJECTOR_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebarNav"], footer,
[data-testid="stElementToolbar"], .modebar-container { display: none !important; }
.stApp [data-testid="stMainBlockContainer"], .block-container {
  padding: 0.5rem 1.4rem 0.2rem 1.4rem !important; max-width: 100% !important;
}
.stApp [data-testid="stVerticalBlock"] { gap: 0.55rem; }
.stApp h1 { font-size: 2.2rem !important; padding: 0 !important; }
.stApp h2, .stApp h3 { font-size: 1.5rem !important; padding: 0.1rem 0 !important; }
.stApp p, .stApp li, .stApp label { font-size: 1.15rem; }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] p {
  font-size: 2.9rem !important; font-weight: 700; line-height: 1.15;
}
.stApp [data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
.stApp [data-testid="stMetricDelta"] p { font-size: 1.1rem !important; }
.stApp [data-testid="stMetric"] { padding: 0.6rem 0.9rem !important; }
.stApp [data-testid="stMetricChart"] { height: 56px !important; }
.stApp [data-testid="stCaptionContainer"] p { font-size: 1.0rem !important; }
.st-key-exit_projector { position: fixed; top: 0.4rem; right: 0.6rem; z-index: 999990;
  opacity: 0.35; }
.st-key-exit_projector:hover { opacity: 1; }
"""

LIGHT_PROJECTOR_CSS = """
.stApp { background-color: #ffffff; color: #000000; }
.stApp [data-testid="stMetric"] { border-color: #1f2933 !important; }
"""


def apply_projector_style(controls: Controls, language: str) -> None:
    """Add the CSS of projector mode and of the dark theme to the page."""
    css = ""
    if controls.theme == "dark":
        css += DARK_CSS
    if controls.projector:
        css += PROJECTOR_CSS
        if controls.theme != "dark":
            css += LIGHT_PROJECTOR_CSS
    if css:
        st.html(f"<style>{css}</style>")
    if controls.projector:
        st.button(
            t("controls.projector.exit", language),
            key=EXIT_PROJECTOR_KEY,
            on_click=_leave_projector,
            type="tertiary",
        )


def plotly_config(controls: Controls) -> dict:
    """Return the st.plotly_chart config: no toolbar on a projector, no logo."""
    return {
        "displayModeBar": False if controls.projector else "hover",
        "displaylogo": False,
        "responsive": True,
    }
