"""Maps that work offline: pydeck with no tile server and no token.

The base layer is the banner outline and the towns shipped in data/geo/ (both
approximate, see README "Offline maps"); markers and paths go on top. When
``[map] tile_url`` is set in the settings, the raster tiles of that (intranet) tile
server are drawn underneath. API:

- ``load_geo(geo_dir)``: the outline and places GeoJSON (cached);
- ``base_layers(language, geo_dir)``: outline polygon, town dots and town names;
- ``point_layer(frame, ...)``: a ScatterplotLayer of rows with ``longitude`` and
  ``latitude`` (and any ``color`` column of [r, g, b]);
- ``path_layer(frame, ...)``: a PathLayer of rows with a ``path`` of [lon, lat] pairs;
- ``build_deck(layers, *, tile_url, tooltip, zoom)``: the Deck (no basemap unless a
  tile URL is given; never build a Deck with ``map_style=None`` for st.pydeck_chart:
  Streamlit then fetches a CARTO basemap from the internet);
- ``show_map(layers, language, *, tooltip, height, key)``: build and draw it with
  st.pydeck_chart, reading the tile URL from the settings.
- ``svg_map_html(points, language, *, height, alt)``: the same base and a few markers
  drawn as one SVG (no WebGL, no script to load), for small maps such as the
  buildings by stage; each marker's ``label`` is its hover text.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import math
import os
from pathlib import Path

import polars as pl
import pydeck as pdk
import streamlit as st

from onescreen.i18n import t
from onescreen.settings import PROJECT_ROOT, SettingsError

logger = logging.getLogger(__name__)

GEO_DIR = PROJECT_ROOT / "data" / "geo"
OUTLINE_FILE = "banner_outline.geojson"
PLACES_FILE = "places.geojson"
CENTER = {"latitude": 42.55, "longitude": 115.98}
OUTLINE_FILL = [0, 114, 178, 28]
OUTLINE_LINE = [0, 114, 178, 200]
PLACE_COLOR = [51, 34, 136, 220]
TEXT_COLOR = [31, 41, 51, 255]
PLACE_FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif"


@functools.cache
def load_geo(geo_dir: Path = GEO_DIR) -> tuple[dict, dict]:
    """Return the banner outline and the places as GeoJSON dictionaries."""
    outline = json.loads((geo_dir / OUTLINE_FILE).read_text(encoding="utf-8"))
    places = json.loads((geo_dir / PLACES_FILE).read_text(encoding="utf-8"))
    return outline, places


def place_rows(places: dict, language: str) -> list[dict]:
    """Return one row per place with its name in `language` and its position."""
    return [
        {
            "name": feature["properties"][f"name_{language}"],
            "longitude": feature["geometry"]["coordinates"][0],
            "latitude": feature["geometry"]["coordinates"][1],
            "radius": 2200 if feature["properties"].get("is_seat") else 1200,
        }
        for feature in places["features"]
    ]


def base_layers(language: str, geo_dir: Path = GEO_DIR) -> list[pdk.Layer]:
    """Return the offline base: the banner outline, town dots and town names."""
    outline, places = load_geo(geo_dir)
    rows = place_rows(places, language)
    return [
        pdk.Layer(
            "GeoJsonLayer",
            data=outline,
            id="banner-outline",
            stroked=True,
            filled=True,
            get_fill_color=OUTLINE_FILL,
            get_line_color=OUTLINE_LINE,
            line_width_min_pixels=2,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=rows,
            id="places",
            get_position=["longitude", "latitude"],
            get_radius="radius",
            get_fill_color=PLACE_COLOR,
            radius_min_pixels=3,
        ),
        pdk.Layer(
            "TextLayer",
            data=rows,
            id="place-names",
            get_position=["longitude", "latitude"],
            get_text="name",
            get_size=14,
            get_color=TEXT_COLOR,
            get_pixel_offset=[0, -16],
            # A light label box keeps the names readable in the light and dark themes.
            background=True,
            get_background_color=[255, 255, 255, 210],
            background_padding=[3, 1],
            # pydeck turns plain strings into expressions; types.String keeps them text.
            character_set=pdk.types.String(
                "".join(sorted({char for row in rows for char in row["name"]}))
            ),
            font_family=pdk.types.String(PLACE_FONT),
        ),
    ]


def point_layer(
    frame: pl.DataFrame,
    *,
    layer_id: str = "points",
    color: list[int] | None = None,
    radius: int = 900,
) -> pdk.Layer:
    """Return markers at each row's longitude and latitude (colour per row if given)."""
    rows = frame.filter(
        pl.col("longitude").is_not_null() & pl.col("latitude").is_not_null()
    ).to_dicts()
    return pdk.Layer(
        "ScatterplotLayer",
        data=rows,
        id=layer_id,
        get_position=["longitude", "latitude"],
        get_fill_color="color" if color is None else color,
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        line_width_min_pixels=1,
        get_radius=radius,
        radius_min_pixels=6,
        radius_max_pixels=30,
        pickable=True,
    )


def path_layer(
    frame: pl.DataFrame, *, layer_id: str = "paths", color: list[int] | None = None
) -> pdk.Layer:
    """Return lines along each row's ``path`` of [longitude, latitude] pairs."""
    return pdk.Layer(
        "PathLayer",
        data=frame.to_dicts(),
        id=layer_id,
        get_path="path",
        get_color="color" if color is None else color,
        width_min_pixels=2,
        pickable=True,
    )


def zoom_for_height(height: int) -> float:
    """Return the zoom at which the whole banner fits a map `height` pixels high."""
    return 6.75 if height < 300 else 7.0 if height < 400 else 7.3


def raster_style(tile_url: str) -> dict:
    """Return a MapLibre style that draws the raster tiles of `tile_url`."""
    return {
        "version": 8,
        "sources": {
            "intranet": {"type": "raster", "tiles": [tile_url], "tileSize": 256}
        },
        "layers": [{"id": "intranet", "type": "raster", "source": "intranet"}],
    }


def build_deck(
    layers: list[pdk.Layer],
    *,
    tile_url: str = "",
    tooltip: dict | bool = False,
    zoom: float = 7.6,
) -> pdk.Deck:
    """Return a Deck of `layers`; a basemap only when an intranet tile URL is set."""
    view = pdk.ViewState(**CENTER, zoom=zoom, pitch=0, bearing=0)
    if tile_url:
        # pydeck takes a style dict only under the mapbox provider; no token is needed
        # for a style whose only source is the intranet tile server.
        return pdk.Deck(
            layers=layers,
            initial_view_state=view,
            map_provider="mapbox",
            map_style=raster_style(tile_url),
            tooltip=tooltip,
        )
    # No map_style: pydeck then writes its "__MAP_STYLE__" placeholder, which
    # st.pydeck_chart reads as "no basemap". map_style=None would make Streamlit pick
    # a CARTO basemap, fetched from the internet.
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        tooltip=tooltip,
    )


def configured_tile_url() -> str:
    """Return the intranet tile URL from the settings, or '' when none is set."""
    from onescreen.ui import settings_from_environment

    try:
        return settings_from_environment(os.environ).map_tile_url
    except SettingsError as error:
        logger.warning("map settings unreadable: %s", error)
        return ""


def show_map(
    layers: list[pdk.Layer],
    language: str,
    *,
    tooltip: dict | bool = False,
    height: int = 420,
    key: str | None = None,
) -> None:
    """Draw the offline base with `layers` on top, zoomed so the banner fits."""
    deck = build_deck(
        [*base_layers(language), *layers],
        tile_url=configured_tile_url(),
        tooltip=tooltip,
        zoom=zoom_for_height(height),
    )
    st.pydeck_chart(deck, height=height, key=key, alt=t("map.alt", language))


SVG_PADDING = 0.06


def _outline_rings(outline: dict) -> list[list[list[float]]]:
    """Return the outer rings of the outline's polygons as [lon, lat] lists."""
    rings = []
    for feature in outline["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        rings += [polygon[0] for polygon in polygons]
    return rings


def _projection(rings: list[list[list[float]]], height: int):
    """Return (project, width) drawing the rings `height` units high, one unit a pixel.

    Longitude is shrunk by the cosine of the middle latitude, so the banner keeps its
    shape at this scale (an equirectangular projection, true enough for one county).
    """
    longitudes = [point[0] for ring in rings for point in ring]
    latitudes = [point[1] for ring in rings for point in ring]
    west, east = min(longitudes), max(longitudes)
    south, north = min(latitudes), max(latitudes)
    shrink = math.cos(math.radians((north + south) / 2))
    scale = height * (1 - 2 * SVG_PADDING) / (north - south)
    margin = height * SVG_PADDING
    width = round((east - west) * shrink * scale + 2 * margin)

    def project(longitude: float, latitude: float) -> tuple[float, float]:
        return (
            round(margin + (longitude - west) * shrink * scale, 1),
            round(margin + (north - latitude) * scale, 1),
        )

    return project, width


def _rgba(color) -> str:
    red, green, blue, *alpha = color
    return f"rgba({red},{green},{blue},{(alpha[0] if alpha else 255) / 255:.2f})"


def svg_map_html(
    points: pl.DataFrame,
    language: str,
    *,
    height: int,
    alt: str,
    geo_dir: Path = GEO_DIR,
) -> str:
    """Return the banner outline, its towns and `points` as one SVG `height` px high.

    `points` has longitude, latitude, color ([r, g, b, a]) and label (the hover text).
    """
    outline, places = load_geo(geo_dir)
    rings = _outline_rings(outline)
    project, width = _projection(rings, height)
    paths = "".join(
        '<path d="M'
        + " L".join("{},{}".format(*project(*point)) for point in ring)
        + f' Z" fill="{_rgba(OUTLINE_FILL)}" stroke="{_rgba(OUTLINE_LINE)}"'
        ' stroke-width="2" stroke-linejoin="round"/>'
        for ring in rings
    )
    towns = []
    for row in place_rows(places, language):
        x, y = project(row["longitude"], row["latitude"])
        name = html.escape(row["name"])
        label = (
            f'x="{x}" y="{y - 9}" text-anchor="middle" font-size="13"'
            f' font-weight="{600 if row["radius"] > 2000 else 400}"'
        )
        towns.append(
            f'<circle cx="{x}" cy="{y}" r="{4 if row["radius"] > 2000 else 3}"'
            f' fill="{_rgba(PLACE_COLOR)}"/>'
            # A white copy underneath keeps the name readable over the markers.
            f'<text {label} stroke="white" stroke-width="4" fill="white">{name}</text>'
            f'<text {label} fill="{_rgba(TEXT_COLOR)}">{name}</text>'
        )
    markers = []
    located = points.filter(
        pl.col("longitude").is_not_null() & pl.col("latitude").is_not_null()
    )
    for row in located.iter_rows(named=True):
        x, y = project(row["longitude"], row["latitude"])
        markers.append(
            f'<circle cx="{x}" cy="{y}" r="7" fill="{_rgba(row["color"])}"'
            ' stroke="white" stroke-width="1.5">'
            f"<title>{html.escape(row['label'] or '')}</title></circle>"
        )
    return (
        f'<svg viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet"'
        f' style="width:100%;height:{height}px;font-family:{html.escape(PLACE_FONT)}"'
        f' role="img" aria-label="{html.escape(alt)}">'
        f"<title>{html.escape(alt)}</title>"
        f"{paths}{''.join(markers)}{''.join(towns)}</svg>"
    )
