"""The domain pages' figures, period arithmetic and table labelling, without a browser."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import pytest

from onescreen import domain_figures as figures
from onescreen.charts import ALERT_COLORS, TEMPLATE_DARK, TEMPLATE_LIGHT
from onescreen.periods import Period
from onescreen.ui import domains

MONTHS = [date(2025, 1, 1), date(2025, 2, 1)]


def fleet_months() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "month_date": MONTHS,
            "utilisation_ratio": [0.5, 0.6],
            "last_year_ratio": [0.4, None],
            "requested_count": [10, 12],
            "completed_count": [9, 12],
            "fulfilment_ratio": [0.9, 1.0],
            "response_median_minutes": [20.0, 22.0],
            "response_p90_minutes": [35.0, 40.0],
            "beidou_km": [100.0, 120.0],
            "odometer_km": [101.0, 119.0],
            "cost_per_km_yuan": [0.7, 0.8],
            "bad_count": [1, 0],
            "satisfaction_ratio": [0.9, 1.0],
        }
    )


def vehicles() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "plate": ["蒙H1", "蒙H2", "蒙H3"],
            "utilisation_ratio": [0.9, 0.5, 0.1],
            "utilisation_status": ["overused", "normal", "idle"],
        }
    )


def buildings() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "building_name": ["A楼", "B楼", "C楼"],
            "change_ratio": [0.05, -0.1, None],
            "is_above_baseline": [True, False, False],
            "kgce_per_m2": [10.0, 12.0, None],
            "kgce_per_person": [300.0, 200.0, None],
        }
    )


def by_track(column: str, values: list) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "track": ["established", "contract"],
            column: values,
            "headcount": [3, 4],
            "post_family": ["驾驶", "驾驶"],
            "age_band": ["50+", "<30"],
            "age_band_order": [4, 1],
            "headcount_share": [1.0, 1.0],
            "program": ["青蓝工程", "青蓝工程"],
            "training_hours": [10.0, 20.0],
        }
    )


def pay() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "post_name": ["驾驶员", "文秘"],
            "established_average_pay_yuan": [9000.0, 8000.0],
            "contract_average_pay_yuan": [4500.0, None],
            "pay_gap_yuan": [4500.0, None],
        }
    )


def energy_types() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "month_date": MONTHS * 2,
            "energy_type": ["电", "电", "热力", "热力"],
            "kgce": [10.0, 11.0, 50.0, 40.0],
            "baseline_kgce": [12.0, None, 55.0, None],
        }
    )


BUILDERS = {
    "utilisation trend": lambda: figures.utilisation_trend_figure(fleet_months(), "zh"),
    "vehicle bars": lambda: figures.vehicle_utilisation_figure(
        vehicles(), "zh", (0.3, 0.9)
    ),
    "vehicle heatmap": lambda: figures.vehicle_month_heatmap(
        pl.DataFrame(
            {
                "plate": ["蒙H1", "蒙H1", "蒙H2"],
                "month_date": [MONTHS[0], MONTHS[1], MONTHS[0]],
                "utilisation_ratio": [0.5, 0.6, 0.2],
            }
        ),
        "en",
    ),
    "unit bars": lambda: figures.unit_utilisation_figure(
        pl.DataFrame({"user_unit": ["中心"], "utilisation_ratio": [0.5]}), "en"
    ),
    "response": lambda: figures.response_time_figure(fleet_months(), "en"),
    "mileage": lambda: figures.mileage_figure(fleet_months(), "zh"),
    "fulfilment": lambda: figures.fulfilment_figure(fleet_months(), "zh"),
    "energy types": lambda: figures.energy_type_figure(energy_types(), "zh"),
    "building change": lambda: figures.building_change_figure(buildings(), "en"),
    "intensity": lambda: figures.building_intensity_figure(buildings(), "zh"),
    "satisfaction": lambda: figures.satisfaction_trend_figure(fleet_months(), "en"),
    "satisfaction bars": lambda: figures.satisfaction_bar_figure(
        pl.DataFrame(
            {"item_name": ["物业", None], "satisfaction_ratio": [0.9, 0.8]}
        ).with_columns(pl.lit(5).alias("review_count")),
        "item_name",
        "domains.chart.satisfaction_items",
        "zh",
    ),
    "post families": lambda: figures.headcount_by_family_figure(
        by_track("department", ["办公室", "办公室"]), "zh"
    ),
    "age bands": lambda: figures.age_band_figure(by_track("x", [1, 2]), "en"),
    "pay gap": lambda: figures.pay_gap_figure(pay(), "zh"),
    "training": lambda: figures.training_figure(by_track("x", [1, 2]), "zh"),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_each_builder_returns_a_figure_with_data_in_the_shared_template(name):
    figure = BUILDERS[name]()
    assert isinstance(figure, go.Figure)
    assert figure.data
    assert figure.layout.template.layout.font.family.startswith("'Source Sans'")


def test_the_dark_theme_uses_the_dark_template():
    figure = figures.unit_utilisation_figure(
        pl.DataFrame({"user_unit": ["中心"], "utilisation_ratio": [0.5]}),
        "zh",
        theme="dark",
    )
    light = figures.unit_utilisation_figure(
        pl.DataFrame({"user_unit": ["中心"], "utilisation_ratio": [0.5]}), "zh"
    )
    assert TEMPLATE_DARK != TEMPLATE_LIGHT
    assert figure.layout.template != light.layout.template


def test_vehicle_bars_are_red_and_yellow_only_for_over_used_and_idle_vehicles():
    colors = list(
        figures.vehicle_utilisation_figure(vehicles(), "zh", (0.3, 0.9))
        .data[0]
        .marker.color
    )
    assert colors[0] == ALERT_COLORS["red"]
    assert colors[2] == ALERT_COLORS["yellow"]
    assert colors[1] not in ALERT_COLORS.values()


def test_buildings_above_baseline_are_red_and_buildings_without_one_are_left_out():
    bars = figures.building_change_figure(buildings(), "zh").data[0]
    assert list(bars.y) == ["B楼", "A楼"]
    assert list(bars.marker.color)[1] == ALERT_COLORS["red"]


def test_the_pay_gap_compares_only_posts_held_on_both_tracks():
    figure = figures.pay_gap_figure(pay(), "en")
    assert [list(trace.y) for trace in figure.data] == [["驾驶员"], ["驾驶员"]]
    assert [trace.name for trace in figure.data] == ["Established", "Contract"]


def test_the_energy_baseline_line_is_empty_for_months_without_a_baseline():
    baseline = figures.energy_type_figure(energy_types(), "en").data[-1]
    assert list(baseline.y) == [67.0, None]


@pytest.mark.parametrize(
    ("period", "before"),
    [
        (Period("year", 2023), Period("year", 2022)),
        (Period("quarter", 2025, 1), Period("quarter", 2024, 4)),
        (Period("quarter", 2025, 3), Period("quarter", 2025, 2)),
        (Period("month", 2025, 1), Period("month", 2024, 12)),
        (Period("month", 2025, 11), Period("month", 2025, 10)),
    ],
)
def test_the_period_before_is_the_one_of_the_same_kind_just_before(period, before):
    assert domains.previous_period(period) == before


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (date(2025, 12, 31), date(2024, 12, 31)),
        (date(2024, 2, 29), date(2023, 2, 28)),
    ],
)
def test_a_year_before_keeps_the_day_or_takes_the_last_of_february(day, before):
    assert domains.year_before(day) == before


@pytest.mark.parametrize(
    ("current", "before", "expected"),
    [
        (0.5745, 0.4996, ("同比 +15.0%，+7.5 个百分点", "up")),
        (0.40, 0.50, ("同比 -20.0%，-10.0 个百分点", "down")),
        (0.5, None, (None, "off")),
    ],
)
def test_a_ratio_change_reads_in_percent_and_points(current, before, expected):
    assert domains.ratio_delta(current, before, "zh", "yoy") == expected


def test_a_table_as_shown_has_labels_percentages_and_words_for_codes():
    frame = pl.DataFrame(
        {
            "track": ["established", "contract"],
            "utilisation_ratio": [0.57451, None],
            "is_above_baseline": [True, False],
            "handler_name": ["张三", "李四"],
        }
    )
    fields = ["track", "utilisation_ratio", "is_above_baseline", "handler_name"]
    shown = domains.domain_table(frame, fields, "zh")
    assert shown.columns == ["编制类别", "使用率（%）", "超基准", "受理人"]
    assert shown.row(0) == ("编制内", 57.45, "是", "张三")
    assert shown.row(1) == ("编制外", None, "否", "李四")
    hidden = domains.domain_table(frame, fields, "en", hide_names=True)
    assert hidden.columns == ["Track", "Utilisation (%)", "Above baseline"]


@pytest.mark.parametrize(
    ("field", "value", "language", "expected"),
    [
        ("energy_type", "热力", "en", "Heat"),
        ("energy_type", "热力", "zh", "热力"),
        ("rating", "非常不满意", "en", "very dissatisfied"),
        ("energy_type", "沼气", "en", "沼气"),
    ],
)
def test_coded_values_are_named_in_the_language_or_shown_as_they_are(
    field, value, language, expected
):
    assert figures.value_name(field, value, language) == expected


def test_the_satisfaction_axis_runs_from_0_to_100_percent_even_for_one_month():
    one_month = fleet_months().head(1)

    figure = figures.satisfaction_trend_figure(one_month, "zh")

    assert tuple(figure.layout.yaxis.range) == (0, 1.05)
    assert figure.layout.yaxis.tickformat == ".0%"
