"""The guard of the SQL page: one read-only statement over the analysis schema.

`check_statement` reads the statement with DuckDB's own parser in a throw-away
in-memory connection: the statement type from `extract_statements`, the tables and
table functions it names from `json_serialize_sql`. It allows exactly one SELECT (or
WITH … SELECT) that reads only tables of the `analysis` schema, CTEs and a few
generating table functions (`range`, `generate_series`, `unnest`). `run_guarded` runs
an allowed statement on a new cursor of the SQL page's own connection
(`open_analysis_connection`: views of the analysis tables in an empty in-memory
database, the build attached read-only) with `search_path` set to `analysis`, a time
limit (a timer interrupts the cursor) and a row cap, and appends one line per run to
the audit log. That connection also refuses files, extensions and settings, and has no
personal table under a plain name, so a statement the guard missed still cannot reach
them that way.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import polars as pl

from onescreen.db import hardened_config
from onescreen.parsing import quote_identifier, quote_literal

logger = logging.getLogger(__name__)

ANALYSIS_SCHEMA = "analysis"
# The name the SQL page's connection gives the build it attaches read-only.
BUILD_CATALOG = "center_build"
CHINA_ZONE = ZoneInfo("Asia/Shanghai")
AUDIT_FILE_NAME = "sql_audit.jsonl"
ALLOWED_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest"})
FILE_FUNCTION_PREFIXES = ("read_", "parquet_", "iceberg_", "delta_", "sqlite_")
FILE_FUNCTIONS = frozenset(
    {"glob", "parquet_scan", "csv_scan", "json_scan", "sniff_csv", "postgres_scan"}
)
# Parts of a FROM clause that read nothing but what they name; anything else
# (SHOW, DESCRIBE, PIVOT, …) is refused rather than understood halfway.
READABLE_REF_TYPES = frozenset(
    {"BASE_TABLE", "TABLE_FUNCTION", "JOIN", "SUBQUERY", "EMPTY", "EXPRESSION_LIST"}
)
REFUSED_TYPES = {
    "INSERT": "insert",
    "UPDATE": "update",
    "DELETE": "delete",
    "CREATE": "create",
    "DROP": "drop",
    "ALTER": "alter",
    "COPY": "copy",
    "COPY_DATABASE": "copy",
    "ATTACH": "attach",
    "DETACH": "detach",
    "LOAD": "load",
    "SET": "set",
    "VARIABLE_SET": "set",
    "PRAGMA": "pragma",
    "CALL": "call",
    "EXPORT": "export",
}

REASONS: dict[str, tuple[str, str]] = {
    "empty": ("请输入一条 SELECT 查询。", "Enter one SELECT statement."),
    "syntax": ("SQL 语法错误：{detail}", "The SQL does not parse: {detail}"),
    "multiple_statements": (
        "一次只能运行一条语句（发现 {count} 条，以分号分隔）。",
        "Only one statement can run at a time ({count} found, joined by semicolons).",
    ),
    "insert": (
        "不允许 INSERT：本页只读。",
        "INSERT is not allowed: this page is read-only.",
    ),
    "update": (
        "不允许 UPDATE：本页只读。",
        "UPDATE is not allowed: this page is read-only.",
    ),
    "delete": (
        "不允许 DELETE：本页只读。",
        "DELETE is not allowed: this page is read-only.",
    ),
    "create": (
        "不允许 CREATE：本页只读。",
        "CREATE is not allowed: this page is read-only.",
    ),
    "drop": ("不允许 DROP：本页只读。", "DROP is not allowed: this page is read-only."),
    "alter": (
        "不允许 ALTER：本页只读。",
        "ALTER is not allowed: this page is read-only.",
    ),
    "copy": (
        "不允许 COPY：不能读写文件。",
        "COPY is not allowed: files cannot be read or written.",
    ),
    "attach": (
        "不允许 ATTACH：不能挂载其他数据库。",
        "ATTACH is not allowed: no other database can be opened.",
    ),
    "detach": ("不允许 DETACH。", "DETACH is not allowed."),
    "load": (
        "不允许 INSTALL / LOAD：不能安装或加载扩展。",
        "INSTALL and LOAD are not allowed: extensions cannot be installed or loaded.",
    ),
    "set": (
        "不允许 SET：不能更改连接设置。",
        "SET is not allowed: the connection's settings cannot be changed.",
    ),
    "pragma": ("不允许 PRAGMA。", "PRAGMA is not allowed."),
    "call": ("不允许 CALL。", "CALL is not allowed."),
    "export": (
        "不允许 EXPORT：不能写出文件。",
        "EXPORT is not allowed: files cannot be written.",
    ),
    "not_select": (
        "只允许 SELECT 或 WITH … SELECT 查询（此语句为 {kind}）。",
        "Only SELECT or WITH … SELECT is allowed (this statement is {kind}).",
    ),
    "unsupported": (
        "此类查询不受支持，请改写为普通的 SELECT。",
        "This kind of query is not supported; write it as a plain SELECT.",
    ),
    "file_function": (
        "不允许读取文件的函数 {name}()：只能查询分析数据。",
        "The file-reading function {name}() is not allowed: query the analysis data.",
    ),
    "table_function": (
        "不允许表函数 {name}()：只能查询分析数据。",
        "The table function {name}() is not allowed: query the analysis data.",
    ),
    "outside_analysis": (
        "只能查询分析数据（analysis）中的表，不能查询 {name}。",
        "Only tables of the analysis data can be queried, not {name}.",
    ),
    "timeout": (
        "查询超过 {seconds} 秒的时限，已中止。请缩小范围或加上条件后重试。",
        "The query ran past its {seconds}-second limit and was stopped. "
        "Narrow it down and try again.",
    ),
    "cte_shadows": (
        "CTE 名称 {name} 与分析数据之外的一张表同名，请换一个名称。",
        "The CTE name {name} is also the name of a table outside the analysis data; "
        "choose another name.",
    ),
    "too_complex": (
        "查询嵌套过深，无法检查，请拆分或简化。",
        "The query is nested too deeply to be checked; split or simplify it.",
    ),
    "error": ("查询出错：{detail}", "The query failed: {detail}"),
}


@dataclass(frozen=True)
class GuardResult:
    """Whether a statement may run, and if not, why (a reason code and messages)."""

    allowed: bool
    reason: str = ""
    message_zh: str = ""
    message_en: str = ""
    tables: tuple[str, ...] = ()
    # Unqualified names that match a CTE somewhere in the statement. A CTE's reach is
    # narrower than the statement (its own body, a sibling subquery), and outside it the
    # name is looked up in the catalog, where `main` comes after `analysis`.
    cte_refs: tuple[str, ...] = ()

    def message(self, language: str) -> str:
        """Return the reason in `language` (zh or en)."""
        return self.message_en if language == "en" else self.message_zh


@dataclass
class GuardedResult:
    """What a guarded run gave: rows (at most the cap), whether cut, time, outcome."""

    frame: pl.DataFrame | None
    was_cut: bool
    elapsed: float
    outcome: str
    guard: GuardResult = field(default_factory=lambda: GuardResult(True))

    @property
    def row_count(self) -> int:
        """Return the number of rows kept."""
        return 0 if self.frame is None else self.frame.height


def refuse(reason: str, **values) -> GuardResult:
    """Return a refusal with its messages in both languages."""
    zh, en = REASONS[reason]
    return GuardResult(False, reason, zh.format(**values), en.format(**values))


def parse_tree(sql: str) -> tuple[list, dict | None]:
    """Return the parsed statements and the JSON tree of the first, in a new connection."""
    with duckdb.connect(":memory:") as parser:
        statements = parser.extract_statements(sql)
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            return statements, None
        text = parser.sql(
            "select json_serialize_sql($sql)", params={"sql": statements[0].query}
        ).fetchall()[0][0]
    return statements, json.loads(text)


def walk_nodes(tree):
    """Yield every JSON object in a parsed tree."""
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from walk_nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from walk_nodes(value)


def is_file_function(name: str) -> bool:
    """Tell whether a function name reads files (read_csv, glob, parquet_scan, …)."""
    lowered = name.lower()
    return lowered in FILE_FUNCTIONS or lowered.startswith(FILE_FUNCTION_PREFIXES)


def cte_names(tree: dict) -> set[str]:
    """Return the names of every CTE defined anywhere in the tree."""
    names = set()
    for node in walk_nodes(tree):
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            names.update(entry["key"].lower() for entry in cte_map.get("map", []))
    return names


def check_tree(tree: dict) -> GuardResult:
    """Check the tables and functions a parsed SELECT names."""
    ctes = cte_names(tree)
    tables, cte_refs = [], []
    for node in walk_nodes(tree):
        if node.get("class") == "FUNCTION" and is_file_function(
            node.get("function_name", "")
        ):
            return refuse("file_function", name=node["function_name"])
        kind = node.get("type")
        if "query_location" not in node or not isinstance(kind, str):
            continue
        if "sample" not in node:
            continue  # an expression, not a table reference
        if kind not in READABLE_REF_TYPES:
            return refuse("unsupported")
        if kind == "TABLE_FUNCTION":
            name = node["function"].get("function_name", "")
            if is_file_function(name):
                return refuse("file_function", name=name)
            if name.lower() not in ALLOWED_TABLE_FUNCTIONS:
                return refuse("table_function", name=name)
        elif kind == "BASE_TABLE":
            catalog, schema = node.get("catalog_name", ""), node.get("schema_name", "")
            table = node["table_name"]
            qualified = ".".join(part for part in (catalog, schema, table) if part)
            if catalog or schema.lower() not in ("", ANALYSIS_SCHEMA):
                return refuse("outside_analysis", name=qualified)
            if schema or table.lower() not in ctes:
                tables.append(table)
            else:
                cte_refs.append(table)
    return GuardResult(True, tables=tuple(tables), cte_refs=tuple(cte_refs))


def check_statement(sql: str) -> GuardResult:
    """Allow exactly one read-only SELECT over analysis tables; else say why not."""
    if not sql.strip().strip(";").strip():
        return refuse("empty")
    try:
        statements, tree = parse_tree(sql)
    except duckdb.Error as error:
        return refuse("syntax", detail=str(error).splitlines()[0])
    except RecursionError:
        return refuse("too_complex")
    if not statements:
        return refuse("empty")
    if len(statements) > 1:
        return refuse("multiple_statements", count=len(statements))
    kind = statements[0].type.name
    if kind in REFUSED_TYPES:
        return refuse(REFUSED_TYPES[kind])
    if tree is None:
        return refuse("not_select", kind=kind)
    if tree.get("error"):
        return refuse("unsupported")
    try:
        return check_tree(tree)
    except RecursionError:
        return refuse("too_complex")


def analysis_tables(cursor: duckdb.DuckDBPyConnection) -> set[str]:
    """Return the lower-cased names of the tables and views of the analysis schema."""
    rows = cursor.sql(
        "select table_name from information_schema.tables where table_schema = $schema",
        params={"schema": ANALYSIS_SCHEMA},
    ).fetchall()
    return {row[0].lower() for row in rows}


def tables_outside_analysis(cursor: duckdb.DuckDBPyConnection) -> set[str]:
    """Return the lower-cased names of every table and view in any other schema."""
    rows = cursor.sql(
        "select table_name from duckdb_tables() where schema_name <> $schema "
        "union select view_name from duckdb_views() where schema_name <> $schema",
        params={"schema": ANALYSIS_SCHEMA},
    ).fetchall()
    return {row[0].lower() for row in rows}


def check_against_catalog(
    guard: GuardResult, cursor: duckdb.DuckDBPyConnection
) -> GuardResult:
    """Refuse a statement naming a table the analysis schema does not hold."""
    known = analysis_tables(cursor)
    for table in guard.tables:
        if table.lower() not in known:
            return refuse("outside_analysis", name=table)
    if guard.cte_refs:
        outside = tables_outside_analysis(cursor) - known
        for table in guard.cte_refs:
            if table.lower() in outside:
                return refuse("cte_shadows", name=table)
    return guard


def now_in_china() -> str:
    """Return the current time in Asia/Shanghai as ISO 8601 with its offset."""
    return datetime.now(CHINA_ZONE).isoformat(timespec="seconds")


_AUDIT_LOCK = threading.Lock()


def append_audit_line(audit_path: Path, entry: dict) -> None:
    """Append one JSON line to the audit log, creating its folder if needed."""
    audit_path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
    with _AUDIT_LOCK, audit_path.open("a", encoding="utf-8") as log:
        log.write(line)


def open_analysis_connection(
    build_file: Path, memory_limit: str = "2GB", threads: int = 2
) -> duckdb.DuckDBPyConnection:
    """Open the SQL page's connection: an empty in-memory database whose `analysis`
    schema holds a view of each analysis table of the build, attached read-only.

    An unqualified name is looked up in this database only, where no table of the
    build's `main` schema exists: a statement the guard let through by mistake finds no
    personal table under a plain name. Files, extensions and settings are then locked
    as on the dashboard's own connection.
    """
    # The dashboard's settings, with files allowed and the configuration open until the
    # build is attached; both are shut below.
    config = {
        **hardened_config(memory_limit, threads),
        "enable_external_access": True,
        "lock_configuration": False,
    }
    con = duckdb.connect(":memory:", config=config)
    try:
        con.execute(
            f"attach {quote_literal(str(build_file))} as {BUILD_CATALOG} (read_only)"
        )
        con.execute(f"create schema {ANALYSIS_SCHEMA}")
        names = con.sql(
            "select table_name from information_schema.tables"
            " where table_catalog = $catalog and table_schema = $schema",
            params={"catalog": BUILD_CATALOG, "schema": ANALYSIS_SCHEMA},
        ).fetchall()
        for (name,) in names:
            quoted = quote_identifier(name)
            con.execute(
                f"create view {ANALYSIS_SCHEMA}.{quoted} as"
                f" select * from {BUILD_CATALOG}.{ANALYSIS_SCHEMA}.{quoted}"
            )
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def open_private_cursor(reader_or_cursor) -> duckdb.DuckDBPyConnection:
    """Return a new cursor of its own on the reader's or cursor's database."""
    return reader_or_cursor.cursor()


def run_with_time_limit(
    cursor: duckdb.DuckDBPyConnection, sql: str, time_limit_seconds: float, limit: int
) -> tuple[pl.DataFrame, bool]:
    """Run `sql` with at most `limit` rows; return the frame and whether time ran out."""
    expired = threading.Event()

    def stop() -> None:
        expired.set()
        cursor.interrupt()

    timer = threading.Timer(time_limit_seconds, stop)
    timer.start()
    try:
        frame = cursor.sql(sql).limit(limit).pl()
    except duckdb.InterruptException:
        if expired.is_set():
            return pl.DataFrame(), True
        raise
    finally:
        timer.cancel()
    return frame, False


def run_guarded(
    reader_or_cursor,
    sql: str,
    time_limit_seconds: float = 10.0,
    row_cap: int = 10_000,
    *,
    audit_path: Path | None = None,
    user: str = "local",
) -> GuardedResult:
    """Check and run one statement with a time limit and row cap, and audit it."""
    started = time.perf_counter()
    guard = check_statement(sql)
    frame, was_cut, outcome = None, False, "refused"
    if guard.allowed:
        cursor = open_private_cursor(reader_or_cursor)
        try:
            guard = check_against_catalog(guard, cursor)
            if guard.allowed:
                cursor.execute(f"set search_path = '{ANALYSIS_SCHEMA}'")
                frame, timed_out = run_with_time_limit(
                    cursor, sql, time_limit_seconds, row_cap + 1
                )
                if timed_out:
                    frame, outcome = None, "timeout"
                    guard = refuse("timeout", seconds=f"{time_limit_seconds:g}")
                else:
                    was_cut = frame.height > row_cap
                    frame, outcome = frame.head(row_cap), "ok"
        except duckdb.Error as error:
            logger.info("guarded query failed: %s", error)
            frame, outcome = None, "error"
            guard = refuse("error", detail=str(error).splitlines()[0])
        except Exception as error:  # noqa: BLE001 - the page answers, the audit records
            # A result polars cannot hold (a union type, say) or a tree too deep to walk
            # still ends as an answer in the page and a line in the audit log.
            logger.exception("guarded query could not be read")
            frame, outcome = None, "error"
            guard = refuse("error", detail=type(error).__name__)
        finally:
            cursor.close()
    result = GuardedResult(
        frame, was_cut, time.perf_counter() - started, outcome, guard
    )
    if audit_path is not None:
        append_audit_line(audit_path, audit_entry(result, sql, user))
    return result


def audit_entry(result: GuardedResult, sql: str, user: str) -> dict:
    """Return the audit log line of one run."""
    return {
        "user": user,
        "at": now_in_china(),
        "statement": sql,
        "rows": result.row_count,
        "was_cut": result.was_cut,
        "seconds": round(result.elapsed, 3),
        "outcome": result.outcome,
        "reason": result.guard.reason,
    }
