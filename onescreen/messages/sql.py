"""Texts of the SQL page, where analysts query the analysis data."""

MESSAGES: dict[str, tuple[str, str]] = {
    "nav.section.analysis": ("数据分析", "Analysis"),
    "page.sql.title": ("SQL 查询", "SQL"),
    "page.sql.intro": (
        "对分析数据（不含姓名、身份证号、个人工资和个人考核分）运行一条只读 SELECT 查询；"
        "每次查询都记入审计日志。",
        "Run one read-only SELECT over the analysis data (no names, identity card"
        " numbers, individual pay or individual scores); every query is logged.",
    ),
    "sql.statement": ("SQL 语句", "SQL statement"),
    "sql.statement_help": (
        "一条 SELECT 或 WITH … SELECT，只能查询右侧列出的表。",
        "One SELECT or WITH … SELECT over the tables listed beside the editor.",
    ),
    "sql.run": ("运行", "Run"),
    "sql.schema": ("分析数据的表", "Tables of the analysis data"),
    "sql.schema_caption": (
        "共 {count} 张表，展开查看字段及类型。",
        "{count} tables; open one to see its columns and types.",
    ),
    "sql.column": ("字段", "Column"),
    "sql.type": ("类型", "Type"),
    "sql.no_schema": (
        "当前数据库没有分析数据：请重新构建数据库（python -m onescreen build）。",
        "The current database has no analysis data: build it again"
        " (python -m onescreen build).",
    ),
    "sql.rows": (
        "{rows:,} 行，用时 {seconds:.2f} 秒。",
        "{rows:,} rows in {seconds:.2f} s.",
    ),
    "sql.cut": (
        "结果超过 {cap:,} 行，只显示前 {cap:,} 行；请加上条件或汇总。",
        "The result has more than {cap:,} rows; only the first {cap:,} are shown."
        " Add conditions or aggregate.",
    ),
    "sql.no_rows": ("查询没有返回任何行。", "The query returned no rows."),
    "sql.refused": ("未运行：{reason}", "Not run: {reason}"),
    "sql.limits": (
        "时限 {seconds:g} 秒，最多显示 {cap:,} 行。",
        "Time limit {seconds:g} s; at most {cap:,} rows are shown.",
    ),
}
