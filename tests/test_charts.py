"""The shared plotly theme, number formats and figure builders."""

from __future__ import annotations

import ast

import plotly.io as pio
import pytest

from onescreen import charts
from onescreen.settings import PROJECT_ROOT


def test_the_charts_module_does_not_import_streamlit():
    tree = ast.parse((PROJECT_ROOT / "onescreen" / "charts.py").read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [node])
        if isinstance(node, ast.Import)
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert "streamlit" not in imported


@pytest.mark.parametrize("name", [charts.TEMPLATE_LIGHT, charts.TEMPLATE_DARK])
def test_both_templates_use_a_local_cjk_font_stack_and_the_safe_palette(name):
    layout = pio.templates[name].layout
    assert "Microsoft YaHei" in layout.font.family
    assert "Noto Sans CJK SC" in layout.font.family
    assert "http" not in layout.font.family
    assert tuple(layout.colorway) == charts.PALETTE


def test_the_palette_keeps_red_yellow_and_green_for_alerts():
    assert not set(charts.PALETTE) & set(charts.ALERT_COLORS.values())
    for color in charts.PALETTE:
        red, green, blue = (int(color[index : index + 2], 16) for index in (1, 3, 5))
        assert not (green > red + 40 and green > blue + 40), f"{color} reads as green"
        assert not (red > 180 and green > 150 and blue < 90), f"{color} reads as yellow"
        assert not (red > 180 and green < 90 and blue < 90), f"{color} reads as red"


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(0.702599, 2, "70.26%"), (1.0, 1, "100.0%"), (None, 2, "—"), (-0.045, 1, "-4.5%")],
)
def test_ratios_are_written_as_percentages(value, digits, text):
    assert charts.format_percent(value, digits) == text


@pytest.mark.parametrize(
    ("m2", "language", "text"),
    [
        (42_300, "zh", "4.23 万m²"),
        (42_300, "en", "42,300 m²"),
        (8_500, "zh", "8,500 m²"),
        (None, "zh", "—"),
    ],
)
def test_areas_are_written_in_the_units_people_use(m2, language, text):
    assert charts.format_area(m2, language) == text


@pytest.mark.parametrize(
    ("ratio", "language", "comparison", "text"),
    [
        (0.15, "zh", "yoy", "同比 +15.0%"),
        (0.15, "en", "yoy", "+15.0% year on year"),
        (-0.032, "zh", "mom", "环比 -3.2%"),
        (None, "zh", "yoy", "—"),
    ],
)
def test_changes_use_the_same_period_wording_of_each_language(
    ratio, language, comparison, text
):
    assert charts.format_change(ratio, language, comparison) == text


def test_points_and_plain_numbers_carry_their_sign_and_unit():
    assert charts.format_points(8.1, "zh") == "+8.1 个百分点"
    assert charts.format_points(-2.0, "en") == "-2.0 pts"
    assert charts.format_number(80066.6, "kgce") == "80,067 kgce"


def test_the_gauge_marks_the_pace_and_shows_the_progress_with_two_decimals():
    figure = charts.gauge_figure(0.702599, pace=1.0, projected=0.702599)
    indicator = figure.data[0]
    assert indicator.value == pytest.approx(70.2599)
    assert indicator.gauge.threshold.value == 100
    assert indicator.number.valueformat == ".2f"


def test_the_funnel_draws_the_deduction_branch_apart():
    figure = charts.funnel_figure(
        ["排查", "诊断", "已登记"], [30, 16, 10], branch_stage="核减", branch_count=13
    )
    assert list(figure.data[0].y) == ["排查", "诊断", "已登记"]
    assert list(figure.data[1].y) == ["核减"]
    assert figure.data[1].marker.color == charts.NEUTRAL


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_builder_uses_the_template_of_the_theme(theme):
    figures = [
        charts.sparkline_figure([1, 2, 3], ["a", "b", "c"], theme=theme),
        charts.bar_figure(["a", "b"], [1, 2], theme=theme),
        charts.line_figure([1, 2], {"x": [1, 2]}, theme=theme, percent=True),
        charts.gauge_figure(0.5, theme=theme),
        charts.funnel_figure(["a"], [1], theme=theme),
    ]
    for figure in figures:
        assert figure.layout.template.layout.font.family == charts.FONT_FAMILY
        expected = pio.templates[charts.template_name(theme)].layout.font.color
        assert figure.layout.template.layout.font.color == expected


def test_stage_colours_are_converted_for_pydeck():
    assert charts.rgb("#0072B2", 200) == [0, 114, 178, 200]
