"""Offline maps: the shipped base layers and a Deck that fetches nothing."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from onescreen.ui import maps


def test_the_shipped_outline_and_places_are_marked_approximate():
    outline, places = maps.load_geo()
    assert outline["features"][0]["properties"]["is_approximate"] is True
    names = {feature["properties"]["name_zh"] for feature in places["features"]}
    assert {"上都镇", "桑根达来镇", "哈毕日嘎镇"} <= names
    seat = next(f for f in places["features"] if f["properties"]["name_zh"] == "上都镇")
    assert seat["geometry"]["coordinates"] == pytest.approx([116.0, 42.24], abs=0.05)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_map_without_a_tile_url_has_no_basemap_to_fetch(language):
    points = pl.DataFrame(
        {"longitude": [116.0], "latitude": [42.24], "color": [[0, 114, 178, 255]]}
    )
    deck = maps.build_deck(
        [*maps.base_layers(language), maps.point_layer(points, layer_id="buildings")]
    )
    spec = json.loads(deck.to_json())
    # Streamlit reads this placeholder as "no basemap"; None would load CARTO's.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "http" not in deck.to_json()
    assert [layer["id"] for layer in spec["layers"]] == [
        "banner-outline",
        "places",
        "place-names",
        "buildings",
    ]


def test_place_names_keep_their_font_and_characters_as_text():
    names = json.loads(maps.build_deck(maps.base_layers("zh")).to_json())["layers"][2]
    assert not names["fontFamily"].startswith("@@=")
    assert "上" in names["characterSet"] and "都" in names["characterSet"]


def test_a_tile_url_adds_its_raster_tiles_under_the_layers():
    url = "http://tiles.example.internal/{z}/{x}/{y}.png"
    spec = json.loads(maps.build_deck([], tile_url=url).to_json())
    assert spec["mapStyle"]["sources"]["intranet"]["tiles"] == [url]


@pytest.mark.parametrize(("height", "zoom"), [(250, 6.75), (360, 7.0), (480, 7.3)])
def test_a_lower_map_zooms_out_so_the_banner_still_fits(height, zoom):
    assert maps.zoom_for_height(height) == zoom


def test_the_svg_map_draws_every_located_marker_inside_its_view_box():
    points = pl.DataFrame(
        {
            "longitude": [116.0, 115.7, None],
            "latitude": [42.24, 42.6, 42.3],
            "color": [[0, 114, 178, 230], [204, 121, 167, 230], [0, 0, 0, 255]],
            "label": ["综合楼 <A> · 已登记", "档案馆 · 协调", "no place"],
        }
    )
    svg = maps.svg_map_html(points, "zh", height=300, alt="示意地图")
    width = int(re.search(r'viewBox="0 0 (\d+) 300"', svg).group(1))
    markers = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="7"', svg)
    assert len(markers) == 2  # the row without a longitude is left out
    for x, y in markers:
        assert 0 < float(x) < width and 0 < float(y) < 300
    assert "<title>综合楼 &lt;A&gt; · 已登记</title>" in svg
    assert "上都镇" in svg and '<path d="M' in svg
    assert "http" not in svg  # nothing to fetch
