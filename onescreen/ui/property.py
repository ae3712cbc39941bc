"""Helpers of the property-registration views: stage labels, the buildings map, tables."""

from __future__ import annotations

import polars as pl
import streamlit as st

from onescreen.charts import (
    STAGE_COLORS,
    format_area,
    format_percent,
    funnel_figure,
    gauge_figure,
    rgb,
)
from onescreen.i18n import t
from onescreen.ui.controls import Controls, plotly_config
from onescreen.ui.downloads import labelled_as
from onescreen.ui.maps import (
    configured_tile_url,
    point_layer,
    show_map,
    svg_map_html,
)
from onescreen.ui.tiles import show_metric_tile

REGISTER_FIELDS = [
    "building_id",
    "building_name",
    "user_unit",
    "task_year",
    "floor_area_m2",
    "stage",
    "stage_since_date",
    "days_in_stage",
    "open_problem_count",
    "problem_count",
    "certificate_no",
    "certificate_date",
]
DEDUCTED_FIELDS = [
    "building_id",
    "building_name",
    "user_unit",
    "task_year",
    "floor_area_m2",
    "deduction_reason",
    "deduction_approval_no",
    "stage_since_date",
]
PROBLEM_CATEGORY_FIELDS = [
    "category",
    "lead_department",
    "found_count",
    "resolved_count",
    "open_count",
    "closed_loop_ratio",
    "median_days_open",
    "longest_open_days",
]
OPEN_PROBLEM_FIELDS = [
    "issue_id",
    "building_name",
    "category",
    "lead_department",
    "found_date",
    "days_open",
    "description",
]


def stage_label(stage: str | None, language: str) -> str:
    """Return a registration stage's name in `language`."""
    return t(f"stage.{stage}", language) if stage in STAGE_COLORS else (stage or "—")


def with_stage_labels(frame: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return the frame with its ``stage`` column in the page's language."""
    labels = {stage: stage_label(stage, language) for stage in STAGE_COLORS}
    return frame.with_columns(
        pl.col("stage").replace_strict(
            labels, default=pl.col("stage"), return_dtype=pl.String
        )
    )


def property_table(
    frame: pl.DataFrame, fields: list[str], language: str
) -> pl.DataFrame:
    """Return rows as shown: stages and ratios readable, headers in the language."""
    shown = frame
    if "stage" in fields:
        shown = with_stage_labels(shown, language)
    if "closed_loop_ratio" in fields:
        shown = shown.with_columns(
            (pl.col("closed_loop_ratio") * 100).round(1).alias("closed_loop_ratio")
        )
    return labelled_as(shown, fields, language, "property.field")


def building_points(buildings: pl.DataFrame, language: str) -> pl.DataFrame:
    """Return one map point per building: position, colour of its stage, tooltip text."""
    colors = {stage: rgb(color, 230) for stage, color in STAGE_COLORS.items()}
    return buildings.select(
        "longitude",
        "latitude",
        pl.col("stage")
        .replace_strict(colors, default=[107, 114, 128, 230])
        .alias("color"),
        pl.concat_str(
            [
                pl.col("building_name"),
                pl.col("stage").replace_strict(
                    {s: stage_label(s, language) for s in STAGE_COLORS},
                    default=pl.col("stage"),
                    return_dtype=pl.String,
                ),
            ],
            separator=" · ",
            ignore_nulls=True,
        ).alias("label"),
    )


def stage_legend_html(language: str) -> str:
    """Return a one-line legend of the stage colours."""
    items = "".join(
        f'<span style="white-space:nowrap;margin-right:0.9em">'
        f'<span style="display:inline-block;width:0.8em;height:0.8em;'
        f'border-radius:50%;background:{color};margin-right:0.3em"></span>'
        f"{stage_label(stage, language)}</span>"
        for stage, color in STAGE_COLORS.items()
    )
    return f'<div style="font-size:0.9rem">{items}</div>'


def show_building_map(
    buildings: pl.DataFrame, language: str, *, height: int = 380, key: str
) -> None:
    """Draw the buildings coloured by stage on the offline banner map, with a legend.

    Without an intranet tile server the map is one SVG: thirty-odd markers need no
    WebGL, and the page has no map code to load. With tiles, pydeck draws it on them.
    """
    points = building_points(buildings, language)
    if configured_tile_url():
        show_map(
            [point_layer(points, layer_id="buildings")],
            language,
            tooltip={"text": "{label}"},
            height=height,
            key=key,
        )
    else:
        with st.container(key=key):
            # st.html keeps only HTML (its sanitiser drops SVG); markdown passes it on.
            st.markdown(
                svg_map_html(
                    points, language, height=height, alt=t("map.alt", language)
                ),
                unsafe_allow_html=True,
            )
    st.html(stage_legend_html(language))


def show_registration_tiles(
    progress: pl.DataFrame, freshness: pl.DataFrame | None, language: str
) -> None:
    """Show progress, area registered, certificates and deductions as four tiles."""
    row = progress.row(0, named=True) if progress.height else {}
    tiles = [
        (
            "registration_progress",
            format_percent(row.get("progress_ratio")),
            t(
                "overview.pace",
                language,
                pace=format_percent(row.get("elapsed_share"), 0),
                projected=format_percent(row.get("projected_ratio")),
            ),
        ),
        (
            "registered_area",
            format_area(row.get("registered_area_m2"), language),
            t(
                "overview.registered_of_target",
                language,
                registered=format_area(row.get("registered_area_m2"), language),
                target=format_area(row.get("target_area_m2"), language),
            ),
        ),
        (
            "certificates_issued",
            f"{row.get('certificates_issued_count') or 0:,}",
            format_area(row.get("certificates_issued_area_m2"), language),
        ),
        (
            "deducted_area",
            format_area(row.get("deducted_to_date_area_m2"), language),
            t(
                "property.building_count",
                language,
                count=row.get("deducted_to_date_count") or 0,
            ),
        ),
    ]
    for column, (key, value, delta) in zip(st.columns(len(tiles)), tiles, strict=True):
        with column:
            show_metric_tile(
                key,
                value,
                language,
                freshness=freshness,
                delta=delta,
                delta_arrow="off",
            )


def funnel_parts(funnel: pl.DataFrame, language: str) -> dict:
    """Return the funnel's stages and counts in order, and the 核减 branch apart."""
    main = funnel.filter(~pl.col("is_branch")).sort("funnel_order")
    branch = funnel.filter(pl.col("is_branch"))
    return {
        "stages": [stage_label(stage, language) for stage in main.get_column("stage")],
        "counts": main.get_column("building_count").to_list(),
        "branch_stage": stage_label("核减", language) if branch.height else None,
        "branch_count": branch.get_column("building_count")[0]
        if branch.height
        else None,
    }


def show_progress_charts(
    progress: pl.DataFrame, funnel: pl.DataFrame, controls: Controls, language: str
) -> None:
    """Draw the progress gauge (with pace) beside the stage funnel."""
    row = progress.row(0, named=True) if progress.height else {}
    gauge_column, funnel_column = st.columns([2, 3])
    with gauge_column:
        st.subheader(t("property.progress.title", language))
        figure = gauge_figure(
            row.get("progress_ratio"),
            pace=row.get("elapsed_share"),
            projected=row.get("projected_ratio"),
            title=t("property.gauge.title", language),
            theme=controls.theme,
        )
        st.plotly_chart(figure, theme=None, config=plotly_config(controls))
    with funnel_column:
        st.subheader(t("property.funnel.title", language))
        st.caption(t("property.funnel.caption", language))
        figure = funnel_figure(**funnel_parts(funnel, language), theme=controls.theme)
        st.plotly_chart(figure, theme=None, config=plotly_config(controls))


def select_lead_department(problems: pl.DataFrame, language: str) -> str | None:
    """Draw the page's lead-department filter; return the choice or None for all."""
    departments = sorted(problems.get_column("lead_department").drop_nulls().unique())
    return st.selectbox(
        t("property.lead_department", language),
        [None, *departments],
        format_func=lambda name: name or t("filter.all", language),
        key="property_lead_department",
    )


def select_stages(buildings: pl.DataFrame, language: str) -> list[str]:
    """Draw the register's stage filter; return the stages chosen (all when none)."""
    present = [s for s in STAGE_COLORS if s in buildings.get_column("stage").to_list()]
    chosen = st.multiselect(
        t("property.stage_filter", language),
        present,
        format_func=lambda stage: stage_label(stage, language),
        key="property_stages",
        placeholder=t("filter.all", language),
    )
    return chosen or present
