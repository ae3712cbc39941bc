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

from onescreen.db import fetch_scalar
from onescreen.contracts import ID_CARD, KIND_SQL_TYPES, SOURCES, Source
from onescreen.parsing import ERROR_MESSAGES, column_expressions, quote_identifier
from onescreen.reading import ExportError, OpenedExport, data_line_numbers, open_export

logger = logging.getLogger(__name__)

EXTRA_CELLS = 4
LOCAL_KEY_NAME = "id_hash.key"
FOOTER_SQL = r"'^\s*(合计|总计|小计|共计|total|sum)\s*$'"

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

    con.create_function("id_card_hash", keyed_hash, ["VARCHAR"], "VARCHAR", null_handling="special")
    con.create_function("id_card_mask", mask_id_card, ["VARCHAR"], "VARCHAR", null_handling="special")


def staging_columns(source: Source) -> list[tuple[str, str]]:
    """Return the (name, SQL type) columns of a source's table in the build."""
    columns = []
    for column in source.columns:
        if column.kind == ID_CARD:
            columns += [(f"{column.name}_hash", "varchar"), (f"{column.name}_masked", "varchar")]
        else:
            columns.append((column.name, KIND_SQL_TYPES[column.kind]))
    return columns + [("source_file", "varchar"), ("source_line", "bigint")]


def staging_key(source: Source) -> list[str]:
    """Return the natural key columns of a source's table (hashed where personal)."""
    return [f"{name}_hash" if source.column(name).kind == ID_CARD else name for name in source.key]


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the empty accumulation table of every source."""
    for source in SOURCES:
        columns = ", ".join(f"{quote_identifier(name)} {kind}" for name, kind in staging_columns(source))
        con.execute(
            f"create or replace temp table {quote_identifier('load_' + source.name)} "
            f"({columns}, file_order integer, row_ordinal bigint)"
        )


def _read_raw(con: duckdb.DuckDBPyConnection, opened: OpenedExport, csv_path: Path) -> int:
    width = len(opened.headers) + EXTRA_CELLS
    columns = "{" + ", ".join(f"'c{i}': 'varchar'" for i in range(width)) + "}"
    cells = ", ".join(f"coalesce(c{i}, '')" for i in range(len(opened.headers)))
    con.execute(
        f"""
        create or replace temp table raw_rows as
        with read as (
            select row_number() over () as row_ordinal, *
            from read_csv($path, all_varchar = true, header = false, skip = $skip,
                          delim = $delim, quote = '"', escape = '"', auto_detect = false,
                          null_padding = true, strict_mode = false, columns = {columns})
        )
        select
            *,
            regexp_matches(concat_ws(chr(31), {cells}), '(^|\\x1f)\\s*(合计|总计|小计|共计)\\s*(\\x1f|$)')
                or regexp_full_match(trim(coalesce(c0, '')), {FOOTER_SQL}) as is_footer,
            trim(concat_ws('', {cells})) = '' as is_blank
        from read
        """,
        {"path": str(csv_path), "skip": opened.header_index + 1, "delim": opened.delimiter},
    )
    return fetch_scalar(con, "select count(*) from raw_rows")


def _parse_sql(opened: OpenedExport) -> str:
    source = opened.source
    selects = ["row_ordinal"]
    for column in source.columns:
        position = opened.column_positions.get(column.name)
        cell = f"c{position}" if position is not None else "cast(null as varchar)"
        value, error = column_expressions(column, cell)
        if column.name == "center_id":
            value = f"coalesce({value}, $center_id)"
            error = "null"
        sql_type = KIND_SQL_TYPES[column.kind]
        selects.append(f"cast({value} as {sql_type}) as {quote_identifier(column.name)}")
        selects.append(f"{error} as {quote_identifier(column.name + '__error')}")
        selects.append(f"{cell} as {quote_identifier(column.name + '__raw')}")
    overflow = " or ".join(f"nullif(trim(c{i}), '') is not null" for i in range(len(opened.headers), len(opened.headers) + EXTRA_CELLS))
    selects.append(f"({overflow}) as has_overflow")
    return (
        "create or replace temp table parsed_rows as select "
        + ", ".join(selects)
        + " from raw_rows where not is_footer and not is_blank"
    )


def _rule_flags(source: Source) -> str:
    if not source.row_rules:
        return ""
    column_errors = " and ".join(f"{quote_identifier(c.name + '__error')} is null" for c in source.columns)
    return ", " + ", ".join(
        f"(({column_errors}) and not coalesce(({rule.sql}), true)) as {quote_identifier('rule__' + rule.name)}"
        for rule in source.row_rules
    )


def _rejected_condition(source: Source) -> str:
    parts = [f"{quote_identifier(c.name + '__error')} is not null" for c in source.columns]
    parts += [quote_identifier("rule__" + rule.name) for rule in source.row_rules]
    return " or ".join(parts + ["has_overflow"])


def _load_good_rows(
    con: duckdb.DuckDBPyConnection, opened: OpenedExport, file_order: int, line_offset: int, file_label: str
) -> int:
    source = opened.source
    selects = []
    for column in source.columns:
        name = quote_identifier(column.name)
        if column.kind == ID_CARD:
            selects += [f"id_card_hash({name})", f"id_card_mask({name})"]
        else:
            selects.append(name)
    con.execute(
        f"""
        insert into {quote_identifier('load_' + source.name)}
        select {", ".join(selects)}, $file, row_ordinal + $offset, $order, row_ordinal
        from checked_rows where not ({_rejected_condition(source)})
        """,
        {"file": file_label, "offset": line_offset, "order": file_order},
    )
    return fetch_scalar(con, f"select count(*) from checked_rows where not ({_rejected_condition(source)})")


def _describe_problem(code: str, label_zh: str, label_en: str, value: str | None) -> tuple[str, str]:
    message_zh, message_en = ERROR_MESSAGES.get(code, (code, code))
    shown = f"“{value}”" if value not in (None, "") else ""
    return f"「{label_zh}」{shown}{message_zh}", f"'{label_en}' {shown and repr(value) + ' '}{message_en}".replace("  ", " ")


def _collect_problems(con: duckdb.DuckDBPyConnection, opened: OpenedExport, file_label: str) -> list[dict]:
    source = opened.source
    frame = con.sql(f"select * from checked_rows where {_rejected_condition(source)} order by row_ordinal").pl()
    problems = []
    for row in frame.iter_rows(named=True):
        ordinal = row["row_ordinal"]
        line = opened.header_index + 1 + ordinal
        cells = {}
        for column in source.columns:
            raw = row[column.name + "__raw"]
            cells[opened.header_of(column.name)] = _mask_if_personal(column.kind, raw)
        row_json = json.dumps(cells, ensure_ascii=False)

        def add(column_name, header, value, code, reason_zh, reason_en):
            problems.append(
                {
                    "source": source.name,
                    "file_path": file_label,
                    "line_number": line,
                    "column_name": column_name,
                    "header": header,
                    "value": value,
                    "error_code": code,
                    "reason_zh": reason_zh,
                    "reason_en": reason_en,
                    "row_json": row_json,
                }
            )

        for column in source.columns:
            code = row[column.name + "__error"]
            if code is None:
                continue
            value = _mask_if_personal(column.kind, row[column.name + "__raw"])
            reason_zh, reason_en = _describe_problem(code, column.label_zh, column.label_en, value)
            add(column.name, opened.header_of(column.name), value, code, reason_zh, reason_en)
        for rule in source.row_rules:
            if row.get("rule__" + rule.name):
                column = source.column(rule.column)
                value = _mask_if_personal(column.kind, row[rule.column + "__raw"])
                add(rule.column, opened.header_of(rule.column), value, rule.name, rule.reason_zh, rule.reason_en)
        if row["has_overflow"]:
            reason_zh, reason_en = ERROR_MESSAGES["too_many_cells"]
            add("", "", None, "too_many_cells", reason_zh, reason_en)
    return problems


def _mask_if_personal(kind: str, value: str | None) -> str | None:
    return mask_id_card(value.strip()) if kind == ID_CARD and value else value


def load_export(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    source: Source | None,
    file_order: int,
    file_label: str,
    center_id: str,
    today: date,
) -> FileReport:
    """Read one export into the build's accumulation table; return its report."""
    started = time.perf_counter()
    report = FileReport(file_path=file_label, source=source.name if source else None, status="loaded", loaded_at=datetime.now())
    try:
        opened = open_export(path, source)
    except ExportError as error:
        report.status = error.code
        report.message_zh, report.message_en = error.message_zh, error.message_en
        report.size_bytes = path.stat().st_size
        report.content_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        return report
    except OSError as error:
        report.status = "unreadable"
        report.message_zh, report.message_en = f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}"
        return report

    report.source = opened.source.name
    report.encoding, report.delimiter = opened.encoding, opened.delimiter
    report.header_line = opened.header_index + 1
    report.content_sha256, report.size_bytes = opened.content_sha256, opened.size_bytes
    report.ignored_headers = "、".join(opened.ignored_headers)

    csv_path, transcoded = path, None
    if opened.encoding != "utf-8":
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv", delete=False)
        with handle:
            handle.write(opened.text)
        csv_path = transcoded = Path(handle.name)
    try:
        raw_count = _read_raw(con, opened, csv_path)
    except duckdb.Error as error:
        report.status = "unreadable"
        report.message_zh = f"文件无法按 CSV 解析：{error}"
        report.message_en = f"the file cannot be parsed as CSV: {error}"
        return report
    finally:
        if transcoded is not None:
            transcoded.unlink(missing_ok=True)

    con.execute(_parse_sql(opened), {"center_id": center_id, "today": today})
    con.execute(f"create or replace temp table checked_rows as select *{_rule_flags(opened.source)} from parsed_rows")
    lines = data_line_numbers(opened.text, opened.header_index)
    offset = opened.header_index + 1
    loaded = _load_good_rows_with_lines(con, opened, file_order, offset, lines, file_label)
    report.problems = _collect_problems(con, opened, file_label)

    data_rows = fetch_scalar(con, "select count(*) from parsed_rows")
    report.rows_read = data_rows
    report.rows_loaded = loaded
    report.rows_rejected = data_rows - loaded
    report.rows_skipped = raw_count - data_rows
    if data_rows == 0:
        report.status = "no_rows"
        report.message_zh, report.message_en = "只有表头，没有数据行", "the file has a header but no data rows"
    elif report.rows_rejected:
        report.status = "partly_loaded"
        report.message_zh = f"{report.rows_rejected} 行被拒收，见隔离区"
        report.message_en = f"{report.rows_rejected} row(s) rejected, see quarantine"
    report.seconds = time.perf_counter() - started
    logger.info("%s: %s rows loaded, %s rejected", file_label, report.rows_loaded, report.rows_rejected)
    return report


def _load_good_rows_with_lines(con, opened: OpenedExport, file_order: int, offset: int, lines: list[int] | None, file_label: str) -> int:
    if lines is None:
        return _load_good_rows(con, opened, file_order, offset, file_label)
    con.register("line_map", pl.DataFrame({"row_ordinal": range(1, len(lines) + 1), "line_number": lines}))
    try:
        con.execute(
            "create or replace temp table checked_rows as "
            "select c.* exclude (row_ordinal), coalesce(m.line_number, c.row_ordinal + $offset) - $offset as row_ordinal, "
            "c.row_ordinal as original_ordinal "
            "from checked_rows c left join line_map m using (row_ordinal)",
            {"offset": offset},
        )
        return _load_good_rows(con, opened, file_order, offset, file_label)
    finally:
        con.unregister("line_map")


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
        folder = path.relative_to(exports_dir).parts[0] if path.parent != exports_dir else None
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
    create_staging_tables(con)
    reports: list[FileReport] = []
    seen_hashes: dict[str, str] = {}
    for order, (source, path) in enumerate(files):
        label = str(path.relative_to(base_dir)) if path.is_relative_to(base_dir) else path.name
        if progress:
            progress(label)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
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
        reports.append(load_export(con, path, source=source, file_order=order, file_label=label, center_id=center_id, today=today))

    write_manifest(con, reports)
    finish_staging(con)
    return reports


def write_manifest(con: duckdb.DuckDBPyConnection, reports: list[FileReport]) -> None:
    """Write the manifest and the quarantine tables of this build."""
    manifest = pl.DataFrame([report.as_row() for report in reports], schema=MANIFEST_SCHEMA)
    problems = [problem for report in reports for problem in report.problems]
    quarantine = pl.DataFrame(problems, schema=QUARANTINE_SCHEMA)
    con.register("manifest_frame", manifest)
    con.register("quarantine_frame", quarantine)
    con.execute("create or replace table load_manifest as select * from manifest_frame")
    con.execute("create or replace table quarantine as select * from quarantine_frame")
    con.unregister("manifest_frame")
    con.unregister("quarantine_frame")


def finish_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Keep one row per natural key in each source table and list conflicting copies."""
    conflicts = []
    for source in SOURCES:
        load_table = quote_identifier("load_" + source.name)
        key = ", ".join(quote_identifier(name) for name in staging_key(source))
        value_columns = [name for name, _ in staging_columns(source) if name not in ("source_file", "source_line")]
        row_hash = "hash(" + ", ".join(quote_identifier(name) for name in value_columns) + ")"
        con.execute(
            f"""
            create or replace table {quote_identifier(source.name)} as
            select * exclude (file_order, row_ordinal, copy_rank)
            from (
                select *, row_number() over (
                    partition by {key} order by file_order desc, row_ordinal asc
                ) as copy_rank
                from {load_table}
            )
            where copy_rank = 1
            """
        )
        conflicts.append(
            f"""
            select {quote_identifier(source.name)} as source,
                   concat_ws(' / ', {key}) as natural_key,
                   count(distinct {row_hash}) as version_count,
                   list(source_file || ':' || source_line order by file_order desc, row_ordinal) as copies
            from {load_table}
            group by {key}
            having count(distinct {row_hash}) > 1
            """.replace(quote_identifier(source.name) + " as source", f"'{source.name}' as source")
        )
    con.execute("create or replace table duplicate_conflicts as " + " union all ".join(conflicts))
    for source in SOURCES:
        con.execute(f"drop table {quote_identifier('load_' + source.name)}")
