"""Downloads of shown tables: CSV that Excel reads as UTF-8, and .xlsx."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import polars as pl

from onescreen.ui.downloads import UTF8_BOM, csv_bytes, labelled_as, xlsx_bytes

TABLE = pl.DataFrame(
    {
        "building_name": ["旗政府办公楼", "上都镇卫生院"],
        "floor_area_m2": [4200.0, 1350.5],
        "certificate_date": [date(2025, 6, 30), None],
    }
)


def test_the_csv_starts_with_a_bom_and_keeps_chinese_text():
    data = csv_bytes(TABLE)
    assert data.startswith(UTF8_BOM)
    assert "旗政府办公楼" in data[len(UTF8_BOM) :].decode("utf-8")


def test_the_workbook_holds_the_headers_and_chinese_text():
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(TABLE, sheet="楼栋"))) as workbook:
        strings = workbook.read("xl/sharedStrings.xml").decode("utf-8")
        sheets = workbook.read("xl/workbook.xml").decode("utf-8")
    assert "building_name" in strings and "上都镇卫生院" in strings
    assert 'name="楼栋"' in sheets


def test_headers_are_put_in_the_language_of_the_page():
    fields = ["building_name", "floor_area_m2"]
    assert labelled_as(TABLE, fields, "zh", "property.field").columns == [
        "楼栋名称",
        "建筑面积（m²）",
    ]
    assert labelled_as(TABLE, fields, "en", "property.field").columns == [
        "Name",
        "Floor area (m²)",
    ]
