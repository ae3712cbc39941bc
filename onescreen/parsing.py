"""SQL expressions that turn the text cells of an export into typed values and error codes.

Parsing runs inside DuckDB, column by column over the whole file, so a large export is
validated at the speed of the database rather than row by row in Python. Each column
yields a value expression and an error expression giving the first problem's code.
"""

from __future__ import annotations

from onescreen.contracts import (
    CODE,
    DATE,
    DECIMAL,
    ENUM,
    ID_CARD,
    INTEGER,
    MONTH,
    TEXT,
    TIMESTAMP,
    Column,
)

FULL_WIDTH = "０１２３４５６７８９．，－＋：／　％ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
HALF_WIDTH = "0123456789.,-+:/ %ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y年%m月%d日",
    "%Y.%m.%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H时%M分",
    "%Y-%m-%dT%H:%M:%S",
)
MONTH_FORMATS = ("%Y-%m", "%Y/%m", "%Y年%m月", "%Y.%m")
EXCEL_EPOCH = "1899-12-30"
ID_WEIGHTS = "[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]"

ERROR_MESSAGES = {
    "required": ("缺少必填值", "a required value is missing"),
    "bad_number": ("不是有效的数字", "is not a number"),
    "bad_unit": ("单位无法识别", "has a unit that is not recognised"),
    "not_whole": ("应为整数", "must be a whole number"),
    "out_of_range": ("超出允许范围", "is outside the allowed range"),
    "bad_date": ("不是可识别的日期", "is not a recognised date"),
    "future_date": ("日期晚于今天", "is a date in the future"),
    "not_in_list": ("不在允许的取值中", "is not one of the allowed values"),
    "bad_id_format": ("身份证号应为18位（末位可为X）", "an identity card number has 18 characters (the last may be X)"),
    "bad_id_check": ("身份证号校验位不正确", "the identity card number's check digit is wrong"),
    "bad_id_birth": ("身份证号中的出生日期无效", "the birth date inside the identity card number is invalid"),
    "too_many_cells": ("本行单元格多于表头列数", "the row has more cells than the header"),
}


def quote_identifier(name: str) -> str:
    """Quote a SQL identifier; the one place identifiers enter SQL text."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """Quote a constant that comes from the contracts in code, never from a file."""
    return "'" + text.replace("'", "''") + "'"


def clean_text(cell: str) -> str:
    """Trimmed text with runs of white space (including full-width space) folded."""
    return f"nullif(trim(regexp_replace({cell}, '[\\s\u3000]+', ' ', 'g')), '')"


def folded_text(cell: str) -> str:
    """Trimmed text with full-width digits, letters and signs made half-width."""
    return f"nullif(trim(translate({cell}, {quote_literal(FULL_WIDTH)}, {quote_literal(HALF_WIDTH)})), '')"


def _unit_factor(unit: str, units: dict[str, float]) -> str:
    whens = " ".join(
        f"when {quote_literal(name.lower())} then {factor!r}" for name, factor in sorted(units.items())
    )
    return f"(case {unit} when '' then 1.0 {whens} else null end)"


def number_expressions(column: Column, cell: str) -> tuple[str, str]:
    """Return (value, error) expressions for an integer or decimal column."""
    folded = f"regexp_replace({folded_text(cell)}, '[,\\s¥￥]', '', 'g')"
    parts = f"regexp_extract({folded}, '^([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(.*)$', ['number', 'unit'])"
    slow = f"(try_cast(({parts}).number as double) * {_unit_factor(f'lower(trim(({parts}).unit))', column.units)})"
    value = f"coalesce(try_cast({folded} as double), {slow})"
    checks = [f"when {value} is null and ({parts}).number <> '' then 'bad_unit'", f"when {value} is null then 'bad_number'"]
    if column.kind == INTEGER:
        checks.append(f"when {value} <> round({value}) then 'not_whole'")
    if column.minimum is not None:
        checks.append(f"when {value} < {column.minimum!r} then 'out_of_range'")
    if column.maximum is not None:
        checks.append(f"when {value} > {column.maximum!r} then 'out_of_range'")
    error = f"case {' '.join(checks)} end"
    if column.kind == INTEGER:
        value = f"cast(round({value}) as bigint)"
    return value, error


def _formats(formats: tuple[str, ...]) -> str:
    return "[" + ", ".join(quote_literal(item) for item in formats) + "]"


def timestamp_value(cell: str) -> str:
    """Expression parsing every accepted date or time form, Excel serials included."""
    folded = folded_text(cell)
    serial = (
        f"case when regexp_full_match({folded}, '[1-9][0-9]{{4}}(\\.[0-9]+)?') "
        f"then timestamp '{EXCEL_EPOCH}' + to_microseconds(cast(round(cast({folded} as double) * 86400000000) as bigint)) end"
    )
    compact = f"case when regexp_full_match({folded}, '[12][0-9]{{7}}') then try_strptime({folded}, '%Y%m%d') end"
    compact_time = f"case when regexp_full_match({folded}, '[12][0-9]{{13}}') then try_strptime({folded}, '%Y%m%d%H%M%S') end"
    return (
        f"coalesce(try_cast({folded} as timestamp), {serial}, {compact}, {compact_time}, "
        f"try_strptime({folded}, {_formats(DATE_FORMATS)}))"
    )


def month_value(cell: str) -> str:
    """Expression parsing a month (2025-03, 2025/3, 2025年3月, 202503) or a whole date."""
    folded = folded_text(cell)
    compact = f"case when regexp_full_match({folded}, '[12][0-9]{{3}}(0[1-9]|1[0-2])') then try_strptime({folded}, '%Y%m') end"
    return (
        f"cast(date_trunc('month', coalesce({compact}, try_strptime({folded}, {_formats(MONTH_FORMATS)}), "
        f"{timestamp_value(cell)})) as date)"
    )


def time_expressions(column: Column, cell: str) -> tuple[str, str]:
    """Return (value, error) expressions for a date, month or timestamp column."""
    if column.kind == MONTH:
        value = month_value(cell)
        comparable = value
        limit = "date_trunc('month', $today)"
    elif column.kind == DATE:
        value = f"cast({timestamp_value(cell)} as date)"
        comparable = value
        limit = "$today"
    else:
        value = timestamp_value(cell)
        comparable = f"cast({value} as date)"
        limit = "$today"
    checks = [
        f"when {value} is null then 'bad_date'",
        f"when year({comparable}) < 1900 or year({comparable}) > 2100 then 'out_of_range'",
    ]
    if not column.may_be_future:
        checks.append(f"when {comparable} > {limit} then 'future_date'")
    return value, f"case {' '.join(checks)} end"


def enum_expressions(column: Column, cell: str) -> tuple[str, str]:
    """Return (value, error) expressions mapping every accepted spelling to its canonical value."""
    folded = f"lower({folded_text(cell)})"
    whens = " ".join(
        f"when {quote_literal(spelling.lower())} then {quote_literal(canonical)}"
        for canonical, spellings in column.choices.items()
        for spelling in dict.fromkeys((canonical, *spellings))
    )
    value = f"(case {folded} {whens} else null end)"
    return value, f"case when {value} is null then 'not_in_list' end"


def id_card_expressions(cell: str) -> tuple[str, str]:
    """Return (value, error) expressions for an 18-character identity card number."""
    folded = f"upper(regexp_replace({folded_text(cell)}, '\\s', '', 'g'))"
    check_sum = f"cast(list_sum(list_transform(range(17), lambda i: cast(substr({folded}, i + 1, 1) as integer) * {ID_WEIGHTS}[i + 1])) as integer) % 11"
    check_ok = f"substr('10X98765432', ({check_sum}) + 1, 1) = substr({folded}, 18, 1)"
    birth = f"try_strptime(substr({folded}, 7, 8), '%Y%m%d')"
    error = (
        f"case when not regexp_full_match({folded}, '[0-9]{{17}}[0-9X]') then 'bad_id_format' "
        f"when {birth} is null then 'bad_id_birth' "
        f"when not ({check_ok}) then 'bad_id_check' end"
    )
    return folded, error


def column_expressions(column: Column, cell: str) -> tuple[str, str]:
    """Return (value, error) SQL expressions for one column read from the text `cell`."""
    if column.kind in (INTEGER, DECIMAL):
        value, error = number_expressions(column, cell)
    elif column.kind in (DATE, TIMESTAMP, MONTH):
        value, error = time_expressions(column, cell)
    elif column.kind == ENUM:
        value, error = enum_expressions(column, cell)
    elif column.kind == ID_CARD:
        value, error = id_card_expressions(cell)
    elif column.kind == CODE:
        value = f"upper(regexp_replace({folded_text(cell)}, '[\\s·・]', '', 'g'))"
        error = "null"
    elif column.kind == TEXT:
        value = clean_text(cell)
        error = "null"
    else:
        raise ValueError(f"unknown column kind {column.kind!r}")
    present = f"{clean_text(cell)} is not null"
    required = "'required'" if column.required else "null"
    return (
        f"case when {present} then {value} end",
        f"case when not ({present}) then {required} else {error} end",
    )
