"""Downloads of the tables a page shows: CSV that Excel opens, and .xlsx.

API: ``download_buttons(frame, name, language, *, container=None)`` draws two buttons
side by side. ``frame`` is the table as shown (headers already in the page's
language, filtered as the page filters it). The CSV is UTF-8 with a byte-order mark,
so Excel on a Chinese Windows reads it correctly; ``xlsx_bytes(frame)`` and
``csv_bytes(frame)`` give the bytes for tests and documents.
``labelled_as(frame, fields, language, prefix)`` picks and labels columns from the
messages ``<prefix>.<field>``; ``show_data_table(table, name, language)`` shows a
labelled table with both downloads under it.
"""

from __future__ import annotations

import io
import logging

import polars as pl
import streamlit as st

from onescreen.i18n import t

logger = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_LIMIT = 31


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """Return the frame as CSV in UTF-8 with a byte-order mark."""
    return UTF8_BOM + frame.write_csv().encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, sheet: str = "data") -> bytes:
    """Return the frame as an .xlsx workbook with one sheet."""
    buffer = io.BytesIO()
    frame.write_excel(
        buffer,
        worksheet=sheet[:SHEET_NAME_LIMIT],
        autofit=True,
        dtype_formats={pl.Date: "yyyy-mm-dd", pl.Datetime: "yyyy-mm-dd hh:mm"},
    )
    return buffer.getvalue()


def download_buttons(
    frame: pl.DataFrame, name: str, language: str, *, container=None
) -> None:
    """Draw CSV and .xlsx download buttons for a table as shown."""
    row = (container or st).container(horizontal=True, gap="small")
    row.download_button(
        t("download.csv", language),
        data=csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_csv_{name}",
        on_click="ignore",
        icon="⬇️",
    )
    row.download_button(
        t("download.xlsx", language),
        data=lambda: xlsx_bytes(frame),
        file_name=f"{name}.xlsx",
        mime=XLSX_MIME,
        key=f"download_xlsx_{name}",
        on_click="ignore",
        icon="⬇️",
    )


def labelled_as(
    frame: pl.DataFrame, fields: list[str], language: str, prefix: str
) -> pl.DataFrame:
    """Keep `fields` in order with headers from the messages `<prefix>.<field>`."""
    return frame.select(fields).rename(
        {field: t(f"{prefix}.{field}", language) for field in fields}
    )


def show_data_table(
    table: pl.DataFrame,
    name: str,
    language: str,
    *,
    height: int | str = "auto",
    downloads: bool = True,
) -> None:
    """Show a table as labelled for the page, with its CSV and .xlsx downloads."""
    st.dataframe(table, hide_index=True, height=height, placeholder="—")
    if downloads:
        download_buttons(table, name, language)
