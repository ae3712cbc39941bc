"""Explore: the datasets analysts may slice, the state of one view, and its safe SQL.

The catalogue lists every source table and derived table of a build that holds no
individual pay or scores, each with a description in Chinese and English. The rule
for personal data: no dataset exposes a column that names a person or identifies one
outside the center's own staff numbers (`HIDDEN_COLUMNS`: names, identity card
numbers and hashes, person ids, birth dates, pay), and tables whose every row is one
person's pay or score (`EXCLUDED_TABLES`) are not offered at all. Staff numbers stay,
as every other page shows them.

Column types are read from the database's information_schema. An `Exploration` is
the whole state of a view; it round-trips through URL query parameters, and
`build_query` turns it into SQL in which identifiers come only from the catalogue
(through `quote_identifier`) and every value is a `$parameter`. Saved views are kept
in a small SQLite file beside the database, so a build never touches them.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import duckdb
import polars as pl

from onescreen.parsing import quote_identifier

logger = logging.getLogger(__name__)

CATEGORY = "category"
NUMBER = "number"
DATE = "date"
MEASURES = ("count", "sum", "mean", "median", "min", "max", "share")
MEASURES_NEEDING_COLUMN = ("sum", "mean", "median", "min", "max")
MEASURE_COLUMN = "measure_value"
MAX_GROUP_COLUMNS = 2
DEFAULT_PAGE_SIZE = 50
PAGE_SIZES = (25, 50, 100, 500)
STORE_FILE_NAME = "explore_views.sqlite"

HIDDEN_COLUMNS = frozenset(
    {
        "name",
        "id_card_masked",
        "id_card_hash",
        "person_id",
        "handler_person_id",
        "driver_person_id",
        "a_person_id",
        "b_person_id",
        "a_name",
        "b_name",
        "subject_name",
        "birth_date",
        "gross_pay_yuan",
        "performance_pay_yuan",
        # Alert texts may quote a person's name; the rule and subject id say enough.
        "message_zh",
        "message_en",
        # The page a drill leads to, with the subject's ids.
        "drill_parameters",
        # Whole quarantined rows and their values may hold names and ID numbers.
        "row_json",
        "value",
        # Housekeeping columns every table carries; they say nothing to an analyst.
        "center_id",
        "source_file",
        "source_line",
    }
)

EXCLUDED_TABLES: dict[str, str] = {
    "payroll": "one person's pay a row",
    "pay_gap_by_post": "kept off for pay; the Workforce page shows it in context",
    "monthly_records": "one person's monthly scores a row",
    "kpi_scores": "one person's quarterly scores a row",
    "kpi_annual_records": "one person's annual grade a row",
    "kpi_measures": "one person's measured data a row",
    "kpi_person_quarters": "one person's quarterly record a row",
    "kpi_not_scored": "names the people not scored and why",
    "people_alerts": "alerts about single people",
    "quarantine": "rejected rows as read, with names and ID numbers",
    "age_bands": "reference setting",
    "build_info": "reference setting",
    "centers": "reference setting",
    "energy_factors": "reference setting",
    "energy_unit_factors": "reference setting",
    "kpi_post_families": "reference setting",
    "kpi_post_family_map": "reference setting",
    "kpi_rule_settings": "reference setting",
    "metric_settings": "reference setting",
    "registration_stages": "reference setting",
    "target_metric_names": "reference setting",
    "target_unit_factors": "reference setting",
    "data_alerts": "part of alerts",
    "operations_alerts": "part of alerts",
    # Working tables of the CSV reader; a build drops them, an interrupted one may not.
    "csv_scans": "build working table",
    "csv_rejects": "build working table",
    "fast_rows": "build working table",
    "slow_rows": "build working table",
    "file_starts": "build working table",
    "rejected_rows": "build working table",
    "skipped_lines": "build working table",
    "conflicts_found": "build working table",
}

NUMBER_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
    "REAL",
    "DECIMAL",
)
DATE_TYPES = ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE")
CATEGORY_TYPES = ("VARCHAR", "BOOLEAN")


@dataclass(frozen=True)
class Dataset:
    """One table analysts may explore, with its label and description in zh and en."""

    name: str
    label_zh: str
    label_en: str
    description_zh: str
    description_en: str
    # Rows left out of the dataset, as a fixed SQL condition of the rows kept.
    rows_where: str = ""

    def relation(self) -> str:
        """Return what a query reads: the table, or its kept rows under its name."""
        table = quote_identifier(self.name)
        if not self.rows_where:
            return table
        return f"(select * from {table} where {self.rows_where}) as {table}"

    def label(self, language: str) -> str:
        """Return the label in `language`."""
        return self.label_zh if language == "zh" else self.label_en

    def description(self, language: str) -> str:
        """Return the description in `language`."""
        return self.description_zh if language == "zh" else self.description_en


def _dataset(
    name, label_zh, label_en, description_zh, description_en, rows_where=""
) -> Dataset:
    return Dataset(name, label_zh, label_en, description_zh, description_en, rows_where)


# An alert about one person carries their score or place in the ranking.
NO_PEOPLE_ALERTS = "subject_type is distinct from 'person'"


CATALOGUE: tuple[Dataset, ...] = (
    _dataset(
        "trip_facts",
        "派车单（明细）",
        "Trips (detail)",
        "每张派车单一行：车辆、用车单位、各环节时间、响应分钟、是否完成、"
        "北斗与里程表里程及差异、费用。",
        "One row per dispatch order: vehicle, requesting unit, the times of each"
        " step, response minutes, completion, BeiDou and odometer distances and"
        " their gap, and cost.",
    ),
    _dataset(
        "trips",
        "派车记录（原始导出）",
        "Trips (as exported)",
        "用车平台导出的派车记录，未加计算列。",
        "Dispatch records as the vehicle platform exported them, without computed"
        " columns.",
    ),
    _dataset(
        "vehicles",
        "车辆台账",
        "Vehicles",
        "每辆公务用车一行：车型、使用单位、购置日期、座位数、燃料与状态。",
        "One row per official vehicle: type, user unit, purchase date, seats, fuel"
        " and status.",
    ),
    _dataset(
        "vehicle_days",
        "车辆日",
        "Vehicle-days",
        "每辆车每个日历日一行：是否工作日、是否维修、是否可用、是否出车。",
        "One row per vehicle and calendar day: working day, in repair, available,"
        " out on a trip.",
    ),
    _dataset(
        "vehicle_utilisation_by_month",
        "单车月使用率",
        "Vehicle utilisation by month",
        "每辆车每月的工作日、维修天数、可用天数、使用天数和使用率。",
        "Working days, repair days, available days, used days and utilisation of"
        " each vehicle each month.",
    ),
    _dataset(
        "vehicle_utilisation_by_year",
        "单车年使用率",
        "Vehicle utilisation by year",
        "每辆车每年的可用天数、使用天数和使用率。",
        "Available days, used days and utilisation of each vehicle each year.",
    ),
    _dataset(
        "fleet_utilisation_by_month",
        "车队月使用率",
        "Fleet utilisation by month",
        "全部车辆按月汇总的可用天数、使用天数和使用率。",
        "Available days, used days and utilisation of the whole fleet by month.",
    ),
    _dataset(
        "fleet_utilisation_by_year",
        "车队年使用率",
        "Fleet utilisation by year",
        "全部车辆按年汇总的使用率及与上年相比的变化。",
        "Utilisation of the whole fleet by year and its change on the year before.",
    ),
    _dataset(
        "trip_service_by_month",
        "派车服务月度汇总",
        "Trip service by month",
        "每月申请、完成、取消、驳回的派车单数，到位率、响应时间、里程与费用。",
        "Trips requested, completed, cancelled and rejected each month, with"
        " fulfilment, response times, distance and cost.",
    ),
    _dataset(
        "trip_service_by_year",
        "派车服务年度汇总",
        "Trip service by year",
        "按年汇总的派车服务指标。",
        "The trip service figures by year.",
    ),
    _dataset(
        "gps_points",
        "北斗定位点",
        "BeiDou positions",
        "车辆北斗终端上报的定位点：车牌、时间、经纬度和速度。",
        "Positions the vehicles' BeiDou units reported: plate, time, latitude,"
        " longitude and speed.",
    ),
    _dataset(
        "energy_facts",
        "能耗读数（折标煤）",
        "Energy readings in kgce",
        "每栋楼每月每种能源的用量，换算为基本单位和千克标准煤（kgce）。",
        "Each building's monthly use of each energy type, in base units and in"
        " kilograms of standard coal equivalent (kgce).",
    ),
    _dataset(
        "energy_readings",
        "能耗读数（原始导出）",
        "Energy readings (as exported)",
        "能耗监测平台导出的读数，未换算。",
        "Readings as the energy monitoring platform exported them, not converted.",
    ),
    _dataset(
        "energy_by_building_month",
        "各楼栋月能耗",
        "Energy by building and month",
        "每栋楼每月的能耗（kgce）、用水、单位面积和人均能耗，及与基准年同月对比。",
        "Energy (kgce), water, energy per m² and per person of each building each"
        " month, against the same month of the baseline year.",
    ),
    _dataset(
        "energy_by_year",
        "年度能耗",
        "Energy by year",
        "全中心按年汇总的能耗、用水、单位面积和人均能耗及与基准的变化。",
        "The center's energy, water, energy per m² and per person by year, and the"
        " change on the baseline.",
    ),
    _dataset(
        "buildings",
        "办公用房台账（原始导出）",
        "Buildings (as exported)",
        "产权登记台账导出的楼栋：面积、建成年份、使用单位、登记阶段和证书。",
        "Buildings as the registration ledger exported them: area, year built, user"
        " unit, registration stage and certificate.",
    ),
    _dataset(
        "building_register",
        "办公用房登记情况",
        "Building register",
        "每栋楼一行：登记阶段、在该阶段的天数、是否核减或已登记、问题数。",
        "One row per building: registration stage, days in the stage, deducted or"
        " registered, and problem counts.",
    ),
    _dataset(
        "registration_funnel",
        "产权登记漏斗",
        "Registration funnel",
        "各登记阶段的楼栋数和面积，核减单列。",
        "Buildings and area at each registration stage, with deductions apart.",
    ),
    _dataset(
        "registration_progress",
        "产权登记进度",
        "Registration progress",
        "当年登记面积与目标之比、发证、排查和核减情况及进度差。",
        "Registered area against the year's target, certificates, surveys,"
        " deductions and the gap to the expected pace.",
    ),
    _dataset(
        "property_issues",
        "产权问题（原始导出）",
        "Property problems (as exported)",
        "登记中发现的问题：楼栋、类别、发现日期、牵头部门和解决日期。",
        "Problems found during registration: building, category, date found, lead"
        " department and date resolved.",
    ),
    _dataset(
        "property_problem_facts",
        "产权问题（明细）",
        "Property problems (detail)",
        "每个问题一行，加上楼栋名称、是否未解决和已持续天数。",
        "One row per problem, with the building's name, whether it is open and"
        " how many days it has been open.",
    ),
    _dataset(
        "property_problems_by_category",
        "产权问题按类别",
        "Property problems by category",
        "各类别、各牵头部门发现、解决、未解决的问题数和闭环率。",
        "Problems found, resolved and open by category and lead department, and"
        " the closed-loop ratio.",
    ),
    _dataset(
        "service_review_facts",
        "好差评（明细）",
        "Service reviews (detail)",
        "每条评价一行：事项、评价等级、渠道、是否满意或差评、整改是否及时。",
        "One row per review: item, rating, channel, satisfied or bad, and whether"
        " it was rectified in time.",
    ),
    _dataset(
        "service_reviews",
        "好差评（原始导出）",
        "Service reviews (as exported)",
        "政务服务好差评系统导出的评价。",
        "Reviews as the 好差评 system exported them.",
    ),
    _dataset(
        "satisfaction_by_month",
        "月度满意率",
        "Satisfaction by month",
        "每月评价数、满意数、差评数、满意率及整改情况。",
        "Reviews, satisfied and bad reviews, satisfaction and rectification by month.",
    ),
    _dataset(
        "satisfaction_by_year",
        "年度满意率",
        "Satisfaction by year",
        "按年汇总的评价与整改情况。",
        "Reviews and rectification by year.",
    ),
    _dataset(
        "people",
        "人员（不含姓名）",
        "People (no names)",
        "编制内和编制外人员合并，每人一行：部门、岗位、年龄段、学历、状态；"
        "不含姓名、身份证号和出生日期。",
        "Both employment tracks together, one row per person: department, post,"
        " age band, education and status; without names, ID numbers or birth"
        " dates.",
    ),
    _dataset(
        "staff_records",
        "人员档案（不含姓名）",
        "Staff records (no names)",
        "每个工号一行的人员档案，不含姓名、身份证号和出生日期。",
        "One row per staff number, without names, ID numbers or birth dates.",
    ),
    _dataset(
        "staff_established",
        "编制内人员（原始导出，不含姓名）",
        "Established staff (as exported, no names)",
        "人事系统导出的编制内人员，去掉姓名、身份证号和出生日期。",
        "Established staff as the personnel system exported them, without names,"
        " ID numbers or birth dates.",
    ),
    _dataset(
        "staff_contract",
        "编制外人员（原始导出，不含姓名）",
        "Contract staff (as exported, no names)",
        "劳务派遣花名册导出的编制外人员，去掉姓名、身份证号和出生日期。",
        "Contract staff as the labour-dispatch roster exported them, without"
        " names, ID numbers or birth dates.",
    ),
    _dataset(
        "staff_numbers",
        "工号对照",
        "Staff numbers",
        "每个工号属于哪一类人员、部门和岗位，是否为主工号。",
        "Which track, department and post each staff number belongs to, and"
        " whether it is the person's main number.",
    ),
    _dataset(
        "posts",
        "岗位",
        "Posts",
        "岗位台账：部门、岗位类别、编制数、A岗和B岗工号。",
        "The post register: department, post family, headcount quota, A-post and"
        " B-post staff numbers.",
    ),
    _dataset(
        "post_backup_coverage",
        "AB岗覆盖",
        "B-post backup coverage",
        "每个岗位的A岗、B岗是否在岗、B岗是否有人顶上（不含姓名）。",
        "Whether each post's A and B holders are on duty and the post is backed up"
        " (no names).",
    ),
    _dataset(
        "workforce_by_track",
        "人员结构",
        "Workforce by track",
        "按类别、部门、岗位类别的在岗人数、女性人数和平均年龄。",
        "Headcount, women and average age by track, department and post family.",
    ),
    _dataset(
        "workforce_by_age_band",
        "年龄结构",
        "Workforce by age band",
        "各类人员各年龄段的人数和占比。",
        "Headcount and share of each age band in each track.",
    ),
    _dataset(
        "turnover_by_year",
        "人员流动",
        "Turnover by year",
        "每年各类人员的期初期末人数、入职、离职和流动率。",
        "Headcount at the start and end of each year, hires, leavers and turnover"
        " by track.",
    ),
    _dataset(
        "training",
        "培训记录",
        "Training",
        "每次培训一行：工号、项目、起止日期、学时、结果和带教人。",
        "One row per training: staff number, programme, dates, hours, result and"
        " mentor.",
    ),
    _dataset(
        "training_summary",
        "培训汇总",
        "Training summary",
        "每年各类人员的受训人数、项目数、学时和人均学时。",
        "Trainees, programmes, hours and hours per person each year by track.",
    ),
    _dataset(
        "targets",
        "年度目标（原始导出）",
        "Targets (as exported)",
        "各年度目标值，按导出时的名称和单位。",
        "Each year's targets, with names and units as exported.",
    ),
    _dataset(
        "target_values",
        "年度目标",
        "Targets",
        "各年度目标值，名称和单位已统一。",
        "Each year's targets, with names and units made uniform.",
    ),
    _dataset(
        "calendar_days",
        "工作日历",
        "Working-day calendar",
        "每个日历日一行：年、季、月，是否工作日及节假日来源。",
        "One row per calendar day: year, quarter, month, working day and where the"
        " holidays came from.",
    ),
    _dataset(
        "alerts",
        "当前预警",
        "Current alerts",
        "本次构建发出的预警：领域、规则、颜色、对象编号、测得值和阈值；"
        "针对个人的预警见预警页。",
        "Alerts this build raised: domain, rule, colour, subject id, measured value"
        " and threshold. Alerts about single people are on the Alerts page.",
        NO_PEOPLE_ALERTS,
    ),
    _dataset(
        "alert_history",
        "预警历史",
        "Alert history",
        "历次构建发出的每条预警、首次和最近出现的时间、是否仍有效；"
        "针对个人的预警见预警页。",
        "Every alert any build raised, when it was first and last seen, and"
        " whether it is still active. Alerts about single people are on the Alerts"
        " page.",
        NO_PEOPLE_ALERTS,
    ),
    _dataset(
        "load_manifest",
        "载入的文件",
        "Files read",
        "本次构建读取的每个导出文件：数据源、状态、读取、载入和拒收的行数。",
        "Every export file this build read: source, status, and rows read, loaded"
        " and rejected.",
    ),
    _dataset(
        "source_status",
        "数据源更新情况",
        "Source freshness",
        "每个数据源的最新日期、是否逾期、行数和文件数。",
        "Each source's latest date, whether it is overdue, its rows and files.",
    ),
    _dataset(
        "duplicate_conflicts",
        "重复记录冲突",
        "Duplicate conflicts",
        "同一主键在不同文件中内容不同的记录；两类人员名册以身份哈希为主键，"
        "其冲突只在数据页显示。",
        "Keys whose copies differ between exports. The two rosters' keys are"
        " identity hashes, so their conflicts are on the Data page only.",
        "source not in ('staff_established', 'staff_contract')",
    ),
    _dataset(
        "unmatched_references",
        "无法对应的引用",
        "Unmatched references",
        "指向台账中找不到的人员、车辆或楼栋的值。",
        "Values that point at people, vehicles or buildings not in their register.",
    ),
)
DATASETS: dict[str, Dataset] = {dataset.name: dataset for dataset in CATALOGUE}

COLUMNS_SQL = """
select column_name, data_type
from information_schema.columns
where table_catalog = current_database()
    and table_schema = 'main'
    and table_name = $table_name
order by ordinal_position
"""


class ExplorationError(ValueError):
    """A view names a dataset, column or measure the catalogue does not offer."""


@dataclass(frozen=True)
class CategoryFilter:
    """Keep rows whose value, as text, is one of `values`."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class NumberRange:
    """Keep rows whose value lies between `low` and `high` (None: open)."""

    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class DateRange:
    """Keep rows whose date lies between `start` and `end` (None: open)."""

    start: date | None = None
    end: date | None = None


Filter = CategoryFilter | NumberRange | DateRange

QUERY_KEYS = {
    "dataset": "x",
    "group_by": "xg",
    "measure": "xm",
    "measure_column": "xc",
    "page": "xp",
    "page_size": "xn",
}
FILTER_PREFIX = "xf."
# A filter in a link is a short list of values; a longer one is refused unread.
MAX_FILTER_TEXT = 20_000


@dataclass(frozen=True)
class Exploration:
    """The whole state of one Explore view."""

    dataset: str
    filters: Mapping[str, Filter] = field(default_factory=dict)
    group_by: tuple[str, ...] = ()
    measure: str = "count"
    measure_column: str | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def to_query_params(self) -> dict[str, str]:
        """Return the view as URL query parameters; defaults are left out."""
        params = {QUERY_KEYS["dataset"]: self.dataset}
        if self.group_by:
            params[QUERY_KEYS["group_by"]] = ",".join(self.group_by)
        if self.measure != "count":
            params[QUERY_KEYS["measure"]] = self.measure
        if self.measure_column:
            params[QUERY_KEYS["measure_column"]] = self.measure_column
        if self.page != 1:
            params[QUERY_KEYS["page"]] = str(self.page)
        if self.page_size != DEFAULT_PAGE_SIZE:
            params[QUERY_KEYS["page_size"]] = str(self.page_size)
        for column in sorted(self.filters):
            params[FILTER_PREFIX + column] = encode_filter(self.filters[column])
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str]) -> Exploration | None:
        """Return the view the URL parameters describe, or None when they name none."""
        dataset = params.get(QUERY_KEYS["dataset"])
        if not dataset:
            return None
        filters = {}
        for key, text in params.items():
            if key.startswith(FILTER_PREFIX):
                decoded = decode_filter(text)
                if decoded is not None:
                    filters[key[len(FILTER_PREFIX) :]] = decoded
        group_text = params.get(QUERY_KEYS["group_by"], "")
        return cls(
            dataset=dataset,
            filters=filters,
            group_by=tuple(part for part in group_text.split(",") if part)[
                :MAX_GROUP_COLUMNS
            ],
            measure=params.get(QUERY_KEYS["measure"], "count"),
            measure_column=params.get(QUERY_KEYS["measure_column"]) or None,
            page=_positive_int(params.get(QUERY_KEYS["page"]), 1),
            page_size=_positive_int(
                params.get(QUERY_KEYS["page_size"]), DEFAULT_PAGE_SIZE
            ),
        )

    def to_query_string(self) -> str:
        """Return the view as one URL query string, the form a saved view keeps."""
        return urlencode(self.to_query_params())

    @classmethod
    def from_query_string(cls, text: str) -> Exploration | None:
        """Return the view of a URL query string."""
        return cls.from_query_params(dict(parse_qsl(text, keep_blank_values=True)))


def _positive_int(text: str | None, default: int) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if value >= 1 else default


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def encode_filter(condition: Filter) -> str:
    """Return a filter as compact text: c:[json list], n:low~high or d:start~end."""
    if isinstance(condition, CategoryFilter):
        values = json.dumps(list(condition.values), ensure_ascii=False)
        return "c:" + values.replace(", ", ",")
    if isinstance(condition, NumberRange):
        return f"n:{_number_text(condition.low)}~{_number_text(condition.high)}"
    start = condition.start.isoformat() if condition.start else ""
    end = condition.end.isoformat() if condition.end else ""
    return f"d:{start}~{end}"


def decode_filter(text: str) -> Filter | None:
    """Return the filter of `encode_filter` text, or None when it cannot be read."""
    kind, _, body = text.partition(":")
    if len(text) > MAX_FILTER_TEXT:
        logger.warning("explore filter of %d characters is ignored", len(text))
        return None
    try:
        if kind == "c":
            values = json.loads(body)
            if isinstance(values, list) and all(
                isinstance(value, str | int | float) for value in values
            ):
                return CategoryFilter(tuple(str(value) for value in values))
            return None
        low, _, high = body.partition("~")
        if kind == "n":
            return NumberRange(_float_or_none(low), _float_or_none(high))
        if kind == "d":
            return DateRange(_date_or_none(low), _date_or_none(high))
    except (ValueError, RecursionError):
        logger.warning("explore filter %r cannot be read", text[:200])
    return None


def _float_or_none(text: str) -> float | None:
    if not text:
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def column_kind(data_type: str) -> str | None:
    """Return category, number or date for a DuckDB type, or None if not offered."""
    upper = data_type.upper()
    if upper.startswith(NUMBER_TYPES):
        return NUMBER
    if upper in DATE_TYPES or upper.startswith("TIMESTAMP"):
        return DATE
    if upper in CATEGORY_TYPES:
        return CATEGORY
    return None


def visible_columns(columns: list[tuple[str, str]]) -> dict[str, str]:
    """Return the columns an analyst may see, each with its kind, in table order."""
    shown = {}
    for name, data_type in columns:
        kind = column_kind(data_type)
        if kind is not None and name not in HIDDEN_COLUMNS:
            shown[name] = kind
    return shown


def dataset_columns(cursor: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, str]:
    """Return a catalogue dataset's visible columns and their kinds, from the database."""
    if dataset not in DATASETS:
        raise ExplorationError(f"unknown dataset {dataset!r}")
    rows = cursor.sql(COLUMNS_SQL, params={"table_name": dataset}).fetchall()
    return visible_columns(rows)


def available_datasets(cursor: duckdb.DuckDBPyConnection) -> list[Dataset]:
    """Return the catalogue datasets that this build has, in catalogue order."""
    rows = cursor.sql(
        "select table_name from information_schema.tables"
        " where table_catalog = current_database() and table_schema = 'main'"
    ).fetchall()
    present = {row[0] for row in rows}
    return [dataset for dataset in CATALOGUE if dataset.name in present]


def check_exploration(exploration: Exploration, columns: Mapping[str, str]) -> None:
    """Refuse a view whose dataset, columns or measure the catalogue does not offer."""
    if exploration.dataset not in DATASETS:
        raise ExplorationError(f"unknown dataset {exploration.dataset!r}")
    named = [*exploration.filters, *exploration.group_by]
    if exploration.measure_column:
        named.append(exploration.measure_column)
    for column in named:
        if column not in columns:
            raise ExplorationError(f"unknown column {column!r}")
    if len(exploration.group_by) > MAX_GROUP_COLUMNS:
        raise ExplorationError("group by at most two columns")
    if len(set(exploration.group_by)) != len(exploration.group_by):
        raise ExplorationError("a column is grouped twice")
    if exploration.measure not in MEASURES:
        raise ExplorationError(f"unknown measure {exploration.measure!r}")
    if exploration.measure in MEASURES_NEEDING_COLUMN:
        if not exploration.measure_column:
            raise ExplorationError(f"{exploration.measure} needs a column")
        if columns[exploration.measure_column] != NUMBER:
            raise ExplorationError("the measure column must hold numbers")


def filter_conditions(
    filters: Mapping[str, Filter], columns: Mapping[str, str]
) -> tuple[list[str], dict]:
    """Return the where conditions of the filters and their $parameters."""
    conditions, params = [], {}
    for index, column in enumerate(sorted(filters)):
        condition = filters[column]
        quoted = quote_identifier(column)
        prefix = f"filter_{index}"
        if isinstance(condition, CategoryFilter):
            conditions.append(
                f"list_contains(${prefix}_values, cast({quoted} as varchar))"
            )
            params[f"{prefix}_values"] = list(condition.values)
            continue
        low, high = (
            (condition.low, condition.high)
            if isinstance(condition, NumberRange)
            else (condition.start, condition.end)
        )
        value = quoted if isinstance(condition, NumberRange) else f"{quoted}::date"
        if low is not None:
            conditions.append(f"{value} >= ${prefix}_low")
            params[f"{prefix}_low"] = low
        if high is not None:
            conditions.append(f"{value} <= ${prefix}_high")
            params[f"{prefix}_high"] = high
    return conditions, params


def measure_expression(measure: str, column: str | None) -> str:
    """Return the SQL aggregate of a measure over an optional column."""
    quoted = quote_identifier(column) if column else None
    if measure == "count":
        return "count(*)"
    if measure == "share":
        total = f"sum({quoted})" if quoted else "count(*)"
        return f"{total} / sum({total}) over ()"
    function = {"mean": "avg"}.get(measure, measure)
    return f"{function}({quoted})"


def build_result_query(
    exploration: Exploration, columns: Mapping[str, str]
) -> tuple[str, dict]:
    """Return the SQL of the whole result of a view, ordered, and its $parameters."""
    check_exploration(exploration, columns)
    conditions, params = filter_conditions(exploration.filters, columns)
    where = f"\nwhere {' and '.join(conditions)}" if conditions else ""
    table = DATASETS[exploration.dataset].relation()
    if not exploration.group_by:
        selected = ", ".join(quote_identifier(column) for column in columns)
        return f"select {selected}\nfrom {table}{where}\norder by all", params
    quoted = [quote_identifier(column) for column in exploration.group_by]
    groups = ", ".join(quoted)
    order = ", ".join(f"{group} nulls last" for group in quoted)
    measure = measure_expression(exploration.measure, exploration.measure_column)
    sql = (
        f"select {groups}, {measure} as {quote_identifier(MEASURE_COLUMN)}"
        f"\nfrom {table}{where}\ngroup by {groups}\norder by {order}"
    )
    return sql, params


def build_query(
    exploration: Exploration, columns: Mapping[str, str]
) -> tuple[str, dict]:
    """Return the SQL of the view's current page and its $parameters."""
    sql, params = build_result_query(exploration, columns)
    paged = f"{sql}\nlimit $page_limit offset $page_offset"
    return paged, {
        **params,
        "page_limit": exploration.page_size,
        "page_offset": (exploration.page - 1) * exploration.page_size,
    }


def build_count_query(
    exploration: Exploration, columns: Mapping[str, str]
) -> tuple[str, dict]:
    """Return the SQL counting the rows of the view's whole result."""
    sql, params = build_result_query(exploration, columns)
    return f"select count(*) as row_count from (\n{sql}\n)", params


def fetch_page(
    cursor: duckdb.DuckDBPyConnection, exploration: Exploration
) -> pl.DataFrame:
    """Return one page of the view's result."""
    columns = dataset_columns(cursor, exploration.dataset)
    sql, params = build_query(exploration, columns)
    return cursor.sql(sql, params=params).pl()


def count_rows(cursor: duckdb.DuckDBPyConnection, exploration: Exploration) -> int:
    """Return how many rows the view's whole result has."""
    columns = dataset_columns(cursor, exploration.dataset)
    sql, params = build_count_query(exploration, columns)
    return int(cursor.sql(sql, params=params or None).fetchall()[0][0])


def run_exploration(
    cursor: duckdb.DuckDBPyConnection, exploration: Exploration
) -> tuple[pl.DataFrame, int]:
    """Return one page of the view's result and how many rows the whole result has."""
    page, total = fetch_page(cursor, exploration), count_rows(cursor, exploration)
    logger.debug("explore %s: %s of %s rows", exploration.dataset, page.height, total)
    return page, total


def fetch_result(
    cursor: duckdb.DuckDBPyConnection, exploration: Exploration, limit: int
) -> pl.DataFrame:
    """Return the view's whole result from its first row, at most `limit` rows."""
    return fetch_page(cursor, replace(exploration, page=1, page_size=limit))


def category_counts(
    cursor: duckdb.DuckDBPyConnection, dataset: str, column: str, limit: int = 200
) -> pl.DataFrame:
    """Return the commonest values of a column as text, with how many rows hold each."""
    if column not in dataset_columns(cursor, dataset):
        raise ExplorationError(f"unknown column {column!r}")
    sql = (
        f"select cast({quote_identifier(column)} as varchar) as category_value,"
        " count(*) as row_count"
        f"\nfrom {DATASETS[dataset].relation()}"
        "\ngroup by category_value"
        "\norder by row_count desc, category_value nulls last"
        "\nlimit $category_limit"
    )
    return cursor.sql(sql, params={"category_limit": limit}).pl()


def column_range(
    cursor: duckdb.DuckDBPyConnection, dataset: str, column: str
) -> tuple[object, object]:
    """Return the smallest and largest value of a column (dates as dates)."""
    kind = dataset_columns(cursor, dataset).get(column)
    if kind is None:
        raise ExplorationError(f"unknown column {column!r}")
    value = quote_identifier(column) + ("::date" if kind == DATE else "")
    sql = f"select min({value}), max({value}) from {DATASETS[dataset].relation()}"
    low, high = cursor.sql(sql).fetchall()[0]
    return low, high


VIEWS_SCHEMA = """
create table if not exists saved_views (
    view_name text primary key,
    query_string text not null,
    saved_at text not null
);
"""


def views_store_path(database_path: Path) -> Path:
    """Return where the saved views of a database live: beside the database link."""
    return database_path.parent / STORE_FILE_NAME


def _connect_views(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(VIEWS_SCHEMA)
    return connection


def save_view(
    path: Path, name: str, exploration: Exploration, saved_at: datetime | None = None
) -> None:
    """Save a view under a name for everyone; a view of the same name is replaced."""
    name = name.strip()
    if not name:
        raise ValueError("a saved view needs a name")
    stamp = (saved_at or datetime.now()).isoformat(sep=" ", timespec="seconds")
    with closing(_connect_views(path)) as connection, connection:
        connection.execute(
            "insert or replace into saved_views (view_name, query_string, saved_at)"
            " values (?, ?, ?)",
            (name, exploration.to_query_string(), stamp),
        )
    logger.info("explore view %s saved", name)


def list_views(path: Path) -> pl.DataFrame:
    """Return the saved views, newest first: name, query string and when saved."""
    schema = {"view_name": pl.String, "query_string": pl.String, "saved_at": pl.String}
    if not path.exists():
        return pl.DataFrame(schema=schema)
    with closing(_connect_views(path)) as connection:
        rows = connection.execute(
            "select view_name, query_string, saved_at from saved_views"
            " order by saved_at desc, view_name"
        ).fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")
