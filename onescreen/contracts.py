"""The CSV contracts: every source the center exports, its columns and its rules."""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT = "text"
CODE = "code"
INTEGER = "integer"
DECIMAL = "decimal"
DATE = "date"
TIMESTAMP = "timestamp"
MONTH = "month"
ENUM = "enum"
ID_CARD = "id_card"

KIND_SQL_TYPES = {
    TEXT: "varchar",
    CODE: "varchar",
    INTEGER: "bigint",
    DECIMAL: "double",
    DATE: "date",
    TIMESTAMP: "timestamp",
    MONTH: "date",
    ENUM: "varchar",
    ID_CARD: "varchar",
}

KIND_LABELS = {
    TEXT: ("文本", "text"),
    CODE: ("编码", "code"),
    INTEGER: ("整数", "whole number"),
    DECIMAL: ("数值", "number"),
    DATE: ("日期", "date"),
    TIMESTAMP: ("日期时间", "date and time"),
    MONTH: ("月份", "month"),
    ENUM: ("枚举", "one of a list"),
    ID_CARD: ("身份证号", "identity card number"),
}

AREA_UNITS = {
    "㎡": 1,
    "m²": 1,
    "m2": 1,
    "平方米": 1,
    "平米": 1,
    "万㎡": 10000,
    "万m²": 10000,
    "万m2": 10000,
    "万平方米": 10000,
}
MONEY_UNITS = {"元": 1, "yuan": 1, "rmb": 1, "¥": 1, "￥": 1, "万元": 10000}
DISTANCE_UNITS = {"km": 1, "公里": 1, "千米": 1}
SPEED_UNITS = {"km/h": 1, "公里/小时": 1}
HOUR_UNITS = {"h": 1, "小时": 1, "学时": 1}
PERSON_UNITS = {"人": 1}
SEAT_UNITS = {"座": 1, "人": 1}


@dataclass(frozen=True)
class Column:
    """One canonical column of a source, with the headers real exports use for it."""

    name: str
    kind: str
    label_zh: str
    label_en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    units: dict[str, float] = field(default_factory=dict)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    may_be_future: bool = False

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header accepted for this column: canonical name, both labels, aliases."""
        return (self.name, self.label_zh, self.label_en, *self.aliases)


@dataclass(frozen=True)
class Reference:
    """A column whose values should exist in another source (unmatched rows are kept)."""

    column: str
    source: str
    target_column: str


@dataclass(frozen=True)
class RowRule:
    """A check across columns of one row; rows failing it are quarantined."""

    name: str
    column: str
    sql: str
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class Source:
    """One export of another system: a folder under data/exports and its contract."""

    name: str
    label_zh: str
    label_en: str
    system_zh: str
    system_en: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    freshness_column: str | None
    cadence_days: int = 31
    references: tuple[Reference, ...] = ()
    row_rules: tuple[RowRule, ...] = ()
    optional: bool = False

    def column(self, name: str) -> Column:
        """Return the column called `name`."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        """Columns without which a file of this source cannot be loaded."""
        return tuple(column for column in self.columns if column.required)


def _col(name, kind, label_zh, label_en, **options) -> Column:
    return Column(name=name, kind=kind, label_zh=label_zh, label_en=label_en, **options)


def _dimension_score(name: str, label_zh: str, label_en: str, alias_en: str) -> Column:
    """A supervisor's 0–100 score of one of the five dimensions in a monthly record."""
    return _col(
        name,
        DECIMAL,
        label_zh,
        label_en,
        required=True,
        minimum=0,
        maximum=100,
        aliases=(f"{label_zh}分", f"{label_zh}得分", alias_en),
    )


GENDERS = {"男": ("男", "m", "male", "1"), "女": ("女", "f", "female", "2")}
STAFF_STATUSES = {
    "在岗": ("在岗", "在职", "active", "on duty"),
    "借调": ("借调", "seconded"),
    "休假": ("休假", "病休", "产假", "on leave"),
    "离职": ("离职", "辞职", "解聘", "left", "resigned"),
    "退休": ("退休", "retired"),
}
EDUCATION_LEVELS = {
    "研究生": ("研究生", "硕士", "博士", "postgraduate", "master", "doctorate"),
    "本科": ("本科", "大学本科", "bachelor"),
    "大专": ("大专", "专科", "college"),
    "中专": ("中专", "高中", "中专/高中", "secondary"),
    "初中及以下": ("初中及以下", "初中", "小学", "primary"),
}
POST_FAMILIES = {
    "驾驶": ("驾驶", "驾驶员", "driver", "drivers", "driving"),
    "调度": ("调度", "派车调度", "dispatch"),
    "窗口服务": ("窗口服务", "窗口", "服务窗口", "service window", "service"),
    "能源": ("能源", "节能", "能耗", "energy"),
    "资产": ("资产", "物业", "资产管理", "property", "assets"),
    "综合管理": ("综合管理", "管理", "综合", "行政", "management"),
}
RATINGS = {
    "非常满意": ("非常满意", "very satisfied", "5"),
    "满意": ("满意", "satisfied", "4"),
    "基本满意": ("基本满意", "一般", "neutral", "fairly satisfied", "3"),
    "不满意": ("不满意", "dissatisfied", "2"),
    "非常不满意": ("非常不满意", "very dissatisfied", "1"),
}
VEHICLE_STATUSES = {
    "在用": ("在用", "正常", "in use", "active"),
    "维修": ("维修", "维修中", "in repair", "repair"),
    "停用": ("停用", "封存", "suspended"),
    "已处置": ("已处置", "报废", "处置", "拍卖", "disposed", "scrapped"),
}
TRIP_STATUSES = {
    "已完成": ("已完成", "完成", "已收车", "completed", "done"),
    "执行中": ("执行中", "已出车", "in progress", "running"),
    "已派车": ("已派车", "待出车", "dispatched"),
    "待派车": ("待派车", "已申请", "requested", "pending"),
    "申请人取消": (
        "申请人取消",
        "用车人取消",
        "取消",
        "cancelled by requester",
        "cancelled",
    ),
    "已驳回": ("已驳回", "驳回", "无车可派", "rejected", "refused"),
}
STAGES = {
    "排查": ("排查", "调查摸底", "survey", "surveyed"),
    "诊断": ("诊断", "问题诊断", "diagnosis", "diagnosed"),
    "协调": ("协调", "协同攻坚", "coordination", "coordinating"),
    "处置": ("处置", "分类处置", "resolution", "resolving"),
    "已登记": ("已登记", "登记", "已发证", "registered"),
    "核减": ("核减", "减核", "已核减", "deducted"),
}
ENERGY_TYPES = {
    "电": ("电", "电力", "用电", "electricity", "power"),
    "天然气": ("天然气", "燃气", "natural gas", "gas"),
    "热力": ("热力", "供暖", "集中供热", "heat", "heating"),
    "汽油": ("汽油", "gasoline", "petrol"),
    "柴油": ("柴油", "diesel"),
    "原煤": ("原煤", "煤", "coal"),
    "水": ("水", "自来水", "water"),
}
FUEL_TYPES = {
    "汽油": ("汽油", "gasoline", "petrol"),
    "柴油": ("柴油", "diesel"),
    "纯电动": ("纯电动", "电动", "electric", "ev"),
    "混合动力": ("混合动力", "油电混合", "插电混动", "hybrid"),
}
PROBLEM_CATEGORIES = {
    "手续不完备": ("手续不完备", "手续不全", "incomplete procedures"),
    "材料缺失": ("材料缺失", "环节性材料缺失", "missing documents"),
    "权属争议": ("权属争议", "权属归属企业或个人", "权属不清", "ownership dispute"),
    "四至不清": ("四至不清", "土地四至不清", "unclear boundaries"),
    "登记不齐全": ("登记不齐全", "登记不全", "incomplete registration"),
    "其他": ("其他", "other"),
}

CENTER = _col(
    "center_id",
    CODE,
    "中心编码",
    "center id",
    aliases=("单位编码", "中心代码", "center code"),
)
STAFF_NO = _col(
    "staff_no",
    CODE,
    "工号",
    "staff no",
    required=True,
    aliases=("职工编号", "人员编号", "员工编号", "employee id", "staff number"),
)


def _staff_columns(
    hire_label_zh: str, hire_label_en: str, hire_name: str, extra: tuple[Column, ...]
):
    return (
        CENTER,
        STAFF_NO,
        _col(
            "name",
            TEXT,
            "姓名",
            "name",
            required=True,
            aliases=("人员姓名", "full name"),
        ),
        _col(
            "id_card",
            ID_CARD,
            "身份证号",
            "id card number",
            required=True,
            aliases=("身份证号码", "公民身份号码", "证件号码", "id number"),
        ),
        _col("gender", ENUM, "性别", "gender", choices=GENDERS, aliases=("sex",)),
        _col(
            "birth_date",
            DATE,
            "出生日期",
            "birth date",
            aliases=("出生年月", "date of birth"),
        ),
        _col(
            "department",
            TEXT,
            "部门",
            "department",
            required=True,
            aliases=("所在部门", "科室", "dept"),
        ),
        _col(
            "post_name",
            TEXT,
            "岗位",
            "post",
            required=True,
            aliases=("岗位名称", "职务", "post name", "position"),
        ),
        _col(
            hire_name,
            DATE,
            hire_label_zh,
            hire_label_en,
            aliases=("入职时间", "参加工作日期", "入职日期")
            if hire_name == "work_start_date"
            else ("入职时间", "到岗日期"),
        ),
        *extra,
        _col(
            "status",
            ENUM,
            "在岗状态",
            "status",
            required=True,
            choices=STAFF_STATUSES,
            aliases=("人员状态", "状态", "employment status"),
        ),
        _col(
            "leave_date",
            DATE,
            "离职日期",
            "leave date",
            aliases=("离岗日期", "退休日期", "离职时间"),
        ),
    )


SOURCES: tuple[Source, ...] = (
    Source(
        name="staff_established",
        label_zh="编制内人员",
        label_en="Established staff",
        system_zh="组织人事系统",
        system_en="Personnel system",
        key=("center_id", "id_card"),
        freshness_column=None,
        cadence_days=31,
        columns=_staff_columns(
            "参加工作时间",
            "work start date",
            "work_start_date",
            (
                _col(
                    "education",
                    ENUM,
                    "学历",
                    "education",
                    choices=EDUCATION_LEVELS,
                    aliases=("最高学历",),
                ),
            ),
        ),
    ),
    Source(
        name="staff_contract",
        label_zh="编制外人员",
        label_en="Contract staff",
        system_zh="劳务派遣公司花名册",
        system_en="Labour-dispatch roster",
        key=("center_id", "id_card"),
        freshness_column=None,
        cadence_days=31,
        columns=_staff_columns(
            "入职日期",
            "hire date",
            "hire_date",
            (
                _col(
                    "education",
                    ENUM,
                    "学历",
                    "education",
                    choices=EDUCATION_LEVELS,
                    aliases=("最高学历",),
                ),
                _col(
                    "agency",
                    TEXT,
                    "派遣单位",
                    "agency",
                    aliases=("劳务派遣公司", "派遣公司", "dispatch agency"),
                ),
                _col(
                    "contract_end_date",
                    DATE,
                    "合同到期日",
                    "contract end date",
                    may_be_future=True,
                    aliases=("合同到期日期", "合同截止日期"),
                ),
            ),
        ),
    ),
    Source(
        name="posts",
        label_zh="岗位设置",
        label_en="Posts",
        system_zh="岗位设置 / AB岗",
        system_en="Post plan (A/B posts)",
        key=("center_id", "post_id"),
        freshness_column=None,
        cadence_days=366,
        columns=(
            CENTER,
            _col(
                "post_id",
                CODE,
                "岗位编号",
                "post id",
                required=True,
                aliases=("岗位代码", "post code"),
            ),
            _col(
                "post_name",
                TEXT,
                "岗位名称",
                "post name",
                required=True,
                aliases=("岗位",),
            ),
            _col(
                "department",
                TEXT,
                "部门",
                "department",
                required=True,
                aliases=("所在部门", "科室"),
            ),
            _col(
                "post_family",
                ENUM,
                "岗位类别",
                "post family",
                required=True,
                choices=POST_FAMILIES,
                aliases=("岗位类型", "岗位族", "post category"),
            ),
            _col(
                "headcount_quota",
                INTEGER,
                "定员",
                "headcount quota",
                minimum=0,
                maximum=1000,
                units=PERSON_UNITS,
                aliases=("定编人数", "编制数", "quota"),
            ),
            _col(
                "a_staff_no",
                CODE,
                "A岗工号",
                "a-post staff no",
                aliases=("A岗", "主岗工号", "a post"),
            ),
            _col(
                "b_staff_no",
                CODE,
                "B岗工号",
                "b-post staff no",
                aliases=("B岗", "备岗工号", "b post"),
            ),
        ),
        references=(
            Reference("a_staff_no", "people", "staff_no"),
            Reference("b_staff_no", "people", "staff_no"),
        ),
    ),
    Source(
        name="payroll",
        label_zh="薪酬",
        label_en="Payroll",
        system_zh="薪酬系统",
        system_en="Payroll system",
        key=("center_id", "staff_no", "month"),
        freshness_column="month",
        columns=(
            CENTER,
            STAFF_NO,
            _col(
                "month",
                MONTH,
                "月份",
                "month",
                required=True,
                aliases=("工资月份", "发放月份", "pay month"),
            ),
            _col(
                "gross_pay_yuan",
                DECIMAL,
                "应发工资",
                "gross pay",
                required=True,
                units=MONEY_UNITS,
                minimum=0,
                maximum=200000,
                aliases=("应发合计", "应发金额", "gross"),
            ),
            _col(
                "performance_pay_yuan",
                DECIMAL,
                "绩效工资",
                "performance pay",
                units=MONEY_UNITS,
                minimum=0,
                maximum=200000,
                aliases=("绩效", "奖励性绩效"),
            ),
        ),
        references=(Reference("staff_no", "people", "staff_no"),),
    ),
    Source(
        name="monthly_records",
        label_zh="月纪实",
        label_en="Monthly records",
        system_zh="月纪实（主管评分）",
        system_en="Supervisors' monthly records",
        key=("center_id", "staff_no", "month"),
        freshness_column="month",
        columns=(
            CENTER,
            STAFF_NO,
            _col(
                "month",
                MONTH,
                "月份",
                "month",
                required=True,
                aliases=("纪实月份", "考核月份"),
            ),
            _dimension_score("morality_score", "德", "morality", "ethics"),
            _dimension_score("competence_score", "能", "competence", "ability"),
            _dimension_score("diligence_score", "勤", "diligence", "attendance"),
            _dimension_score("achievement_score", "绩", "achievement", "performance"),
            _dimension_score("integrity_score", "廉", "integrity", "honesty"),
            _col("remark", TEXT, "备注", "remark", aliases=("说明", "note")),
        ),
        references=(Reference("staff_no", "people", "staff_no"),),
    ),
    Source(
        name="training",
        label_zh="培训与导师带徒",
        label_en="Training and mentoring",
        system_zh="培训 / 青蓝工程 / 技能比武 / 导师带徒",
        system_en="Training, mentoring and skills contests",
        key=("center_id", "staff_no", "program", "start_date"),
        freshness_column="start_date",
        cadence_days=92,
        columns=(
            CENTER,
            STAFF_NO,
            _col(
                "program",
                TEXT,
                "项目",
                "program",
                required=True,
                aliases=("培训项目", "项目名称", "programme"),
            ),
            _col(
                "start_date",
                DATE,
                "开始日期",
                "start date",
                required=True,
                aliases=("开始时间", "培训开始日期"),
            ),
            _col(
                "end_date",
                DATE,
                "结束日期",
                "end date",
                may_be_future=True,
                aliases=("结束时间", "培训结束日期"),
            ),
            _col(
                "hours",
                DECIMAL,
                "学时",
                "hours",
                minimum=0,
                maximum=2000,
                units=HOUR_UNITS,
                aliases=("培训学时", "课时"),
            ),
            _col(
                "result",
                TEXT,
                "结果",
                "result",
                aliases=("培训结果", "成绩", "outcome"),
            ),
            _col(
                "mentor_staff_no",
                CODE,
                "导师工号",
                "mentor staff no",
                aliases=("师傅工号", "mentor"),
            ),
        ),
        references=(
            Reference("staff_no", "people", "staff_no"),
            Reference("mentor_staff_no", "people", "staff_no"),
        ),
        row_rules=(
            RowRule(
                "end_before_start",
                "end_date",
                "end_date is null or end_date >= start_date",
                "结束日期早于开始日期",
                "end date is before the start date",
            ),
        ),
    ),
    Source(
        name="service_reviews",
        label_zh="好差评",
        label_en="Service reviews",
        system_zh="政务服务“好差评”系统",
        system_en="Government service review system",
        key=("center_id", "review_id"),
        freshness_column="reviewed_at",
        columns=(
            CENTER,
            _col(
                "review_id",
                CODE,
                "评价编号",
                "review id",
                required=True,
                aliases=("评价单号", "编号"),
            ),
            _col(
                "reviewed_at",
                TIMESTAMP,
                "评价时间",
                "reviewed at",
                required=True,
                aliases=("评价日期",),
            ),
            _col(
                "handler_staff_no",
                CODE,
                "受理人工号",
                "handler staff no",
                aliases=("受理人", "经办人工号", "handler"),
            ),
            _col(
                "item_name",
                TEXT,
                "事项名称",
                "service item",
                required=True,
                aliases=("服务事项", "事项"),
            ),
            _col(
                "rating",
                ENUM,
                "评价等级",
                "rating",
                required=True,
                choices=RATINGS,
                aliases=("评价结果", "满意度"),
            ),
            _col("channel", TEXT, "评价渠道", "channel", aliases=("渠道",)),
            _col("comment", TEXT, "评价内容", "comment", aliases=("评价意见", "意见")),
            _col(
                "rectified_at",
                TIMESTAMP,
                "整改完成时间",
                "rectified at",
                aliases=("整改时间", "整改完成日期"),
            ),
        ),
        references=(Reference("handler_staff_no", "people", "staff_no"),),
        row_rules=(
            RowRule(
                "rectified_before_review",
                "rectified_at",
                "rectified_at is null or rectified_at >= reviewed_at",
                "整改完成时间早于评价时间",
                "rectified before the review was made",
            ),
        ),
    ),
    Source(
        name="vehicles",
        label_zh="公务用车台账",
        label_en="Vehicle register",
        system_zh="公务用车台账",
        system_en="Official vehicle register",
        key=("center_id", "plate"),
        freshness_column=None,
        cadence_days=366,
        columns=(
            CENTER,
            _col(
                "plate",
                CODE,
                "车牌号",
                "plate",
                required=True,
                aliases=("车牌号码", "号牌号码", "车牌", "plate number"),
            ),
            _col(
                "vehicle_type",
                TEXT,
                "车辆类型",
                "vehicle type",
                aliases=("车型", "type"),
            ),
            _col(
                "user_unit",
                TEXT,
                "使用单位",
                "user unit",
                aliases=("使用部门", "所属单位"),
            ),
            _col(
                "purchase_date",
                DATE,
                "购置日期",
                "purchase date",
                required=True,
                aliases=("购买日期", "登记日期"),
            ),
            _col(
                "seat_count",
                INTEGER,
                "座位数",
                "seats",
                minimum=1,
                maximum=60,
                units=SEAT_UNITS,
                aliases=("核定载客", "座位"),
            ),
            _col(
                "fuel_type",
                ENUM,
                "燃料类型",
                "fuel type",
                choices=FUEL_TYPES,
                aliases=("燃料种类", "能源类型"),
            ),
            _col(
                "status",
                ENUM,
                "车辆状态",
                "status",
                required=True,
                choices=VEHICLE_STATUSES,
                aliases=("状态",),
            ),
            _col(
                "disposal_date",
                DATE,
                "处置日期",
                "disposal date",
                aliases=("报废日期",),
            ),
        ),
    ),
    Source(
        name="trips",
        label_zh="派车记录",
        label_en="Trips",
        system_zh="公务用车平台",
        system_en="Official vehicle platform",
        key=("center_id", "trip_id"),
        freshness_column="requested_at",
        columns=(
            CENTER,
            _col(
                "trip_id",
                CODE,
                "派车单号",
                "trip id",
                required=True,
                aliases=("派车单编号", "单号", "order no"),
            ),
            _col("plate", CODE, "车牌号", "plate", aliases=("车牌号码", "车牌")),
            _col(
                "driver_staff_no",
                CODE,
                "驾驶员工号",
                "driver staff no",
                aliases=("驾驶员", "司机工号"),
            ),
            _col(
                "requesting_unit",
                TEXT,
                "用车单位",
                "requesting unit",
                aliases=("申请单位", "用车部门"),
            ),
            _col(
                "requested_at",
                TIMESTAMP,
                "申请时间",
                "requested at",
                required=True,
                aliases=("申请日期", "用车申请时间"),
            ),
            _col(
                "dispatched_at",
                TIMESTAMP,
                "派车时间",
                "dispatched at",
                aliases=("调度时间",),
            ),
            _col(
                "departed_at",
                TIMESTAMP,
                "出车时间",
                "departed at",
                aliases=("发车时间",),
            ),
            _col(
                "returned_at",
                TIMESTAMP,
                "收车时间",
                "returned at",
                aliases=("回场时间", "还车时间"),
            ),
            _col(
                "odometer_start_km",
                DECIMAL,
                "起始里程",
                "odometer start",
                units=DISTANCE_UNITS,
                minimum=0,
                maximum=2_000_000,
                aliases=("出车里程", "起始表数"),
            ),
            _col(
                "odometer_end_km",
                DECIMAL,
                "结束里程",
                "odometer end",
                units=DISTANCE_UNITS,
                minimum=0,
                maximum=2_000_000,
                aliases=("收车里程", "结束表数"),
            ),
            _col(
                "beidou_km",
                DECIMAL,
                "北斗里程",
                "beidou distance",
                units=DISTANCE_UNITS,
                minimum=0,
                maximum=5000,
                aliases=("定位里程", "gps distance"),
            ),
            _col("destination", TEXT, "目的地", "destination", aliases=("目的地点",)),
            _col("purpose", TEXT, "事由", "purpose", aliases=("用车事由",)),
            _col(
                "status",
                ENUM,
                "状态",
                "status",
                required=True,
                choices=TRIP_STATUSES,
                aliases=("派车状态", "单据状态"),
            ),
            _col(
                "fuel_cost_yuan",
                DECIMAL,
                "油费",
                "fuel cost",
                units=MONEY_UNITS,
                minimum=0,
                maximum=100000,
                aliases=("燃油费", "加油费"),
            ),
            _col(
                "toll_yuan",
                DECIMAL,
                "通行费",
                "toll",
                units=MONEY_UNITS,
                minimum=0,
                maximum=100000,
                aliases=("过路费",),
            ),
        ),
        references=(
            Reference("plate", "vehicles", "plate"),
            Reference("driver_staff_no", "people", "staff_no"),
        ),
        row_rules=(
            RowRule(
                "odometer_backwards",
                "odometer_end_km",
                "odometer_end_km is null or odometer_start_km is null or odometer_end_km >= odometer_start_km",
                "结束里程小于起始里程",
                "odometer end is below its start",
            ),
            RowRule(
                "return_before_departure",
                "returned_at",
                "returned_at is null or departed_at is null or returned_at >= departed_at",
                "收车时间早于出车时间",
                "returned before it departed",
            ),
            RowRule(
                "dispatch_before_request",
                "dispatched_at",
                "dispatched_at is null or dispatched_at >= requested_at",
                "派车时间早于申请时间",
                "dispatched before it was requested",
            ),
        ),
    ),
    Source(
        name="gps_points",
        label_zh="北斗定位",
        label_en="BeiDou positions",
        system_zh="北斗定位平台",
        system_en="BeiDou positioning platform",
        key=("center_id", "plate", "recorded_at"),
        freshness_column="recorded_at",
        optional=True,
        columns=(
            CENTER,
            _col(
                "plate",
                CODE,
                "车牌号",
                "plate",
                required=True,
                aliases=("车牌号码", "车牌"),
            ),
            _col(
                "recorded_at",
                TIMESTAMP,
                "定位时间",
                "recorded at",
                required=True,
                aliases=("时间", "gps time"),
            ),
            _col(
                "latitude",
                DECIMAL,
                "纬度",
                "latitude",
                required=True,
                minimum=3,
                maximum=54,
                aliases=("lat",),
            ),
            _col(
                "longitude",
                DECIMAL,
                "经度",
                "longitude",
                required=True,
                minimum=73,
                maximum=136,
                aliases=("lon", "lng"),
            ),
            _col(
                "speed_kmh",
                DECIMAL,
                "速度",
                "speed",
                minimum=0,
                maximum=250,
                units=SPEED_UNITS,
                aliases=("车速",),
            ),
        ),
        references=(Reference("plate", "vehicles", "plate"),),
    ),
    Source(
        name="energy_readings",
        label_zh="能耗读数",
        label_en="Energy readings",
        system_zh="能耗监测平台",
        system_en="Energy monitoring platform",
        key=("center_id", "building_id", "month", "energy_type"),
        freshness_column="month",
        columns=(
            CENTER,
            _col(
                "building_id",
                CODE,
                "建筑编号",
                "building id",
                required=True,
                aliases=("楼栋编号", "建筑代码"),
            ),
            _col(
                "month",
                MONTH,
                "月份",
                "month",
                required=True,
                aliases=("统计月份", "抄表月份"),
            ),
            _col(
                "energy_type",
                ENUM,
                "能源类型",
                "energy type",
                required=True,
                choices=ENERGY_TYPES,
                aliases=("能源品种", "能耗类型"),
            ),
            _col(
                "quantity",
                DECIMAL,
                "用量",
                "quantity",
                required=True,
                minimum=0,
                maximum=1e9,
                aliases=("消耗量", "读数"),
            ),
            _col("unit", TEXT, "单位", "unit", required=True, aliases=("计量单位",)),
        ),
        references=(Reference("building_id", "buildings", "building_id"),),
    ),
    Source(
        name="buildings",
        label_zh="办公用房权属登记台账",
        label_en="Office building register",
        system_zh="办公用房权属登记台账",
        system_en="Office-building ownership ledger",
        key=("center_id", "building_id"),
        freshness_column="stage_since_date",
        cadence_days=31,
        columns=(
            CENTER,
            _col(
                "building_id",
                CODE,
                "楼栋编号",
                "building id",
                required=True,
                aliases=("建筑编号", "房屋编号"),
            ),
            _col(
                "building_name",
                TEXT,
                "楼栋名称",
                "building name",
                required=True,
                aliases=("建筑名称", "名称"),
            ),
            _col("address", TEXT, "坐落", "address", aliases=("地址", "坐落位置")),
            _col(
                "latitude",
                DECIMAL,
                "纬度",
                "latitude",
                minimum=3,
                maximum=54,
                aliases=("lat",),
            ),
            _col(
                "longitude",
                DECIMAL,
                "经度",
                "longitude",
                minimum=73,
                maximum=136,
                aliases=("lon", "lng"),
            ),
            _col(
                "floor_area_m2",
                DECIMAL,
                "建筑面积",
                "floor area",
                required=True,
                units=AREA_UNITS,
                minimum=1,
                maximum=1_000_000,
                aliases=("面积", "建筑面积(㎡)", "area"),
            ),
            _col(
                "built_year",
                INTEGER,
                "建成年份",
                "year built",
                minimum=1900,
                maximum=2100,
                aliases=("建成年代", "竣工年份"),
            ),
            _col("user_unit", TEXT, "使用单位", "user unit", aliases=("使用部门",)),
            _col(
                "task_year",
                INTEGER,
                "任务年度",
                "task year",
                minimum=2000,
                maximum=2100,
                aliases=("登记任务年度", "计划年度"),
            ),
            _col(
                "stage",
                ENUM,
                "当前环节",
                "stage",
                required=True,
                choices=STAGES,
                aliases=("办理环节", "进度", "环节"),
            ),
            _col(
                "stage_since_date",
                DATE,
                "环节开始日期",
                "stage since",
                aliases=("进入环节日期", "环节日期"),
            ),
            _col(
                "certificate_no",
                TEXT,
                "不动产权证号",
                "certificate no",
                aliases=("不动产权证书号", "证书编号", "产权证号"),
            ),
            _col(
                "certificate_date",
                DATE,
                "发证日期",
                "certificate date",
                aliases=("登记日期", "证书日期"),
            ),
            _col(
                "deduction_reason",
                TEXT,
                "核减原因",
                "deduction reason",
                aliases=("减核原因",),
            ),
            _col(
                "deduction_approval_no",
                TEXT,
                "核减批复文号",
                "deduction approval no",
                aliases=("批复文号", "核减文号"),
            ),
            _col(
                "occupant_count",
                INTEGER,
                "使用人数",
                "occupants",
                minimum=0,
                maximum=100000,
                units=PERSON_UNITS,
                aliases=("办公人数", "在编人数"),
            ),
        ),
        row_rules=(
            RowRule(
                "registered_without_certificate",
                "certificate_no",
                "stage <> '已登记' or (certificate_no is not null and certificate_date is not null)",
                "已登记但缺少不动产权证号或发证日期",
                "registered but the certificate number or date is missing",
            ),
            RowRule(
                "deducted_without_reason",
                "deduction_reason",
                "stage <> '核减' or deduction_reason is not null",
                "核减但未填写核减原因",
                "deducted without a reason",
            ),
        ),
    ),
    Source(
        name="property_issues",
        label_zh="问题清单",
        label_en="Property problems",
        system_zh="权属登记问题清单",
        system_en="Registration problem list",
        key=("center_id", "issue_id"),
        freshness_column="found_date",
        columns=(
            CENTER,
            _col(
                "issue_id",
                CODE,
                "问题编号",
                "problem id",
                required=True,
                aliases=("编号", "issue id"),
            ),
            _col(
                "building_id",
                CODE,
                "楼栋编号",
                "building id",
                required=True,
                aliases=("建筑编号",),
            ),
            _col(
                "category",
                ENUM,
                "问题类别",
                "category",
                required=True,
                choices=PROBLEM_CATEGORIES,
                aliases=("问题类型",),
            ),
            _col(
                "found_date",
                DATE,
                "发现日期",
                "found date",
                required=True,
                aliases=("发现时间", "登记日期"),
            ),
            _col(
                "lead_department",
                TEXT,
                "牵头部门",
                "lead department",
                aliases=("责任部门", "牵头单位"),
            ),
            _col(
                "resolved_date",
                DATE,
                "解决日期",
                "resolved date",
                aliases=("办结日期", "销号日期"),
            ),
            _col(
                "description", TEXT, "说明", "description", aliases=("问题描述", "备注")
            ),
        ),
        references=(Reference("building_id", "buildings", "building_id"),),
        row_rules=(
            RowRule(
                "resolved_before_found",
                "resolved_date",
                "resolved_date is null or resolved_date >= found_date",
                "解决日期早于发现日期",
                "resolved before it was found",
            ),
        ),
    ),
    Source(
        name="targets",
        label_zh="年度目标",
        label_en="Annual targets",
        system_zh="年度目标",
        system_en="Annual targets",
        key=("center_id", "year", "metric"),
        freshness_column=None,
        cadence_days=366,
        columns=(
            CENTER,
            _col(
                "year",
                INTEGER,
                "年度",
                "year",
                required=True,
                minimum=2000,
                maximum=2100,
                aliases=("年份",),
            ),
            _col(
                "metric",
                CODE,
                "指标",
                "metric",
                required=True,
                aliases=("指标名称", "指标代码"),
            ),
            _col(
                "target_value",
                DECIMAL,
                "目标值",
                "target",
                required=True,
                minimum=0,
                aliases=("目标", "任务量"),
            ),
            _col("unit", TEXT, "单位", "unit", aliases=("计量单位",)),
        ),
    ),
)

SOURCES_BY_NAME = {source.name: source for source in SOURCES}

TARGET_METRICS = {
    "registration_area_m2": ("权属登记面积", "registration area", "登记面积"),
    "registration_count": ("权属登记数量", "registration count", "办证数量"),
    "fleet_utilisation_ratio": ("公车利用率", "fleet utilisation"),
    "fulfilment_ratio": ("公务出行服务到位率", "service fulfilment", "服务到位率"),
    "satisfaction_ratio": ("好评率", "满意率", "satisfaction"),
    "energy_reduction_ratio": ("能耗下降率", "energy reduction", "节能率"),
}


def get_source(name: str) -> Source:
    """Return the contract of the source called `name`."""
    return SOURCES_BY_NAME[name]
