"""The data contract for the people who export the files, written from the contracts in code."""

from __future__ import annotations

from pathlib import Path

from onescreen.contracts import KIND_LABELS, SOURCES, TARGET_METRICS, Column, Source
from onescreen.settings import PROJECT_ROOT

CONTRACT_DOC_PATH = PROJECT_ROOT / "docs" / "data-contract.md"

INTRODUCTION = """\
# 数据接口说明 / Data contract

本文件由 `python -m onescreen contract-doc` 根据代码中的数据契约生成，请勿手工修改；
测试会检查两者一致。
This file is written by `python -m onescreen contract-doc` from the contracts in the
code; do not edit it by hand. A test checks that the two agree.

## 通用规则 / Rules for every file

- 把各系统的导出文件放入 `data/exports/<来源>/`，文件名建议带上导出日期或所属月份，
  例如 `trips/2025-03.csv`。 / Drop each system's exports into
  `data/exports/<source>/`, named with their export date or month, e.g.
  `trips/2025-03.csv`.
- 编码：UTF-8、带 BOM 的 UTF-8、GBK/GB18030 均可。 / Encoding: UTF-8, UTF-8 with BOM,
  or GBK/GB18030.
- 表头：中文或英文均可，顺序不限，可带空格或全角字符；表头上方可有一行标题，
  表尾可有“合计”行。 / Headers in Chinese or English, in any order, with stray spaces
  or full-width characters; a title row above the header and a 合计 (totals) row at
  the bottom are passed over.
- 分隔符：逗号、制表符、分号或竖线。 / Delimiter: comma, tab, semicolon or bar.
- 日期：2025-03-01、2025/3/1、2025年3月1日、20250301 或 Excel 序列号；月份：2025-03、
  2025/3、2025年3月、202503。 / Dates: 2025-03-01, 2025/3/1, 2025年3月1日, 20250301 or an
  Excel serial number; months: 2025-03, 2025/3, 2025年3月, 202503.
- 数字：可带千分位、全角数字，或在单元格中带单位（㎡、万㎡、元、万元、km、公里）。 /
  Numbers may carry thousands separators, full-width digits, or a unit in the cell
  (㎡, 万㎡, 元, 万元, km, 公里).
- 重复：同一业务主键出现多次时，以文件路径排序最后的文件为准，同一文件内以先出现的行
  为准；内容不同的重复会列在“数据”页的“重复冲突”中。 / Repeats: when the same natural
  key appears more than once, the copy from the file whose path sorts last wins, and
  within one file the first line wins; copies that differ are listed as duplicate
  conflicts on the Data page.
- 不合格的行不会丢失：它们进入隔离区，并注明文件、行号、列和原因，其余行照常载入。 /
  Rows that fail are never lost: they go to quarantine with file, line, column and
  reason, and the rest of the file loads.
- 身份证号只用于两套名册之间匹配同一人：库中只保存加密散列与脱敏形式。 / Identity
  card numbers are used only to match a person across the two rosters: the database
  keeps a keyed hash and a masked form, never the number itself.
"""


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _rules_of(column: Column) -> str:
    rules = []
    if column.minimum is not None or column.maximum is not None:
        low = "" if column.minimum is None else f"{column.minimum:g}"
        high = "" if column.maximum is None else f"{column.maximum:g}"
        rules.append(f"{low} – {high}")
    if column.units:
        rules.append("单位 units: " + " ".join(sorted(column.units)))
    if column.choices:
        rules.append("取值 values: " + "、".join(column.choices))
    if column.kind in ("date", "timestamp", "month") and not column.may_be_future:
        rules.append("不晚于今天 not in the future")
    return "; ".join(rules)


def render_source(source: Source) -> str:
    """Return the Markdown section describing one source."""
    key = ", ".join(source.key)
    lines = [
        f"## {source.label_zh} / {source.label_en} (`{source.name}`)",
        "",
        f"- 来源系统 / System: {source.system_zh} / {source.system_en}",
        f"- 文件夹 / Folder: `data/exports/{source.name}/`",
        f"- 业务主键 / Natural key: `{key}`",
        f"- 更新周期 / Expected every: {source.cadence_days} 天 days",
    ]
    if source.optional:
        lines.append("- 可选来源 / Optional source")
    for reference in source.references:
        lines.append(
            f"- `{reference.column}` 应能在 `{reference.source}.{reference.target_column}` 中找到；"
            f"找不到的保留并列出 / should be found in `{reference.source}.{reference.target_column}`; "
            "values not found are kept and listed"
        )
    for rule in source.row_rules:
        lines.append(
            f"- 行规则 / Row rule `{rule.name}`: {rule.reason_zh}则拒收 / rejected when {rule.reason_en}"
        )
    lines += [
        "",
        "| 列 column | 中文表头 | English header | 类型 type | 必填 required | 也接受 also accepted | 规则 rules |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for column in source.columns:
        kind_zh, kind_en = KIND_LABELS[column.kind]
        lines.append(
            f"| `{column.name}` | {_escape(column.label_zh)} | {_escape(column.label_en)} | "
            f"{kind_zh} {kind_en} | {'是 yes' if column.required else ''} | "
            f"{_escape('、'.join(column.aliases))} | {_escape(_rules_of(column))} |"
        )
    return "\n".join(lines) + "\n"


def render_contract_doc() -> str:
    """Return the whole data contract as Markdown."""
    metrics = "\n".join(
        f"| `{code}` | {'、'.join(names)} |" for code, names in TARGET_METRICS.items()
    )
    targets = f"\n### 目标指标 / Target metrics\n\n| 指标 metric | 也可写作 also written as |\n| --- | --- |\n{metrics}\n"
    sections = [
        render_source(source) + (targets if source.name == "targets" else "")
        for source in SOURCES
    ]
    return INTRODUCTION + "\n" + "\n".join(sections)


def write_contract_doc(path: Path = CONTRACT_DOC_PATH) -> Path:
    """Write the data contract to `path` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_contract_doc(), encoding="utf-8")
    return path
