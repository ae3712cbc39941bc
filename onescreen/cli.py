"""The command line: write the demo, build, check exports, print the headline figures."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from onescreen import auth
from onescreen.build import BuildError, build_database, today_in_china
from onescreen.contracts import SOURCES_BY_NAME
from onescreen.db import DatabaseMissingError, Reader, fetch_scalar, run_query
from onescreen.ingest import (
    FileReport,
    discover_exports,
    ingest_exports,
    register_functions,
)
from onescreen.settings import (
    DEFAULT_SETTINGS_PATH,
    SETTINGS_VARIABLE,
    SettingsError,
    load_settings,
)

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3

MESSAGES = {
    "demo_written": (
        "已写入演示导出文件：{path}（{rows} 行）",
        "demo exports written to {path} ({rows} rows)",
    ),
    "demo_exists": (
        "{path} 已有导出文件；加 --force 覆盖",
        "{path} already holds exports; add --force to overwrite",
    ),
    "build_done": (
        "构建完成：{files} 个文件，载入 {loaded} 行，拒收 {rejected} 行，统计截止 {as_of}，用时 {seconds:.1f} 秒",
        "build done: {files} files, {loaded} rows loaded, {rejected} rejected, as of {as_of}, {seconds:.1f} s",
    ),
    "build_failed": ("{reason}", "{reason}"),
    "no_database": (
        "还没有数据库：先运行 python -m onescreen build",
        "there is no database yet: run python -m onescreen build first",
    ),
    "no_files": ("{path} 下没有 CSV 文件", "no CSV files under {path}"),
    "path_missing": ("路径不存在：{path}", "the path does not exist: {path}"),
    "file_line": (
        "{file}：{source}，读取 {read} 行，载入 {loaded}，拒收 {rejected}{note}",
        "{file}: {source}, {read} rows read, {loaded} loaded, {rejected} rejected{note}",
    ),
    "problem_line": (
        "  第 {line} 行「{column}」：{reason}",
        "  line {line}, column '{column}': {reason}",
    ),
    "settings_error": ("{message}", "{message}"),
    "no_year": ("数据库中没有 {year} 年的数据", "the database has no data for {year}"),
    "password_prompt": ("{user} 的新密码：", "New password for {user}: "),
    "password_again": ("再输一遍：", "Once more: "),
    "password_mismatch": ("两次输入的密码不一致", "the two passwords differ"),
    "user_added": (
        "已添加用户 {user}（{role}），用户文件：{path}",
        "user {user} ({role}) added to {path}",
    ),
    "user_reset": (
        "已重置 {user} 的密码；其已登录的会话随即失效",
        "password of {user} reset; their open sessions end",
    ),
    "user_removed": ("已删除用户 {user}", "user {user} removed"),
    "user_line": (
        "{user}\t{role}\t{name}\t{changed}",
        "{user}\t{role}\t{name}\t{changed}",
    ),
    "no_users": ("还没有用户：{path}", "no users yet: {path}"),
    "user_error": ("{message}", "{message}"),
}


def message(key: str, lang: str, **values) -> str:
    """Return a command-line message in the user's language."""
    text_zh, text_en = MESSAGES[key]
    return (text_zh if lang == "zh" else text_en).format(**values)


def default_language() -> str:
    """Pick Chinese unless the environment asks for another language."""
    chosen = os.environ.get("ONESCREEN_LANG") or os.environ.get("LANG", "zh")
    return "en" if chosen.lower().startswith("en") else "zh"


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _complain(text: str) -> None:
    sys.stderr.write(text + "\n")


def _report_line(report: FileReport, lang: str) -> str:
    source = SOURCES_BY_NAME.get(report.source or "")
    source_label = (
        (source.label_zh if lang == "zh" else source.label_en) if source else "?"
    )
    note_text = report.message_zh if lang == "zh" else report.message_en
    note = (
        f"（{note_text}）"
        if lang == "zh" and note_text
        else (f" ({note_text})" if note_text else "")
    )
    return message(
        "file_line",
        lang,
        file=report.file_path,
        source=source_label,
        read=report.rows_read,
        loaded=report.rows_loaded,
        rejected=report.rows_rejected,
        note=note,
    )


def run_demo(arguments, settings, lang: str) -> int:
    """Write the demo exports."""
    from onescreen.demo import DemoScale, write_demo_exports

    target = Path(arguments.output) if arguments.output else settings.exports_dir
    if target.exists() and any(target.rglob("*.csv")) and not arguments.force:
        _complain(message("demo_exists", lang, path=target))
        return EXIT_USAGE
    scale = DemoScale(
        people=arguments.scale,
        vehicles=arguments.scale,
        buildings=1.0,
        years=arguments.years,
        gps_points_per_trip=arguments.gps_points,
        centers=arguments.centers,
    )
    rows = write_demo_exports(target, scale)
    _say(message("demo_written", lang, path=target, rows=sum(rows.values())))
    return EXIT_OK


def run_build(arguments, settings, lang: str) -> int:
    """Build the database from the exports and make it current."""
    files = discover_exports(settings.exports_dir)
    if not files:
        _complain(message("no_files", lang, path=settings.exports_dir))
        return EXIT_FAILED
    bar = None
    if not arguments.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)
    try:
        report = build_database(
            settings, progress=(lambda label: bar.update(1)) if bar else None
        )
    except BuildError as error:
        _complain(
            message(
                "build_failed",
                lang,
                reason=error.message_zh if lang == "zh" else error.message_en,
            )
        )
        return EXIT_FAILED
    finally:
        if bar:
            bar.close()
    if not arguments.quiet:
        for file_report in report.reports:
            _say(_report_line(file_report, lang))
    _say(
        message(
            "build_done",
            lang,
            files=len(report.reports),
            loaded=sum(r.rows_loaded for r in report.reports),
            rejected=sum(r.rows_rejected for r in report.reports),
            as_of=report.as_of_date,
            seconds=report.seconds,
        )
    )
    return EXIT_OK


def check_files(paths: list[Path], today: date) -> list[FileReport]:
    """Validate export files in a throw-away database; nothing is written to disk."""
    con = duckdb.connect()
    register_functions(con, os.urandom(32))
    files = []
    for path in paths:
        if path.is_dir():
            found = discover_exports(path)
            if not found:
                source = SOURCES_BY_NAME.get(path.name)
                found = [(source, file) for file in sorted(path.glob("*.csv"))]
            files.extend((source, file, path) for source, file in found)
        else:
            files.append((SOURCES_BY_NAME.get(path.parent.name), path, path.parent))
    reports = []
    for source, file, base in files:
        reports += ingest_exports(
            con, [(source, file)], base_dir=base, center_id="check", today=today
        )
    con.close()
    return reports


def run_check(arguments, settings, lang: str) -> int:
    """Validate one file or folder and report what would load and what would be rejected."""
    paths = [Path(item) for item in arguments.paths]
    for path in paths:
        if not path.exists():
            _complain(message("path_missing", lang, path=path))
            return EXIT_USAGE
    reports = check_files(paths, today_in_china())
    if not reports:
        _complain(message("no_files", lang, path=", ".join(map(str, paths))))
        return EXIT_USAGE
    if arguments.json:
        for report in reports:
            _say(json.dumps(_check_object(report), ensure_ascii=False, default=str))
    else:
        for report in reports:
            _say(_report_line(report, lang))
            for problem in report.problems[: arguments.limit]:
                reason = problem["reason_zh"] if lang == "zh" else problem["reason_en"]
                _say(
                    message(
                        "problem_line",
                        lang,
                        line=problem["line_number"],
                        column=problem["header"],
                        reason=reason,
                    )
                )
    failed = any(r.status not in ("loaded", "duplicate_file") for r in reports)
    return EXIT_REJECTED if failed else EXIT_OK


def _check_object(report: FileReport) -> dict:
    return {
        "file": report.file_path,
        "source": report.source,
        "status": report.status,
        "encoding": report.encoding,
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_rejected": report.rows_rejected,
        "message_zh": report.message_zh,
        "message_en": report.message_en,
        "errors": [
            {
                key: problem[key]
                for key in (
                    "line_number",
                    "column_name",
                    "header",
                    "value",
                    "error_code",
                    "reason_zh",
                    "reason_en",
                )
            }
            for problem in report.problems
        ],
    }


def headline_figures(
    cursor: duckdb.DuckDBPyConnection, year: int | None
) -> dict | None:
    """Return the headline figures of the current database for a year (default: as-of year)."""
    if year is None:
        year = fetch_scalar(cursor, "select year(as_of_date) from build_info")
    frame = run_query(cursor, "headline_figures", year=year)
    if frame.is_empty():
        return None
    figures = frame.row(0, named=True)
    history = run_query(cursor, "fleet_utilisation_by_year").filter(
        pl.col("center_id") == figures["center_id"]
    )
    figures["fleet_utilisation_by_year"] = [
        {key: _rounded(value) for key, value in row.items()}
        for row in history.select(
            "year", "utilisation_ratio", "yoy_change_ratio", "yoy_change_points"
        ).iter_rows(named=True)
    ]
    return figures


def _rounded(value):
    return round(value, 4) if isinstance(value, float) else value


def run_summary(arguments, settings, lang: str) -> int:
    """Print the headline figures of the current database."""
    reader = Reader(settings.database_path, settings.memory_limit, settings.threads)
    try:
        cursor = reader.cursor()
    except DatabaseMissingError:
        _complain(message("no_database", lang))
        return EXIT_FAILED
    try:
        figures = headline_figures(cursor, arguments.year)
    finally:
        reader.close()
    if figures is None:
        _complain(message("no_year", lang, year=arguments.year))
        return EXIT_FAILED
    rounded = {
        key: round(value, 4) if isinstance(value, float) else value
        for key, value in figures.items()
    }
    if arguments.json:
        _say(json.dumps(rounded, ensure_ascii=False, default=str))
    else:
        width = max(map(len, rounded))
        for key, value in rounded.items():
            _say(f"{key.ljust(width)}  {value}")
    return EXIT_OK


def run_contract_doc(arguments, settings, lang: str) -> int:
    """Write docs/data-contract.md from the contracts in code."""
    from onescreen.contract_doc import write_contract_doc

    _say(str(write_contract_doc()))
    return EXIT_OK


def _new_password(arguments, lang: str) -> str:
    """Read a new password from standard input, or ask twice on a terminal."""
    if arguments.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass(message("password_prompt", lang, user=arguments.username))
    if getpass.getpass(message("password_again", lang)) != first:
        raise auth.AuthError(
            message("password_mismatch", "zh"), message("password_mismatch", "en")
        )
    return first


def run_user(arguments, settings, lang: str) -> int:
    """Add a user, reset a password, remove a user, or list the users."""
    path = auth.users_path(settings)
    try:
        rounds = auth.auth_settings(settings, Path(arguments.settings)).bcrypt_rounds
        if arguments.action == "list":
            users = auth.read_users(path)
            if not users:
                _say(message("no_users", lang, path=path))
            for user in users.values():
                _say(
                    message(
                        "user_line",
                        lang,
                        user=user.username,
                        role=user.role,
                        name=user.display_name,
                        changed=user.changed_at,
                    )
                )
            return EXIT_OK
        if not arguments.username:
            raise auth.AuthError("请给出用户名", "give the username")
        if arguments.action == "remove":
            auth.remove_user(path, arguments.username)
            _say(message("user_removed", lang, user=arguments.username))
            return EXIT_OK
        if arguments.action == "add":
            if not arguments.role:
                raise auth.AuthError(
                    f"请用 --role 指定角色：{'、'.join(auth.ROLES)}",
                    f"name the role with --role: {', '.join(auth.ROLES)}",
                )
            password = _new_password(arguments, lang)
            auth.add_user(
                path,
                arguments.username,
                arguments.role,
                password,
                display_name=arguments.display_name or "",
                rounds=rounds,
            )
            _say(
                message(
                    "user_added",
                    lang,
                    user=arguments.username,
                    role=arguments.role,
                    path=path,
                )
            )
            return EXIT_OK
        password = _new_password(arguments, lang)
        auth.reset_password(path, arguments.username, password, rounds=rounds)
        _say(message("user_reset", lang, user=arguments.username))
        return EXIT_OK
    except SettingsError as error:
        _complain(error.message_zh if lang == "zh" else error.message_en)
        return EXIT_USAGE
    except auth.AuthError as error:
        _complain(message("user_error", lang, message=error.message(lang)))
        return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m onescreen`."""
    parser = argparse.ArgumentParser(
        prog="python -m onescreen", description="OneScreen 一屏统管"
    )
    parser.add_argument(
        "--settings",
        default=os.environ.get(SETTINGS_VARIABLE, str(DEFAULT_SETTINGS_PATH)),
    )
    parser.add_argument("--lang", choices=("zh", "en"), default=default_language())
    parser.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="write demo exports / 写入演示导出文件")
    demo.add_argument(
        "--scale", type=float, default=1.0, help="people and vehicles factor"
    )
    demo.add_argument("--years", type=int, default=4)
    demo.add_argument("--gps-points", type=int, default=12, help="positions per trip")
    demo.add_argument("--centers", type=int, default=1)
    demo.add_argument(
        "--output", help="folder (default: the exports folder in settings)"
    )
    demo.add_argument("--force", action="store_true", help="overwrite existing exports")
    demo.add_argument(
        "--if-empty", action="store_true", help="do nothing when exports exist"
    )

    build = commands.add_parser("build", help="exports -> database / 构建数据库")
    build.add_argument("--quiet", action="store_true")

    check = commands.add_parser(
        "check", help="validate files without building / 校验文件"
    )
    check.add_argument("paths", nargs="+")
    check.add_argument("--json", action="store_true")
    check.add_argument("--limit", type=int, default=20, help="problems shown per file")

    summary = commands.add_parser("summary", help="headline figures / 核心指标")
    summary.add_argument("--year", type=int)
    summary.add_argument("--json", action="store_true")
    commands.add_parser(
        "contract-doc", help="write docs/data-contract.md / 生成数据接口说明"
    )

    user = commands.add_parser(
        "user", help="users and roles for sign-in / 登录用户与角色"
    )
    user.add_argument("action", choices=("add", "reset", "remove", "list"))
    user.add_argument("username", nargs="?", default="")
    user.add_argument("--role", choices=auth.ROLES)
    user.add_argument("--display-name", help="name shown in the app / 显示名")
    user.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input / 从标准输入读密码",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if arguments.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    lang = arguments.lang
    try:
        settings = load_settings(Path(arguments.settings))
    except SettingsError as error:
        _complain(
            message(
                "settings_error",
                lang,
                message=error.message_zh if lang == "zh" else error.message_en,
            )
        )
        return EXIT_USAGE
    if arguments.command == "demo" and arguments.if_empty:
        target = Path(arguments.output) if arguments.output else settings.exports_dir
        if target.exists() and any(target.rglob("*.csv")):
            return EXIT_OK
    handlers = {
        "demo": run_demo,
        "build": run_build,
        "check": run_check,
        "summary": run_summary,
        "contract-doc": run_contract_doc,
        "user": run_user,
    }
    try:
        return handlers[arguments.command](arguments, settings, lang)
    except KeyboardInterrupt:
        return EXIT_FAILED
