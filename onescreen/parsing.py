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
    "bad_id_format": (
        "身份证号应为18位（末位可为X）",
        "an identity card number has 18 characters (the last may be X)",
    ),
    "bad_id_check": (
        "身份证号校验位不正确",
        "the identity card number's check digit is wrong",
    ),
    "bad_id_birth": (
        "身份证号中的出生日期无效",
        "the birth date inside the identity card number is invalid",
    ),
    "too_many_cells": (
        "本行单元格多于表头列数",
        "the row has more cells than the header",
    ),
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
    """Trimmed text with full-width digits, letters and signs made half-width.

    translate() is slow on long character lists, so it runs only on the cells that
    hold a full-width character at all.
    """
    half = (
        f"case when regexp_matches({cell}, '[\uff01-\uff5e\u3000]') "
        f"then translate({cell}, {quote_literal(FULL_WIDTH)}, {quote_literal(HALF_WIDTH)}) "
        f"else {cell} end"
    )
    return f"nullif(trim({half}), '')"


def text_expression(column: Column, cell: str) -> str:
    """Expression giving the cleaned text of a cell, the input of the value parsers."""
    if column.kind == TEXT:
        return clean_text(cell)
    return folded_text(cell)


def _unit_factor(unit: str, units: dict[str, float]) -> str:
    whens = " ".join(
        f"when {quote_literal(name.lower())} then {factor!r}"
        for name, factor in sorted(units.items())
    )
    return f"(case {unit} when '' then 1.0 {whens} else null end)"


NUMBER_PATTERN = "'^([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(.*)$'"


def _number_parts(text: str) -> str:
    bare = f"regexp_replace({text}, '[,\\s¥￥]', '', 'g')"
    return f"regexp_extract({bare}, {NUMBER_PATTERN}, ['number', 'unit'])"


def number_value(column: Column, text: str) -> str:
    """Expression giving the number in a cell, units converted to the column's unit."""
    parts = _number_parts(text)
    slow = f"try_cast(({parts}).number as double) * {_unit_factor(f'lower(trim(({parts}).unit))', column.units)}"
    value = f"coalesce(try_cast({text} as double), {slow})"
    if column.kind == INTEGER:
        return f"case when {value} = round({value}) then cast({value} as bigint) end"
    return value


def number_error(column: Column, text: str, value: str) -> str:
    """Expression giving the first problem with a parsed number."""
    checks = []
    if column.kind == INTEGER:
        checks.append(
            f"when {value} is null and try_cast({text} as double) is not null then 'not_whole'"
        )
    checks.append(
        f"when {value} is null and ({_number_parts(text)}).number <> '' then 'bad_unit'"
    )
    checks.append(f"when {value} is null then 'bad_number'")
    return f"case {' '.join(checks + _range_checks(column, value))} end"


def _range_checks(column: Column, value: str) -> list[str]:
    checks = [f"when not isfinite({value}) then 'bad_number'"]
    if column.minimum is not None:
        checks.append(f"when {value} < {column.minimum!r} then 'out_of_range'")
    if column.maximum is not None:
        checks.append(f"when {value} > {column.maximum!r} then 'out_of_range'")
    return checks


def _formats(formats: tuple[str, ...]) -> str:
    return "[" + ", ".join(quote_literal(item) for item in formats) + "]"


def timestamp_value(text: str) -> str:
    """Expression parsing every accepted date or time form, Excel serials included."""
    serial = (
        f"case when regexp_full_match({text}, '[1-9][0-9]{{4}}(\\.[0-9]+)?') "
        f"then timestamp '{EXCEL_EPOCH}' + to_microseconds(cast(round(cast({text} as double) * 86400000000) as bigint)) end"
    )
    compact = f"case when regexp_full_match({text}, '[12][0-9]{{7}}') then try_strptime({text}, '%Y%m%d') end"
    compact_time = f"case when regexp_full_match({text}, '[12][0-9]{{13}}') then try_strptime({text}, '%Y%m%d%H%M%S') end"
    return (
        f"coalesce(try_cast({text} as timestamp), {serial}, {compact}, {compact_time}, "
        f"try_strptime({text}, {_formats(DATE_FORMATS)}))"
    )


def month_value(text: str) -> str:
    """Expression parsing a month (2025-03, 2025/3, 2025年3月, 202503) or a whole date."""
    compact = f"case when regexp_full_match({text}, '[12][0-9]{{3}}(0[1-9]|1[0-2])') then try_strptime({text}, '%Y%m') end"
    return (
        f"cast(date_trunc('month', coalesce({compact}, try_strptime({text}, {_formats(MONTH_FORMATS)}), "
        f"{timestamp_value(text)})) as date)"
    )


def time_value(column: Column, text: str) -> str:
    """Expression giving the date, month or timestamp in a cell."""
    if column.kind == MONTH:
        return month_value(text)
    if column.kind == DATE:
        return f"cast({timestamp_value(text)} as date)"
    return timestamp_value(text)


def time_error(column: Column, value: str) -> str:
    """Expression giving the first problem with a parsed date, month or timestamp."""
    comparable = value if column.kind in (DATE, MONTH) else f"cast({value} as date)"
    limit = "date_trunc('month', $today)" if column.kind == MONTH else "$today"
    checks = [
        f"when {value} is null then 'bad_date'",
        f"when year({comparable}) < 1900 or year({comparable}) > 2100 then 'out_of_range'",
    ]
    if not column.may_be_future:
        checks.append(f"when {comparable} > {limit} then 'future_date'")
    return f"case {' '.join(checks)} end"


def enum_value(column: Column, text: str) -> str:
    """Expression mapping every accepted spelling of a choice to its canonical value."""
    whens = " ".join(
        f"when {quote_literal(spelling.lower())} then {quote_literal(canonical)}"
        for canonical, spellings in column.choices.items()
        for spelling in dict.fromkeys((canonical, *spellings))
    )
    return f"(case lower({text}) {whens} else null end)"


def id_card_value(text: str) -> str:
    """Expression giving an identity card number upper-cased without spaces."""
    return f"upper(replace({text}, ' ', ''))"


def id_card_error(value: str) -> str:
    """Expression checking length, birth date and ISO 7064 check digit of an ID number."""
    check_sum = f"cast(list_sum(list_transform(range(17), lambda i: cast(substr({value}, i + 1, 1) as integer) * {ID_WEIGHTS}[i + 1])) as integer) % 11"
    check_ok = f"substr('10X98765432', ({check_sum}) + 1, 1) = substr({value}, 18, 1)"
    birth = f"try_strptime(substr({value}, 7, 8), '%Y%m%d')"
    return (
        f"case when not regexp_full_match({value}, '[0-9]{{17}}[0-9X]') then 'bad_id_format' "
        f"when {birth} is null then 'bad_id_birth' "
        f"when not ({check_ok}) then 'bad_id_check' end"
    )


def value_expression(column: Column, text: str) -> str:
    """Expression giving a column's typed value from its cleaned text column `text`."""
    if column.kind in (INTEGER, DECIMAL):
        return number_value(column, text)
    if column.kind in (DATE, TIMESTAMP, MONTH):
        return time_value(column, text)
    if column.kind == ENUM:
        return enum_value(column, text)
    if column.kind == ID_CARD:
        return id_card_value(text)
    if column.kind == CODE:
        return f"upper(regexp_replace({text}, '[\\s·・]', '', 'g'))"
    if column.kind == TEXT:
        return text
    raise ValueError(f"unknown column kind {column.kind!r}")


def error_expression(column: Column, text: str, value: str) -> str:
    """Expression giving the code of a column's first problem, or null."""
    if column.kind in (INTEGER, DECIMAL):
        problem = number_error(column, text, value)
    elif column.kind in (DATE, TIMESTAMP, MONTH):
        problem = time_error(column, value)
    elif column.kind == ENUM:
        problem = f"case when {value} is null then 'not_in_list' end"
    elif column.kind == ID_CARD:
        problem = id_card_error(value)
    else:
        problem = "null"
    required = "'required'" if column.required else "null"
    return f"case when {text} is null then {required} else {problem} end"


def typed_error_expression(column: Column, value: str, read: str) -> str:
    """Expression checking a value DuckDB's reader already typed (`read` as it was read)."""
    required = "'required'" if column.required else "null"
    if column.kind in (INTEGER, DECIMAL):
        checks = (
            [f"when {value} is null then 'not_whole'"] if column.kind == INTEGER else []
        )
        checks += _range_checks(column, read)
        return f"case when {read} is null then {required} {' '.join(checks)} end"
    return (
        f"case when {read} is null then {required} else {time_error(column, value)} end"
    )
