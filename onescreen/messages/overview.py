"""Texts of the overview and property pages and of the shared controls, tiles and maps."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "nav.section.overview": ("一屏统管", "One screen"),
    "page.overview.title": ("一屏统管", "Are we on track?"),
    "page.overview.intro": (
        "各项工作对照年度目标的进展、预警和趋势；悬停数字可查看口径和数据来源。",
        "Progress against the year's targets, alerts and trends; hover over a"
        " number for its definition and source.",
    ),
    "page.property.title": ("办公用房权属登记", "Property registration"),
    "page.property.intro": (
        "权属登记任务的进度、各环节漏斗、核减楼栋、一房一档和问题清单。",
        "The registration task's progress, the stage funnel, deducted buildings,"
        " the building register and the problem list.",
    ),
    # Global controls.
    "controls.period_kind": ("统计周期", "Period"),
    "controls.kind.year": ("年", "Year"),
    "controls.kind.quarter": ("季度", "Quarter"),
    "controls.kind.month": ("月", "Month"),
    "controls.period": ("期间", "Showing"),
    "controls.department": ("部门", "Department"),
    "controls.track": ("用工类型", "Employment track"),
    "controls.track.established": ("编制内", "Established"),
    "controls.track.contract": ("编制外", "Contract"),
    "controls.projector": ("投影模式", "Projector mode"),
    "controls.projector.help": (
        "大字号、高对比度，隐藏侧边栏和工具栏，适合会议室投影；"
        "链接中加 ?projector=1 也可进入。",
        "Large type and high contrast, sidebar and toolbars hidden, for a meeting"
        " room projector; ?projector=1 in the link does the same.",
    ),
    "controls.projector.exit": ("退出投影", "Exit projector"),
    "controls.theme": ("配色", "Theme"),
    "controls.theme.light": ("浅色", "Light"),
    "controls.theme.dark": ("深色", "Dark"),
    "controls.filters_line": (
        "统计截止日 {as_of} · {filters}",
        "As of {as_of} · {filters}",
    ),
    # Number formats.
    "format.yoy": ("同比 {value}", "{value} year on year"),
    "format.mom": ("环比 {value}", "{value} on the period before"),
    "format.points": ("{value} 个百分点", "{value} pts"),
    # Tiles, definitions and freshness.
    "metric.definition": ("口径", "Definition"),
    "metric.sources": ("数据来源", "Source"),
    "metric.source_dated": (
        "{source}（最新 {latest}，{status}）",
        "{source} (latest {latest}, {status})",
    ),
    "metric.source_undated": ("{source}（{status}）", "{source} ({status})"),
    "metric.stale": ("数据逾期", "Stale data"),
    "metric.stale_note": (
        "⚠️ {sources} 逾期未更新，数字可能不是最新的。",
        "⚠️ {sources} is overdue; the number may be out of date.",
    ),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.xlsx": ("下载 Excel", "Download Excel"),
    # Overview.
    "overview.pace": (
        "应达 {pace} · 预计年末 {projected}",
        "pace {pace} · year-end {projected}",
    ),
    "overview.registered_of_target": (
        "{registered} / 目标 {target}",
        "{registered} of {target} target",
    ),
    "overview.headcount_delta": (
        "编制内 {established} · 编制外 {contract}",
        "established {established} · contract {contract}",
    ),
    "overview.open_problems_delta": (
        "闭环率 {ratio}",
        "closed-loop {ratio}",
    ),
    "overview.reviews_delta": ("{count} 条评价", "{count} reviews"),
    "overview.requests_delta": ("{count} 次申请", "{count} requests"),
    "overview.alerts.title": ("预警", "Alerts"),
    "overview.alerts.none": (
        "没有未关闭的红色或黄色预警。",
        "No open red or yellow alerts.",
    ),
    "overview.alerts.unavailable": (
        "本次构建还没有预警数据。",
        "This build has no alerts yet.",
    ),
    "overview.alerts.worst": ("最需关注", "Most urgent"),
    "overview.map.title": (
        "楼栋分布（按登记环节着色）",
        "Buildings by registration stage",
    ),
    "overview.no_year_data": (
        "{year} 年没有这项数据。",
        "No data for {year}.",
    ),
    "overview.filters_apply": (
        "部门和用工类型筛选作用于好差评、出车响应和人员数；"
        "登记、车辆使用率和能耗按全中心计算。",
        "Department and track filters apply to reviews, dispatch response and"
        " headcount; registration, fleet utilisation and energy are for the whole"
        " center.",
    ),
    # Domains of alerts.
    "domain.property": ("权属登记", "Property"),
    "domain.fleet": ("公务用车", "Fleet"),
    "domain.energy": ("能耗", "Energy"),
    "domain.service": ("政务服务", "Service"),
    "domain.workforce": ("队伍建设", "Workforce"),
    "domain.people": ("人员考核", "Performance"),
    "domain.data": ("数据", "Data"),
    # Property page.
    "property.progress.title": ("登记进度", "Progress"),
    "property.gauge.title": (
        "进度（竖线为应达进度，浅色为预计年末）",
        "Progress (line: expected pace; shade: projected year-end)",
    ),
    "property.funnel.title": ("登记环节漏斗", "Stage funnel"),
    "property.funnel.caption": (
        "每个环节计数已到达该环节的楼栋；核减单列。",
        "Each stage counts buildings that reached it; deductions are their own branch.",
    ),
    "property.deducted.title": ("核减楼栋", "Deducted buildings"),
    "property.deducted.empty": ("没有核减的楼栋。", "No buildings were deducted."),
    "property.register.title": ("一房一档", "Building register"),
    "property.register.empty": ("没有符合条件的楼栋。", "No buildings match."),
    "property.problems.title": (
        "问题清单（按类别和牵头部门）",
        "Problems by category and lead department",
    ),
    "property.problems.empty": ("没有登记问题。", "No problems were recorded."),
    "property.open_problems.title": ("未解决问题", "Open problems"),
    "property.open_problems.empty": ("没有未解决的问题。", "No problems are open."),
    "property.map.title": ("楼栋分布（按登记环节着色）", "Buildings coloured by stage"),
    "property.no_task": (
        "{year} 年没有权属登记任务或目标。请选择其他年份，或在“年度目标”导出中补充"
        "该年的登记目标后重新构建。",
        "There is no registration task or target for {year}. Choose another year,"
        " or add the year's target to the targets export and build again.",
    ),
    "property.lead_department": ("牵头部门", "Lead department"),
    "property.stage_filter": ("登记环节", "Stage"),
    "property.department_note": (
        "部门筛选（{department}）不适用于本页：权属问题按牵头部门（外单位）分列，"
        "可用下方的牵头部门筛选。",
        "The department filter ({department}) does not apply here: problems are"
        " led by outside departments; use the lead-department filter below.",
    ),
    "stage.排查": ("排查", "Survey"),
    "stage.诊断": ("诊断", "Diagnosis"),
    "stage.协调": ("协调", "Coordination"),
    "stage.处置": ("处置", "Resolution"),
    "stage.已登记": ("已登记", "Registered"),
    "stage.核减": ("核减", "Deducted"),
    "property.field.building_id": ("楼栋编号", "Building"),
    "property.field.building_name": ("楼栋名称", "Name"),
    "property.field.address": ("坐落", "Address"),
    "property.field.user_unit": ("使用单位", "Used by"),
    "property.field.task_year": ("任务年度", "Task year"),
    "property.field.floor_area_m2": ("建筑面积（m²）", "Floor area (m²)"),
    "property.field.built_year": ("建成年份", "Built"),
    "property.field.stage": ("当前环节", "Stage"),
    "property.field.stage_since_date": ("进入环节日期", "In stage since"),
    "property.field.days_in_stage": ("在此环节天数", "Days in stage"),
    "property.field.certificate_no": ("不动产权证号", "Certificate"),
    "property.field.certificate_date": ("发证日期", "Issued"),
    "property.field.deduction_reason": ("核减原因", "Reason for deduction"),
    "property.field.deduction_approval_no": ("核减批复文号", "Approval"),
    "property.field.problem_count": ("问题数", "Problems"),
    "property.field.open_problem_count": ("未解决问题", "Open problems"),
    "property.field.category": ("问题类别", "Category"),
    "property.field.lead_department": ("牵头部门", "Lead department"),
    "property.field.found_count": ("发现", "Found"),
    "property.field.resolved_count": ("已解决", "Resolved"),
    "property.field.open_count": ("未解决", "Open"),
    "property.field.closed_loop_ratio": ("闭环率", "Closed-loop rate"),
    "property.field.median_days_open": ("在办天数中位数", "Median days open"),
    "property.field.longest_open_days": ("最长在办天数", "Longest open (days)"),
    "property.field.issue_id": ("问题编号", "Problem"),
    "property.field.found_date": ("发现日期", "Found"),
    "property.field.days_open": ("在办天数", "Days open"),
    "property.field.description": ("说明", "Description"),
    "property.building_count": ("{count} 栋", "{count} buildings"),
    "overview.target": ("目标 {value}", "target {value}"),
    "overview.alerts.red_yellow": ("红色 / 黄色", "red / yellow"),
    "overview.unavailable": (
        "有 {count} 项数据在本次构建中无法读取，相应的数字显示为“—”。"
        "请用 `python -m onescreen build` 重新构建数据库；原因记录在服务器日志中。",
        "{count} of the figures cannot be read from this build and show as '—'."
        " Build the database again with `python -m onescreen build`; the reasons"
        " are in the server log.",
    ),
    "map.alt": (
        "正蓝旗示意地图（轮廓和乡镇位置为近似）及其上的标记",
        "Map of the Plain Blue Banner (approximate outline and towns) with markers",
    ),
}
