"""The message catalogue: every text a user reads, in Chinese and in English.

Messages are keyed by stable ids. Labels of sources, columns, load statuses and error
codes are generated from the contracts and the parser, so a new column or rule is
labelled in both languages the moment it exists there.
"""

from __future__ import annotations

import logging
import string

from onescreen.contracts import SOURCES
from onescreen.messages import area_messages
from onescreen.parsing import ERROR_MESSAGES

logger = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}

MESSAGES: dict[str, tuple[str, str]] = {
    "app.title": ("一屏统管", "OneScreen"),
    "app.language": ("语言 / Language", "语言 / Language"),
    "app.page_failed": (
        "此页出错，未能完整显示。错误已记入服务器日志；请刷新页面，"
        "如仍出错请告知数据管理员。",
        "This page ran into an error and could not be shown in full. The error is in"
        " the server log; reload the page, and if it happens again tell the data"
        " keeper.",
    ),
    "nav.section.manage": ("数据管理", "Data management"),
    "page.data.title": ("数据接入", "Data intake"),
    "page.data.intro": (
        "各系统导出文件的载入情况：载入了什么、哪些行被拒收及原因、"
        "哪些数据源逾期未更新。",
        "What was loaded from the other systems' exports, which rows were rejected"
        " and why, and which sources are overdue.",
    ),
    "data.settings_error": (
        "配置文件有误：{message}",
        "The settings file has a problem: {message}",
    ),
    "data.no_database": (
        "还没有数据库。请运行 `make run` 或 `python -m onescreen build`，"
        "把 {exports} 下的导出文件构建成数据库。",
        "There is no database yet. Run `make run` or `python -m onescreen build`"
        " to build it from the exports in {exports}.",
    ),
    "data.exports_waiting": (
        "{exports} 下已有 {count} 个导出文件等待构建。",
        "{count} export file(s) in {exports} are waiting to be built.",
    ),
    "data.no_exports": (
        "{exports} 下还没有导出文件：请把各系统导出的 CSV 放到 {exports}/<数据源>/ 下，"
        "数据源文件夹名如 {example}。",
        "There are no export files in {exports} yet: put each system's CSV exports"
        " in {exports}/<source>/, with folder names such as {example}.",
    ),
    "data.database_unreadable": (
        "数据库 {path} 无法打开：{error}。请重新构建数据库。",
        "The database {path} cannot be opened: {error}. Rebuild the database.",
    ),
    "data.query_failed": (
        "“{name}”无法读取：{error}。请重新构建数据库。",
        "'{name}' could not be read: {error}. Rebuild the database.",
    ),
    "data.as_of": ("统计截止日", "As of"),
    "data.built_at": ("构建时间", "Built at"),
    "data.file_count": ("导出文件数", "Export files"),
    "data.rows_loaded": ("载入行数", "Rows loaded"),
    "data.rows_rejected": ("拒收行数", "Rows rejected"),
    "data.freshness.title": ("各数据源更新情况", "How current each source is"),
    "data.freshness.caption": (
        "最新日期早于统计截止日减去该数据源的更新周期（天），即为逾期。",
        "A source is overdue when its latest date is older than the as-of date"
        " minus the source's update cycle in days.",
    ),
    "data.freshness.stale": ("逾期未更新：{sources}", "Overdue: {sources}"),
    "data.freshness.empty": ("没有数据：{sources}", "No rows: {sources}"),
    "data.freshness.all_current": (
        "所有有日期的数据源都在更新周期内。",
        "Every dated source is within its update cycle.",
    ),
    "data.tab.manifest": ("载入的文件", "Files read"),
    "data.tab.quarantine": ("拒收的行", "Rejected rows"),
    "data.tab.duplicates": ("重复记录冲突", "Duplicate conflicts"),
    "data.tab.unmatched": ("无法对应的引用", "Unmatched references"),
    "data.tab.calendar": ("工作日历", "Working-day calendar"),
    "data.manifest.caption": (
        "本次构建读取的每个文件及其结果。重复文件按内容判断，只读一次。",
        "Every file this build read and what came of it. A file whose content"
        " was already read is skipped.",
    ),
    "data.manifest.empty": ("本次构建没有读取任何文件。", "This build read no files."),
    "data.manifest.failed_files": (
        "{count} 个文件未能载入，原因见“说明”列。",
        "{count} file(s) could not be loaded; the reason is in the 'Message' column.",
    ),
    "data.manifest.all_loaded": ("所有文件均已载入。", "Every file was loaded."),
    "data.quarantine.caption": (
        "被拒收的行没有载入，保留在隔离区：修改导出文件后重新构建即可。",
        "Rejected rows were not loaded; they are kept in quarantine. Correct the"
        " export and build again.",
    ),
    "data.quarantine.empty": ("没有被拒收的行。", "No rows were rejected."),
    "data.quarantine.summary": (
        "{files} 个文件中共有 {count} 处问题。",
        "{count} problem(s) in {files} file(s).",
    ),
    "data.quarantine.no_match": (
        "没有符合筛选条件的行。",
        "No rows match the filters.",
    ),
    "data.duplicates.caption": (
        "同一主键在多个文件中内容不同时，以文件名排序最后的文件为准；"
        "以下为内容不一致的记录。",
        "When copies of one key differ, the copy from the file whose name sorts"
        " last is kept; these are the keys whose copies differ.",
    ),
    "data.duplicates.empty": (
        "没有内容不一致的重复记录。",
        "No duplicate records conflict.",
    ),
    "data.unmatched.caption": (
        "这些值在所指向的台账中找不到；所在的行已保留。",
        "These values are not found in the register they point to; their rows are"
        " kept.",
    ),
    "data.unmatched.empty": ("所有引用都能对应上。", "Every reference has a match."),
    "data.calendar.missing": (
        "工作日历尚未生成，按工作日计算的指标暂不可用。",
        "The working-day calendar has not been built yet; figures counted in"
        " working days are not available.",
    ),
    "data.calendar.empty": ("工作日历是空的。", "The working-day calendar is empty."),
    "data.calendar.weekday_years": (
        "{years} 年的法定节假日和调休未知，这些年份按周一至周五计算工作日："
        "请在配置中补充。",
        "Public holidays and make-up workdays are not known for {years}; working"
        " days there are plain Monday to Friday. Add them in the config.",
    ),
    "data.calendar.config_years": (
        "{years} 年的节假日取自配置文件，节假日程序包未覆盖这些年份。",
        "Holidays for {years} come from the config file; the holiday package does"
        " not cover those years.",
    ),
    "data.calendar.all_covered": (
        "{first}–{last} 年的节假日和调休均来自节假日程序包。",
        "Holidays and make-up workdays for {first}–{last} all come from the holiday"
        " package.",
    ),
    "data.download": ("下载 CSV", "Download CSV"),
    "filter.all": ("全部", "All"),
    "filter.source": ("数据源", "Source"),
    "filter.file": ("文件", "File"),
    "filter.error_code": ("问题类型", "Problem"),
    "freshness.current": ("正常", "current"),
    "freshness.stale": ("逾期", "overdue"),
    "freshness.empty": ("无数据", "no rows"),
    "freshness.not_supplied": ("可选，未提供", "optional, none"),
    "freshness.undated": ("不按日期", "not dated"),
    "calendar_source.package": ("节假日程序包", "holiday package"),
    "calendar_source.config": ("配置文件", "config file"),
    "calendar_source.weekday": ("仅按周一至周五", "Monday to Friday only"),
    "status.loaded": ("已载入", "loaded"),
    "status.partly_loaded": ("部分载入", "partly loaded"),
    "status.duplicate_file": ("重复文件，已跳过", "duplicate file, skipped"),
    "status.no_rows": ("没有数据行", "no data rows"),
    "status.empty": ("空文件", "empty file"),
    "status.binary": ("不是文本文件", "not a text file"),
    "status.undecodable": ("编码无法识别", "unknown encoding"),
    "status.no_header": ("找不到表头", "no header found"),
    "status.missing_column": ("缺少必填列", "required column missing"),
    "status.unreadable": ("无法读取", "unreadable"),
    "source.people": ("人员（编制内和编制外）", "People (both employment tracks)"),
    "source.unknown": ("未识别", "not recognised"),
    "field.source": ("数据源", "Source"),
    "field.file_path": ("文件", "File"),
    "field.status": ("状态", "Status"),
    "field.encoding": ("编码", "Encoding"),
    "field.header_line": ("表头行", "Header line"),
    "field.rows_read": ("读取行数", "Rows read"),
    "field.rows_loaded": ("载入行数", "Rows loaded"),
    "field.rows_rejected": ("拒收行数", "Rows rejected"),
    "field.rows_skipped": ("跳过行数（空行、合计行）", "Rows skipped (blank, totals)"),
    "field.ignored_headers": ("未使用的列", "Columns not used"),
    "field.message": ("说明", "Message"),
    "field.loaded_at": ("读取时间", "Read at"),
    "field.line_number": ("行号", "Line"),
    "field.column": ("列", "Column"),
    "field.header": ("文件中的列名", "Header in the file"),
    "field.value": ("值", "Value"),
    "field.error_code": ("问题类型", "Problem"),
    "field.reason": ("原因", "Reason"),
    "field.row_json": ("整行内容", "Whole row"),
    "field.natural_key": ("主键", "Key"),
    "field.version_count": ("不同版本数", "Differing versions"),
    "field.copy_locations": ("各副本位置（文件:行）", "Copies (file:line)"),
    "field.target_source": ("应在", "Should be in"),
    "field.row_count": ("行数", "Rows"),
    "field.example_location": ("首次出现（文件:行）", "First seen (file:line)"),
    "field.freshness_status": ("更新状态", "Freshness"),
    "field.latest_date": ("最新日期", "Latest date"),
    "field.days_since_latest": ("距截止日天数", "Days before as-of"),
    "field.cadence_days": ("更新周期（天）", "Update cycle (days)"),
    "field.file_count": ("文件数", "Files"),
    "field.rejected_row_count": ("拒收行数", "Rows rejected"),
    "field.last_file_path": ("最后载入的文件", "Last file loaded"),
    "field.year": ("年份", "Year"),
    "field.day_count": ("天数", "Days"),
    "field.workday_count": ("工作日", "Working days"),
    "field.calendar_source": ("节假日来源", "Holidays from"),
}


def _generated_messages() -> dict[str, tuple[str, str]]:
    """Labels taken from the contracts and the parser: sources, columns, error codes."""
    generated: dict[str, tuple[str, str]] = {}
    for source in SOURCES:
        generated[f"source.{source.name}"] = (source.label_zh, source.label_en)
        for column in source.columns:
            generated[f"column.{source.name}.{column.name}"] = (
                column.label_zh,
                column.label_en,
            )
        for rule in source.row_rules:
            generated[f"error.{rule.name}"] = (rule.reason_zh, rule.reason_en)
    for code, (text_zh, text_en) in ERROR_MESSAGES.items():
        generated[f"error.{code}"] = (text_zh, text_en)
    return generated


CATALOGUE: dict[str, tuple[str, str]] = {
    **_generated_messages(),
    **area_messages(),
    **MESSAGES,
}


def normalise_language(value: object) -> str:
    """Return `value` if it is a supported language code, else the default one."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def has_message(key: str) -> bool:
    """Tell whether the catalogue has a message called `key`."""
    return key in CATALOGUE


def t(key: str, language: str, **values) -> str:
    """Return the message `key` in `language`, with `values` put in its placeholders."""
    texts = CATALOGUE.get(key)
    if texts is None:
        logger.warning("no message called %s", key)
        return key
    text = texts[LANGUAGES.index(normalise_language(language))]
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    """Return the names of the `{placeholders}` in a message."""
    return {
        name for _, name, _, _ in string.Formatter().parse(text) if name is not None
    }


def source_label(source: str | None, language: str) -> str:
    """Return the label of a source (or of the people both rosters make up)."""
    key = f"source.{source}"
    return t(key, language) if has_message(key) else t("source.unknown", language)


def column_label(source: str, column: str, language: str) -> str:
    """Return the label of a source's column, or its name if the contract lacks it."""
    key = f"column.{source}.{column}"
    return t(key, language) if has_message(key) else column


def status_label(status: str, language: str) -> str:
    """Return the label of a load status of the manifest."""
    key = f"status.{status}"
    return t(key, language) if has_message(key) else status


def error_label(code: str, language: str) -> str:
    """Return the label of a quarantine error code or row rule."""
    key = f"error.{code}"
    return t(key, language) if has_message(key) else code


def field_label(field: str, language: str) -> str:
    """Return the header shown for a result column of a query."""
    return t(f"field.{field}", language)


def keys_with_prefix(prefix: str) -> list[str]:
    """Return the catalogue keys that start with `prefix`, in catalogue order."""
    return [key for key in CATALOGUE if key.startswith(prefix)]


def join_names(names: list[str], language: str) -> str:
    """Join names into a list in the way the language writes lists."""
    return ("、" if normalise_language(language) == "zh" else ", ").join(names)
