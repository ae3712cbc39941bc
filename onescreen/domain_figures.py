"""Plotly figures of the Fleet, Energy, Service and Workforce pages, from polars frames.

No streamlit here, so the same figures can be drawn into a document. Every builder
takes the rows of one named query, the page's language and the theme, and uses the
shared template of onescreen.charts; red, yellow and green appear only where a row's
alert status calls for them (idle or over-used vehicles, buildings above baseline).
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from onescreen.charts import ALERT_COLORS, NEUTRAL, PALETTE, template_name
from onescreen.i18n import has_message, t

STATUS_COLORS = {
    "idle": ALERT_COLORS["yellow"],
    "overused": ALERT_COLORS["red"],
    "normal": PALETTE[0],
    "unavailable": NEUTRAL,
}
TRACK_COLORS = {"established": PALETTE[0], "contract": PALETTE[2]}
TRACKS = ("established", "contract")


def _layout(figure: go.Figure, title: str, theme: str, height: int) -> go.Figure:
    figure.update_layout(template=template_name(theme), title=title, height=height)
    return figure


def _month_labels(frame: pl.DataFrame, language: str) -> list[str]:
    pattern = "%Y年%-m月" if language == "zh" else "%b %Y"
    return [value.strftime(pattern) for value in frame.get_column("month_date")]


def value_name(field: str, value: str | None, language: str) -> str | None:
    """Return a coded data value (energy type, rating, trip status) in `language`."""
    key = f"domains.value.{field}.{value}"
    return t(key, language) if has_message(key) else value


def track_name(track: str, language: str) -> str:
    """Return the name of an employment track (编制内 / 编制外)."""
    return t(f"domains.track.{track}", language)


def utilisation_trend_figure(
    months: pl.DataFrame, language: str, theme: str = "light", height: int = 320
) -> go.Figure:
    """Return the fleet utilisation of each month against the same month a year before."""
    labels = _month_labels(months, language)
    figure = go.Figure(
        [
            go.Scatter(
                x=labels,
                y=months.get_column("utilisation_ratio").to_list(),
                mode="lines+markers",
                name=t("domains.series.this_period", language),
                line={"color": PALETTE[0], "width": 3},
            ),
            go.Scatter(
                x=labels,
                y=months.get_column("last_year_ratio").to_list(),
                mode="lines+markers",
                name=t("domains.series.last_year", language),
                line={"color": NEUTRAL, "dash": "dot"},
            ),
        ]
    )
    figure.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _layout(
        figure, t("domains.chart.utilisation_trend", language), theme, height
    )


def vehicle_utilisation_figure(
    vehicles: pl.DataFrame,
    language: str,
    bounds: tuple[float, float],
    theme: str = "light",
) -> go.Figure:
    """Return each vehicle's utilisation as a bar coloured by its alert status.

    `bounds` are the idle and over-used limits of the rules file, drawn as lines.
    """
    statuses = vehicles.get_column("utilisation_status").to_list()
    figure = go.Figure(
        go.Bar(
            x=vehicles.get_column("utilisation_ratio").to_list(),
            y=vehicles.get_column("plate").to_list(),
            orientation="h",
            marker={"color": [STATUS_COLORS[status] for status in statuses]},
            customdata=[t(f"domains.status.{s}", language) for s in statuses],
            hovertemplate="%{y}: %{x:.1%} (%{customdata})<extra></extra>",
            texttemplate="%{x:.0%}",
            textposition="auto",
        )
    )
    for bound in bounds:
        figure.add_vline(x=bound, line={"color": NEUTRAL, "dash": "dash"})
    figure.update_xaxes(tickformat=".0%", range=[0, 1])
    figure.update_yaxes(autorange="reversed")
    height = max(320, 22 * vehicles.height + 80)
    return _layout(
        figure, t("domains.chart.vehicle_utilisation", language), theme, height
    )


def vehicle_month_heatmap(
    months: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return a vehicle × month grid of utilisation."""
    month_values = months.get_column("month_date").unique().sort()
    grid = months.pivot(
        on="month_date", index="plate", values="utilisation_ratio"
    ).sort("plate")
    figure = go.Figure(
        go.Heatmap(
            z=grid.select([str(value) for value in month_values]).to_numpy(),
            x=_month_labels(pl.DataFrame({"month_date": month_values}), language),
            y=grid.get_column("plate").to_list(),
            colorscale=[[0, "#f1f5f9"], [1, PALETTE[0]]],
            zmin=0,
            zmax=1,
            hovertemplate="%{y} · %{x}: %{z:.1%}<extra></extra>",
            colorbar={"tickformat": ".0%"},
        )
    )
    figure.update_yaxes(autorange="reversed")
    height = max(320, 20 * grid.height + 100)
    return _layout(figure, t("domains.chart.vehicle_months", language), theme, height)


def unit_utilisation_figure(
    units: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return the utilisation of each user unit's vehicles."""
    figure = go.Figure(
        go.Bar(
            x=units.get_column("user_unit").to_list(),
            y=units.get_column("utilisation_ratio").to_list(),
            marker={"color": PALETTE[1]},
            texttemplate="%{y:.1%}",
            textposition="auto",
        )
    )
    figure.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _layout(figure, t("domains.chart.unit_utilisation", language), theme, 300)


def response_time_figure(
    months: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return the median and P90 dispatch response time of each month."""
    labels = _month_labels(months, language)
    figure = go.Figure(
        [
            go.Scatter(
                x=labels,
                y=months.get_column(column).to_list(),
                mode="lines+markers",
                name=t(f"domains.series.{column}", language),
                line={"color": color},
            )
            for column, color in (
                ("response_median_minutes", PALETTE[0]),
                ("response_p90_minutes", PALETTE[2]),
            )
        ]
    )
    figure.update_yaxes(rangemode="tozero", title=t("domains.unit.minutes", language))
    return _layout(figure, t("domains.chart.response_time", language), theme, 300)


def _bars_with_line(
    months: pl.DataFrame,
    language: str,
    bars: tuple[tuple[str, int], ...],
    line: tuple[str, int],
    line_axis: dict,
) -> go.Figure:
    """Return grouped monthly bars with one line on a second axis on the right."""
    labels = _month_labels(months, language)
    traces = [
        go.Bar(
            x=labels,
            y=months.get_column(column).to_list(),
            name=t(f"domains.series.{column}", language),
            marker={"color": PALETTE[color]},
        )
        for column, color in bars
    ]
    line_column, line_color = line
    traces.append(
        go.Scatter(
            x=labels,
            y=months.get_column(line_column).to_list(),
            name=t(f"domains.series.{line_column}", language),
            mode="lines+markers",
            yaxis="y2",
            line={"color": PALETTE[line_color]},
        )
    )
    figure = go.Figure(traces)
    figure.update_layout(
        barmode="group",
        yaxis2={"overlaying": "y", "side": "right", "showgrid": False, **line_axis},
    )
    return figure


def mileage_figure(
    months: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return BeiDou and odometer kilometres of each month, with cost per km."""
    figure = _bars_with_line(
        months,
        language,
        (("beidou_km", 0), ("odometer_km", 4)),
        ("cost_per_km_yuan", 5),
        {
            "title": t("domains.unit.yuan_per_km", language),
            "tickformat": ".2f",
            "rangemode": "tozero",
        },
    )
    figure.update_layout(yaxis={"title": "km", "rangemode": "tozero"})
    return _layout(figure, t("domains.chart.mileage", language), theme, 320)


def fulfilment_figure(
    months: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return the trips requested and completed in each month, with fulfilment."""
    figure = _bars_with_line(
        months,
        language,
        (("requested_count", 4), ("completed_count", 0)),
        ("fulfilment_ratio", 3),
        {"tickformat": ".0%", "range": [0, 1.05]},
    )
    return _layout(figure, t("domains.chart.fulfilment", language), theme, 300)


def energy_type_figure(
    months: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return kgce of each energy type by month, stacked, with the baseline total."""
    totals = (
        months.group_by("month_date")
        .agg(
            pl.when(pl.col("baseline_kgce").is_not_null().any()).then(
                pl.col("baseline_kgce").sum()
            )
        )
        .sort("month_date")
    )
    bars = [
        go.Bar(
            x=_month_labels(rows, language),
            y=rows.get_column("kgce").to_list(),
            name=value_name("energy_type", energy_type, language),
            marker={"color": PALETTE[index % len(PALETTE)]},
        )
        for index, ((energy_type,), rows) in enumerate(
            months.sort("month_date").group_by(["energy_type"], maintain_order=True)
        )
    ]
    baseline = go.Scatter(
        x=_month_labels(totals, language),
        y=totals.get_column("baseline_kgce").to_list(),
        name=t("domains.series.baseline_kgce", language),
        mode="lines+markers",
        line={"color": NEUTRAL, "dash": "dot"},
    )
    figure = go.Figure([*bars, baseline])
    figure.update_layout(barmode="stack", yaxis={"title": "kgce"})
    return _layout(figure, t("domains.chart.energy_types", language), theme, 340)


def building_change_figure(
    buildings: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return each building's change on the baseline; red where it is above."""
    rows = buildings.filter(pl.col("change_ratio").is_not_null()).sort("change_ratio")
    above = rows.get_column("is_above_baseline").to_list()
    figure = go.Figure(
        go.Bar(
            x=rows.get_column("change_ratio").to_list(),
            y=rows.get_column("building_name").to_list(),
            orientation="h",
            marker={
                "color": [ALERT_COLORS["red"] if flag else PALETTE[0] for flag in above]
            },
            texttemplate="%{x:+.1%}",
            textposition="auto",
            hovertemplate="%{y}: %{x:+.1%}<extra></extra>",
        )
    )
    figure.update_xaxes(tickformat="+.0%")
    height = max(300, 24 * rows.height + 80)
    return _layout(figure, t("domains.chart.building_change", language), theme, height)


def building_intensity_figure(
    buildings: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return each building as a point of kgce per m² against kgce per person."""
    rows = buildings.filter(
        pl.col("kgce_per_m2").is_not_null() & pl.col("kgce_per_person").is_not_null()
    )
    above = rows.get_column("is_above_baseline").to_list()
    figure = go.Figure(
        go.Scatter(
            x=rows.get_column("kgce_per_m2").to_list(),
            y=rows.get_column("kgce_per_person").to_list(),
            mode="markers",
            text=rows.get_column("building_name").to_list(),
            marker={
                "size": 14,
                "color": [
                    ALERT_COLORS["red"] if flag else PALETTE[0] for flag in above
                ],
                "line": {"color": "white", "width": 1},
            },
            hovertemplate="%{text}<br>%{x:,.2f} kgce/m² · %{y:,.1f} kgce<extra></extra>",
        )
    )
    figure.update_xaxes(title=t("domains.series.kgce_per_m2", language))
    figure.update_yaxes(title=t("domains.series.kgce_per_person", language))
    return _layout(figure, t("domains.chart.intensity", language), theme, 340)


def satisfaction_trend_figure(
    months: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return satisfaction of each month with its count of bad reviews."""
    labels = _month_labels(months, language)
    figure = go.Figure(
        [
            go.Bar(
                x=labels,
                y=months.get_column("bad_count").to_list(),
                name=t("domains.series.bad_count", language),
                marker={"color": PALETTE[4]},
                yaxis="y2",
            ),
            go.Scatter(
                x=labels,
                y=months.get_column("satisfaction_ratio").to_list(),
                name=t("domains.series.satisfaction_ratio", language),
                mode="lines+markers",
                line={"color": PALETTE[0], "width": 3},
            ),
        ]
    )
    most_bad = max(months.get_column("bad_count").max() or 0, 1)
    figure.update_layout(
        # A share: 0 to 100 %, whatever the months hold (one month alone would
        # otherwise stretch the axis to 150 %).
        yaxis={"tickformat": ".0%", "range": [0, 1.05]},
        # The bad-review bars keep to the lower third, under the satisfaction line.
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, most_bad * 3],
            "tickformat": ",d",
            "dtick": max(1, most_bad // 2),
            "showgrid": False,
        },
    )
    return _layout(figure, t("domains.chart.satisfaction_trend", language), theme, 320)


def satisfaction_bar_figure(
    rows: pl.DataFrame,
    label_column: str,
    title_key: str,
    language: str,
    theme: str = "light",
) -> go.Figure:
    """Return satisfaction of each item or handler as horizontal bars, lowest first."""
    ordered = rows.sort("satisfaction_ratio", nulls_last=True)
    figure = go.Figure(
        go.Bar(
            x=ordered.get_column("satisfaction_ratio").to_list(),
            y=ordered.get_column(label_column).fill_null("—").to_list(),
            orientation="h",
            marker={"color": PALETTE[0]},
            customdata=ordered.get_column("review_count").to_list(),
            texttemplate="%{x:.1%}",
            textposition="auto",
            hovertemplate="%{y}: %{x:.1%} (n=%{customdata})<extra></extra>",
        )
    )
    figure.update_xaxes(tickformat=".0%", range=[0, 1])
    figure.update_yaxes(autorange="reversed")
    height = max(280, 24 * ordered.height + 80)
    return _layout(figure, t(title_key, language), theme, height)


def headcount_by_family_figure(
    workforce: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return the headcount of each post family, the two tracks side by side."""
    by_family = workforce.group_by("track", "post_family").agg(
        pl.col("headcount").sum()
    )
    families = sorted(by_family.get_column("post_family").unique().to_list())
    figure = go.Figure(
        [
            go.Bar(
                x=[family or "—" for family in families],
                y=[
                    by_family.filter(
                        (pl.col("track") == track) & (pl.col("post_family") == family)
                    )
                    .get_column("headcount")
                    .sum()
                    for family in families
                ],
                name=track_name(track, language),
                marker={"color": TRACK_COLORS[track]},
                texttemplate="%{y}",
                textposition="auto",
            )
            for track in TRACKS
            if track in by_family.get_column("track").to_list()
        ]
    )
    figure.update_layout(barmode="group")
    return _layout(figure, t("domains.chart.post_families", language), theme, 320)


def age_band_figure(
    bands: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return the share of each age band in each track."""
    ordered = bands.sort("age_band_order")
    labels = (
        ordered.select("age_band_order", "age_band").unique().sort("age_band_order")
    )
    figure = go.Figure(
        [
            go.Bar(
                x=labels.get_column("age_band").to_list(),
                y=[
                    rows.filter(pl.col("age_band") == band)
                    .get_column("headcount_share")
                    .sum()
                    for band in labels.get_column("age_band")
                ],
                name=track_name(track, language),
                marker={"color": TRACK_COLORS[track]},
                texttemplate="%{y:.0%}",
                textposition="auto",
            )
            for track in TRACKS
            if not (rows := ordered.filter(pl.col("track") == track)).is_empty()
        ]
    )
    figure.update_layout(barmode="group")
    figure.update_yaxes(tickformat=".0%")
    return _layout(figure, t("domains.chart.age_bands", language), theme, 300)


def pay_gap_figure(
    posts: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return average monthly pay of each post held on both tracks, side by side."""
    both = posts.filter(
        pl.col("established_average_pay_yuan").is_not_null()
        & pl.col("contract_average_pay_yuan").is_not_null()
    ).sort("pay_gap_yuan", descending=True)
    names = both.get_column("post_name").to_list()
    figure = go.Figure(
        [
            go.Bar(
                y=names,
                x=both.get_column(f"{track}_average_pay_yuan").to_list(),
                orientation="h",
                name=track_name(track, language),
                marker={"color": TRACK_COLORS[track]},
                texttemplate="%{x:,.0f}",
                textposition="auto",
            )
            for track in TRACKS
        ]
    )
    figure.update_layout(barmode="group")
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title=t("domains.unit.yuan_per_month", language))
    height = max(300, 40 * both.height + 80)
    return _layout(figure, t("domains.chart.pay_gap", language), theme, height)


def training_figure(
    programs: pl.DataFrame, language: str, theme: str = "light"
) -> go.Figure:
    """Return training hours of each program, the two tracks side by side."""
    names = sorted(programs.get_column("program").unique().to_list())
    figure = go.Figure(
        [
            go.Bar(
                x=names,
                y=[
                    rows.filter(pl.col("program") == name)
                    .get_column("training_hours")
                    .sum()
                    for name in names
                ],
                name=track_name(track, language),
                marker={"color": TRACK_COLORS[track]},
                texttemplate="%{y:,.0f}",
                textposition="auto",
            )
            for track in TRACKS
            if not (rows := programs.filter(pl.col("track") == track)).is_empty()
        ]
    )
    figure.update_layout(
        barmode="group", yaxis={"title": t("domains.unit.hours", language)}
    )
    return _layout(figure, t("domains.chart.training", language), theme, 300)
