"""Texts of the scoring and alerts area: leaderboards, alerts, follow-ups."""

MESSAGES: dict[str, tuple[str, str]] = {
    "nav.section.performance": ("考核与预警", "Performance and alerts"),
    "page.leaderboards.title": ("季度排行", "Leaderboards"),
    "page.leaderboards.intro": (
        "按季度的平时考核（数据+实绩）：德能勤绩廉加权得分、排名与变化、等次，"
        "表彰名单、诫勉谈话/调岗名单和年度备案。",
        "Quarterly assessment from data and recorded results: the weighted score of"
        " 德 能 勤 绩 廉, ranks and their change, grades, the commendation list, the"
        " 诫勉谈话 / reassignment list and the annual record.",
    ),
    "page.alerts.title": ("预警闭环", "Alerts"),
    "page.alerts.intro": (
        "红黄绿预警及其责任人、期限和状态；每条预警都可查看背后的数据。",
        "Red, yellow and green alerts with their owner, due date and status; each"
        " alert opens the rows behind it.",
    ),
    "kpi.no_scores": (
        "这个数据库还没有考核得分：请用最新版本重新构建。",
        "This database has no scores yet: build it again with this version.",
    ),
    "kpi.quarter": ("季度", "Quarter"),
    "kpi.family": ("岗位类别", "Post family"),
    "kpi.all_families": ("全部岗位类别", "All post families"),
    "kpi.nothing_in_quarter": (
        "所选季度和岗位类别没有得分。",
        "No scores for the chosen quarter and post family.",
    ),
    "kpi.tab.ranking": ("排行", "Ranking"),
    "kpi.tab.breakdown": ("得分构成", "Score breakdown"),
    "kpi.tab.lists": ("表彰与诫勉", "Commendation and 诫勉谈话"),
    "kpi.tab.annual": ("年度备案", "Annual record"),
    "kpi.tab.not_scored": ("未评分人员", "Not scored"),
    "kpi.person": ("人员", "Person"),
    "kpi.commendation.title": (
        "表彰及培训优先名单（等次“好”）",
        "Commendation and training-priority list (grade 好)",
    ),
    "kpi.commendation.empty": ("本季度没有等次为“好”的人员。", "Nobody is graded 好."),
    "kpi.warning.title": (
        "诫勉谈话 / 调岗名单（连续两个季度排名末位）",
        "诫勉谈话 / reassignment list (last two quarters running)",
    ),
    "kpi.warning.empty": (
        "本季度没有连续两个季度排名末位的人员。",
        "Nobody is last two quarters running.",
    ),
    "kpi.last_once.empty": (
        "本季度没有排名末位的人员。",
        "Nobody is last this quarter.",
    ),
    "kpi.last_once.title": ("本季度排名末位（提醒）", "Last this quarter (reminder)"),
    "kpi.method": (
        "总分 = (德×{morality} + 能×{competence} + 勤×{diligence} + 绩×{achievement}"
        " + 廉×{integrity}) ÷ 100；“绩”= 月纪实绩分与实测数据按岗位类别比例混合；"
        "实测数据在同一季度、同一岗位类别内按最小—最大值换算到 {floor}—{ceiling} 分"
        "（全部相同时取中间值）。排名按总分（保留两位小数）从高到低，并列同名次、"
        "下一名次顺延（如 1、2、2、4）。在岗不足 {months} 个月或没有月纪实的不评分。",
        "Total = (德×{morality} + 能×{competence} + 勤×{diligence} + 绩×{achievement}"
        " + 廉×{integrity}) ÷ 100; 绩 blends the monthly record's 绩 with measured data"
        " by post family; measured data is scaled min-max within the quarter and post"
        " family onto {floor}–{ceiling} (the middle when all are equal). Ranks order"
        " totals rounded to 2 decimals, highest first; ties share a rank and the next"
        " is skipped (1, 2, 2, 4). People on duty under {months} months or without a"
        " monthly record are not scored.",
    ),
    "kpi.rank_up": ("↑{count}", "↑{count}"),
    "kpi.rank_down": ("↓{count}", "↓{count}"),
    "kpi.rank_same": ("→", "→"),
    "kpi.rank_new": ("新", "new"),
    "grade.excellent": ("好", "好 (excellent)"),
    "grade.good": ("较好", "较好 (good)"),
    "grade.fair": ("一般", "一般 (fair)"),
    "grade.poor": ("较差", "较差 (poor)"),
    "family.drivers": ("驾驶", "Drivers"),
    "family.dispatch": ("调度", "Dispatch"),
    "family.service_windows": ("窗口服务", "Service windows"),
    "family.energy": ("能源", "Energy"),
    "family.property": ("资产物业", "Property"),
    "family.management": ("综合管理", "Management"),
    "measure.trips_completed": ("完成出车次数", "Trips completed"),
    "measure.mileage_mismatch_share": ("里程不符占比", "Mileage mismatch share"),
    "measure.response_median_minutes": (
        "派车响应中位数（分钟）",
        "Median response (minutes)",
    ),
    "measure.satisfaction_ratio": ("经办评价满意率", "Satisfaction of reviews handled"),
    "measure.energy_change_ratio": ("能耗较基准年变化", "Energy against baseline"),
    "measure.problems_closed": ("问题清单销号数", "Problems closed"),
    "not_scored.no_monthly_record": ("本季度没有月纪实", "No monthly record"),
    "not_scored.too_few_months_on_duty": (
        "在岗月数不足",
        "Too few months on duty",
    ),
    "field.person_name": ("姓名", "Name"),
    "field.staff_no": ("工号", "Staff no."),
    "field.department": ("部门", "Department"),
    "field.post_name": ("岗位", "Post"),
    "field.post_family_code": ("岗位类别", "Post family"),
    "field.center_rank": ("中心排名", "Center rank"),
    "field.family_rank": ("类别内排名", "Rank in family"),
    "field.rank_change": ("名次变化", "Rank change"),
    "field.total_score": ("总分", "Total"),
    "field.grade_code": ("等次", "Grade"),
    "field.morality_score": ("德", "德 (morality)"),
    "field.competence_score": ("能", "能 (competence)"),
    "field.diligence_score": ("勤", "勤 (diligence)"),
    "field.achievement_score": ("绩（混合）", "绩 (blended)"),
    "field.record_achievement_score": ("绩（月纪实）", "绩 (record)"),
    "field.measured_score": ("绩（实测换算）", "绩 (measured, scaled)"),
    "field.integrity_score": ("廉", "廉 (integrity)"),
    "field.months_on_duty": ("在岗月数", "Months on duty"),
    "field.record_month_count": ("月纪实月数", "Months recorded"),
    "field.reason_code": ("原因", "Reason"),
    "field.measure_code": ("实测指标", "Measure"),
    "field.measure_value": ("实测值", "Measured value"),
    "field.normalised_score": ("换算分", "Scaled score"),
    "field.scored_quarter_count": ("评分季度数", "Quarters scored"),
    "field.average_total_score": ("季度平均分", "Average of quarters"),
    "field.excellent_quarter_count": ("评为“好”的季度", "Quarters graded 好"),
    "field.last_quarter_count": ("末位季度数", "Quarters last"),
    "field.month_date": ("月份", "Month"),
    "field.remark": ("备注", "Remark"),
    "field.alert_color": ("颜色", "Colour"),
    "field.domain": ("领域", "Domain"),
    "field.rule": ("规则", "Rule"),
    "field.subject_name": ("对象", "Subject"),
    "field.period_label": ("期间", "Period"),
    "field.owner": ("责任人", "Owner"),
    "field.due_date": ("期限", "Due"),
    "field.followup_status": ("状态", "Status"),
    "field.note": ("备注", "Note"),
    "field.first_seen_at": ("首次发现", "First seen"),
    "field.updated_at": ("更新时间", "Updated"),
    "field.status_then": ("一个月前状态", "Status a month ago"),
    "field.status_now": ("现在状态", "Status now"),
    "field.trip_id": ("派车单号", "Trip"),
    "field.plate": ("车牌号", "Plate"),
    "field.requested_at": ("申请时间", "Requested"),
    "field.response_minutes": ("响应（分钟）", "Response (min)"),
    "field.trip_status": ("状态", "Status"),
    "field.odometer_km": ("里程表（公里）", "Odometer (km)"),
    "field.beidou_km": ("北斗（公里）", "BeiDou (km)"),
    "field.is_mileage_mismatch": ("里程不符", "Mileage mismatch"),
    "field.driver_staff_no": ("驾驶员工号", "Driver"),
    "field.building_name": ("楼栋", "Building"),
    "field.is_open": ("未解决", "Open"),
    "field.lead_department": ("牵头部门", "Lead department"),
    "field.description": ("说明", "Description"),
    "field.issue_id": ("问题编号", "Problem"),
    "field.category": ("类别", "Category"),
    "field.found_date": ("发现日期", "Found"),
    "field.resolved_date": ("解决日期", "Resolved"),
    "field.days_open": ("持续天数", "Days open"),
    "field.kgce": ("能耗（kgce）", "Energy (kgce)"),
    "field.baseline_kgce": ("基准（kgce）", "Baseline (kgce)"),
    "field.change_ratio": ("变化", "Change"),
    "color.red": ("红", "Red"),
    "color.yellow": ("黄", "Yellow"),
    "color.green": ("绿", "Green"),
    "followup.open": ("待处理", "Open"),
    "followup.in_progress": ("处理中", "In progress"),
    "followup.closed": ("已关闭", "Closed"),
    "followup.recurring": ("关闭后复发", "Recurring"),
    "followup.resolved": ("已消除", "Resolved"),
    "rule.last_twice": ("连续两季度末位", "Last two quarters running"),
    "rule.last_once": ("季度末位", "Last this quarter"),
    "rule.commendation": ("表彰及培训优先", "Commendation"),
    "rule.vehicle_idle": ("车辆闲置", "Vehicle idle"),
    "rule.vehicle_overused": ("车辆使用过度", "Vehicle over-used"),
    "rule.response_over_limit": ("派车响应超时", "Response over limit"),
    "rule.trips_not_fulfilled": ("出行服务未到位", "Trips not fulfilled"),
    "rule.mileage_mismatch": ("北斗与里程表不符", "BeiDou / odometer mismatch"),
    "rule.building_stuck": ("确权环节停滞", "Building stuck in a stage"),
    "rule.problem_open_too_long": ("问题久拖未决", "Problem open too long"),
    "rule.registration_behind_pace": ("登记进度落后", "Registration behind pace"),
    "rule.energy_above_baseline": ("能耗高于基准", "Energy above baseline"),
    "rule.bad_review_not_rectified": ("差评未按时整改", "Bad review not rectified"),
    "rule.post_without_backup": ("岗位无 B 岗", "Post without B-post backup"),
    "rule.source_overdue": ("数据源逾期", "Source overdue"),
    "rule.rows_rejected": ("数据有拒收行", "Source with rejected rows"),
    "alert.unit.days": ("{count} 天", "{count} days"),
    "alert.unit.minutes": ("{count} 分钟", "{count} min"),
    "alert.unit.points": ("{count} 个百分点", "{count} points"),
    "alert.message.last_twice": (
        "{subject} 在 {period} 及上一季度均排名末位（第 {value} 名 / {threshold} 人），"
        "列入诫勉谈话或调岗名单。",
        "{subject} is last in {period} and in the quarter before (place {value} of"
        " {threshold}): 诫勉谈话 or reassignment.",
    ),
    "alert.message.last_once": (
        "{subject} 在 {period} 排名末位（第 {value} 名 / {threshold} 人）。",
        "{subject} is last in {period} (place {value} of {threshold}).",
    ),
    "alert.message.commendation": (
        "{subject} 在 {period} 等次为“好”（{value} 分），列入表彰及培训优先名单。",
        "{subject} is graded 好 in {period} ({value}): commendation and training"
        " priority.",
    ),
    "alert.message.vehicle_idle": (
        "{subject} {period} 年使用率 {value}，低于 {threshold}。",
        "{subject} was used {value} of its available days in {period}, below"
        " {threshold}.",
    ),
    "alert.message.vehicle_overused": (
        "{subject} {period} 年使用率 {value}，高于 {threshold}。",
        "{subject} was used {value} of its available days in {period}, above"
        " {threshold}.",
    ),
    "alert.message.response_over_limit": (
        "{period} 派车响应中位数 {value}，超过 {threshold}。",
        "The median dispatch response in {period} was {value}, over {threshold}.",
    ),
    "alert.message.trips_not_fulfilled": (
        "{period} 出行服务到位率 {value}，低于 {threshold}。",
        "Service fulfilment in {period} was {value}, below {threshold}.",
    ),
    "alert.message.mileage_mismatch": (
        "{subject} {period} 年有 {value} 的出车北斗与里程表不符，超过 {threshold}。",
        "{value} of {subject}'s trips in {period} disagree between BeiDou and"
        " odometer, over {threshold}.",
    ),
    "alert.message.building_stuck": (
        "{subject} 停留在“{period}”环节 {value}，超过 {threshold}。",
        "{subject} has been in stage {period} for {value}, over {threshold}.",
    ),
    "alert.message.problem_open_too_long": (
        "问题“{subject}”（{period} 发现）已 {value} 未解决，超过 {threshold}。",
        "Problem '{subject}' (found {period}) has been open {value}, over {threshold}.",
    ),
    "alert.message.registration_behind_pace": (
        "{period} 年权属登记进度落后时序 {value}（预警线 {threshold}）。",
        "Registration in {period} is {value} behind the share of the year elapsed"
        " (limit {threshold}).",
    ),
    "alert.message.energy_above_baseline": (
        "{subject} {period} 年能耗比基准年同期高 {value}（预警线 {threshold}）。",
        "{subject} used {value} more energy in {period} than in the same months of"
        " the baseline year (limit {threshold}).",
    ),
    "alert.message.bad_review_not_rectified": (
        "差评 {subject}（{period}）未按时整改：{value}，时限 {threshold}。",
        "Bad review {subject} ({period}) was not rectified in time: {value}, limit"
        " {threshold}.",
    ),
    "alert.message.post_without_backup": (
        "岗位 {subject} 没有在岗的 B 岗。",
        "Post {subject} has no B-post backup on duty.",
    ),
    "alert.message.source_overdue": (
        "数据源“{subject}”逾期：最新数据距截止日 {value}，更新周期 {threshold}。",
        "Source '{subject}' is overdue: its latest date is {value} before the"
        " as-of date; its cycle is {threshold}.",
    ),
    "alert.message.rows_rejected": (
        "数据源“{subject}”有 {value} 行被拒收。",
        "Source '{subject}' has {value} rejected row(s).",
    ),
    "alerts.no_alerts": (
        "这个数据库还没有预警：请用最新版本重新构建。",
        "This database has no alerts yet: build it again with this version.",
    ),
    "alerts.filter.domain": ("领域", "Domain"),
    "alerts.filter.color": ("颜色", "Colour"),
    "alerts.filter.owner": ("责任人", "Owner"),
    "alerts.filter.status": ("状态", "Status"),
    "alerts.count": ("{color}：{count}", "{color}: {count}"),
    "alerts.nothing_matches": (
        "没有符合筛选条件的预警。",
        "No alerts match the filters.",
    ),
    "alerts.tab.list": ("预警清单", "Alerts"),
    "alerts.tab.followup": ("上月跟进", "Last month's follow-up"),
    "alerts.pick": ("选择一条预警", "Choose an alert"),
    "alerts.rows_behind": ("预警背后的数据", "The rows behind the alert"),
    "alerts.no_rows_behind": ("没有可显示的数据行。", "There are no rows to show."),
    "alerts.form.title": ("责任人、期限与状态", "Owner, due date and status"),
    "alerts.form.owner": ("责任人", "Owner"),
    "alerts.form.due": ("期限", "Due date"),
    "alerts.form.status": ("状态", "Status"),
    "alerts.form.note": ("备注", "Note"),
    "alerts.form.by": ("填写人", "Recorded by"),
    "alerts.form.save": ("保存", "Save"),
    "alerts.form.saved": ("已保存。", "Saved."),
    "alerts.form.store_error": (
        "跟进记录无法保存：{error}",
        "The follow-up could not be saved: {error}",
    ),
    "alerts.followup.caption": (
        "一个月前（{date}）仍未关闭的预警，以及它们现在的状态。",
        "Alerts that were not closed a month ago ({date}) and what became of them.",
    ),
    "alerts.followup.empty": (
        "一个月前没有未关闭的预警。",
        "No alerts were open a month ago.",
    ),
    "alerts.unassigned": ("未指定", "Unassigned"),
    "alerts.controls_note": (
        "预警列出本次构建时仍成立的全部情况，不随统计周期、部门或用工类型筛选；"
        "请用下方的领域、颜色、责任人和状态筛选。",
        "Alerts list every condition that holds at this build, whatever the period,"
        " department or track chosen; narrow them with the domain, colour, owner and"
        " status filters below.",
    ),
}
