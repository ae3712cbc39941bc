"""Plotly figures and number formats shared by every page, with no streamlit import.

The same figures can later be drawn into a document (the monthly pack), so nothing
here touches Streamlit. API:

- ``TEMPLATE_LIGHT`` / ``TEMPLATE_DARK``: registered plotly template names;
  ``template_name(theme)`` picks one. Fonts are a local CJK stack (nothing is
  fetched); the categorical palette ``PALETTE`` is colour-blind safe and holds no red,
  yellow or green, which are kept for alert status (``ALERT_COLORS``).
- Formats: ``format_percent(ratio)``, ``format_points(points, language)``,
  ``format_area(m2, language)`` (m², or 万m² in Chinese from 10,000 m²),
  ``format_number(value, unit)``, ``format_change(ratio, language, comparison)`` with
  同比 (year on year) or 环比 (on the period before) wording.
- Builders (each returns a ``plotly.graph_objects.Figure``): ``sparkline_figure``,
  ``bar_figure``, ``line_figure``, ``gauge_figure``, ``funnel_figure``,
  ``grouped_bar_figure``, ``heatmap_figure``.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio

from onescreen.i18n import t

FONT_FAMILY = (
    "'Source Sans', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', "
    "'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"
)
# Paul Tol's and Okabe–Ito's colour-blind-safe hues, without red, yellow and green.
PALETTE = (
    "#0072B2",
    "#56B4E9",
    "#CC79A7",
    "#332288",
    "#88CCEE",
    "#AA4499",
    "#6B7280",
    "#882255",
)
ALERT_COLORS = {"red": "#d94a57", "yellow": "#bb8300", "green": "#079464"}
NEUTRAL = "#6B7280"
# Registration stages in funnel order, then the 核减 branch; no alert colours.
STAGE_COLORS = {
    "排查": "#88CCEE",
    "诊断": "#56B4E9",
    "协调": "#CC79A7",
    "处置": "#AA4499",
    "已登记": "#0072B2",
    "核减": "#6B7280",
}
TEMPLATE_LIGHT = "onescreen"
TEMPLATE_DARK = "onescreen_dark"
TEN_THOUSAND = 10_000


def _template(text_color: str, grid_color: str, paper_color: str) -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font={"family": FONT_FAMILY, "size": 15, "color": text_color},
            colorway=list(PALETTE),
            paper_bgcolor=paper_color,
            plot_bgcolor=paper_color,
            margin={"l": 8, "r": 8, "t": 36, "b": 8},
            xaxis={"gridcolor": grid_color, "zeroline": False, "automargin": True},
            yaxis={"gridcolor": grid_color, "zeroline": False, "automargin": True},
            legend={"orientation": "h", "y": -0.15},
            hoverlabel={"font": {"family": FONT_FAMILY}},
            separators=".,",
        )
    )


pio.templates[TEMPLATE_LIGHT] = _template("#1f2933", "#e5e7eb", "rgba(0,0,0,0)")
pio.templates[TEMPLATE_DARK] = _template("#eef2f7", "#334155", "rgba(0,0,0,0)")


def rgb(color: str, alpha: int = 255) -> list[int]:
    """Return a #rrggbb colour as [r, g, b, a] for pydeck."""
    return [int(color[index : index + 2], 16) for index in (1, 3, 5)] + [alpha]


def template_name(theme: str) -> str:
    """Return the plotly template of the light or dark theme."""
    return TEMPLATE_DARK if theme == "dark" else TEMPLATE_LIGHT


def format_percent(ratio: float | None, digits: int = 2) -> str:
    """Return a ratio as a percentage, 0.7026 → 70.26%; '—' when unknown."""
    return "—" if ratio is None else f"{ratio * 100:.{digits}f}%"


def format_points(points: float | None, language: str, digits: int = 1) -> str:
    """Return a change in percentage points with its sign, '+3.2 个百分点'."""
    if points is None:
        return "—"
    return t("format.points", language, value=f"{points:+.{digits}f}")


def format_area(m2: float | None, language: str) -> str:
    """Return an area in m², or in 万m² in Chinese from ten thousand m² up."""
    if m2 is None:
        return "—"
    if language == "zh" and abs(m2) >= TEN_THOUSAND:
        return f"{m2 / TEN_THOUSAND:,.2f} 万m²"
    return f"{m2:,.0f} m²"


def format_number(value: float | None, unit: str = "", digits: int = 0) -> str:
    """Return a number with thousands separators and an optional unit."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".strip()


def format_change(
    ratio: float | None, language: str, comparison: str = "yoy", digits: int = 1
) -> str:
    """Return a relative change with 同比/环比 (or year-on-year) wording."""
    if ratio is None:
        return "—"
    return t(f"format.{comparison}", language, value=f"{ratio * 100:+.{digits}f}%")


def sparkline_figure(
    values: Sequence[float | None],
    labels: Sequence[object],
    theme: str = "light",
    color: str = PALETTE[0],
    height: int = 70,
) -> go.Figure:
    """Return a bare line of a tile's recent values."""
    figure = go.Figure(
        go.Scatter(
            x=list(labels),
            y=list(values),
            mode="lines",
            line={"color": color, "width": 2},
            hoverinfo="x+y",
        )
    )
    figure.update_layout(
        template=template_name(theme),
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return figure


def bar_figure(
    labels: Sequence[object],
    values: Sequence[float | None],
    *,
    title: str = "",
    theme: str = "light",
    orientation: str = "v",
    colors: Sequence[str] | None = None,
    value_format: str = ",.0f",
    height: int = 320,
) -> go.Figure:
    """Return a bar chart of one series, its values written on the bars."""
    horizontal = orientation == "h"
    bar = go.Bar(
        x=list(values) if horizontal else list(labels),
        y=list(labels) if horizontal else list(values),
        orientation=orientation,
        marker={"color": list(colors) if colors else PALETTE[0]},
        texttemplate=f"%{{{'x' if horizontal else 'y'}:{value_format}}}",
        textposition="auto",
    )
    figure = go.Figure(bar)
    figure.update_layout(template=template_name(theme), title=title, height=height)
    if horizontal:
        figure.update_yaxes(autorange="reversed")
    return figure


def line_figure(
    x: Sequence[object],
    series: dict[str, Sequence[float | None]],
    *,
    title: str = "",
    theme: str = "light",
    percent: bool = False,
    height: int = 320,
) -> go.Figure:
    """Return a line chart of named series over the same x values."""
    figure = go.Figure(
        [
            go.Scatter(x=list(x), y=list(values), mode="lines+markers", name=name)
            for name, values in series.items()
        ]
    )
    figure.update_layout(template=template_name(theme), title=title, height=height)
    if percent:
        figure.update_yaxes(tickformat=".0%")
    return figure


def gauge_figure(
    ratio: float | None,
    *,
    pace: float | None = None,
    projected: float | None = None,
    title: str = "",
    theme: str = "light",
    height: int = 260,
) -> go.Figure:
    """Return a gauge of progress against a 100% target, with the expected pace."""
    value = 0.0 if ratio is None else ratio * 100
    steps = []
    if projected is not None:
        steps.append(
            {"range": [0, min(projected * 100, 120)], "color": "rgba(86,180,233,0.25)"}
        )
    gauge = {
        "axis": {"range": [0, 100], "ticksuffix": "%"},
        "bar": {"color": PALETTE[0]},
        "steps": steps,
    }
    if pace is not None:
        gauge["threshold"] = {
            "line": {"color": PALETTE[5], "width": 4},
            "thickness": 0.9,
            "value": pace * 100,
        }
    figure = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=value,
            number={"suffix": "%", "valueformat": ".2f"},
            gauge=gauge,
            title={"text": title},
        )
    )
    figure.update_layout(
        template=template_name(theme),
        height=height,
        margin={"l": 24, "r": 24, "t": 48, "b": 8},
    )
    return figure


def funnel_figure(
    stages: Sequence[str],
    counts: Sequence[float],
    *,
    branch_stage: str | None = None,
    branch_count: float | None = None,
    texts: Sequence[str] | None = None,
    title: str = "",
    theme: str = "light",
    height: int = 320,
) -> go.Figure:
    """Return a stage funnel, with a side branch (such as 核减) drawn apart in grey."""
    figure = go.Figure(
        go.Funnel(
            y=list(stages),
            x=list(counts),
            text=list(texts) if texts else None,
            textinfo="text" if texts else "value",
            marker={"color": PALETTE[0]},
            name="",
        )
    )
    if branch_stage is not None and branch_count is not None:
        figure.add_trace(
            go.Funnel(
                y=[branch_stage],
                x=[branch_count],
                marker={"color": NEUTRAL},
                textinfo="value",
                name="",
            )
        )
    figure.update_layout(
        template=template_name(theme), title=title, height=height, showlegend=False
    )
    return figure


def grouped_bar_figure(
    labels: Sequence[object],
    series: dict[str, Sequence[float | None]],
    *,
    title: str = "",
    theme: str = "light",
    value_format: str = ",.0f",
    height: int = 360,
) -> go.Figure:
    """Return bars of several named series side by side at each label."""
    figure = go.Figure(
        [
            go.Bar(x=list(labels), y=list(values), name=name)
            for name, values in series.items()
        ]
    )
    figure.update_layout(
        template=template_name(theme), title=title, height=height, barmode="group"
    )
    figure.update_yaxes(tickformat=value_format)
    return figure


def heatmap_figure(
    rows: Sequence[object],
    columns: Sequence[object],
    values: Sequence[Sequence[float | None]],
    *,
    title: str = "",
    theme: str = "light",
    height: int = 420,
) -> go.Figure:
    """Return a heatmap of values by row and column labels, in the palette's blues."""
    figure = go.Figure(
        go.Heatmap(
            z=[list(row) for row in values],
            x=list(columns),
            y=list(rows),
            colorscale=[[0, "#eef6fc"], [1, PALETTE[0]]],
            hoverongaps=False,
        )
    )
    figure.update_layout(template=template_name(theme), title=title, height=height)
    figure.update_yaxes(autorange="reversed")
    return figure
