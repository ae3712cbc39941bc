"""Loading exports into a build: typed staging rows, quarantined rows and a manifest.

Rule for overlapping exports: when the same natural key appears more than once, the
copy from the file whose path sorts last wins (exports carry their period or export date
in the name), and within one file the lower line wins. Copies that differ are listed in
`duplicate_conflicts`; identical copies are simply merged. A file whose bytes equal a
file already read is skipped and noted in the manifest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from onescreen.contracts import (
    DATE,
    DECIMAL,
    ID_CARD,
    INTEGER,
    KIND_SQL_TYPES,
    SOURCES,
    TIMESTAMP,
    Source,
)
from onescreen.db import fetch_scalar
from onescreen.parsing import (
    ERROR_MESSAGES,
    error_expression,
    quote_identifier,
    text_expression,
    typed_error_expression,
    value_expression,
)
from onescreen.reading import (
    ExportError,
    OpenedExport,
    blank_line_numbers,
    decode_whole,
    open_export,
)

logger = logging.getLogger(__name__)

EXTRA_CELLS = 4
LOCAL_KEY_NAME = "id_hash.key"

MANIFEST_SCHEMA = {
    "file_path": pl.String,
    "source": pl.String,
    "status": pl.String,
    "encoding": pl.String,
    "delimiter": pl.String,
    "header_line": pl.Int64,
    "rows_read": pl.Int64,
    "rows_loaded": pl.Int64,
    "rows_rejected": pl.Int64,
    "rows_skipped": pl.Int64,
    "content_sha256": pl.String,
    "size_bytes": pl.Int64,
    "loaded_at": pl.Datetime("us"),
    "seconds": pl.Float64,
    "ignored_headers": pl.String,
    "message_zh": pl.String,
    "message_en": pl.String,
}
QUARANTINE_SCHEMA = {
    "source": pl.String,
    "file_path": pl.String,
    "line_number": pl.Int64,
    "column_name": pl.String,
    "header": pl.String,
    "value": pl.String,
    "error_code": pl.String,
    "reason_zh": pl.String,
    "reason_en": pl.String,
    "row_json": pl.String,
}


@dataclass
class FileReport:
    """What happened to one export file in a build or a check."""

    file_path: str
    source: str | None
    status: str
    encoding: str | None = None
    delimiter: str | None = None
    header_line: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    content_sha256: str | None = None
    size_bytes: int = 0
    loaded_at: datetime | None = None
    seconds: float = 0.0
    ignored_headers: str = ""
    message_zh: str = ""
    message_en: str = ""
    problems: list[dict] = field(default_factory=list)

    def as_row(self) -> dict:
        """Return the manifest row of this report."""
        row = asdict(self)
        row.pop("problems")
        return row


def load_hash_key(local_dir: Path) -> bytes:
    """Return the local key for hashing identity numbers, creating it on first use."""
    local_dir.mkdir(parents=True, exist_ok=True)
    key_path = local_dir / LOCAL_KEY_NAME
    if not key_path.exists():
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        logger.info("created the identity hashing key at %s", key_path)
    return bytes.fromhex(key_path.read_text().strip())


def mask_id_card(number: str | None) -> str | None:
    """Show only the first 4 and last 4 characters of an identity card number."""
    if not number:
        return number
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def register_functions(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Give the build connection the keyed hash and the mask for identity numbers."""

    def keyed_hash(number: str | None) -> str | None:
        if number is None:
            return None
        return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()

    con.create_function(
        "id_card_hash", keyed_hash, ["VARCHAR"], "VARCHAR", null_handling="special"
    )
    con.create_function(
        "id_card_mask", mask_id_card, ["VARCHAR"], "VARCHAR", null_handling="special"
    )


def staging_columns(source: Source) -> list[tuple[str, str]]:
    """Return the (name, SQL type) columns of a source's table in the build."""
    columns = []
    for column in source.columns:
        if column.kind == ID_CARD:
            columns += [
                (f"{column.name}_hash", "varchar"),
                (f"{column.name}_masked", "varchar"),
            ]
        else:
            columns.append((column.name, KIND_SQL_TYPES[column.kind]))
    return columns + [("source_file", "varchar"), ("source_line", "bigint")]


def staging_key(source: Source) -> list[str]:
    """Return the natural key columns of a source's table (hashed where personal)."""
    return [
        f"{name}_hash" if source.column(name).kind == ID_CARD else name
        for name in source.key
    ]


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty accumulation table of every source."""
    for source in SOURCES:
        columns = ", ".join(
            f"{quote_identifier(name)} {kind}" for name, kind in staging_columns(source)
        )
        con.execute(
            f"create or replace temp table {quote_identifier('load_' + source.name)} "
            f"({columns}, file_order integer, row_ordinal bigint)"
        )


FAST_TYPES = {
    INTEGER: "double",
    DECIMAL: "double",
    DATE: "date",
    TIMESTAMP: "timestamp",
}
FOOTER_WORDS = "('合计', '总计', '小计', '共计', '合 计', 'total', 'sum')"


def _fast_column_types(opened: OpenedExport) -> dict[int, str]:
    """Return the type DuckDB's own reader should give each header position."""
    kinds = {
        position: opened.source.column(name).kind
        for name, position in opened.column_positions.items()
    }
    return {
        position: FAST_TYPES.get(kinds.get(position), "varchar")
        for position in range(len(opened.headers))
    }


def write_temporary_csv(text: str) -> Path:
    """Write text to a temporary UTF-8 file for DuckDB's reader; the caller deletes it."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".csv", delete=False
    ) as handle:
        handle.write(text)
    return Path(handle.name)


def _read_fast_lane(
    con: duckdb.DuckDBPyConnection, opened: OpenedExport, csv_path: Path
) -> None:
    """Read the file with DuckDB's typed reader; lines it cannot take go to csv_rejects.

    Clean exports load here at the reader's own speed; only the lines it rejects (other
    date forms, units in cells, full-width digits, totals rows, wrong cell counts) take
    the slower tolerant path.
    """
    types = _fast_column_types(opened)
    columns = "{" + ", ".join(f"'c{i}': '{kind}'" for i, kind in types.items()) + "}"
    con.execute("drop table if exists csv_rejects")
    con.execute("drop table if exists csv_scans")
    con.execute(
        f"""
        create or replace temp table fast_rows as
        select * from read_csv($path, header = false, skip = $skip, delim = $delim,
                               quote = '"', escape = '"', auto_detect = false,
                               columns = {columns}, store_rejects = true,
                               rejects_table = 'csv_rejects', rejects_scan = 'csv_scans',
                               max_line_size = 1048576)
        """,
        {
            "path": str(csv_path),
            "skip": opened.header_index + 1,
            "delim": opened.delimiter,
        },
    )


def _read_slow_lane(con: duckdb.DuckDBPyConnection, opened: OpenedExport) -> int:
    """Read the lines the fast lane rejected as plain text, with their line numbers."""
    lines = con.sql(
        "select distinct line, csv_line from csv_rejects order by line"
    ).fetchall()
    width = len(opened.headers) + EXTRA_CELLS
    columns = "{" + ", ".join(f"'c{i}': 'varchar'" for i in range(width)) + "}"
    if not lines:
        return 0
    handle_path = write_temporary_csv(
        "".join(text.rstrip("\r\n") + "\n" for _, text in lines)
    )
    con.register(
        "slow_line_numbers",
        pl.DataFrame(
            {
                "row_ordinal": range(len(lines)),
                "line_number": [line for line, _ in lines],
            }
        ),
    )
    try:
        con.execute(
            f"""
            create or replace temp table slow_rows as
            with read as (
                select row_number() over () - 1 as row_ordinal, *
                from read_csv($path, all_varchar = true, header = false, skip = 0,
                              delim = $delim, quote = '"', escape = '"', auto_detect = false,
                              null_padding = true, strict_mode = false, columns = {columns})
            )
            select n.line_number, read.* exclude (row_ordinal)
            from read join slow_line_numbers n using (row_ordinal)
            """,
            {"path": str(handle_path), "delim": opened.delimiter},
        )
    finally:
        con.unregister("slow_line_numbers")
        handle_path.unlink(missing_ok=True)
    return len(lines)


def _fast_lane_rows(
    con: duckdb.DuckDBPyConnection, opened: OpenedExport, blank_lines: list[int]
) -> str:
    """Return SQL for the fast-lane rows with each row's file line.

    Rows come out of the reader in file order; a row's line is the first data line
    plus its position plus the rejected or empty lines before it, found with an ASOF
    join on "good rows before each skipped line". Without skipped lines no join is made.
    """
    first_data_line = opened.header_index + 2
    con.register(
        "blank_lines", pl.DataFrame({"line": blank_lines}, schema={"line": pl.Int64})
    )
    try:
        con.execute(
            """
            create or replace temp table skipped_lines as
            with skipped as (
                select distinct cast(line as bigint) as line from csv_rejects
                union
                select line from blank_lines where line >= $first
            ),
            ranked as (
                select line, row_number() over (order by line) as skipped_count from skipped
            )
            select line - $first - (skipped_count - 1) as good_rows_before,
                   max(skipped_count) as skipped_count
            from ranked
            group by good_rows_before
            """,
            {"first": first_data_line},
        )
    finally:
        con.unregister("blank_lines")
    if fetch_scalar(con, "select count(*) from skipped_lines") == 0:
        return f"(select {first_data_line} + rowid as line_number, * from fast_rows)"
    return (
        f"(select n.* exclude (row_position), {first_data_line} + n.row_position "
        "+ coalesce(s.skipped_count, 0) as line_number "
        "from (select rowid as row_position, * from fast_rows) n "
        "asof left join skipped_lines s on n.row_position >= s.good_rows_before)"
    )


def _parse_rows(
    con: duckdb.DuckDBPyConnection,
    opened: OpenedExport,
    lane: str,
    rows_sql: str,
    typed: dict[int, str],
    center_id: str,
    today: date,
) -> str:
    """Type and check every cell of one lane's rows into one table; return its name.

    Values are computed in an inner query and the checks read them by name, so no
    parse expression is written twice.
    """
    source = opened.source
    cells = [f"c{i}" for i in range(len(opened.headers))]
    footer = " or ".join(
        f"coalesce(lower(trim(c{i})) in {FOOTER_WORDS}, false)"
        for i in range(len(cells))
        if typed.get(i, "varchar") == "varchar"
    )
    blank = (
        "coalesce(" + ", ".join(f"cast({c} as varchar)" for c in cells) + ") is null"
    )
    values, errors, texts = ["line_number"], [], []
    for column in source.columns:
        position = opened.column_positions.get(column.name)
        cell = f"c{position}" if position is not None else "cast(null as varchar)"
        name = quote_identifier(column.name)
        text = quote_identifier(column.name + "__text")
        raw = quote_identifier(column.name + "__raw")
        error_name = quote_identifier(column.name + "__error")
        if position is not None and typed.get(position, "varchar") != "varchar":
            value = (
                f"case when {cell} = round({cell}) then cast({cell} as bigint) end"
                if column.kind == INTEGER
                else cell
            )
            values += [f"{value} as {name}", f"{cell} as {raw}"]
            errors.append(
                f"{typed_error_expression(column, name, raw)} as {error_name}"
            )
            continue
        texts.append((f"{text_expression(column, cell)} as {text}", text))
        value = value_expression(column, text)
        if column.name == "center_id":
            value = f"coalesce({value}, $center_id)"
        values += [
            f"cast({value} as {KIND_SQL_TYPES[column.kind]}) as {name}",
            f"{cell} as {raw}",
        ]
        error = (
            "null"
            if column.name == "center_id"
            else error_expression(column, text, name)
        )
        errors.append(f"{error} as {error_name}")
    overflow = (
        [f"c{i}" for i in range(len(cells), len(cells) + EXTRA_CELLS)]
        if lane == "slow"
        else []
    )
    values.append(
        "("
        + (
            " or ".join(f"nullif(trim({c}), '') is not null" for c in overflow)
            or "false"
        )
        + ") as has_overflow"
    )
    rules = [
        f"not coalesce(({rule.sql}), true) as {quote_identifier('rule__' + rule.name)}"
        for rule in source.row_rules
    ]
    text_definitions = ", ".join(definition for definition, _ in texts)
    text_names = ", ".join(name for _, name in texts)

    checked = f"{lane}_checked"
    con.execute(
        f"""
        create or replace temp table {checked} as
        select * exclude ({text_names}), {", ".join(errors + rules)}
        from (
            select {", ".join(values)}, {text_names}
            from (
                select *, {text_definitions} from {rows_sql}
                where not ({footer or "false"}) and not ({blank})
            )
        )
        """,
        {"center_id": center_id, "today": today},
    )
    return checked


def _rejected_condition(source: Source) -> str:
    parts = [
        f"{quote_identifier(c.name + '__error')} is not null" for c in source.columns
    ]
    parts += [quote_identifier("rule__" + rule.name) for rule in source.row_rules]
    return " or ".join(parts + ["has_overflow"])


def _load_good_rows(
    con: duckdb.DuckDBPyConnection,
    opened: OpenedExport,
    table: str,
    file_order: int,
    file_label: str,
) -> int:
    source = opened.source
    selects = []
    for column in source.columns:
        name = quote_identifier(column.name)
        selects += (
            [f"id_card_hash({name})", f"id_card_mask({name})"]
            if column.kind == ID_CARD
            else [name]
        )
    condition = _rejected_condition(source)
    con.execute(
        f"""
        insert into {quote_identifier("load_" + source.name)}
        select {", ".join(selects)}, $file, line_number, $order, line_number
        from {table} where not ({condition})
        """,
        {"file": file_label, "order": file_order},
    )
    return fetch_scalar(con, f"select count(*) from {table} where not ({condition})")


def _describe_problem(
    code: str, label_zh: str, label_en: str, value: str | None
) -> tuple[str, str]:
    message_zh, message_en = ERROR_MESSAGES.get(code, (code, code))
    if value in (None, ""):
        return f"「{label_zh}」{message_zh}", f"'{label_en}' {message_en}"
    return (
        f"「{label_zh}」“{value}”{message_zh}",
        f"'{label_en}' {value!r} {message_en}",
    )


def _collect_problems(
    con: duckdb.DuckDBPyConnection, opened: OpenedExport, table: str, file_label: str
) -> list[dict]:
    source = opened.source
    frame = con.sql(
        f"select * from {table} where {_rejected_condition(source)} order by line_number"
    ).pl()
    problems = []
    for row in frame.iter_rows(named=True):
        line = row["line_number"]
        raw = {
            column.name: _shown_value(column.kind, row[column.name + "__raw"])
            for column in source.columns
        }
        row_json = json.dumps(
            {opened.header_of(name): value for name, value in raw.items()},
            ensure_ascii=False,
        )
        found = []
        for column in source.columns:
            code = row[column.name + "__error"]
            if code is not None:
                reason_zh, reason_en = _describe_problem(
                    code, column.label_zh, column.label_en, raw[column.name]
                )
                found.append((column.name, code, reason_zh, reason_en))
        for rule in source.row_rules:
            if row.get("rule__" + rule.name):
                found.append((rule.column, rule.name, rule.reason_zh, rule.reason_en))
        if row["has_overflow"]:
            found.append(("", "too_many_cells", *ERROR_MESSAGES["too_many_cells"]))
        for column_name, code, reason_zh, reason_en in found:
            problems.append(
                {
                    "source": source.name,
                    "file_path": file_label,
                    "line_number": line,
                    "column_name": column_name,
                    "header": opened.header_of(column_name) if column_name else "",
                    "value": raw.get(column_name),
                    "error_code": code,
                    "reason_zh": reason_zh,
                    "reason_en": reason_en,
                    "row_json": row_json,
                }
            )
    return problems


def _shown_value(kind: str, value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return mask_id_card(text) if kind == ID_CARD else text


def load_export(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    source: Source | None,
    file_order: int,
    file_label: str,
    center_id: str,
    today: date,
    data: bytes | None = None,
    digest: str | None = None,
) -> FileReport:
    """Read one export into the build's accumulation table; return its report."""
    started = time.perf_counter()
    report = FileReport(
        file_path=file_label,
        source=source.name if source else None,
        status="loaded",
        loaded_at=datetime.now(),
    )
    try:
        data = path.read_bytes() if data is None else data
    except OSError as error:
        report.status = "unreadable"
        report.message_zh, report.message_en = (
            f"无法读取文件：{error.strerror}",
            f"cannot read the file: {error.strerror}",
        )
        return report
    report.size_bytes = len(data)
    report.content_sha256 = digest or hashlib.sha256(data).hexdigest()
    try:
        opened = open_export(path, source, data)
        report.source = opened.source.name
        report.encoding, report.delimiter = opened.encoding, opened.delimiter
        report.header_line = opened.header_index + 1
        report.ignored_headers = "、".join(opened.ignored_headers)
        text = decode_whole(data, "gb18030") if opened.encoding == "gb18030" else None
    except ExportError as error:
        report.status = error.code
        report.message_zh, report.message_en = error.message_zh, error.message_en
        return report

    csv_path, transcoded = path, None
    if text is not None:
        csv_path = transcoded = write_temporary_csv(text)
        data = text.encode("utf-8")
    try:
        _read_fast_lane(con, opened, csv_path)
    except duckdb.Error as error:
        report.status = "unreadable"
        report.message_zh = f"文件无法按 CSV 解析：{error}"
        report.message_en = f"the file cannot be parsed as CSV: {error}"
        return report
    finally:
        if transcoded is not None:
            transcoded.unlink(missing_ok=True)

    read_count = fetch_scalar(con, "select count(*) from fast_rows")
    lanes = [
        (
            "fast",
            _fast_lane_rows(con, opened, blank_line_numbers(data)),
            _fast_column_types(opened),
        )
    ]
    slow_count = _read_slow_lane(con, opened)
    if slow_count:
        lanes.append(("slow", "slow_rows", {}))
    read_count += slow_count
    loaded, data_rows = 0, 0
    for lane, rows_sql, typed in lanes:
        checked = _parse_rows(con, opened, lane, rows_sql, typed, center_id, today)
        loaded += _load_good_rows(con, opened, checked, file_order, file_label)
        data_rows += fetch_scalar(con, f"select count(*) from {checked}")
        report.problems += _collect_problems(con, opened, checked, file_label)
    report.problems.sort(key=lambda problem: problem["line_number"])

    report.rows_read = data_rows
    report.rows_loaded = loaded
    report.rows_rejected = data_rows - loaded
    report.rows_skipped = read_count - data_rows
    if data_rows == 0:
        report.status = "no_rows"
        report.message_zh, report.message_en = (
            "只有表头，没有数据行",
            "the file has a header but no data rows",
        )
    elif report.rows_rejected:
        report.status = "partly_loaded"
        report.message_zh = f"{report.rows_rejected} 行被拒收，见隔离区"
        report.message_en = f"{report.rows_rejected} row(s) rejected, see quarantine"
    report.seconds = time.perf_counter() - started
    logger.info(
        "%s: %s rows loaded, %s rejected",
        file_label,
        report.rows_loaded,
        report.rows_rejected,
    )
    return report


def discover_exports(exports_dir: Path) -> list[tuple[Source | None, Path]]:
    """List the CSV files under exports_dir, with the source their folder names."""
    found = []
    if not exports_dir.exists():
        return found
    by_name = {source.name: source for source in SOURCES}
    for path in sorted(exports_dir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
            continue
        folder = (
            path.relative_to(exports_dir).parts[0]
            if path.parent != exports_dir
            else None
        )
        found.append((by_name.get(folder), path))
    return found


def ingest_exports(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[tuple[Source | None, Path]],
    *,
    base_dir: Path,
    center_id: str,
    today: date,
    progress: Callable[[str], None] | None = None,
) -> list[FileReport]:
    """Load every file, then keep one row per natural key in a table per source."""
    con.execute("set enable_progress_bar = false")
    create_staging_tables(con)
    reports: list[FileReport] = []
    seen_hashes: dict[str, str] = {}
    for order, (source, path) in enumerate(files):
        label = (
            str(path.relative_to(base_dir))
            if path.is_relative_to(base_dir)
            else path.name
        )
        if progress:
            progress(label)
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen_hashes:
            reports.append(
                FileReport(
                    file_path=label,
                    source=source.name if source else None,
                    status="duplicate_file",
                    content_sha256=digest,
                    size_bytes=path.stat().st_size,
                    loaded_at=datetime.now(),
                    message_zh=f"与已读取的 {seen_hashes[digest]} 内容相同，已跳过",
                    message_en=f"same content as {seen_hashes[digest]}, already read; skipped",
                )
            )
            continue
        seen_hashes[digest] = label
        reports.append(
            load_export(
                con,
                path,
                source=source,
                file_order=order,
                file_label=label,
                center_id=center_id,
                today=today,
                data=data,
                digest=digest,
            )
        )

    write_manifest(con, reports)
    con.execute(
        "create or replace temp table conflicts_found (source varchar, natural_key varchar, "
        "version_count bigint, copies varchar[])"
    )
    finish_staging(con)
    return reports


def write_manifest(con: duckdb.DuckDBPyConnection, reports: list[FileReport]) -> None:
    """Write the manifest and the quarantine tables of this build."""
    manifest = pl.DataFrame(
        [report.as_row() for report in reports], schema=MANIFEST_SCHEMA
    )
    problems = [problem for report in reports for problem in report.problems]
    quarantine = pl.DataFrame(problems, schema=QUARANTINE_SCHEMA)
    con.register("manifest_frame", manifest)
    con.register("quarantine_frame", quarantine)
    con.execute("create or replace table load_manifest as select * from manifest_frame")
    con.execute("create or replace table quarantine as select * from quarantine_frame")
    con.unregister("manifest_frame")
    con.unregister("quarantine_frame")


def finish_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Keep one row per natural key in each source table and list conflicting copies.

    Keys seen once (nearly all rows) are copied straight; only the keys seen more than
    once are ranked, which spares a sort of the whole table.
    """
    for source in SOURCES:
        load_table = quote_identifier("load_" + source.name)
        key_columns = [quote_identifier(name) for name in staging_key(source)]
        key = ", ".join(key_columns)
        value_columns = [
            name
            for name, _ in staging_columns(source)
            if name not in ("source_file", "source_line")
        ]
        row_hash = (
            "hash(" + ", ".join(quote_identifier(name) for name in value_columns) + ")"
        )
        con.execute(
            f"create or replace temp table repeated_keys as "
            f"select {key} from {load_table} group by {key} having count(*) > 1"
        )
        con.execute(
            f"""
            create or replace table {quote_identifier(source.name)} as
            select * exclude (file_order, row_ordinal)
            from {load_table} anti join repeated_keys using ({key})
            union all
            select * exclude (file_order, row_ordinal, copy_rank)
            from (
                select *, row_number() over (
                    partition by {key} order by file_order desc, row_ordinal asc
                ) as copy_rank
                from {load_table} semi join repeated_keys using ({key})
            )
            where copy_rank = 1
            """
        )
        con.execute(
            f"""
            insert into conflicts_found
            select $source, concat_ws(' / ', {key}), count(distinct {row_hash}),
                   list(source_file || ':' || source_line order by file_order desc, row_ordinal)
            from {load_table} semi join repeated_keys using ({key})
            group by {key}
            having count(distinct {row_hash}) > 1
            """,
            {"source": source.name},
        )
        con.execute(f"drop table {load_table}")
    con.execute("drop table if exists repeated_keys")
    con.execute(
        "create or replace table duplicate_conflicts as select * from conflicts_found"
    )
