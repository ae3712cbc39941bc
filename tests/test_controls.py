"""Reporting periods and the global controls' values, without a browser."""

from __future__ import annotations

from datetime import date

import pytest

from onescreen.periods import (
    Period,
    latest_complete_month,
    parse_period,
    period_choices,
    with_kind,
)
from onescreen.ui.controls import Controls, plotly_config


@pytest.mark.parametrize(
    ("text", "period", "start", "end"),
    [
        ("2025", Period("year", 2025), date(2025, 1, 1), date(2025, 12, 31)),
        (
            "2025-Q3",
            Period("quarter", 2025, 3),
            date(2025, 7, 1),
            date(2025, 9, 30),
        ),
        ("2024-02", Period("month", 2024, 2), date(2024, 2, 1), date(2024, 2, 29)),
        (" 2025-12 ", Period("month", 2025, 12), date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_a_period_written_in_the_url_is_read_with_its_first_and_last_day(
    text, period, start, end
):
    parsed = parse_period(text)
    assert parsed == period
    assert (parsed.start_date, parsed.end_date) == (start, end)
    assert parse_period(parsed.code) == parsed


@pytest.mark.parametrize(
    "text", [None, "", "25", "2025-13", "2025-Q5", "2025-00", "2025/09", "abc"]
)
def test_text_that_is_not_a_period_is_refused(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("as_of", "month"),
    [
        (date(2025, 12, 31), Period("month", 2025, 12)),
        (date(2025, 12, 30), Period("month", 2025, 11)),
        (date(2026, 1, 15), Period("month", 2025, 12)),
        (date(2024, 2, 29), Period("month", 2024, 2)),
    ],
)
def test_the_default_period_is_the_latest_month_complete_by_the_as_of_date(
    as_of, month
):
    assert latest_complete_month(as_of) == month


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        (Period("year", 2025), "2025年", "2025"),
        (Period("quarter", 2025, 3), "2025年第3季度", "Q3 2025"),
        (Period("month", 2025, 9), "2025年9月", "Sep 2025"),
    ],
)
def test_periods_are_written_as_each_language_writes_them(period, zh, en):
    assert period.label("zh") == zh
    assert period.label("en") == en


def test_period_choices_stop_at_the_as_of_date_newest_first():
    months = period_choices("month", 2024, date(2025, 3, 10))
    assert months[0] == Period("month", 2025, 3)
    assert months[-1] == Period("month", 2024, 1)
    assert len(months) == 15
    assert period_choices("quarter", 2025, date(2025, 3, 10)) == [
        Period("quarter", 2025, 1)
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("year", Period("year", 2025)),
        ("quarter", Period("quarter", 2025, 3)),
        ("month", Period("month", 2025, 8)),
    ],
)
def test_changing_the_kind_keeps_the_period_that_holds_the_same_last_day(
    kind, expected
):
    assert with_kind(Period("month", 2025, 8), kind) == expected


def test_the_same_period_a_year_before_is_the_comparison_for_year_on_year():
    assert Period("quarter", 2025, 3).same_period_year_before() == Period(
        "quarter", 2024, 3
    )


def test_controls_give_the_queries_their_parameters_clipped_to_the_as_of_date():
    controls = Controls(
        period=Period("year", 2025),
        department="办公室",
        track="contract",
        as_of_date=date(2025, 6, 30),
    )
    assert controls.query_parameters() == {
        "year": 2025,
        "start_date": date(2025, 1, 1),
        "end_date": date(2025, 6, 30),
        "department": "办公室",
        "track": "contract",
    }
    assert controls.describe("zh") == "2025年 · 办公室 · 编制外"
    assert controls.describe("en") == "2025 · 办公室 · Contract"


@pytest.mark.parametrize(("projector", "mode_bar"), [(True, False), (False, "hover")])
def test_charts_show_no_toolbar_on_a_projector(projector, mode_bar):
    controls = Controls(period=Period("year", 2025), projector=projector)
    config = plotly_config(controls)
    assert config["displayModeBar"] == mode_bar
    assert config["displaylogo"] is False
