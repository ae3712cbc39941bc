"""Offline maps: the shipped base layers and a Deck that fetches nothing."""

from __future__ import annotations

import json

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
