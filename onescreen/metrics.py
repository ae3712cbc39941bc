"""The catalogue of every metric the screens show: its 口径, sources and unit.

No streamlit here; the UI helper ``onescreen.ui.tiles.metric_help`` turns an entry
into a tile's tooltip with the freshness of its sources. API:

- ``Metric``: ``key``, ``name_zh``/``name_en``, ``definition_zh``/``definition_en``
  (the 口径), ``sources`` (contract source names, as in onescreen.contracts) and
  ``unit`` (one of ``UNITS``);
- ``METRICS``: key → Metric; ``metric(key)`` raises KeyError naming the key;
- ``metric_name(key, language)``, ``metric_definition(key, language)``.

A page that shows a new number adds its entry here first (tests check that every
entry names known sources and has both languages).
"""

from __future__ import annotations

from dataclasses import dataclass

UNITS = ("ratio", "m2", "count", "days", "kgce", "minutes", "points", "yuan", "hours")


@dataclass(frozen=True)
class Metric:
    """One metric as shown: name, definition (口径), sources and unit."""

    key: str
    name_zh: str
    name_en: str
    definition_zh: str
    definition_en: str
    sources: tuple[str, ...]
    unit: str


def _metric(key, names, definitions, sources, unit) -> tuple[str, Metric]:
    return key, Metric(key, *names, *definitions, tuple(sources), unit)


METRICS: dict[str, Metric] = dict(
    [
        _metric(
            "registration_progress",
            ("权属登记进度", "Registration progress"),
            (
                "当年任务中已发不动产权证的楼栋面积 ÷ 当年目标面积"
                "（年度目标：registration_area_m2）。",
                "Area of the year's task buildings whose certificate was issued,"
                " divided by the year's target area.",
            ),
            ("buildings", "targets"),
            "ratio",
        ),
        _metric(
            "registration_pace",
            ("应达进度", "Expected pace"),
            (
                "截至统计截止日全年已过去的时间比例：按时完成目标应达到的进度。",
                "The share of the year elapsed at the as-of date: the progress"
                " needed to be on pace for the target.",
            ),
            ("buildings", "targets"),
            "ratio",
        ),
        _metric(
            "registration_projected",
            ("预计年末进度", "Projected year-end"),
            (
                "按目前速度推算到年末的进度：实际进度 ÷ 已过时间比例。",
                "The progress at year-end at the current rate: progress divided"
                " by the share of the year elapsed.",
            ),
            ("buildings", "targets"),
            "ratio",
        ),
        _metric(
            "registered_area",
            ("已登记面积", "Area registered"),
            (
                "当年任务中已发证楼栋的建筑面积之和。",
                "Floor area of the year's task buildings with a certificate.",
            ),
            ("buildings",),
            "m2",
        ),
        _metric(
            "deducted_area",
            ("核减面积", "Area deducted"),
            (
                "经批复从登记任务中核减的楼栋面积之和（截至统计截止日），"
                "每栋楼附核减原因和批复文号。",
                "Floor area of buildings taken out of the task with an approval,"
                " to the as-of date; each has a reason and an approval number.",
            ),
            ("buildings",),
            "m2",
        ),
        _metric(
            "certificates_issued",
            ("已发证数", "Certificates issued"),
            (
                "当年任务中发证日期在当年内的楼栋数。",
                "Buildings of the year's task whose certificate was issued that year.",
            ),
            ("buildings",),
            "count",
        ),
        _metric(
            "registration_stage",
            ("登记环节", "Registration stage"),
            (
                "楼栋所处环节：排查 → 诊断 → 协调 → 处置 → 已登记；核减为单独分支。"
                "漏斗中每个环节计数已到达该环节的楼栋。",
                "Each building's stage: survey → diagnosis → coordination →"
                " resolution → registered, with deduction as its own branch. The"
                " funnel counts buildings that reached at least each stage.",
            ),
            ("buildings",),
            "count",
        ),
        _metric(
            "fleet_utilisation",
            ("车辆使用率", "Fleet utilisation"),
            (
                "所选期间车辆完成出车的天数 ÷ 车辆可用工作日（按法定节假日和调休，"
                "维修和处置后的天数不计）。同比为与上年同期相比。",
                "Days vehicles were out on a completed trip divided by the working"
                " days they were available (public holidays and make-up workdays"
                " respected; repair days and days after disposal excluded). Change"
                " is on the same period a year before.",
            ),
            ("vehicles", "trips"),
            "ratio",
        ),
        _metric(
            "fulfilment",
            ("公务出行服务到位率", "Service fulfilment"),
            (
                "已完成出车 ÷ （申请数 − 申请人自行取消数）。",
                "Trips completed divided by trips requested and not cancelled by"
                " the requester.",
            ),
            ("trips",),
            "ratio",
        ),
        _metric(
            "satisfaction",
            ("好差评满意率", "Service satisfaction"),
            (
                "（非常满意 + 满意）÷ 全部评价，所选期间内。",
                "(Very satisfied + satisfied) divided by all reviews in the period.",
            ),
            ("service_reviews",),
            "ratio",
        ),
        _metric(
            "energy_change",
            ("能耗较基准年", "Energy against baseline"),
            (
                "所选期间折标准煤（kgce，按国家折算系数）与基准年同期相比的变化；"
                "负数为节能。",
                "Energy in standard coal (kgce, national conversion factors) in the"
                " period, against the same months of the baseline year; negative"
                " is a saving.",
            ),
            ("energy_readings",),
            "ratio",
        ),
        _metric(
            "open_problems",
            ("未解决问题", "Open problems"),
            (
                "截至所选期间末已发现、尚未解决的权属登记问题数。",
                "Registration problems found and not yet resolved at the end of"
                " the period.",
            ),
            ("property_issues",),
            "count",
        ),
        _metric(
            "closed_loop_ratio",
            ("闭环率", "Closed-loop rate"),
            (
                "已解决问题 ÷ 已发现问题；在办天数为发现到解决（或到期间末）的天数。",
                "Problems resolved divided by problems found; days open run from"
                " finding to resolution (or to the end of the period).",
            ),
            ("property_issues",),
            "ratio",
        ),
        _metric(
            "headcount",
            ("在岗人数", "Headcount"),
            (
                "统计截止日在岗人员，按编制内和编制外分列（两类花名册按身份证匹配，"
                "同一人只计一次）。",
                "People on duty at the as-of date, by track (the two rosters are"
                " matched by identity card, so a person counts once).",
            ),
            ("staff_established", "staff_contract"),
            "count",
        ),
        _metric(
            "dispatch_response",
            ("派车响应时间", "Dispatch response time"),
            (
                "派车时间 − 申请时间，所选期间内申请的出车的中位数；P90 为九成出车"
                "不超过的时间。",
                "Dispatch time minus request time: the median over the trips"
                " requested in the period; P90 is the time nine trips in ten stay"
                " within.",
            ),
            ("trips",),
            "minutes",
        ),
        _metric(
            "mileage_mismatch",
            ("里程不一致", "Mileage mismatches"),
            (
                "北斗里程与里程表里程之差同时超过设定公里数和设定比例的出车数"
                "（metrics.mileage_mismatch_km / _share）。",
                "Trips whose BeiDou and odometer distances differ by more than"
                " both the set kilometres and the set share.",
            ),
            ("trips",),
            "count",
        ),
        _metric(
            "cost_per_km",
            ("每公里费用", "Cost per km"),
            (
                "已完成出车的油费与通行费之和 ÷ 行驶里程（优先北斗里程，缺失时用里程表）。",
                "Fuel and tolls of completed trips divided by their distance"
                " (BeiDou, or the odometer where BeiDou is missing).",
            ),
            ("trips",),
            "yuan",
        ),
        _metric(
            "vehicle_alerts",
            ("闲置 / 超负荷车辆", "Idle / over-used vehicles"),
            (
                "所选期间使用率低于 30% 的车辆数 / 高于 85% 的车辆数。",
                "Vehicles whose utilisation in the period is below 30% / above 85%.",
            ),
            ("vehicles", "trips"),
            "count",
        ),
        _metric(
            "energy_kgce",
            ("综合能耗", "Energy use"),
            (
                "所选期间各楼栋电、热力、天然气等用量按国家折算系数折合的标准煤"
                "（kgce）之和；同比为与上年同期相比。",
                "Electricity, heat, gas and other energy of every building in the"
                " period, in standard coal (kgce) by the national factors; the"
                " change is on the same period a year before.",
            ),
            ("energy_readings",),
            "kgce",
        ),
        _metric(
            "energy_per_m2",
            ("单位面积能耗", "Energy per m²"),
            (
                "所选期间折标准煤 ÷ 有能耗记录楼栋的建筑面积之和。",
                "Standard coal of the period divided by the floor area of the"
                " metered buildings.",
            ),
            ("energy_readings", "buildings"),
            "kgce",
        ),
        _metric(
            "energy_per_person",
            ("人均能耗", "Energy per person"),
            (
                "所选期间折标准煤 ÷ 有能耗记录楼栋的使用人数之和。",
                "Standard coal of the period divided by the occupants of the"
                " metered buildings.",
            ),
            ("energy_readings", "buildings"),
            "kgce",
        ),
        _metric(
            "buildings_above_baseline",
            ("超基准楼栋", "Buildings above baseline"),
            (
                "所选期间能耗高于基准年同期月份的楼栋数。",
                "Buildings whose energy in the period is above the same months of"
                " the baseline year.",
            ),
            ("energy_readings",),
            "count",
        ),
        _metric(
            "bad_reviews",
            ("差评 / 评价数", "Bad / all reviews"),
            (
                "评价等级为“不满意”或“非常不满意”的评价数，及全部评价数。",
                "Reviews rated 不满意 or 非常不满意 (dissatisfied), and all reviews.",
            ),
            ("service_reviews",),
            "count",
        ),
        _metric(
            "rectified_in_time",
            ("差评按期整改率", "Bad reviews rectified in time"),
            (
                "在规定天数内（metrics.rectify_within_days）完成整改的差评 ÷ 全部差评。",
                "Bad reviews rectified within the set number of days divided by"
                " all bad reviews.",
            ),
            ("service_reviews",),
            "ratio",
        ),
        _metric(
            "aged_50_plus",
            ("50岁及以上占比", "Share aged 50+"),
            (
                "期间末在岗人员中年满 50 岁的比例。",
                "The share of people on duty at the end of the period aged 50 or over.",
            ),
            ("staff_established", "staff_contract"),
            "ratio",
        ),
        _metric(
            "turnover",
            ("人员流动率", "Turnover"),
            (
                "期间内离职（含退休）人数 ÷ 期初与期末在岗人数的平均数。",
                "People who left (or retired) in the period divided by the average"
                " of the headcounts at its start and end.",
            ),
            ("staff_established", "staff_contract"),
            "ratio",
        ),
        _metric(
            "b_post_coverage",
            ("AB岗覆盖率", "B-post coverage"),
            (
                "设有在岗B岗（备岗）的岗位 ÷ 全部岗位。",
                "Posts with a B-post backup on duty divided by all posts.",
            ),
            ("posts", "staff_established", "staff_contract"),
            "ratio",
        ),
        _metric(
            "training_hours",
            ("培训学时", "Training hours"),
            (
                "所选期间开始的培训学时之和；导师带徒对数为不同的学员与导师组合数。",
                "Hours of the training that started in the period; mentor pairs"
                " count distinct trainee and mentor pairs.",
            ),
            ("training",),
            "hours",
        ),
        _metric(
            "alerts",
            ("预警", "Alerts"),
            (
                "按配置中的阈值生成的红色和黄色预警中尚未关闭的条数，按领域分列。",
                "Red and yellow alerts still open, by domain, from the thresholds"
                " in the config.",
            ),
            (),
            "count",
        ),
    ]
)


def metric(key: str) -> Metric:
    """Return the catalogue entry of a metric."""
    try:
        return METRICS[key]
    except KeyError:
        raise KeyError(f"no metric called {key!r} in onescreen.metrics") from None


def metric_name(key: str, language: str) -> str:
    """Return the metric's name in `language`."""
    entry = metric(key)
    return entry.name_zh if language == "zh" else entry.name_en


def metric_definition(key: str, language: str) -> str:
    """Return the metric's definition (口径) in `language`."""
    entry = metric(key)
    return entry.definition_zh if language == "zh" else entry.definition_en
