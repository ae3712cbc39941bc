"""Texts of the Explore page, in zh and en."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.explore.title": ("自助查询", "Explore"),
    "page.explore.intro": (
        "选一个数据集，按列筛选、分组并汇总；链接会带上当前的全部选择。"
        "不提供姓名、身份证号、出生日期、个人薪酬和个人考核得分。",
        "Pick a dataset, filter its columns, group and summarise; the link carries"
        " every choice. Names, ID numbers, birth dates, individual pay and"
        " individual scores are not offered.",
    ),
    "explore.dataset": ("数据集", "Dataset"),
    "explore.no_datasets": (
        "这个数据库里没有可查询的数据集，请重新构建。",
        "This database has no dataset to explore; rebuild it.",
    ),
    "explore.unknown_view": (
        "链接中的查询条件无法使用（{error}），已改用默认设置。",
        "The link's view cannot be used ({error}); the defaults are shown instead.",
    ),
    "explore.filter_columns": ("筛选列", "Filter on"),
    "explore.filter.from": ("{column} 从", "{column} from"),
    "explore.filter.to": ("{column} 到", "{column} to"),
    "explore.filter.no_dates": (
        "{column}：此数据集中没有日期，无法按日期筛选。",
        "{column}: this dataset holds no dates to filter on.",
    ),
    "explore.group_by": ("分组（最多两列）", "Group by (up to two columns)"),
    "explore.measure": ("汇总方式", "Measure"),
    "explore.measure_column": ("汇总的列", "Of column"),
    "explore.measure.count": ("行数", "Row count"),
    "explore.measure.sum": ("合计", "Sum"),
    "explore.measure.mean": ("平均", "Mean"),
    "explore.measure.median": ("中位数", "Median"),
    "explore.measure.min": ("最小", "Minimum"),
    "explore.measure.max": ("最大", "Maximum"),
    "explore.measure.share": ("占比", "Share"),
    "explore.rows_column": ("行数", "rows"),
    "explore.needs_number_column": (
        "这个数据集没有数值列，只能统计行数或占比。",
        "This dataset has no number column; only row counts and shares apply.",
    ),
    "explore.no_rows": ("没有符合条件的行。", "No rows match."),
    "explore.total_rows": (
        "共 {total} 行，显示第 {first}–{last} 行",
        "{total} rows, {first}–{last} shown",
    ),
    "explore.page": ("页码（共 {pages} 页）", "Page (of {pages})"),
    "explore.page_size": ("每页行数", "Rows a page"),
    "explore.download.page": ("下载本页", "Download this page"),
    "explore.download.all": (
        "下载全部结果（最多 {cap} 行）",
        "Download the whole result (at most {cap} rows)",
    ),
    "explore.views": ("保存的视图", "Saved views"),
    "explore.view_name": ("视图名称", "View name"),
    "explore.save_view": ("保存当前视图", "Save this view"),
    "explore.saved": ("已保存视图“{name}”。", "View '{name}' saved."),
    "explore.save_needs_name": ("请填写视图名称。", "Give the view a name."),
    "explore.no_views": ("还没有保存的视图。", "No view has been saved yet."),
    "explore.open_view": ("打开", "Open"),
    "explore.pick_view": ("选择视图", "Pick a view"),
    "explore.query_failed": (
        "查询失败：{error}",
        "The query failed: {error}",
    ),
    "field.view_name": ("视图名称", "View name"),
    "field.saved_at": ("保存时间", "Saved at"),
    "field.dataset": ("数据集", "Dataset"),
    "explore.choose": ("请选择", "Choose"),
    "explore.no_grouping": ("不分组（列出明细）", "No grouping (list the rows)"),
}
