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
    """Create the empty table of every source; files are loaded straight into them."""
    for source in SOURCES:
        columns = ", ".join(
            f"{quote_identifier(name)} {kind}" for name, kind in staging_columns(source)
        )
        con.execute(
            f"create or replace table {quote_identifier(source.name)} ({columns})"
        )


FAST_TYPES = {
    INTEGER: "double",
    DECIMAL: "double",
    DATE: "date",
    TIMESTAMP: "timestamp",
}
# Files read together are held in memory at once; this bounds the reader's batch.
GROUP_BYTES = 64 * 2**20
FOOTER_WORDS = "('合计', '总计', '小计', '共计', '合 计', 'total', 'sum')"


@dataclass
class PreparedExport:
    """A file whose header is found and which is ready for DuckDB's reader."""

    report: FileReport
    opened: OpenedExport
    csv_path: Path
    blank_lines: list[int]
    is_temporary: bool


def write_temporary_csv(text: str) -> Path:
    """Write text to a temporary UTF-8 file for DuckDB's reader; the caller deletes it."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".csv", delete=False
    ) as handle:
        handle.write(text)
    return Path(handle.name)


def prepare_export(
    path: Path, source: Source | None, label: str, data: bytes, digest: str
) -> tuple[FileReport, PreparedExport | None]:
    """Decode a file and find its header; a file that cannot be read gets its reason."""
    report = FileReport(
        file_path=label,
        source=source.name if source else None,
        status="loaded",
        loaded_at=datetime.now(),
        size_bytes=len(data),
        content_sha256=digest,
    )
    try:
        opened = open_export(path, source, data)
        text = decode_whole(data, "gb18030") if opened.encoding == "gb18030" else None
    except ExportError as error:
        report.status = error.code
        report.message_zh, report.message_en = error.message_zh, error.message_en
        return report, None
    report.source = opened.source.name
    report.encoding, report.delimiter = opened.encoding, opened.delimiter
    report.header_line = opened.header_index + 1
    report.ignored_headers = "、".join(opened.ignored_headers)
    if text is None:
        return report, PreparedExport(
            report, opened, path, blank_line_numbers(data), False
        )
    utf8 = text.encode("utf-8")
    return report, PreparedExport(
        report, opened, write_temporary_csv(text), blank_line_numbers(utf8), True
    )


def layout_of(opened: OpenedExport) -> tuple:
    """Files with the same layout are read together in one pass of DuckDB's reader."""
    return (
        opened.source.name,
        opened.delimiter,
        opened.header_index,
        len(opened.headers),
        tuple(sorted(opened.column_positions.items())),
    )


def split_by_size(
    group: list[PreparedExport], limit: int
) -> list[list[PreparedExport]]:
    """Cut a group of files into batches of at most `limit` bytes (a larger file alone)."""
    batches: list[list[PreparedExport]] = [[]]
    size = 0
    for item in group:
        if batches[-1] and size + item.report.size_bytes > limit:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += item.report.size_bytes
    return [batch for batch in batches if batch]


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


def _read_fast_lane(
    con: duckdb.DuckDBPyConnection, group: list[PreparedExport]
) -> None:
    """Read a group of files with DuckDB's typed reader; lines it cannot take go to csv_rejects.

    Clean exports load here at the reader's own speed; only the lines it rejects (other
    date forms, units in cells, full-width digits, totals rows, wrong cell counts) take
    the slower tolerant path.
    """
    opened = group[0].opened
    types = _fast_column_types(opened)
    columns = "{" + ", ".join(f"'c{i}': '{kind}'" for i, kind in types.items()) + "}"
    con.execute("drop table if exists csv_rejects")
    con.execute("drop table if exists csv_scans")
    con.execute(
        f"""
        create or replace temp table fast_rows as
        select * from read_csv($paths, header = false, skip = $skip, delim = $delim,
                               quote = '"', escape = '"', auto_detect = false,
                               columns = {columns}, filename = true, store_rejects = true,
                               rejects_table = 'csv_rejects', rejects_scan = 'csv_scans',
                               max_line_size = 1048576)
        """,
        {
            "paths": [str(item.csv_path) for item in group],
            "skip": opened.header_index + 1,
            "delim": opened.delimiter,
        },
    )


def _register_files(
    con: duckdb.DuckDBPyConnection, group: list[PreparedExport]
) -> None:
    """Tell the database which label and blank lines belong to each file read."""
    con.register(
        "group_files",
        pl.DataFrame(
            {
                "filename": [str(item.csv_path) for item in group],
                "source_file": [item.report.file_path for item in group],
            }
        ),
    )
    blank = [(str(item.csv_path), line) for item in group for line in item.blank_lines]
    con.register(
        "blank_lines",
        pl.DataFrame(
            {"filename": [f for f, _ in blank], "line": [line for _, line in blank]},
            schema={"filename": pl.String, "line": pl.Int64},
        ),
    )


def _fast_lane_rows(con: duckdb.DuckDBPyConnection, first_data_line: int) -> str:
    """Return SQL for the fast-lane rows with each row's file and line.

    Rows come out of the reader in file order; a row's line is the first data line
    plus its position in its file plus the rejected or empty lines before it, found
    with an ASOF join on "good rows before each skipped line".
    """
    con.execute(
        """
        create or replace temp table skipped_lines as
        with skipped as (
            select s.file_path as filename, cast(r.line as bigint) as line
            from csv_rejects r join csv_scans s using (scan_id, file_id)
            union
            select filename, line from blank_lines where line >= $first
        ),
        ranked as (
            select filename, line,
                   row_number() over (partition by filename order by line) as skipped_count
            from skipped
        )
        select filename, line - $first - (skipped_count - 1) as good_rows_before,
               max(skipped_count) as skipped_count
        from ranked
        group by filename, good_rows_before
        """,
        {"first": first_data_line},
    )
    con.execute(
        "create or replace temp table file_starts as "
        "select filename, min(rowid) as first_row from fast_rows group by filename"
    )
    positioned = (
        "(select r.rowid - fs.first_row as row_position, r.* "
        "from fast_rows r join file_starts fs using (filename))"
    )
    plain = (
        f"select n.* exclude (row_position, filename), f.source_file, "
        f"{first_data_line} + n.row_position as line_number "
        f"from {positioned} n join group_files f using (filename)"
    )
    if fetch_scalar(con, "select count(*) from skipped_lines") == 0:
        return f"({plain})"
    # The ASOF join sorts its input, so only the files with skipped lines go through it.
    shifted = (
        f"select n.* exclude (row_position, filename), f.source_file, "
        f"{first_data_line} + n.row_position + coalesce(s.skipped_count, 0) as line_number "
        f"from (select * from {positioned} where filename in (select filename from skipped_lines)) n "
        "join group_files f using (filename) "
        "asof left join skipped_lines s "
        "on n.filename = s.filename and n.row_position >= s.good_rows_before"
    )
    return (
        f"({plain} where filename not in (select filename from skipped_lines) "
        f"union all {shifted})"
    )


def _read_slow_lane(con: duckdb.DuckDBPyConnection, opened: OpenedExport) -> int:
    """Read the lines the fast lane rejected as plain text, with their file and line."""
    lines = con.sql(
        "select distinct f.source_file, r.line, r.csv_line "
        "from csv_rejects r join csv_scans s using (scan_id, file_id) "
        "join group_files f on f.filename = s.file_path "
        "order by f.source_file, r.line"
    ).fetchall()
    if not lines:
        return 0
    width = len(opened.headers) + EXTRA_CELLS
    columns = "{" + ", ".join(f"'c{i}': 'varchar'" for i in range(width)) + "}"
    path = write_temporary_csv(
        "".join(text.strip("\r\n") + "\n" for _, _, text in lines)
    )
    con.register(
        "slow_line_numbers",
        pl.DataFrame(
            {
                "row_ordinal": range(len(lines)),
                "source_file": [label for label, _, _ in lines],
                "line_number": [line for _, line, _ in lines],
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
            select n.source_file, n.line_number, read.* exclude (row_ordinal)
            from read join slow_line_numbers n using (row_ordinal)
            """,
            {"path": str(path), "delim": opened.delimiter},
        )
    finally:
        con.unregister("slow_line_numbers")
        path.unlink(missing_ok=True)
    return len(lines)


@dataclass
class LaneSql:
    """The SQL of one lane: its data rows, their typed values, and values with checks."""

    rows: str
    values: str
    checked: str
    rejected_condition: str


def _lane_sql(
    opened: OpenedExport, rows_sql: str, typed: dict[int, str], slow: bool
) -> LaneSql:
    """Write the queries that type and check one lane's rows.

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
    blank = " and ".join(f"{c} is null" for c in cells)
    values, errors, texts = ["source_file", "line_number"], [], []
    for column in source.columns:
        position = opened.column_positions.get(column.name)
        cell = f"c{position}" if position is not None else "cast(null as varchar)"
        name = quote_identifier(column.name)
        raw = quote_identifier(column.name + "__raw")
        text = quote_identifier(column.name + "__text")
        error_name = quote_identifier(column.name + "__error")
        if position is not None and typed.get(position, "varchar") != "varchar":
            if column.kind == INTEGER:
                whole = (
                    f"case when {cell} = round({cell}) then cast({cell} as bigint) end"
                )
                values += [f"{whole} as {name}", f"{cell} as {raw}"]
                check = typed_error_expression(column, name, raw)
            else:
                values.append(f"{cell} as {name}")
                check = typed_error_expression(column, name, name)
            errors.append(f"{check} as {error_name}")
            continue
        texts.append((f"{text_expression(column, cell)} as {text}", text))
        value = value_expression(column, text)
        if column.name == "center_id":
            value = f"coalesce({value}, $center_id)"
        sql_type = KIND_SQL_TYPES[column.kind]
        values += [f"cast({value} as {sql_type}) as {name}", f"{cell} as {raw}"]
        is_center = column.name == "center_id"
        error = "null" if is_center else error_expression(column, text, name)
        errors.append(f"{error} as {error_name}")
    overflow = range(len(cells), len(cells) + EXTRA_CELLS) if slow else ()
    overflow_test = (
        " or ".join(f"nullif(trim(c{i}), '') is not null" for i in overflow) or "false"
    )
    values.append(f"({overflow_test}) as has_overflow")
    rules = [
        f"not coalesce(({rule.sql}), true) as {quote_identifier('rule__' + rule.name)}"
        for rule in source.row_rules
    ]
    text_definitions = ", ".join(definition for definition, _ in texts)
    text_names = ", ".join(name for _, name in texts)
    data_rows = (
        f"(select * from {rows_sql} where not ({footer or 'false'}) and not ({blank}))"
    )
    values_sql = (
        f"select {', '.join(values)}, {text_names} "
        f"from (select *, {text_definitions} from {data_rows})"
    )
    checked_sql = (
        f"select * exclude ({text_names}), {', '.join(errors + rules)} "
        f"from ({values_sql})"
    )
    rejected = [
        f"{quote_identifier(c.name + '__error')} is not null" for c in source.columns
    ]
    rejected += [quote_identifier("rule__" + rule.name) for rule in source.row_rules]
    return LaneSql(
        data_rows, values_sql, checked_sql, " or ".join([*rejected, "has_overflow"])
    )


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> list[tuple]:
    """Run a statement with the parameters it names, and return its result rows."""
    used = {name: value for name, value in params.items() if f"${name}" in sql}
    return con.execute(sql, used).fetchall()


def _load_lane(
    con: duckdb.DuckDBPyConnection, source: Source, lane: LaneSql, params: dict
) -> dict[str, int]:
    """Keep the lane's failing rows aside and insert the others; return data rows per file.

    The failing rows are few, so they are found first into a small table; the good
    rows then go straight into the source's table without a full intermediate copy.
    """
    _run(
        con,
        "create or replace temp table rejected_rows as "
        f"select * from ({lane.checked}) where {lane.rejected_condition}",
        params,
    )
    selects = []
    for column in source.columns:
        name = quote_identifier(column.name)
        if column.kind == ID_CARD:
            selects += [f"id_card_hash({name})", f"id_card_mask({name})"]
        else:
            selects.append(name)
    _run(
        con,
        f"""
        insert into {quote_identifier(source.name)}
        select {", ".join(selects)}, source_file, line_number
        from ({lane.values}) anti join rejected_rows using (source_file, line_number)
        """,
        params,
    )
    counts = _run(
        con,
        f"select source_file, count(*) from {lane.rows} group by source_file",
        params,
    )
    return dict(counts)


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
    con: duckdb.DuckDBPyConnection, opened: OpenedExport
) -> list[dict]:
    """Return one problem per failing cell or rule of the rows set aside as rejected."""
    source = opened.source
    frame = con.sql(
        "select * from rejected_rows order by source_file, line_number"
    ).pl()
    problems = []
    for row in frame.iter_rows(named=True):
        raw = {
            column.name: _shown_value(
                column.kind, row.get(column.name + "__raw", row.get(column.name))
            )
            for column in source.columns
        }
        row_json = json.dumps(
            {
                opened.header_of(name): value
                for name, value in raw.items()
                if name in opened.column_positions
            },
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
                    "file_path": row["source_file"],
                    "line_number": row["line_number"],
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


def load_group(
    con: duckdb.DuckDBPyConnection, group: list[PreparedExport], params: dict
) -> None:
    """Load files of one layout into their source's table and fill in their reports."""
    started = time.perf_counter()
    opened = group[0].opened
    reports = {item.report.file_path: item.report for item in group}
    _register_files(con, group)
    try:
        _read_fast_lane(con, group)
    except duckdb.Error as error:
        con.unregister("group_files")
        con.unregister("blank_lines")
        if len(group) > 1:
            # One bad file should not sink the others read with it.
            for item in group:
                load_group(con, [item], params)
            return
        for report in reports.values():
            report.status = "unreadable"
            report.message_zh = f"文件无法按 CSV 解析：{error}"
            report.message_en = f"the file cannot be parsed as CSV: {error}"
        return
    try:
        read_counts = dict(
            _run(
                con,
                "select f.source_file, count(*) from fast_rows "
                "join group_files f using (filename) group by f.source_file",
                {},
            )
        )
        lanes = [
            (
                "fast",
                _fast_lane_rows(con, opened.header_index + 2),
                _fast_column_types(opened),
            )
        ]
        if _read_slow_lane(con, opened):
            lanes.append(("slow", "slow_rows", {}))
            for label, count in _run(
                con, "select source_file, count(*) from slow_rows group by 1", {}
            ):
                read_counts[label] = read_counts.get(label, 0) + count
        data_rows: dict[str, int] = {}
        for lane, rows_sql, typed in lanes:
            lane_sql = _lane_sql(opened, rows_sql, typed, slow=lane == "slow")
            for label, count in _load_lane(
                con, opened.source, lane_sql, params
            ).items():
                data_rows[label] = data_rows.get(label, 0) + count
            for problem in _collect_problems(con, opened):
                reports[problem["file_path"]].problems.append(problem)
    finally:
        con.unregister("group_files")
        con.unregister("blank_lines")

    seconds = (time.perf_counter() - started) / len(group)
    for label, report in reports.items():
        report.problems.sort(key=lambda problem: problem["line_number"])
        rejected = len({problem["line_number"] for problem in report.problems})
        report.rows_read = data_rows.get(label, 0)
        report.rows_rejected = rejected
        report.rows_loaded = report.rows_read - rejected
        report.rows_skipped = read_counts.get(label, 0) - report.rows_read
        report.seconds = seconds
        if report.rows_read == 0:
            report.status = "no_rows"
            report.message_zh = "只有表头，没有数据行"
            report.message_en = "the file has a header but no data rows"
        elif rejected:
            report.status = "partly_loaded"
            report.message_zh = f"{rejected} 行被拒收，见隔离区"
            report.message_en = f"{rejected} row(s) rejected, see quarantine"
        logger.info(
            "%s: %s rows loaded, %s rejected", label, report.rows_loaded, rejected
        )


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
    """Load every file into one table per source, then keep one row per natural key.

    Files are decoded and matched to a contract one by one, then read in groups of the
    same layout, so a month-by-month export folder costs a few reads, not hundreds.
    """
    con.execute("set enable_progress_bar = false")
    create_staging_tables(con)
    reports: list[FileReport] = []
    groups: dict[tuple, list[PreparedExport]] = {}
    seen_hashes: dict[str, str] = {}
    for source, path in files:
        label = (
            str(path.relative_to(base_dir))
            if path.is_relative_to(base_dir)
            else path.name
        )
        try:
            data = path.read_bytes()
        except OSError as error:
            reports.append(_unreadable_report(label, source, error))
            if progress:
                progress(label)
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen_hashes:
            reports.append(
                _duplicate_report(label, source, digest, len(data), seen_hashes[digest])
            )
            if progress:
                progress(label)
            continue
        seen_hashes[digest] = label
        report, prepared = prepare_export(path, source, label, data, digest)
        reports.append(report)
        if prepared is None and progress:
            progress(label)
        if prepared is not None:
            groups.setdefault(layout_of(prepared.opened), []).append(prepared)

    batches = [
        batch
        for group in groups.values()
        for batch in split_by_size(group, GROUP_BYTES)
    ]

    params = {"center_id": center_id, "today": today}
    try:
        for batch in batches:
            load_group(con, batch, params)
            for item in batch:
                if progress:
                    progress(item.report.file_path)
    finally:
        for group in groups.values():
            for item in group:
                if item.is_temporary:
                    item.csv_path.unlink(missing_ok=True)
    write_manifest(con, reports)
    finish_staging(con, reports)
    return reports


def _unreadable_report(label: str, source: Source | None, error: OSError) -> FileReport:
    return FileReport(
        file_path=label,
        source=source.name if source else None,
        status="unreadable",
        loaded_at=datetime.now(),
        message_zh=f"无法读取文件：{error.strerror}",
        message_en=f"cannot read the file: {error.strerror}",
    )


def _duplicate_report(
    label: str, source: Source | None, digest: str, size: int, first: str
) -> FileReport:
    return FileReport(
        file_path=label,
        source=source.name if source else None,
        status="duplicate_file",
        content_sha256=digest,
        size_bytes=size,
        loaded_at=datetime.now(),
        message_zh=f"与已读取的 {first} 内容相同，已跳过",
        message_en=f"same content as {first}, already read; skipped",
    )


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


def finish_staging(con: duckdb.DuckDBPyConnection, reports: list[FileReport]) -> None:
    """Keep one row per natural key in each source table and list conflicting copies.

    Keys seen once (nearly all rows) stay where they were loaded; only the keys seen
    more than once are ranked, and the copies that lose are deleted.
    """
    file_orders = pl.DataFrame(
        {
            "source_file": [r.file_path for r in reports],
            "file_order": list(range(len(reports))),
        },
        schema={"source_file": pl.String, "file_order": pl.Int64},
    )
    con.register("file_orders", file_orders)
    con.execute(
        "create or replace temp table conflicts_found (source varchar, natural_key varchar, "
        "version_count bigint, copies varchar[])"
    )
    try:
        for source in SOURCES:
            _remove_repeated_copies(con, source)
    finally:
        con.unregister("file_orders")
    con.execute("drop table if exists repeated_copies")
    con.execute(
        "create or replace table duplicate_conflicts as select * from conflicts_found"
    )
    # The reader's reject tables and the working tables are not part of the build.
    for working in ("conflicts_found", "csv_rejects", "csv_scans", "rejected_rows"):
        con.execute(f"drop table if exists {working}")


def _remove_repeated_copies(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    table = quote_identifier(source.name)
    key_names = [quote_identifier(name) for name in staging_key(source)]
    key = ", ".join(key_names)
    value_columns = [
        name
        for name, _ in staging_columns(source)
        if name not in ("source_file", "source_line")
    ]
    row_hash = (
        "hash(" + ", ".join(quote_identifier(name) for name in value_columns) + ")"
    )
    con.execute(
        f"""
        create or replace temp table repeated_copies as
        with repeated_keys as (
            select {key} from {table} group by {key} having count(*) > 1
        )
        select t.rowid as row_id, t.*, f.file_order,
               row_number() over (
                   partition by {", ".join("t." + name for name in key_names)}
                   order by f.file_order desc, t.source_line asc
               ) as copy_rank
        from {table} t semi join repeated_keys using ({key})
        join file_orders f using (source_file)
        """
    )
    if fetch_scalar(con, "select count(*) from repeated_copies") == 0:
        return
    con.execute(
        f"""
        insert into conflicts_found
        select $source, concat_ws(' / ', {key}), count(distinct {row_hash}),
               list(source_file || ':' || source_line order by copy_rank)
        from repeated_copies
        group by {key}
        having count(distinct {row_hash}) > 1
        """,
        {"source": source.name},
    )
    con.execute(
        f"delete from {table} where rowid in (select row_id from repeated_copies where copy_rank > 1)"
    )
