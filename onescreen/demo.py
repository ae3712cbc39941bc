"""Deterministic demo exports of a banner center, as messy as real exports are.

The rows are generated first, in canonical form, so that the case figures hold
exactly (buildings and areas, utilisation up 15% in 2023, fulfilment 100% in 2025,
the same people last in two quarters); only then are they written out, each source
in the encodings, headers, date and number forms its system uses, with overlapping
files, a title or a total row here and there, and a few rows the build must reject.
"""

from __future__ import annotations

import csv
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path

import chinese_calendar
import polars as pl

from onescreen.contracts import (
    DATE,
    DECIMAL,
    INTEGER,
    MONTH,
    SOURCES,
    TIMESTAMP,
    get_source,
)

logger = logging.getLogger(__name__)

AS_OF_DATE = date(2025, 12, 31)
LAST_YEAR = 2025
EXCEL_EPOCH = date(1899, 12, 30)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
REPAIR_PURPOSES = ("维修", "保养", "维修保养", "年检")
UNKNOWN_PLATE = "蒙HX9527"
UNKNOWN_HANDLER = "LS01"
MONTHLY_SCORES = (
    "morality_score",
    "competence_score",
    "diligence_score",
    "achievement_score",
    "integrity_score",
)

# Region codes of the banners, cities and county of Xilingol League, 正蓝旗 first.
REGION_CODES = (
    "152530",
    "152502",
    "152501",
    "152522",
    "152523",
    "152524",
    "152525",
    "152526",
    "152527",
    "152528",
    "152529",
    "152531",
)

ORIGIN = (42.2458, 116.0044)
# Destination: latitude, longitude, one-way road distance from 上都镇 in km.
PLACES = {
    "上都镇": (42.2612, 116.0296, 6),
    "元上都遗址": (42.3580, 116.1850, 25),
    "桑根达来镇": (42.6380, 115.9560, 48),
    "哈毕日嘎镇": (42.4460, 116.4020, 42),
    "宝绍岱苏木": (42.0880, 116.2880, 36),
    "那日图苏木": (42.6400, 116.6100, 78),
    "扎格斯台苏木": (42.7600, 116.2200, 66),
    "赛音胡都嘎苏木": (42.8900, 115.7500, 82),
    "五一种畜场": (42.3100, 115.6200, 38),
    "多伦县": (42.2030, 116.4860, 48),
    "太仆寺旗": (41.8770, 115.2830, 86),
    "正镶白旗": (42.2870, 115.0000, 92),
    "锡林浩特市": (43.9330, 116.0860, 235),
}
NEAR_PLACES = (
    ("上都镇", 36),
    ("元上都遗址", 8),
    ("桑根达来镇", 9),
    ("哈毕日嘎镇", 9),
    ("宝绍岱苏木", 7),
    ("五一种畜场", 5),
    ("多伦县", 8),
    ("那日图苏木", 4),
    ("扎格斯台苏木", 4),
    ("赛音胡都嘎苏木", 4),
    ("太仆寺旗", 3),
    ("正镶白旗", 3),
)
OVERNIGHT_PLACES = (
    ("锡林浩特市", 6),
    ("太仆寺旗", 1),
    ("正镶白旗", 1),
    ("那日图苏木", 1),
)
PURPOSES = (
    ("公务接待", 14),
    ("下乡调研", 20),
    ("会议保障", 16),
    ("督查检查", 12),
    ("文件送达", 8),
    ("项目验收", 7),
    ("乡村振兴走访", 9),
    ("应急保障", 4),
    ("公务接送", 10),
)
REQUESTING_UNITS = (
    "旗委办公室",
    "旗政府办公室",
    "旗人大办公室",
    "旗政协办公室",
    "旗纪委监委",
    "旗发改委",
    "旗财政局",
    "旗自然资源局",
    "旗住建局",
    "旗农牧和科技局",
    "旗教育局",
    "旗卫健委",
    "旗应急管理局",
    "旗机关事务服务中心",
)
# Vehicle type, seats, fuel, litres per 100 km.
VEHICLE_MODELS = (
    ("轿车", 5, "汽油", 8.5),
    ("越野车", 5, "汽油", 11.5),
    ("越野车", 7, "柴油", 10.0),
    ("商务车", 7, "汽油", 10.5),
    ("中型客车", 19, "柴油", 14.0),
    ("皮卡", 5, "柴油", 10.5),
    ("轿车", 5, "混合动力", 5.2),
)
FUEL_PRICES = {2022: 8.2, 2023: 7.9, 2024: 7.8, 2025: 7.6}

# Post id, name, department, family, quota, established places, has a B post.
POSTS = (
    ("P01", "办公室主任", "办公室", "综合管理", 1, 1, False),
    ("P02", "文秘", "办公室", "综合管理", 2, 1, True),
    ("P03", "人事劳资", "办公室", "综合管理", 1, 1, True),
    ("P04", "财务会计", "办公室", "综合管理", 3, 3, True),
    ("P05", "综合协调", "综合科", "综合管理", 2, 2, True),
    ("P06", "会议保障", "综合科", "综合管理", 4, 2, True),
    ("P07", "档案管理", "综合科", "综合管理", 1, 1, False),
    ("P08", "车辆管理", "公务用车管理科", "综合管理", 1, 1, True),
    ("P09", "车辆调度", "公务用车管理科", "调度", 2, 1, True),
    ("P10", "驾驶员", "公务用车管理科", "驾驶", 18, 6, True),
    ("P11", "车队长", "公务用车管理科", "驾驶", 1, 1, True),
    ("P12", "资产管理", "资产管理科", "资产", 2, 2, True),
    ("P13", "权属登记", "资产管理科", "资产", 2, 2, True),
    ("P14", "物业管理", "资产管理科", "资产", 5, 2, True),
    ("P15", "公物仓管理", "资产管理科", "资产", 1, 0, False),
    ("P16", "节能管理", "节能科", "能源", 2, 2, True),
    ("P17", "能耗统计", "节能科", "能源", 1, 1, False),
    ("P18", "水电维修", "节能科", "能源", 4, 2, True),
    ("P19", "窗口负责人", "政务服务窗口", "窗口服务", 1, 1, True),
    ("P20", "窗口受理", "政务服务窗口", "窗口服务", 8, 4, True),
    ("P21", "咨询引导", "政务服务窗口", "窗口服务", 2, 0, True),
    ("P22", "食堂管理", "后勤保障科", "综合管理", 3, 2, True),
    ("P23", "安保", "后勤保障科", "综合管理", 5, 1, True),
    ("P24", "保洁", "后勤保障科", "资产", 5, 0, True),
    ("P25", "供暖运维", "后勤保障科", "能源", 3, 1, True),
)
MALE_SHARE = {
    "驾驶": 0.95,
    "能源": 0.8,
    "调度": 0.5,
    "窗口服务": 0.25,
    "资产": 0.45,
    "综合管理": 0.5,
}
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹孟熊秦邱江尹薛闫段雷侯"
    "史陶贺顾毛郝龚邵万钱严武戴孔汤包白宝奇"
)
MALE_GIVEN = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥"
    "才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮"
    "会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣"
    "朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
)
FEMALE_GIVEN = (
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣"
    "爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴"
    "瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭"
    "冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
)
MONGOLIAN_MALE = (
    "巴特尔",
    "额尔敦",
    "苏和",
    "朝鲁",
    "宝音",
    "达来",
    "布和",
    "孟和",
    "乌力吉",
    "吉日嘎拉",
    "那仁",
    "阿拉坦",
    "毕力格",
    "巴图",
    "图门",
    "特木尔",
)
MONGOLIAN_FEMALE = (
    "斯琴",
    "其其格",
    "乌兰",
    "萨仁",
    "格日勒",
    "敖登",
    "图雅",
    "哈斯",
    "乌日娜",
    "苏日娜",
    "娜仁",
    "塔娜",
    "琪琪格",
    "高娃",
)
AGENCIES = ("锡林郭勒盟众诚劳务派遣有限公司", "正蓝旗金莲川人力资源服务有限公司")

# Name, town, floor area m², stage, user unit: 13 deducted, 10 registered, 7 under way.
BUILDINGS = (
    ("原旗供销社综合楼", "上都镇", 8200, "核减", "旗供销合作社"),
    ("旗粮食局原办公楼", "上都镇", 6500, "核减", "旗粮食和物资储备中心"),
    ("原旗农机公司办公楼", "上都镇", 5400, "核减", "旗农机服务中心"),
    ("旗老干部活动中心", "上都镇", 3850, "核减", "旗委老干部局"),
    ("原旗畜牧局办公楼", "上都镇", 7200, "核减", "旗农牧和科技局"),
    ("桑根达来镇原政府办公楼", "桑根达来镇", 4100, "核减", "桑根达来镇人民政府"),
    ("原旗物资局综合楼", "上都镇", 2650, "核减", "旗商务局"),
    ("旗第二综合办公楼", "上都镇", 9300, "核减", "旗市场监督管理局"),
    ("原旗邮电局办公楼", "上都镇", 3580, "核减", "旗融媒体中心"),
    ("哈毕日嘎镇原粮站办公楼", "哈毕日嘎镇", 4620, "核减", "哈毕日嘎镇人民政府"),
    ("原旗工商局办公楼", "上都镇", 3100, "核减", "旗市场监督管理局"),
    ("原旗广播电视局办公楼", "上都镇", 2900, "核减", "旗文化旅游体育局"),
    ("旗城市管理局临时办公用房", "上都镇", 3200, "核减", "旗城市管理综合执法局"),
    ("旗政府办公楼", "上都镇", 9850, "已登记", "旗人民政府办公室"),
    ("旗委办公楼", "上都镇", 7620, "已登记", "旗委办公室"),
    ("旗人大办公楼", "上都镇", 4380, "已登记", "旗人大常委会办公室"),
    ("旗政协办公楼", "上都镇", 3650, "已登记", "旗政协办公室"),
    ("旗政务服务中心", "上都镇", 5210, "已登记", "旗政务服务中心"),
    ("上都镇政府办公楼", "上都镇", 2870, "已登记", "上都镇人民政府"),
    ("旗财政局办公楼", "上都镇", 3460, "已登记", "旗财政局"),
    ("旗机关事务服务中心办公楼", "上都镇", 1980, "已登记", "旗机关事务服务中心"),
    ("旗档案馆", "上都镇", 1540, "已登记", "旗档案馆"),
    ("宝绍岱苏木政府办公楼", "宝绍岱苏木", 1740, "已登记", "宝绍岱苏木人民政府"),
    ("旗纪委监委办公楼", "上都镇", 4260.5, "处置", "旗纪委监委"),
    ("旗自然资源局办公楼", "上都镇", 3120, "协调", "旗自然资源局"),
    ("旗住建局办公楼", "上都镇", 2845.5, "诊断", "旗住房和城乡建设局"),
    ("哈毕日嘎镇政府办公楼", "哈毕日嘎镇", 2210, "协调", "哈毕日嘎镇人民政府"),
    ("旗教育局办公楼", "上都镇", 1960, "处置", "旗教育局"),
    ("那日图苏木政府办公楼", "那日图苏木", 1689, "排查", "那日图苏木人民政府"),
    ("旗卫健委办公楼", "上都镇", 1820, "诊断", "旗卫生健康委员会"),
)
TOWNS = {
    "上都镇": (42.2458, 116.0044),
    "桑根达来镇": (42.6380, 115.9560),
    "哈毕日嘎镇": (42.4460, 116.4020),
    "宝绍岱苏木": (42.0880, 116.2880),
    "那日图苏木": (42.6400, 116.6100),
}
STREETS = ("元上都大街", "金莲川大街", "正蓝街", "敖包街", "商都路", "和平路", "滦河路")
DEDUCTION_REASONS = (
    "权属归属企业，不属于行政事业单位办公用房",
    "权属归属个人，租赁使用",
    "土地四至不清，暂不具备登记条件",
    "已列入拆除计划",
    "产权属上级垂管单位",
)
PROBLEMS = {
    "核减": (
        ("权属争议", "自然资源局"),
        ("四至不清", "自然资源局"),
        ("其他", "财政局"),
    ),
    "已登记": (
        ("手续不完备", "住建局"),
        ("材料缺失", "不动产登记中心"),
        ("登记不齐全", "不动产登记中心"),
        ("手续不完备", "发改委"),
    ),
    "open": (
        ("权属争议", "自然资源局"),
        ("材料缺失", "住建局"),
        ("手续不完备", "发改委"),
        ("四至不清", "不动产登记中心"),
        ("登记不齐全", "财政局"),
    ),
}
PROBLEM_NOTES = {
    "权属争议": "土地证载权利人为原企业，需协调变更",
    "四至不清": "宗地四至与现状不符，需重新测绘",
    "手续不完备": "缺少规划许可及竣工验收手续",
    "材料缺失": "建设年代久远，原始档案缺失",
    "登记不齐全": "房地未一并登记，需补办",
    "其他": "历史遗留问题，需专题研究",
}
REVIEW_ITEMS = (
    "公务用车申请",
    "会议室预订",
    "办公用房维修",
    "公物仓调剂",
    "机关食堂就餐",
    "物业服务",
    "办公用品领用",
    "资产配置审批",
    "来访接待",
)
REVIEW_CHANNELS = ("窗口评价器", "扫码评价", "蒙速办APP", "12345热线", "短信评价")
BAD_COMMENTS = ("等待时间过长", "办理效率低", "态度生硬", "维修不及时", "解释不清楚")


@dataclass(frozen=True)
class DemoScale:
    """How big the demo is: factors on the size of one banner center, and the seed."""

    people: float = 1.0
    vehicles: float = 1.0
    buildings: float = 1.0
    years: int = 4
    gps_points_per_trip: int = 12
    centers: int = 1
    seed: int = 20251231


@dataclass(frozen=True)
class DemoRecords:
    """The rows a correct build keeps and the rows it must reject, per source."""

    rows: dict[str, list[dict]]
    rejected: dict[str, list[tuple[str, dict]]]


@dataclass(eq=False)
class Person:
    """One person on one roster, with the dates that bound their time on duty."""

    post: dict
    track: str
    name: str
    id_card: str
    gender: str
    birth_date: date
    start_date: date
    leave_date: date | None = None
    status: str = "在岗"
    education: str = "本科"
    contract_end_date: date | None = None
    agency: str | None = None
    level: float = 88.0
    staff_no: str = ""


@dataclass
class CenterData:
    """Everything generated for one center: kept rows, bad rows and GPS trips."""

    center_id: str
    rows: dict[str, list[dict]]
    rejected: dict[str, list[tuple[str, dict]]]
    gps_trips: list[tuple] = field(default_factory=list)


@dataclass(frozen=True)
class ExportFile:
    """One CSV file of a source: rows, headers, cell formats and page layout."""

    source: str
    name: str
    rows: list[dict]
    columns: tuple[str, ...]
    headers: dict[str, str]
    formatters: dict[str, Callable]
    encoding: str = "utf-8"
    line_end: str = "\n"
    title: str | None = None
    title_padded: bool = False
    total_column: str | None = None
    blank_every: int = 0


def scaled(count: int, factor: float, minimum: int = 1) -> int:
    """Return `count` times `factor`, rounded half up, and at least `minimum`."""
    return max(minimum, int(count * factor + 0.5))


def demo_years(scale: DemoScale) -> list[int]:
    """Return the calendar years the demo covers, ending with 2025."""
    return list(range(LAST_YEAR - max(1, scale.years) + 1, LAST_YEAR + 1))


def center_ids(count: int) -> list[str]:
    """Return the center codes: zlq for the banner itself, then c02, c03 and so on."""
    return ["zlq"] + [f"c{index:02d}" for index in range(2, max(1, count) + 1)]


def id_check_character(first_seventeen: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character of an identity card number."""
    total = sum(
        int(digit) * weight
        for digit, weight in zip(first_seventeen, ID_WEIGHTS, strict=False)
    )
    return ID_CHECK_CHARACTERS[total % 11]


def is_valid_id_card(number: str) -> bool:
    """Tell whether an 18-character identity card number has the right check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return id_check_character(number[:17]) == number[17].upper()


def is_working_day(day: date) -> bool:
    """Tell whether `day` is a working day, with holidays and make-up days (调休)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


@cache
def working_day_set(year: int) -> frozenset[date]:
    """Return the working days of `year` as a set, for quick membership tests."""
    return frozenset(working_days(year))


@cache
def working_days(year: int) -> tuple[date, ...]:
    """Return the working days of `year` in order."""
    first = date(year, 1, 1)
    count = (date(year + 1, 1, 1) - first).days
    days = (first + timedelta(days=offset) for offset in range(count))
    return tuple(day for day in days if is_working_day(day))


def month_starts(years: Sequence[int]) -> list[date]:
    """Return the first day of every month of `years`."""
    return [date(year, month, 1) for year in years for month in range(1, 13)]


def month_end(month: date) -> date:
    """Return the last day of the month starting on `month`."""
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def random_date(rng: random.Random, first: date, last: date) -> date:
    """Return a day between `first` and `last`, both included."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def weighted_choice(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    """Pick one name from (name, weight) pairs."""
    names, cumulative = cumulative_weights(options)
    return rng.choices(names, cum_weights=cumulative)[0]


@cache
def cumulative_weights(options: tuple[tuple[str, float], ...]) -> tuple[tuple, tuple]:
    """Return the names and running weight totals of (name, weight) pairs."""
    names = tuple(name for name, _ in options)
    return names, tuple(accumulate(weight for _, weight in options))


def at_minute(day: date, minute: int) -> datetime:
    """Return the moment `minute` minutes after midnight of `day`."""
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minute)


def allocate(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Split `total` into whole shares in proportion to `weights`, none over its cap."""
    shares = [0] * len(weights)
    remaining = min(total, sum(caps))
    open_indices = [i for i in range(len(weights)) if caps[i] > 0 and weights[i] > 0]
    while open_indices:
        weight_sum = sum(weights[i] for i in open_indices)
        full = [
            i for i in open_indices if remaining * weights[i] / weight_sum >= caps[i]
        ]
        if not full:
            break
        for index in full:
            shares[index] = caps[index]
            remaining -= caps[index]
        open_indices = [i for i in open_indices if i not in full]
    if open_indices:
        weight_sum = sum(weights[i] for i in open_indices)
        exact = {i: remaining * weights[i] / weight_sum for i in open_indices}
        for index in open_indices:
            shares[index] = int(exact[index])
        leftover = remaining - sum(shares[i] for i in open_indices)
        order = sorted(open_indices, key=lambda i: shares[i] - exact[i])
        for index in order[:leftover]:
            shares[index] += 1
    return shares


def calibrate_growth(
    available_before: int, available_after: int, base_ratio: float, growth: float
) -> tuple[int, int]:
    """Pick used-day totals whose utilisation grows by exactly `growth` to 4 places."""
    start = round(base_ratio * available_before)
    best = (start, round(start * (1 + growth) * available_after / available_before))
    best_error = float("inf")
    for offset in range(0, max(60, available_before // 20)):
        for used_before in (start + offset, start - offset):
            if not 0 < used_before <= available_before:
                continue
            ideal = used_before * (1 + growth) * available_after / available_before
            for used_after in (int(ideal), int(ideal) + 1):
                if not 0 < used_after <= available_after:
                    continue
                ratio = (used_after * available_before) / (
                    used_before * available_after
                )
                error = abs(ratio - 1 - growth)
                if error < best_error:
                    best, best_error = (used_before, used_after), error
        if best_error < 0.00003:
            break
    if round(best[1] / available_after / (best[0] / available_before) - 1, 4) != round(
        growth, 4
    ):
        logger.warning("demo utilisation growth is %.6f, not %.4f", best_error, growth)
    return best


def make_id_card(
    rng: random.Random, region: str, birth: date, gender: str, taken: set[str]
) -> str:
    """Return a new, valid identity card number for a person born on `birth`."""
    while True:
        sequence = rng.randrange(1, 999)
        if (sequence % 2 == 1) != (gender == "男"):
            sequence = sequence + 1 if sequence < 998 else sequence - 1
        first = f"{region}{birth:%Y%m%d}{sequence:03d}"
        number = first + id_check_character(first)
        if number not in taken:
            taken.add(number)
            return number


def make_name(rng: random.Random, gender: str, taken: set[str]) -> str:
    """Return a new Han or Mongolian name of the given gender."""
    while True:
        if rng.random() < 0.22:
            given = rng.choice(MONGOLIAN_MALE if gender == "男" else MONGOLIAN_FEMALE)
            name = (rng.choice("包白宝韩奇") + given) if rng.random() < 0.4 else given
        else:
            pool = MALE_GIVEN if gender == "男" else FEMALE_GIVEN
            length = 1 if rng.random() < 0.35 else 2
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(pool) for _ in range(length)
            )
        if name not in taken:
            taken.add(name)
            return name


def is_on_duty(person: Person, first: date, last: date) -> bool:
    """Tell whether `person` was on duty at some time between `first` and `last`."""
    return person.start_date <= last and (
        person.leave_date is None or person.leave_date >= first
    )


class Roster:
    """Creates people for a center with unique names, ID numbers and plausible ages."""

    def __init__(self, rng: random.Random, region: str):
        self.rng = rng
        self.region = region
        self.names: set[str] = set()
        self.id_cards: set[str] = set()
        self.people: list[Person] = []

    def hire(
        self, post: dict, track: str, age: int, start: date | None = None
    ) -> Person:
        """Create a person aged `age` on the as-of date, on `post` from `start`."""
        rng = self.rng
        male = rng.random() < (
            0.2 if post["post_id"] == "P24" else MALE_SHARE[post["post_family"]]
        )
        gender = "男" if male else "女"
        birth = date(LAST_YEAR - age, rng.randint(1, 12), rng.randint(1, 28))
        if start is None:
            if track == "established":
                start = date(birth.year + rng.randint(21, 24), rng.choice((7, 8, 9)), 1)
            else:
                start = random_date(rng, date(2012, 3, 1), date(2021, 10, 31))
                start = max(start, date(birth.year + 19, birth.month, 1))
        person = Person(
            post=post,
            track=track,
            name=make_name(rng, gender, self.names),
            id_card=make_id_card(rng, self.region, birth, gender, self.id_cards),
            gender=gender,
            birth_date=birth,
            start_date=start,
            education=self.education(track),
            level=rng.uniform(83, 93),
        )
        if track == "contract":
            person.agency = rng.choice(AGENCIES)
            person.contract_end_date = date(LAST_YEAR + 1 + rng.randint(0, 1), 12, 31)
        self.people.append(person)
        return person

    def rejuvenate(self, person: Person, age: int) -> None:
        """Make `person` a recent recruit of `age`, with a matching ID card number."""
        person.birth_date = person.birth_date.replace(year=LAST_YEAR - age, day=1)
        person.id_card = make_id_card(
            self.rng, self.region, person.birth_date, person.gender, self.id_cards
        )

    def age(self, track: str) -> int:
        """Draw an age on the as-of date for a new member of `track`."""
        bands = (
            ((24, 29, 12), (30, 39, 25), (40, 49, 28), (50, 59, 35))
            if track == "established"
            else ((22, 29, 30), (30, 39, 35), (40, 49, 25), (50, 55, 10))
        )
        low, high, _ = self.rng.choices(bands, [band[2] for band in bands])[0]
        return self.rng.randint(low, high)

    def education(self, track: str) -> str:
        """Draw the highest education of a new member of `track`."""
        options = (
            (("研究生", 10), ("本科", 60), ("大专", 25), ("中专", 5))
            if track == "established"
            else (("本科", 15), ("大专", 40), ("中专", 35), ("初中及以下", 10))
        )
        return weighted_choice(self.rng, options)


def build_posts(people_scale: float) -> list[dict]:
    """Return the post plan scaled to the size of the center."""
    posts = []
    for post_id, name, department, family, quota, established, backup in POSTS:
        quota_scaled = scaled(quota, people_scale)
        established_scaled = min(quota_scaled, scaled(established, people_scale, 0))
        if established and not established_scaled:
            established_scaled = 1
        posts.append(
            {
                "post_id": post_id,
                "post_name": name,
                "department": department,
                "post_family": family,
                "headcount_quota": quota_scaled,
                "established": established_scaled,
                "has_backup": backup,
            }
        )
    return posts


def build_people(
    rng: random.Random, people_scale: float, region: str, years: list[int]
) -> tuple[list[Person], list[dict], Person]:
    """Create both rosters with a transfer, a retirement, turnover and a bad ID card."""
    posts = build_posts(people_scale)
    roster = Roster(rng, region)
    for post in posts:
        for place in range(post["headcount_quota"]):
            track = "established" if place < post["established"] else "contract"
            roster.hire(post, track, roster.age(track))

    window_post = next(post for post in posts if post["post_id"] == "P20")
    transferred = next(p for p in roster.people if p.post is window_post)
    transferred.start_date = date(2023, 9, 1)
    before = roster.hire(window_post, "contract", 30, date(2019, 4, 1))
    before.name, before.gender, before.birth_date = (
        transferred.name,
        transferred.gender,
        transferred.birth_date,
    )
    before.id_card = transferred.id_card
    before.leave_date, before.status = date(2023, 8, 31), "离职"

    retiring_post = next(post for post in posts if post["post_id"] == "P05")
    successor = next(p for p in roster.people if p.post is retiring_post)
    roster.rejuvenate(successor, rng.randint(24, 28))
    successor.start_date = date(2024, 9, 1)
    retiree = roster.hire(retiring_post, "established", 60, date(1985, 7, 1))
    retiree.birth_date = retiree.birth_date.replace(year=1964, month=6)
    retiree.id_card = make_id_card(
        rng, region, retiree.birth_date, retiree.gender, roster.id_cards
    )
    retiree.leave_date, retiree.status = date(2024, 6, 30), "退休"

    current = [
        p for p in roster.people if p.track == "contract" and p.leave_date is None
    ]
    current = [p for p in current if p.id_card != transferred.id_card]
    replaced: list[Person] = []
    for year in years:
        choices = [p for p in current if p not in replaced]
        for newcomer in rng.sample(choices, min(len(choices), scaled(3, people_scale))):
            replaced.append(newcomer)
            roster.rejuvenate(newcomer, rng.randint(22, 30))
            newcomer.start_date = random_date(rng, date(year, 2, 1), date(year, 11, 30))
            leaver = roster.hire(newcomer.post, "contract", rng.randint(25, 50))
            leaver.start_date = min(leaver.start_date, date(year - 1, 6, 1))
            leaver.leave_date = newcomer.start_date - timedelta(
                days=rng.randint(15, 45)
            )
            leaver.status = "离职"
            leaver.contract_end_date = date(year, 12, 31)

    for track, prefix in (("established", "Z"), ("contract", "W")):
        members = sorted(
            (p for p in roster.people if p.track == track),
            key=lambda p: (p.start_date, p.id_card),
        )
        width = max(3, len(str(len(members) + 1)))
        for number, person in enumerate(members, start=1):
            person.staff_no = f"{prefix}{number:0{width}d}"

    choose_top_group(rng, roster.people, people_scale)
    bad = make_bad_contract_person(rng, roster, window_post, region)
    return roster.people, posts, bad


def choose_top_group(
    rng: random.Random, people: list[Person], people_scale: float
) -> None:
    """Choose the clear top group of the quarterly rankings."""
    steady = [
        p
        for p in people
        if p.leave_date is None and p.start_date <= date(LAST_YEAR, 1, 1)
    ]
    for person in rng.sample(steady, min(len(steady), scaled(6, people_scale))):
        person.level = 96.0


def make_bad_contract_person(
    rng: random.Random, roster: Roster, post: dict, region: str
) -> Person:
    """Return a December hire whose identity card number has a wrong check digit."""
    person = Person(
        post=post,
        track="contract",
        name=make_name(rng, "女", roster.names),
        id_card="",
        gender="女",
        birth_date=date(2001, 5, 17),
        start_date=date(LAST_YEAR, 12, 1),
        agency=AGENCIES[0],
        contract_end_date=date(LAST_YEAR + 2, 11, 30),
        education="大专",
    )
    first = f"{region}{person.birth_date:%Y%m%d}{rng.randrange(100, 998, 2):03d}"
    right = id_check_character(first)
    person.id_card = (
        first + ID_CHECK_CHARACTERS[(ID_CHECK_CHARACTERS.index(right) + 3) % 11]
    )
    contract = [p for p in roster.people if p.track == "contract"]
    width = len(contract[0].staff_no) - 1
    person.staff_no = f"W{len(contract) + 1:0{width}d}"
    return person


def pick_low_performers(
    rng: random.Random, people: list[Person], people_scale: float
) -> list[Person]:
    """Choose the people who are last in the rankings of 2025 Q2 and Q3."""
    steady = [
        p
        for p in people
        if p.leave_date is None
        and p.start_date <= date(LAST_YEAR, 1, 1)
        and p.level < 96
    ]
    chosen: list[Person] = []
    for family in ("驾驶", "窗口服务", "资产"):
        options = [
            p for p in steady if p.post["post_family"] == family and p not in chosen
        ]
        count = scaled(1, people_scale)
        chosen.extend(rng.sample(options, min(count, len(options))))
    return chosen


def staff_rows(people: list[Person], bad: Person) -> tuple[list, list, dict]:
    """Return established rows, contract rows and the contract row with a bad ID."""
    established = [person_row(p) for p in people if p.track == "established"]
    contract = [person_row(p) for p in people if p.track == "contract"]
    established.sort(key=lambda row: row["staff_no"])
    contract.sort(key=lambda row: row["staff_no"])
    return established, contract, person_row(bad)


def person_row(person: Person) -> dict:
    """Return the roster row of one person, in the columns of their track's roster."""
    row = {
        "staff_no": person.staff_no,
        "name": person.name,
        "id_card": person.id_card,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "department": person.post["department"],
        "post_name": person.post["post_name"],
        "education": person.education,
        "status": person.status,
        "leave_date": person.leave_date,
    }
    if person.track == "established":
        return {**row, "work_start_date": person.start_date}
    return {
        **row,
        "hire_date": person.start_date,
        "agency": person.agency,
        "contract_end_date": person.contract_end_date,
    }


def post_rows(
    rng: random.Random, posts: list[dict], people: list[Person]
) -> list[dict]:
    """Return one row per post with its A-post holder and, for most, a B-post backup."""
    on_duty = [p for p in people if p.leave_date is None]
    rows = []
    for post in posts:
        holders = [p for p in on_duty if p.post is post]
        holders.sort(key=lambda p: (p.track != "established", p.staff_no))
        a_staff = holders[0].staff_no if holders else None
        b_staff = None
        if post["has_backup"]:
            others = [
                p
                for p in on_duty
                if p.post["department"] == post["department"] and p.post is not post
            ]
            others.sort(key=lambda p: (p.track != "established", p.staff_no))
            backups = others[:3] or holders[1:2]
            b_staff = rng.choice(backups).staff_no if backups else None
        rows.append(
            {
                "post_id": post["post_id"],
                "post_name": post["post_name"],
                "department": post["department"],
                "post_family": post["post_family"],
                "headcount_quota": post["headcount_quota"],
                "a_staff_no": a_staff,
                "b_staff_no": b_staff,
            }
        )
    return rows


def months_on_duty(person: Person, months: list[date]) -> list[date]:
    """Return the months in which `person` was on duty for at least a day."""
    return [m for m in months if is_on_duty(person, m, month_end(m))]


def payroll_rows(rng: random.Random, people: list[Person], months: list[date]) -> list:
    """Return monthly pay: 编制内 paid well above 编制外 on the same post."""
    rows = []
    for person in people:
        service = max(0, LAST_YEAR - person.start_date.year)
        if person.track == "established":
            base = 6600 + 55 * min(service, 30) + rng.uniform(0, 600)
            performance = rng.uniform(1500, 2500)
        else:
            base = 3600 + 35 * min(service, 12) + rng.uniform(0, 400)
            performance = rng.uniform(300, 800)
        if person.post["post_id"] in ("P01", "P08", "P19"):
            base += 900
        for month in months_on_duty(person, months):
            raise_factor = 1 + 0.02 * (month.year - 2022)
            rows.append(
                {
                    "staff_no": person.staff_no,
                    "month": month,
                    "gross_pay_yuan": round(
                        base * raise_factor + rng.uniform(-120, 120), 2
                    ),
                    "performance_pay_yuan": round(
                        performance * rng.uniform(0.9, 1.1), 2
                    ),
                }
            )
    return rows


def monthly_record_rows(
    rng: random.Random,
    people: list[Person],
    months: list[date],
    low_performers: list[Person],
) -> list[dict]:
    """Return 德能勤绩廉 scores per person and month, with a clear bottom and top."""
    dimensions = MONTHLY_SCORES
    low_months = (date(LAST_YEAR, 4, 1), date(LAST_YEAR, 9, 30))
    rows = []
    for person in people:
        is_low = person in low_performers
        for month in months_on_duty(person, months):
            if is_low and low_months[0] <= month <= low_months[1]:
                scores = [rng.uniform(66, 73) for _ in dimensions]
                remark = rng.choice(
                    ("服务对象投诉，工作拖沓", "多次迟到，任务完成不及时")
                )
            else:
                scores = [
                    min(98.0, max(80.0, person.level + rng.uniform(-4, 4)))
                    for _ in dimensions
                ]
                remark = (
                    "承担急难险重任务"
                    if person.level >= 96 and rng.random() < 0.2
                    else None
                )
            row = {"staff_no": person.staff_no, "month": month, "remark": remark}
            row.update(
                {
                    name: round(score * 2) / 2
                    for name, score in zip(dimensions, scores, strict=True)
                }
            )
            rows.append(row)
    return rows


def training_rows(rng: random.Random, people: list[Person], years: list[int]) -> list:
    """Return 青蓝工程, 技能比武, 导师带徒 and 数字化应用能力培训 records."""
    rows = []
    for year in years:
        rows.extend(digital_training(rng, people, year))
        rows.extend(skills_contest(rng, people, year))
        if year >= 2023:
            rows.extend(blue_and_green(rng, people, year))
    for person in people:
        if person.track == "contract" and person.start_date.year >= years[0]:
            options = mentors(people, person.start_date, person.post["department"])
            if options:
                end = person.start_date + timedelta(days=180)
                result = "出师" if end <= AS_OF_DATE else "在带"
                mentor = rng.choice(options).staff_no
                rows.append(
                    training(
                        person, "导师带徒", person.start_date, end, 60, result, mentor
                    )
                )
    rows.sort(key=lambda row: (row["start_date"], row["program"], row["staff_no"]))
    return rows


def training(
    person: Person,
    program: str,
    start: date,
    end: date,
    hours: float,
    result: str,
    mentor: str | None = None,
) -> dict:
    """Return one training record."""
    return {
        "staff_no": person.staff_no,
        "program": program,
        "start_date": start,
        "end_date": end,
        "hours": float(hours),
        "result": result,
        "mentor_staff_no": mentor,
    }


def on_duty_on(people: list[Person], day: date) -> list[Person]:
    """Return the people on duty on `day`."""
    return [person for person in people if is_on_duty(person, day, day)]


def mentors(people: list[Person], day: date, department: str) -> list[Person]:
    """Return senior established staff who can mentor, from `department` if any."""
    seniors = [
        p
        for p in on_duty_on(people, day)
        if p.track == "established" and LAST_YEAR - p.birth_date.year >= 42
    ]
    return [p for p in seniors if p.post["department"] == department] or seniors


def digital_training(rng: random.Random, people: list[Person], year: int) -> list:
    """Return a third of the staff on a five-day 数字化应用能力培训 in May."""
    start = date(year, 5, rng.randint(8, 20))
    group = on_duty_on(people, start)
    chosen = rng.sample(group, min(len(group), max(1, len(group) // 3)))
    end = start + timedelta(days=4)
    rows = []
    for person in chosen:
        hours = rng.choice((16, 24, 32))
        result = rng.choice(("合格", "合格", "优秀"))
        rows.append(training(person, "数字化应用能力培训", start, end, hours, result))
    return rows


def skills_contest(rng: random.Random, people: list[Person], year: int) -> list:
    """Return the yearly 技能比武 of drivers and repair staff, with its prizes."""
    day = date(year, 9, rng.randint(10, 25))
    contest_posts = ("P10", "P11", "P18", "P25")
    contestants = [
        p for p in on_duty_on(people, day) if p.post["post_id"] in contest_posts
    ]
    rng.shuffle(contestants)
    prizes = ("一等奖", "二等奖", "二等奖", "三等奖", "三等奖", "三等奖")
    return [
        training(
            p, "技能比武", day, day, 8, prizes[rank] if rank < len(prizes) else "参赛"
        )
        for rank, p in enumerate(contestants)
    ]


def blue_and_green(rng: random.Random, people: list[Person], year: int) -> list:
    """Return the year's 青蓝工程 pairs: young staff, each with a senior mentor."""
    start = date(year, 3, 1)
    young = [
        p for p in on_duty_on(people, start) if LAST_YEAR - p.birth_date.year <= 35
    ]
    rows = []
    for person in rng.sample(young, min(len(young), max(1, len(people) // 16))):
        options = mentors(people, start, person.post["department"])
        if options:
            result = rng.choice(("结业", "结业", "优秀学员"))
            mentor = rng.choice(options).staff_no
            end = date(year, 12, 31)
            rows.append(training(person, "青蓝工程", start, end, 48, result, mentor))
    return rows


def review_rows(
    rng: random.Random,
    people: list[Person],
    years: list[int],
    people_scale: float,
    low_performers: list[Person],
) -> list[dict]:
    """Return 好差评 reviews handled by window staff, about 96% satisfied."""
    window = [p for p in people if p.post["post_family"] == "窗口服务"]
    staff_by_day: dict[date, list[Person]] = {}
    ratings = (
        ("非常满意", 800),
        ("满意", 165),
        ("基本满意", 24),
        ("不满意", 8),
        ("非常不满意", 3),
    )
    rows = []
    for year in years:
        days = working_days(year)
        for _ in range(scaled(750, people_scale) + rng.randint(-20, 20)):
            day = rng.choice(days)
            if day not in staff_by_day:
                staff_by_day[day] = [p for p in window if is_on_duty(p, day, day)]
            staff = staff_by_day[day]
            if not staff:
                continue
            handler = rng.choice(staff)
            reviewed = at_minute(day, rng.randint(8 * 60 + 30, 17 * 60 + 30))
            rating = weighted_choice(rng, ratings)
            if (
                handler in low_performers
                and reviewed.year == LAST_YEAR
                and rng.random() < 0.05
            ):
                rating = "不满意"
            rows.append(
                {
                    "reviewed_at": reviewed,
                    "handler_staff_no": handler.staff_no,
                    "item_name": rng.choice(REVIEW_ITEMS),
                    "rating": rating,
                    "channel": rng.choice(REVIEW_CHANNELS),
                    "comment": review_comment(rng, rating),
                    "rectified_at": rectified_at(rng, rating, reviewed),
                }
            )
    unknown = at_minute(date(max(years[0], LAST_YEAR - 1), 5, 22), 10 * 60 + 5)
    rows.append({**rows[-1], **review(unknown, UNKNOWN_HANDLER, "满意")})
    rows.sort(key=lambda row: (row["reviewed_at"], row["handler_staff_no"]))
    per_day: dict[date, int] = {}
    for row in rows:
        day = row["reviewed_at"].date()
        per_day[day] = per_day.get(day, 0) + 1
        row["review_id"] = f"HCP{day:%Y%m%d}{per_day[day]:03d}"
    return rows


def review_comment(rng: random.Random, rating: str) -> str | None:
    """Return what the person wrote with their rating, if anything."""
    if rating in ("不满意", "非常不满意"):
        return rng.choice(BAD_COMMENTS)
    return rng.choice(("服务热情", "办理高效")) if rng.random() < 0.2 else None


def rectified_at(
    rng: random.Random, rating: str, reviewed: datetime
) -> datetime | None:
    """Return when a bad review was rectified: mostly in time, some late, some never."""
    if rating not in ("不满意", "非常不满意"):
        return None
    draw = rng.random()
    if draw < 0.1:
        return None
    days = rng.randint(1, 14) if draw < 0.8 else rng.randint(17, 45)
    moment = reviewed + timedelta(days=days, minutes=rng.randint(30, 300))
    return moment if moment.date() <= AS_OF_DATE else None


def building_rows(rng: random.Random, buildings_scale: float) -> list[dict]:
    """Return the 30 buildings of the 2025 registration task with their stages."""
    count = scaled(len(BUILDINGS), buildings_scale)
    order = list(range(count))
    rng.shuffle(order)
    registered_dates = sorted(
        random_date(rng, date(2025, 3, 10), date(2025, 12, 20)) for _ in range(count)
    )
    other_stage_dates = {
        "排查": date(2025, 11, 18),
        "诊断": date(2025, 6, 12),
        "处置": date(2025, 9, 23),
    }
    stuck_dates = [date(2025, 1, 20), date(2025, 2, 26)]
    rows = []
    for position, index in enumerate(order):
        name, town, area, stage, user_unit = BUILDINGS[index % len(BUILDINGS)]
        if index >= len(BUILDINGS):
            name = f"{name}（{index // len(BUILDINGS) + 1}号楼）"
        lat, lon = TOWNS[town]
        spread = 0.04 if town == "上都镇" else 0.01
        deducted = stage == "核减"
        row = {
            "building_id": f"B{position + 1:03d}",
            "building_name": name,
            "address": f"{town}{rng.choice(STREETS)}{rng.randint(1, 120)}号",
            "latitude": round(lat + rng.uniform(-spread, spread) * 0.6, 6),
            "longitude": round(lon + rng.uniform(-spread, spread), 6),
            "floor_area_m2": float(area),
            "built_year": rng.randint(1975, 1996)
            if deducted
            else rng.randint(1988, 2015),
            "user_unit": user_unit,
            "task_year": LAST_YEAR,
            "stage": stage,
            "stage_since_date": None,
            "certificate_no": None,
            "certificate_date": None,
            "deduction_reason": None,
            "deduction_approval_no": None,
            "occupant_count": max(3, int(area / rng.uniform(22, 40))),
        }
        if stage == "已登记":
            issued = registered_dates[position]
            row["certificate_no"] = (
                f"蒙(2025)正蓝旗不动产权第{rng.randint(1000, 9999999):07d}号"
            )
            row["certificate_date"] = issued
            row["stage_since_date"] = issued
        elif deducted:
            row["deduction_reason"] = rng.choice(DEDUCTION_REASONS)
            prefix = rng.choice(("内机管发", "锡署办发", "正政字"))
            row["deduction_approval_no"] = f"{prefix}〔2025〕{rng.randint(3, 48)}号"
            row["stage_since_date"] = random_date(
                rng, date(2025, 4, 8), date(2025, 8, 29)
            )
        elif stage == "协调":
            row["stage_since_date"] = stuck_dates[index % 2]
        else:
            row["stage_since_date"] = other_stage_dates[stage] + timedelta(
                days=index % 20
            )
        rows.append(row)
    rows.sort(key=lambda row: row["building_id"])
    return rows


def property_issue_rows(rng: random.Random, buildings: list[dict]) -> list[dict]:
    """Return the problem list: most closed, about 8 open, a few open for 90+ days."""
    rows = []
    for index, building in enumerate(buildings):
        stage = building["stage"]
        if stage in ("核减", "已登记"):
            closed_on = building["stage_since_date"] - timedelta(
                days=rng.randint(3, 25)
            )
            for _ in range(1 + (index % (3 if stage == "核减" else 2) == 0)):
                category, lead = rng.choice(PROBLEMS[stage])
                found = random_date(rng, date(2024, 11, 5), date(2025, 3, 31))
                found = min(found, closed_on - timedelta(days=10))
                rows.append(problem(building, category, lead, found, closed_on))
            continue
        if stage == "协调":
            for category, lead in rng.sample(PROBLEMS["open"], 2):
                found = random_date(rng, date(2025, 1, 8), date(2025, 3, 20))
                rows.append(problem(building, category, lead, found, None))
        elif stage == "处置":
            category, lead = rng.choice(PROBLEMS["open"])
            found = random_date(rng, date(2025, 2, 10), date(2025, 5, 30))
            rows.append(
                problem(building, category, lead, found, found + timedelta(days=75))
            )
            category, lead = rng.choice(PROBLEMS["open"])
            found = random_date(rng, date(2025, 10, 8), date(2025, 11, 20))
            rows.append(problem(building, category, lead, found, None))
        else:
            category, lead = rng.choice(PROBLEMS["open"])
            found = random_date(rng, date(2025, 10, 15), date(2025, 12, 22))
            rows.append(problem(building, category, lead, found, None))
    rows.sort(key=lambda row: (row["found_date"], row["building_id"]))
    for number, row in enumerate(rows, start=1):
        row["issue_id"] = f"WT{row['found_date'].year}{number:03d}"
    return rows


def problem(
    building: dict, category: str, lead: str, found: date, resolved: date | None
) -> dict:
    """Return one row of the problem list."""
    return {
        "building_id": building["building_id"],
        "category": category,
        "found_date": found,
        "lead_department": lead,
        "resolved_date": resolved,
        "description": PROBLEM_NOTES[category],
    }


def energy_rows(
    rng: random.Random, buildings: list[dict], years: list[int], baseline: int = 2022
) -> list[dict]:
    """Return monthly electricity, gas and heat of a dozen buildings, below baseline."""
    metered = [b for b in buildings if b["stage"] != "核减"] or buildings
    metered = metered[: max(1, round(12 * len(buildings) / len(BUILDINGS)))]
    above = {b["building_id"] for b in rng.sample(metered, min(2, len(metered)))}
    rows = []
    for index, building in enumerate(metered):
        area = building["floor_area_m2"]
        power = area * rng.uniform(2.5, 4.5)
        heat = area * rng.uniform(0.04, 0.06)
        gas = rng.uniform(300, 900) if index % 3 == 0 else 0.0
        factors = {}
        for year in years:
            if year < baseline:
                factors[year] = rng.uniform(1.0, 1.04)
            elif year == baseline:
                factors[year] = 1.0
            elif year == LAST_YEAR and building["building_id"] in above:
                factors[year] = rng.uniform(1.03, 1.07)
            else:
                factors[year] = rng.uniform(0.92, 0.97) - 0.01 * (year - baseline - 1)
        for month in month_starts(years):
            factor = factors[month.year]
            season = 1.15 if month.month in (1, 2, 11, 12) else 1.0
            quantities = [
                ("电", round(power * season * factor * rng.uniform(0.97, 1.03)))
            ]
            heating = {1: 1.0, 2: 1.0, 3: 0.8, 4: 0.4, 10: 0.4, 11: 0.9, 12: 1.0}
            if month.month in heating:
                amount = heat * heating[month.month] * factor * rng.uniform(0.97, 1.03)
                quantities.append(("热力", round(amount, 2)))
            if gas:
                quantities.append(
                    ("天然气", round(gas * factor * rng.uniform(0.95, 1.05), 1))
                )
            for energy_type, quantity in quantities:
                rows.append(
                    {
                        "building_id": building["building_id"],
                        "month": month,
                        "energy_type": energy_type,
                        "quantity": float(quantity),
                        "unit": {"电": "kWh", "热力": "GJ", "天然气": "m³"}[
                            energy_type
                        ],
                    }
                )
    rows.sort(key=lambda row: (row["month"], row["building_id"], row["energy_type"]))
    return rows


def target_rows(buildings: list[dict], years: list[int]) -> list[dict]:
    """Return the annual targets, metrics named in Chinese or by code."""
    task = [b for b in buildings if b["stage"] != "核减"]
    area = round(sum(b["floor_area_m2"] for b in task) / 10000, 4)
    rows = [
        target(LAST_YEAR, "权属登记面积", area, "万㎡"),
        target(LAST_YEAR, "registration_count", len(task), "处"),
    ]
    utilisation = {2022: 0.5, 2023: 0.575, 2024: 0.58, 2025: 0.6}
    for year in years:
        metric = "公车利用率" if year % 2 else "fleet_utilisation_ratio"
        rows.append(target(year, metric, utilisation.get(year, 0.5)))
        rows.append(target(year, "fulfilment_ratio", 1.0))
        rows.append(target(year, "好评率", 0.95))
        if year > 2022:
            metric = "能耗下降率" if year == LAST_YEAR else "energy_reduction_ratio"
            rows.append(target(year, metric, 0.05))
    return rows


def target(year: int, metric: str, value: float, unit: str | None = None) -> dict:
    """Return one row of the annual targets."""
    return {"year": year, "metric": metric, "target_value": value, "unit": unit}


def build_vehicles(rng: random.Random, vehicles_scale: float, years: list[int]) -> list:
    """Return the fleet: two disposals, one 2023 purchase and one car in repair."""
    count = scaled(25, vehicles_scale)
    plates: set[str] = {UNKNOWN_PLATE}
    rows = []
    for index in range(count):
        role = index % 25
        model = VEHICLE_MODELS[rng.randrange(len(VEHICLE_MODELS))]
        purchase = random_date(rng, date(2012, 1, 1), date(2021, 12, 31))
        status, disposal = "在用", None
        if role == 0:
            purchase = random_date(rng, date(2009, 3, 1), date(2010, 12, 31))
            status, disposal = "已处置", date(2023, 3, 31)
        elif role == 1:
            purchase = random_date(rng, date(2011, 1, 1), date(2011, 12, 31))
            status, disposal = "已处置", date(2025, 9, 30)
        elif role == 2:
            status = "维修"
        elif role == 24 or (count < 25 and index == count - 1 and count > 3):
            model = ("轿车", 5, "纯电动", 0.0)
            purchase = date(2023, 6, 15) + timedelta(days=index // 25)
        while True:
            if model[2] == "纯电动":
                plate = f"蒙HD{rng.randint(10000, 99999)}"
            else:
                plate = f"蒙H{rng.choice('ABCEFGKLMN')}{rng.randint(1000, 9999)}"
            if plate not in plates:
                plates.add(plate)
                break
        rows.append(
            {
                "plate": plate,
                "vehicle_type": model[0],
                "user_unit": "旗机关事务服务中心" if index % 5 else "旗委办公室",
                "purchase_date": purchase,
                "seat_count": model[1],
                "fuel_type": model[2],
                "status": status,
                "disposal_date": disposal,
                "_consumption": model[3],
            }
        )
    return rows


def is_alive(vehicle: dict, day: date) -> bool:
    """Tell whether a vehicle had been bought and not yet disposed of on `day`."""
    disposal = vehicle["disposal_date"]
    return vehicle["purchase_date"] <= day and (disposal is None or day < disposal)


def plan_repairs(
    rng: random.Random, vehicle: dict, year: int, alive: list[date], busy: set[date]
) -> list[tuple[date, int, str]]:
    """Return the repair and inspection visits of one vehicle in one year."""
    visits = []
    kinds = []
    if rng.random() < 0.5:
        kinds.append(("保养", 1))
    if LAST_YEAR - vehicle["purchase_date"].year >= 6 and rng.random() < 0.5:
        kinds.append(("年检", 1))
    if rng.random() < 0.25:
        kinds.append((rng.choice(("维修", "维修保养")), rng.randint(2, 3)))
    for purpose, length in kinds:
        for _ in range(20):
            if not alive:
                break
            start = rng.choice(alive)
            span = [start + timedelta(days=offset) for offset in range(length)]
            if span[-1].year != year or not is_alive(vehicle, span[-1]):
                continue
            if any(day in busy for day in span):
                continue
            busy.update(span)
            visits.append((start, length, purpose))
            break
    return visits


def year_ratio(year: int) -> float:
    """Return the fleet utilisation the demo aims at in `year`, 2022 and 2023 aside."""
    return {2024: 0.58, 2025: 0.60}.get(year, 0.47 + 0.005 * (year % 5))


def build_trips(
    rng: random.Random, vehicles: list[dict], years: list[int]
) -> tuple[list[dict], list[tuple[str, dict]]]:
    """Return trips whose utilisation and fulfilment match the case, and bad trips."""
    busy = {vehicle["plate"]: set() for vehicle in vehicles}
    available: dict[tuple[str, int], list[date]] = {}
    trips: list[dict] = []
    for vehicle in vehicles:
        for year in years:
            alive = [day for day in working_days(year) if is_alive(vehicle, day)]
            visits = plan_repairs(rng, vehicle, year, alive, busy[vehicle["plate"]])
            for start, length, purpose in visits:
                trips.append(repair_trip(rng, vehicle, start, length, purpose))
            plate_busy = busy[vehicle["plate"]]
            available[(vehicle["plate"], year)] = [
                d for d in alive if d not in plate_busy
            ]

    totals = {}
    for year in years:
        totals[year] = sum(len(available[(v["plate"], year)]) for v in vehicles)
    targets = {year: round(year_ratio(year) * totals[year]) for year in years}
    if 2022 in totals and 2023 in totals and totals[2022] and totals[2023]:
        targets[2022], targets[2023] = calibrate_growth(
            totals[2022], totals[2023], 0.5, 0.15
        )

    intensity = {}
    for index, vehicle in enumerate(vehicles):
        role = index % 25
        if role in (7, 19):
            intensity[vehicle["plate"]] = rng.uniform(0.15, 0.25)
        elif role in (4, 13):
            intensity[vehicle["plate"]] = rng.uniform(0.86, 0.93)
        else:
            intensity[vehicle["plate"]] = rng.uniform(0.45, 0.72)

    for year in years:
        caps = [len(available[(v["plate"], year)]) for v in vehicles]
        weights = [
            intensity[v["plate"]] * cap for v, cap in zip(vehicles, caps, strict=True)
        ]
        for vehicle, used in zip(
            vehicles, allocate(targets[year], weights, caps), strict=True
        ):
            days = sorted(rng.sample(available[(vehicle["plate"], year)], used))
            trips.extend(day_trips(rng, vehicle, days, busy[vehicle["plate"]]))
            trips.extend(off_day_trips(rng, vehicle, year, busy[vehicle["plate"]]))
            trips.extend(cancelled_trips(rng, vehicle, year, max(1, used // 40)))
        if year < LAST_YEAR:
            refused = targets[year] // (55 + 17 * (year % 3))
            trips.extend(rejected_trips(rng, year, max(1, refused)))
    trips.extend(unknown_plate_trips(years))
    number_trips(trips)
    set_odometers(rng, vehicles, trips)
    return trips, bad_trips(vehicles, years)


def base_trip(vehicle: dict | None, purpose: str, destination: str) -> dict:
    """Return a trip with nothing but its vehicle, purpose and destination."""
    return {
        "trip_id": None,
        "plate": vehicle["plate"] if vehicle else None,
        "driver_staff_no": None,
        "requesting_unit": "旗机关事务服务中心",
        "requested_at": None,
        "dispatched_at": None,
        "departed_at": None,
        "returned_at": None,
        "odometer_start_km": None,
        "odometer_end_km": None,
        "beidou_km": None,
        "destination": destination,
        "purpose": purpose,
        "status": "已完成",
        "fuel_cost_yuan": None,
        "toll_yuan": None,
        "_distance": 0,
    }


def schedule(
    rng: random.Random, trip: dict, departed: datetime, returned: datetime
) -> None:
    """Set departure and return, and a request and dispatch shortly before departure."""
    slow = departed.hour >= 10 and rng.random() < 0.03
    response = rng.randint(61, 150) if slow else rng.randint(5, 40)
    requested = departed - timedelta(minutes=response + rng.randint(5, 45))
    trip["requested_at"] = requested
    trip["dispatched_at"] = requested + timedelta(minutes=response)
    trip["departed_at"] = departed
    trip["returned_at"] = returned


def repair_trip(
    rng: random.Random, vehicle: dict, start: date, length: int, purpose: str
) -> dict:
    """Return a visit to the garage or the inspection station."""
    place = "正蓝旗机动车检测站" if purpose == "年检" else "上都镇汽车维修厂"
    trip = base_trip(vehicle, purpose, place)
    departed = at_minute(start, rng.randint(8 * 60 + 30, 9 * 60 + 30))
    end = start + timedelta(days=length - 1)
    schedule(rng, trip, departed, at_minute(end, rng.randint(15 * 60, 17 * 60 + 30)))
    trip["_distance"] = rng.randint(40, 140)
    return trip


def travel_trip(
    rng: random.Random,
    vehicle: dict,
    day: date,
    window: tuple[int, int],
    latest: int,
    places: tuple[tuple[str, float], ...] = NEAR_PLACES,
) -> dict:
    """Return a same-day trip departing within `window` and back before `latest`."""
    destination = weighted_choice(rng, places)
    one_way = PLACES[destination][2]
    drive = int(one_way / 55 * 60 * 2)
    depart = rng.randint(*window)
    stay = rng.randint(30, 200)
    stay = max(15, min(stay, latest - depart - drive))
    trip = base_trip(vehicle, weighted_choice(rng, PURPOSES), destination)
    trip["requesting_unit"] = rng.choice(REQUESTING_UNITS)
    schedule(rng, trip, at_minute(day, depart), at_minute(day, depart + drive + stay))
    local = rng.randint(20, 80) if destination == "上都镇" else rng.randint(2, 15) * 10
    trip["_distance"] = int(one_way * 2 * 10 * rng.uniform(0.97, 1.08)) + local
    return trip


def overnight_trip(rng: random.Random, vehicle: dict, day: date) -> dict:
    """Return a trip that leaves on `day` and comes back the next afternoon."""
    destination = weighted_choice(rng, OVERNIGHT_PLACES)
    trip = base_trip(
        vehicle, rng.choice(("会议保障", "公务接待", "督查检查")), destination
    )
    trip["requesting_unit"] = rng.choice(REQUESTING_UNITS)
    departed = at_minute(day, rng.randint(7 * 60 + 30, 9 * 60 + 30))
    returned = at_minute(day + timedelta(days=1), rng.randint(13 * 60, 18 * 60))
    schedule(rng, trip, departed, returned)
    one_way = PLACES[destination][2]
    trip["_distance"] = int(one_way * 2 * 10 * rng.uniform(0.98, 1.05)) + rng.randint(
        80, 300
    )
    if destination == "锡林浩特市":
        trip["toll_yuan"] = float(2 * rng.choice((35, 40, 45)))
    return trip


def day_trips(
    rng: random.Random, vehicle: dict, days: list[date], busy: set[date]
) -> list[dict]:
    """Return completed trips covering exactly the chosen working days of a vehicle."""
    chosen = set(days)
    trips = []
    index = 0
    while index < len(days):
        day = days[index]
        following = day + timedelta(days=1)
        spare = following.year == day.year and is_alive(vehicle, following)
        spare = spare and following not in busy
        if spare and following in chosen and rng.random() < 0.08:
            trips.append(overnight_trip(rng, vehicle, day))
            busy.update((day, following))
            index += 2
            continue
        off = following not in working_day_set(following.year)
        if spare and off and rng.random() < 0.05:
            trips.append(overnight_trip(rng, vehicle, day))
            busy.update((day, following))
            index += 1
            continue
        busy.add(day)
        if rng.random() < 0.15:
            morning = travel_trip(
                rng, vehicle, day, (7 * 60 + 40, 9 * 60), 12 * 60 + 30
            )
            afternoon = travel_trip(rng, vehicle, day, (14 * 60, 15 * 60), 18 * 60 + 30)
            trips.extend((morning, afternoon))
        else:
            trips.append(
                travel_trip(rng, vehicle, day, (7 * 60 + 30, 10 * 60 + 30), 19 * 60)
            )
        index += 1
    return trips


def off_day_trips(
    rng: random.Random, vehicle: dict, year: int, busy: set[date]
) -> list:
    """Return emergency trips on weekends and holidays, which are not working days."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    trips = []
    for _ in range(rng.randint(0, 2)):
        day = random_date(rng, first, last)
        if day in working_day_set(year) or day in busy or not is_alive(vehicle, day):
            continue
        busy.add(day)
        trip = travel_trip(rng, vehicle, day, (9 * 60, 16 * 60), 21 * 60)
        trip["purpose"] = "应急保障"
        trip["requesting_unit"] = "旗应急管理局"
        trips.append(trip)
    return trips


def cancelled_trips(rng: random.Random, vehicle: dict, year: int, count: int) -> list:
    """Return requests the requester cancelled, some after a car was dispatched."""
    days = [day for day in working_days(year) if is_alive(vehicle, day)]
    trips = []
    for _ in range(count if days else 0):
        trip = base_trip(
            vehicle, weighted_choice(rng, PURPOSES), weighted_choice(rng, NEAR_PLACES)
        )
        trip["requesting_unit"] = rng.choice(REQUESTING_UNITS)
        trip["status"] = "申请人取消"
        trip["requested_at"] = at_minute(rng.choice(days), rng.randint(8 * 60, 16 * 60))
        if rng.random() < 0.5:
            trip["dispatched_at"] = trip["requested_at"] + timedelta(
                minutes=rng.randint(5, 30)
            )
        else:
            trip["plate"] = None
        trips.append(trip)
    return trips


def rejected_trips(rng: random.Random, year: int, count: int) -> list[dict]:
    """Return requests refused because no car was free (none in the last year)."""
    days = working_days(year)
    trips = []
    for _ in range(count):
        trip = base_trip(
            None, weighted_choice(rng, PURPOSES), weighted_choice(rng, NEAR_PLACES)
        )
        trip["requesting_unit"] = rng.choice(REQUESTING_UNITS)
        trip["status"] = "已驳回"
        trip["requested_at"] = at_minute(rng.choice(days), rng.randint(7 * 60, 17 * 60))
        trips.append(trip)
    return trips


def unknown_plate_trips(years: list[int]) -> list[dict]:
    """Return two trips whose plate is not in the vehicle register."""
    day = date(max(years[0], LAST_YEAR - 1), 5, 14)
    done = base_trip(None, "下乡调研", "多伦县")
    done.update(
        plate=UNKNOWN_PLATE,
        requested_at=at_minute(day, 7 * 60 + 50),
        dispatched_at=at_minute(day, 8 * 60 + 5),
        departed_at=at_minute(day, 8 * 60 + 30),
        returned_at=at_minute(day, 15 * 60 + 10),
        odometer_start_km=85210.4,
        odometer_end_km=85312.9,
        beidou_km=101.6,
        fuel_cost_yuan=78.5,
        requesting_unit="旗农牧和科技局",
    )
    cancelled = base_trip(None, "会议保障", "上都镇")
    cancelled.update(
        plate=UNKNOWN_PLATE,
        status="申请人取消",
        requested_at=datetime(LAST_YEAR, 7, 8, 9, 20),
        dispatched_at=datetime(LAST_YEAR, 7, 8, 9, 32),
        requesting_unit="旗政协办公室",
    )
    return [done, cancelled]


def number_trips(trips: list[dict]) -> None:
    """Sort trips by request time and give them numbers like PC202503010001."""
    trips.sort(key=lambda t: (t["requested_at"], t["plate"] or "", t["purpose"]))
    per_day: dict[date, int] = {}
    for trip in trips:
        day = trip["requested_at"].date()
        per_day[day] = per_day.get(day, 0) + 1
        trip["trip_id"] = f"PC{day:%Y%m%d}{per_day[day]:04d}"


def set_odometers(rng: random.Random, vehicles: list[dict], trips: list[dict]) -> None:
    """Chain odometer readings per vehicle and set BeiDou distance and costs."""
    by_plate: dict[str, list[dict]] = {}
    for trip in trips:
        if trip["status"] == "已完成" and trip["departed_at"] and trip["_distance"]:
            by_plate.setdefault(trip["plate"], []).append(trip)
    for vehicle in vehicles:
        plate_trips = sorted(
            by_plate.get(vehicle["plate"], []), key=lambda t: t["departed_at"]
        )
        if not plate_trips:
            continue
        first_day = plate_trips[0]["departed_at"].date()
        years_used = max(0, (first_day - vehicle["purchase_date"]).days) / 365
        reading = int(years_used * rng.randint(12000, 22000) * 10) + rng.randint(
            50, 600
        )
        for trip in plate_trips:
            distance = trip["_distance"]
            trip["odometer_start_km"] = reading / 10
            reading += distance
            trip["odometer_end_km"] = reading / 10
            if distance > 300 and rng.random() < 0.012:
                beidou = distance * rng.choice(
                    (rng.uniform(0.5, 0.7), rng.uniform(1.3, 1.5))
                )
            else:
                beidou = distance * rng.uniform(0.97, 1.03)
            trip["beidou_km"] = round(beidou) / 10
            trip["fuel_cost_yuan"] = fuel_cost(vehicle, trip, distance / 10)


def fuel_cost(vehicle: dict, trip: dict, kilometres: float) -> float:
    """Return the fuel (or charging) cost of a trip in yuan."""
    if vehicle["fuel_type"] == "纯电动":
        return round(kilometres * 0.16 * 0.55, 2)
    price = FUEL_PRICES.get(trip["departed_at"].year, 8.0)
    if vehicle["fuel_type"] == "柴油":
        price -= 0.4
    return round(kilometres * vehicle["_consumption"] / 100 * price, 2)


def bad_trips(vehicles: list[dict], years: list[int]) -> list[tuple[str, dict]]:
    """Return trips the build must reject, one per kind of fault, in mid-month."""
    plate = vehicles[min(3, len(vehicles) - 1)]["plate"]
    faults = (
        ("negative toll", (11, 16), {"toll_yuan": -35.0}),
        ("odometer end below start", (5, 17), {"odometer_end_km": 123356.0}),
        ("returned before departure", (8, 14), {"returned_at": 6 * 60 + 30}),
        ("status not in the list", (6, 18), {"status": "作废"}),
    )
    trips = []
    for number, (fault, (month, day_of_month), change) in enumerate(faults):
        day = date(years[max(0, len(years) - 4 + number)], month, day_of_month)
        trip = base_trip(None, "下乡调研", "桑根达来镇")
        del trip["_distance"]
        trip.update(
            trip_id=f"PC{day:%Y%m%d}{901 + number:04d}",
            plate=plate,
            requesting_unit="旗农牧和科技局",
            requested_at=at_minute(day, 8 * 60),
            dispatched_at=at_minute(day, 8 * 60 + 12),
            departed_at=at_minute(day, 8 * 60 + 40),
            returned_at=at_minute(day, 14 * 60 + 5),
            odometer_start_km=123456.0,
            odometer_end_km=123558.0,
            beidou_km=101.2,
            fuel_cost_yuan=82.4,
        )
        if "returned_at" in change:
            change = {"returned_at": at_minute(day, change["returned_at"])}
        trip.update(change)
        trips.append((fault, trip))
    return trips


def assign_drivers(rng: random.Random, trips: list[dict], people: list[Person]) -> None:
    """Give each dispatched trip a driver on duty that day, one per car and day."""
    drivers = [p for p in people if p.post["post_family"] == "驾驶"]
    by_day: dict[date, list[dict]] = {}
    for trip in trips:
        if trip["plate"] and trip["dispatched_at"]:
            moment = trip["departed_at"] or trip["dispatched_at"]
            by_day.setdefault(moment.date(), []).append(trip)
    for day in sorted(by_day):
        on_duty = [p for p in drivers if is_on_duty(p, day, day)] or drivers
        rng.shuffle(on_duty)
        chosen: dict[str, Person] = {}
        for trip in by_day[day]:
            if trip["plate"] not in chosen:
                chosen[trip["plate"]] = on_duty[len(chosen) % len(on_duty)]
            trip["driver_staff_no"] = chosen[trip["plate"]].staff_no


def gps_trips(trips: list[dict], plates: set[str]) -> list[tuple]:
    """Return the completed, non-repair trips of known vehicles as GPS inputs."""
    return [
        (t["plate"], t["departed_at"], t["returned_at"], t["destination"])
        for t in trips
        if t["status"] == "已完成"
        and t["plate"] in plates
        and t["purpose"] not in REPAIR_PURPOSES
        and t["departed_at"] is not None
    ]


def build_center(scale: DemoScale, center_index: int, seed: int) -> CenterData:
    """Generate every source of one center from its own seed."""
    rng = random.Random(seed)
    names = ("people", "pay", "records", "training", "reviews", "buildings", "issues")
    names += ("energy", "fleet", "drivers")
    streams = {name: random.Random(rng.getrandbits(64)) for name in names}
    years = demo_years(scale)
    months = month_starts(years)
    region = REGION_CODES[center_index % len(REGION_CODES)]

    people, posts, bad_person = build_people(
        streams["people"], scale.people, region, years
    )
    low = pick_low_performers(streams["records"], people, scale.people)
    established, contract, bad_contract = staff_rows(people, bad_person)
    buildings = building_rows(streams["buildings"], scale.buildings)
    vehicles = build_vehicles(streams["fleet"], scale.vehicles, years)
    trips, faulty_trips = build_trips(streams["fleet"], vehicles, years)
    assign_drivers(
        streams["drivers"], trips + [trip for _, trip in faulty_trips], people
    )
    plates = {vehicle["plate"] for vehicle in vehicles}
    reviews = review_rows(streams["reviews"], people, years, scale.people, low)
    rows = {
        "staff_established": established,
        "staff_contract": contract,
        "posts": post_rows(streams["people"], posts, people),
        "payroll": payroll_rows(streams["pay"], people, months),
        "monthly_records": monthly_record_rows(streams["records"], people, months, low),
        "training": training_rows(streams["training"], people, years),
        "service_reviews": reviews,
        "vehicles": vehicles,
        "trips": trips,
        "gps_points": [],
        "energy_readings": energy_rows(streams["energy"], buildings, years),
        "buildings": buildings,
        "property_issues": property_issue_rows(streams["issues"], buildings),
        "targets": target_rows(buildings, years),
    }
    data = CenterData(
        center_id=center_ids(center_index + 1)[-1],
        rows=rows,
        rejected=bad_rows(rows, people, bad_contract, faulty_trips, years),
        gps_trips=gps_trips(trips, plates),
    )
    finish_rows(data)
    return data


def bad_rows(
    rows: dict[str, list[dict]],
    people: list[Person],
    bad_contract: dict,
    faulty_trips: list[tuple[str, dict]],
    years: list[int],
) -> dict[str, list[tuple[str, dict]]]:
    """Return, per source, the rows the build must reject, each with its fault."""
    handler = rows["service_reviews"][0]["handler_staff_no"]
    first_program = rows["training"][0]
    metered = rows["energy_readings"][0]["building_id"]
    rejected = {
        "staff_contract": [("identity card check digit", bad_contract)],
        "trips": faulty_trips,
        "service_reviews": [
            (
                "date in the future",
                review(datetime(2027, 3, 15, 10, 20), handler, "满意"),
            ),
            (
                "rating not in the list",
                review(datetime(2025, 6, 12, 15, 42), handler, "较满意"),
            ),
        ],
        "training": [
            (
                "end before start",
                {
                    **first_program,
                    "program": "数字化应用能力培训",
                    "start_date": date(years[-1], 11, 20),
                    "end_date": date(years[-1], 11, 2),
                    "mentor_staff_no": None,
                },
            )
        ],
        "energy_readings": [
            (
                "energy type not in the list",
                {
                    "building_id": metered,
                    "month": date(years[max(0, len(years) - 3)], 2, 1),
                    "energy_type": "蒸汽",
                    "quantity": 36.5,
                    "unit": "吨",
                },
            )
        ],
        "property_issues": [
            (
                "resolved before found",
                {
                    **problem(
                        rows["buildings"][0],
                        "材料缺失",
                        "住建局",
                        date(2025, 5, 20),
                        None,
                    ),
                    "issue_id": "WT2025901",
                    "resolved_date": date(2025, 5, 2),
                },
            )
        ],
    }
    rejected.update(rows_after_leaving(people))
    return rejected


def review(moment: datetime, handler: str, rating: str) -> dict:
    """Return a bare review, numbered 901 on its day, clear of the generated ones."""
    return {
        "review_id": f"HCP{moment:%Y%m%d}901",
        "reviewed_at": moment,
        "handler_staff_no": handler,
        "item_name": "物业服务",
        "rating": rating,
        "channel": "扫码评价",
        "comment": None,
        "rectified_at": None,
    }


def rows_after_leaving(people: list[Person]) -> dict[str, list[tuple[str, dict]]]:
    """Return a pay claw-back and a score above 100 for the month after someone left."""
    moved = {p.id_card for p in people if p.track == "established"}
    leavers = [
        p
        for p in people
        if p.status == "离职" and p.id_card not in moved and p.leave_date.month < 11
    ]
    if not leavers:
        return {}
    leaver = min(leavers, key=lambda p: (p.leave_date, p.staff_no))
    month = month_end(leaver.leave_date) + timedelta(days=1)
    scores = dict.fromkeys(MONTHLY_SCORES, 88.0) | {"morality_score": 105.0}
    return {
        "payroll": [
            (
                "negative amount",
                {
                    "staff_no": leaver.staff_no,
                    "month": month,
                    "gross_pay_yuan": 0.0,
                    "performance_pay_yuan": -1200.0,
                },
            )
        ],
        "monthly_records": [
            (
                "score above 100",
                {
                    "staff_no": leaver.staff_no,
                    "month": month,
                    "remark": "补录",
                    **scores,
                },
            )
        ],
    }


def finish_rows(data: CenterData) -> None:
    """Drop working fields and stamp every row with its center."""
    kept = [row for rows in data.rows.values() for row in rows]
    rejected = [row for bad in data.rejected.values() for _, row in bad]
    for row in kept + rejected:
        for key in [key for key in row if key.startswith("_")]:
            del row[key]
        row["center_id"] = data.center_id


def build_centers(scale: DemoScale) -> list[CenterData]:
    """Generate every center of the demo, each from a seed drawn from the main seed."""
    rng = random.Random(scale.seed)
    seeds = [rng.getrandbits(64) for _ in range(max(1, scale.centers))]
    return [build_center(scale, index, seed) for index, seed in enumerate(seeds)]


def build_demo_records(scale: DemoScale = DemoScale()) -> DemoRecords:
    """Return the canonical rows a correct build keeps and rejects (GPS left out)."""
    rows: dict[str, list[dict]] = {}
    rejected: dict[str, list[tuple[str, dict]]] = {}
    for center in build_centers(scale):
        for source, source_rows in center.rows.items():
            rows.setdefault(source, []).extend(source_rows)
        for source, bad in center.rejected.items():
            rejected.setdefault(source, []).extend(bad)
    return DemoRecords(rows=rows, rejected=rejected)


def format_date(value: date | None, form: str = "iso") -> str:
    """Write a date the way one export system does."""
    if value is None:
        return ""
    if form == "slash":
        return f"{value.year}/{value.month}/{value.day}"
    if form == "chinese":
        return f"{value.year}年{value.month}月{value.day}日"
    if form == "compact":
        return f"{value:%Y%m%d}"
    if form == "excel":
        return str((value - EXCEL_EPOCH).days)
    return value.isoformat()


def format_timestamp(value: datetime | None, form: str = "iso") -> str:
    """Write a moment the way one export system does."""
    if value is None:
        return ""
    if form == "slash":
        return f"{value.year}/{value.month}/{value.day} {value.hour}:{value.minute:02d}"
    if form == "minutes":
        return value.isoformat(" ", "minutes")
    return value.isoformat(" ", "seconds")


def format_month(value: date | None, form: str = "iso") -> str:
    """Write a month the way one export system does."""
    if value is None:
        return ""
    if form == "slash":
        return f"{value.year}/{value.month}"
    if form == "chinese":
        return f"{value.year}年{value.month}月"
    if form == "compact":
        return f"{value:%Y%m}"
    return f"{value:%Y-%m}"


def format_number(
    value: float | None,
    places: int = 2,
    thousands: bool = False,
    unit: str = "",
    full_width: bool = False,
) -> str:
    """Write a number with a fixed number of places, separators, width and unit."""
    if value is None:
        return ""
    text = f"{value:,.{places}f}" if thousands else f"{value:.{places}f}"
    if full_width:
        text = text.translate(FULL_WIDTH_DIGITS)
    return text + unit


def format_plain(value) -> str:
    """Write a value as briefly as possible: numbers without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(round(value, 6))
        return text.removesuffix(".0")
    return str(value)


def number(places: int = 2, **options) -> Callable:
    """Return a formatter for numbers, see `format_number`."""
    return lambda value: format_number(value, places, **options)


def dated(form: str) -> Callable:
    """Return a formatter for dates in `form`."""
    return lambda value: format_date(value, form)


def timed(form: str) -> Callable:
    """Return a formatter for moments in `form`."""
    return lambda value: format_timestamp(value, form)


def monthly(form: str) -> Callable:
    """Return a formatter for months in `form`."""
    return lambda value: format_month(value, form)


def spelled(spellings: dict[str, str]) -> Callable:
    """Return a formatter that writes some enum values in another accepted spelling."""
    return lambda value: "" if value is None else spellings.get(value, value)


def headers_for(source: str, style: str, renamed: dict[str, str] | None = None) -> dict:
    """Return the header of each column: Chinese label, English label or first alias."""
    headers = {}
    for column in get_source(source).columns:
        if style == "en":
            headers[column.name] = column.label_en
        elif style == "alias" and column.aliases:
            headers[column.name] = column.aliases[0]
        else:
            headers[column.name] = column.label_zh
    headers.update(renamed or {})
    return headers


def default_formatters(source: str) -> dict[str, Callable]:
    """Return plain ISO formatters for every column of a source."""
    kinds = {
        DATE: dated("iso"),
        TIMESTAMP: timed("iso"),
        MONTH: monthly("iso"),
        DECIMAL: format_plain,
        INTEGER: format_plain,
    }
    return {
        column.name: kinds.get(column.kind, format_plain)
        for column in get_source(source).columns
    }


def columns_of(source: str, rng: random.Random | None = None) -> tuple[str, ...]:
    """Return the columns of a source but center_id, shuffled when given a generator."""
    names = [c.name for c in get_source(source).columns if c.name != "center_id"]
    if rng is not None:
        rng.shuffle(names)
    return tuple(names)


def export(
    source: str,
    name: str,
    rows: list[dict],
    headers: dict[str, str],
    formats: dict[str, Callable] | None = None,
    columns: tuple[str, ...] | None = None,
    **layout,
) -> ExportFile:
    """Return an export file with default formats overridden by `formats`."""
    formatters = default_formatters(source)
    formatters.update(formats or {})
    return ExportFile(
        source=source,
        name=name,
        rows=rows,
        columns=columns or columns_of(source),
        headers=headers,
        formatters=formatters,
        **layout,
    )


def staff_exports(data: CenterData, rng: random.Random) -> list[ExportFile]:
    """Return the GBK established roster and the BOM contract roster."""
    established = export(
        "staff_established",
        "编制内人员花名册.csv",
        data.rows["staff_established"],
        headers_for(
            "staff_established",
            "zh",
            {"id_card": "身份证号码", "birth_date": "出生年月", "department": "科室"},
        ),
        {
            "birth_date": dated("slash"),
            "work_start_date": dated("excel"),
            "leave_date": dated("chinese"),
            "education": spelled(
                {"本科": "大学本科", "大专": "专科", "研究生": "硕士"}
            ),
        },
        columns_of("staff_established", rng),
        encoding="gbk",
        line_end="\r\n",
        title="正蓝旗机关事务服务中心编制内人员花名册",
        title_padded=True,
    )
    headers = headers_for("staff_contract", "zh")
    headers.update(
        staff_no=" 工号",
        name="姓名 ",
        id_card=" 身份证号 ",
        status="在岗状态  ",
    )
    leaving = ("辞职", "解聘", "离职")
    rows = []
    for index, row in enumerate(
        data.rows["staff_contract"] + bad_of(data, "staff_contract")
    ):
        status = {"在岗": "在职", "离职": leaving[index % 3]}.get(
            row["status"], row["status"]
        )
        rows.append({**row, "status": status})
    contract = export(
        "staff_contract",
        "劳务派遣人员花名册_2025年12月.csv",
        rows,
        headers,
        {
            "birth_date": dated("compact"),
            "hire_date": dated("slash"),
            "leave_date": dated("slash"),
        },
        encoding="utf-8-sig",
    )
    return [established, contract]


def bad_of(data: CenterData, source: str) -> list[dict]:
    """Return the rows of `source` the build must reject."""
    return [row for _, row in data.rejected.get(source, [])]


def post_exports(data: CenterData) -> list[ExportFile]:
    """Return the post plan with full-width A/B headers and family aliases."""
    families = {
        "驾驶": "驾驶员",
        "窗口服务": "窗口",
        "能源": "节能",
        "调度": "派车调度",
    }
    return [
        export(
            "posts",
            "岗位设置_AB岗.csv",
            data.rows["posts"],
            headers_for(
                "posts", "zh", {"a_staff_no": "Ａ岗工号", "b_staff_no": "Ｂ岗工号"}
            ),
            {
                "post_family": spelled(families),
                "headcount_quota": lambda value: f"{value}人",
            },
        )
    ]


def overlapping_years(rows: list[dict], column: str, years: list[int]) -> list[list]:
    """Return, per year, its rows plus the rows of the previous December."""
    groups = []
    for year in years:
        first = date(year - 1, 12, 1) if year > years[0] else date(year, 1, 1)
        groups.append([r for r in rows if first <= r[column] <= date(year, 12, 31)])
    return groups


def era(year: int) -> int:
    """Return which of four export styles a system used in `year`: 0 (to 2022) to 3."""
    return max(0, year - LAST_YEAR + 3)


def payroll_style(year: int) -> dict:
    """Return how the payroll system exported `year`."""
    money = ("gross_pay_yuan", "performance_pay_yuan")
    if era(year) == 0:
        return {"headers": "zh", "formats": {name: number(2) for name in money}}
    if era(year) == 1:
        return {
            "headers": "alias",
            "formats": {
                "month": monthly("chinese"),
                **{name: number(2, thousands=True) for name in money},
            },
            "layout": {"encoding": "utf-8-sig"},
        }
    if era(year) == 2:
        return {
            "headers": "zh",
            "formats": {
                "month": monthly("compact"),
                "gross_pay_yuan": number(2, unit="元"),
                "performance_pay_yuan": number(2, thousands=True, unit="元"),
            },
            "layout": {
                "encoding": "gbk",
                "line_end": "\r\n",
                "total_column": "gross_pay_yuan",
            },
        }
    return {
        "headers": "en",
        "formats": {"month": monthly("slash"), "gross_pay_yuan": number(2)},
        "shuffled": True,
    }


def monthly_record_style(year: int) -> dict:
    """Return how the supervisors' 月纪实 sheet was exported in `year`."""
    scores = MONTHLY_SCORES
    if era(year) == 0:
        return {"headers": "zh"}
    if era(year) == 1:
        return {"headers": "alias", "formats": {"month": monthly("slash")}}
    if era(year) == 2:
        wide = {name: number(1, full_width=True) for name in scores}
        return {"headers": "en", "formats": {"month": monthly("chinese"), **wide}}
    labels = headers_for("monthly_records", "zh")
    return {
        "headers": "zh",
        "renamed": {name: f" {labels[name]} " for name in scores},
        "formats": {"month": monthly("compact")},
        "shuffled": True,
        "layout": {"blank_every": 200},
    }


def review_style(year: int) -> dict:
    """Return how the 好差评 system exported `year`."""
    stars = {
        "非常满意": "5",
        "满意": "4",
        "基本满意": "3",
        "不满意": "2",
        "非常不满意": "1",
    }
    if era(year) == 0:
        return {"headers": "zh"}
    if era(year) == 1:
        slash = timed("slash")
        return {
            "headers": "alias",
            "formats": {"reviewed_at": slash, "rectified_at": slash},
        }
    if era(year) == 2:
        return {
            "headers": "en",
            "formats": {"rating": spelled(stars), "reviewed_at": timed("minutes")},
        }
    return {
        "headers": "zh",
        "renamed": {"review_id": "评价编号 ", "rating": " 评价等级"},
        "layout": {"encoding": "utf-8-sig"},
    }


def energy_style(year: int) -> dict:
    """Return how the energy monitoring platform exported `year`."""
    if era(year) == 0:
        return {
            "headers": "zh",
            "formats": {
                "month": monthly("chinese"),
                "energy_type": spelled(
                    {"电": "电力", "天然气": "燃气", "热力": "集中供热"}
                ),
                "unit": spelled({"kWh": "度", "m³": "立方米"}),
            },
        }
    if era(year) == 1:
        return {
            "headers": "zh",
            "formats": {
                "month": monthly("compact"),
                "quantity": number(2, thousands=True),
            },
            "layout": {"blank_every": 97},
        }
    if era(year) == 2:
        english = {"电": "electricity", "天然气": "natural gas", "热力": "heating"}
        return {
            "headers": "en",
            "formats": {
                "month": monthly("slash"),
                "quantity": number(2, full_width=True),
                "energy_type": spelled(english),
                "unit": spelled({"m³": "立方米"}),
            },
        }
    return {
        "headers": "zh",
        "renamed": {"quantity": " 用量 "},
        "formats": {"unit": spelled({"kWh": "度"})},
        "layout": {"encoding": "utf-8-sig"},
    }


def trip_style(year: int) -> dict:
    """Return how the official vehicle platform exported `year`."""
    times = ("requested_at", "dispatched_at", "departed_at", "returned_at")
    if era(year) == 0:
        english = {
            "已完成": "completed",
            "申请人取消": "cancelled",
            "已驳回": "rejected",
        }
        return {
            "headers": "en",
            "formats": {
                **{name: timed("slash") for name in times},
                "odometer_start_km": number(1),
                "odometer_end_km": number(1),
                "beidou_km": number(1, unit="km"),
                "status": spelled(english),
            },
        }
    if era(year) == 1:
        return {
            "headers": "zh",
            "formats": {
                "odometer_start_km": number(1, thousands=True),
                "odometer_end_km": number(1, thousands=True),
                "fuel_cost_yuan": number(2, unit="元"),
                "toll_yuan": number(2, unit="元"),
            },
            "shuffled": True,
            "layout": {"encoding": "utf-8-sig"},
        }
    if era(year) == 2:
        local = {"已完成": "已收车", "申请人取消": "用车人取消", "已驳回": "无车可派"}
        return {
            "headers": "alias",
            "formats": {
                **{name: timed("minutes") for name in times},
                "beidou_km": number(1, unit="公里"),
                "status": spelled(local),
            },
            "layout": {"encoding": "gbk", "line_end": "\r\n"},
        }
    return {
        "headers": "zh",
        "renamed": {"plate": "车牌号\u3000", "destination": " 目的地 "},
        "formats": {"fuel_cost_yuan": number(2), "toll_yuan": number(2)},
        "layout": {"blank_every": 150},
    }


def styled_export(
    source: str, name: str, rows: list[dict], style: dict, seed: int, **layout
) -> ExportFile:
    """Return an export file laid out as `style` says; `seed` fixes the column order."""
    shuffled = random.Random(seed) if style.get("shuffled") else None
    return export(
        source,
        name,
        rows,
        headers_for(source, style["headers"], style.get("renamed")),
        style.get("formats"),
        columns_of(source, shuffled),
        **{**style.get("layout", {}), **layout},
    )


def payroll_exports(data: CenterData, years: list[int]) -> list[ExportFile]:
    """Return yearly payroll files that overlap by a month, each in its year's style."""
    rows = data.rows["payroll"] + bad_of(data, "payroll")
    rows.sort(key=lambda row: (row["month"], row["staff_no"]))
    groups = overlapping_years(rows, "month", years)
    return [
        styled_export("payroll", f"薪酬_{year}.csv", group, payroll_style(year), year)
        for year, group in zip(years, groups, strict=True)
    ]


def by_year(rows: list[dict], column: str, year: int) -> list[dict]:
    """Return the rows whose `column` falls in `year`."""
    return [row for row in rows if row[column].year == year]


def monthly_record_exports(data: CenterData, years: list[int]) -> list[ExportFile]:
    """Return yearly 月纪实 files in four header and month styles."""
    rows = data.rows["monthly_records"] + bad_of(data, "monthly_records")
    return [
        styled_export(
            "monthly_records",
            f"月纪实_{year}.csv",
            by_year(rows, "month", year),
            monthly_record_style(year),
            year,
        )
        for year in years
    ]


def training_exports(data: CenterData) -> list[ExportFile]:
    """Return the training register with Chinese dates and hours in 学时."""
    rows = data.rows["training"] + bad_of(data, "training")
    return [
        export(
            "training",
            "培训与导师带徒台账.csv",
            rows,
            headers_for("training", "zh"),
            {
                "start_date": dated("chinese"),
                "end_date": dated("chinese"),
                "hours": lambda value: f"{format_plain(value)}学时",
            },
        )
    ]


def review_exports(data: CenterData, years: list[int]) -> list[ExportFile]:
    """Return yearly 好差评 files; the bad rows go into the last year's file."""
    rows = data.rows["service_reviews"]
    files = []
    for year in years:
        group = by_year(rows, "reviewed_at", year)
        if year == years[-1]:
            group += bad_of(data, "service_reviews")
        name = f"好差评_{year}.csv"
        files.append(
            styled_export("service_reviews", name, group, review_style(year), year)
        )
    return files


def energy_exports(data: CenterData, years: list[int]) -> list[ExportFile]:
    """Return yearly energy files with their own units, months and number styles."""
    rows = data.rows["energy_readings"] + bad_of(data, "energy_readings")
    return [
        styled_export(
            "energy_readings",
            f"能耗_{year}.csv",
            by_year(rows, "month", year),
            energy_style(year),
            year,
        )
        for year in years
    ]


def vehicle_exports(data: CenterData) -> list[ExportFile]:
    """Return two register exports; in the older one a 2025 disposal is still in use."""
    rows = data.rows["vehicles"]
    older = []
    for row in rows:
        if row["disposal_date"] and row["disposal_date"].year > LAST_YEAR - 1:
            row = {**row, "status": "在用", "disposal_date": None}
        older.append(row)
    return [
        export(
            "vehicles",
            f"公务用车台账_{LAST_YEAR - 1}.csv",
            older,
            headers_for("vehicles", "zh"),
            {
                "purchase_date": dated("excel"),
                "disposal_date": dated("excel"),
                "seat_count": lambda value: f"{value}座",
                "status": spelled({"在用": "正常", "已处置": "报废", "维修": "维修中"}),
            },
            encoding="gbk",
            line_end="\r\n",
        ),
        export(
            "vehicles",
            f"公务用车台账_{LAST_YEAR}.csv",
            rows,
            headers_for("vehicles", "zh", {"plate": "车牌号 ", "status": " 车辆状态"}),
            {"purchase_date": dated("slash"), "disposal_date": dated("slash")},
        ),
    ]


def trip_exports(data: CenterData, years: list[int]) -> list[ExportFile]:
    """Return monthly trip files, each repeating the last three days of the previous."""
    rows = data.rows["trips"] + bad_of(data, "trips")
    rows.sort(key=lambda row: (row["requested_at"], row["trip_id"]))
    by_month: dict[date, list[dict]] = {}
    for row in rows:
        by_month.setdefault(row["requested_at"].date().replace(day=1), []).append(row)
    months = month_starts(years)
    files = []
    for index, month in enumerate(months):
        group = by_month.get(month, [])
        if index:
            cutoff = month - timedelta(days=3)
            previous = by_month.get(months[index - 1], [])
            group = [r for r in previous if r["requested_at"].date() >= cutoff] + group
        last = {}
        if month == months[-1]:
            last = {
                "title": "正蓝旗机关事务服务中心 公务用车派车记录（导出）",
                "total_column": "fuel_cost_yuan",
            }
        name = f"trips_{month:%Y-%m}.csv"
        files.append(
            styled_export(
                "trips", name, group, trip_style(month.year), month.year, **last
            )
        )
    return files


def area_text(value: float | None) -> str:
    """Write a floor area in one of the forms ledgers use, chosen by its digits."""
    if value is None:
        return ""
    form = sum(int(digit) for digit in str(int(value))) % 4
    in_ten_thousands = f"{value / 10000:.5f}".rstrip("0")
    if form == 1:
        return format_number(value, 0 if value.is_integer() else 1, thousands=True)
    if form == 2:
        return format_plain(value) + "平方米"
    if form == 3 and float(in_ten_thousands) * 10000 == value:
        return in_ten_thousands + "万平方米"
    return format_plain(value)


def building_exports(data: CenterData) -> list[ExportFile]:
    """Return the GBK ledger with a title, one repeated row and a total row."""
    rows = list(data.rows["buildings"])
    if len(rows) > 5:
        rows.insert(6, rows[4])
    stages = {
        "核减": "已核减",
        "已登记": "已发证",
        "协调": "协同攻坚",
        "排查": "调查摸底",
    }
    return [
        export(
            "buildings",
            "办公用房权属登记台账_2025.csv",
            rows,
            headers_for(
                "buildings", "zh", {"stage": "办理环节", "floor_area_m2": "建筑面积"}
            ),
            {
                "floor_area_m2": area_text,
                "stage": spelled(stages),
                "stage_since_date": dated("chinese"),
                "certificate_date": dated("excel"),
            },
            encoding="gbk",
            line_end="\r\n",
            title="正蓝旗本级机关办公用房权属登记台账（2025年）",
            title_padded=True,
            total_column="floor_area_m2",
            blank_every=17,
        )
    ]


def issue_exports(data: CenterData) -> list[ExportFile]:
    """Return the problem list: English headers, compact dates, category aliases."""
    categories = {
        "手续不完备": "手续不全",
        "材料缺失": "环节性材料缺失",
        "四至不清": "土地四至不清",
    }
    rows = data.rows["property_issues"] + bad_of(data, "property_issues")
    return [
        export(
            "property_issues",
            "权属登记问题清单.csv",
            rows,
            headers_for("property_issues", "en"),
            {
                "found_date": dated("compact"),
                "resolved_date": dated("compact"),
                "category": spelled(categories),
            },
            encoding="utf-8-sig",
        )
    ]


def target_exports(data: CenterData) -> list[ExportFile]:
    """Return the annual targets, metric names in Chinese or as codes."""
    return [
        export(
            "targets",
            "年度目标.csv",
            data.rows["targets"],
            headers_for("targets", "zh"),
        )
    ]


def write_table(path: Path, file: ExportFile, center_id: str | None) -> int:
    """Write one export file and return the number of data rows in it."""
    columns = list(file.columns)
    headers = dict(file.headers)
    formatters = dict(file.formatters)
    if center_id is not None:
        columns.insert(0, "center_id")
        headers.setdefault("center_id", "中心编码")
        formatters["center_id"] = format_plain
    with path.open("w", encoding=file.encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator=file.line_end)
        if file.title:
            padding = [""] * (len(columns) - 1) if file.title_padded else []
            writer.writerow([file.title, *padding])
        writer.writerow([headers[column] for column in columns])
        cells = [(column, formatters[column]) for column in columns]
        for index, row in enumerate(file.rows, start=1):
            writer.writerow([write(row.get(column)) for column, write in cells])
            if (
                file.blank_every
                and index % file.blank_every == 0
                and index < len(file.rows)
            ):
                writer.writerow([])
        if file.total_column:
            seen = {id(row): row for row in file.rows}
            total = sum(row[file.total_column] or 0 for row in seen.values())
            footer = [""] * len(columns)
            footer[0] = "合计"
            footer[columns.index(file.total_column)] = format_plain(round(total, 2))
            writer.writerow(footer)
    return len(file.rows)


def center_exports(data: CenterData, years: list[int]) -> list[ExportFile]:
    """Return every export file of one center except the GPS positions."""
    rng = random.Random(f"{data.center_id}-layout")
    return [
        *staff_exports(data, rng),
        *post_exports(data),
        *payroll_exports(data, years),
        *monthly_record_exports(data, years),
        *training_exports(data),
        *review_exports(data, years),
        *vehicle_exports(data),
        *trip_exports(data, years),
        *energy_exports(data, years),
        *building_exports(data),
        *issue_exports(data),
        *target_exports(data),
    ]


def gps_frame(
    trips: list[tuple], points: int, first_trip: int, salt: int
) -> pl.DataFrame:
    """Return GPS points for each trip: out, a stay at the destination, and back."""
    epoch = datetime(1970, 1, 1)
    origin_lat, origin_lon = ORIGIN
    frame = pl.DataFrame(
        {
            "plate": [trip[0] for trip in trips],
            "departed": [int((trip[1] - epoch).total_seconds()) for trip in trips],
            "returned": [int((trip[2] - epoch).total_seconds()) for trip in trips],
            "target_lat": [PLACES[trip[3]][0] for trip in trips],
            "target_lon": [PLACES[trip[3]][1] for trip in trips],
            "one_way_seconds": [PLACES[trip[3]][2] / 55 * 3600 for trip in trips],
            "trip": range(first_trip, first_trip + len(trips)),
        },
        schema_overrides={"departed": pl.Int64, "returned": pl.Int64, "trip": pl.Int64},
    )
    step = pl.col("step")
    duration = pl.col("returned") - pl.col("departed")
    share = step.cast(pl.Float64) / (points - 1)
    driving = (pl.col("one_way_seconds") / duration.clip(lower_bound=1)).clip(0.05, 0.5)
    along = pl.min_horizontal(share / driving, (1 - share) / driving, pl.lit(1.0))
    key = pl.col("trip") * points + step
    first = ((key * 1103515245 + 12345) % 2147483648).pow(2).add(salt) % 2147483647
    second = ((first * 48271) % 2147483647).pow(2) % 2147483647
    third = ((second * 48271) % 2147483647).pow(2) % 2147483647
    moving = (step > 0) & (step < points - 1) & (along < 1)
    return (
        frame.with_columns(step=pl.int_ranges(0, points))
        .explode("step")
        .select(
            "plate",
            pl.from_epoch(
                pl.col("departed") + duration * step // (points - 1), time_unit="s"
            ).alias("recorded_at"),
            (
                origin_lat
                + (pl.col("target_lat") - origin_lat) * along
                + (first / 2147483648 - 0.5) * 0.006
            )
            .round(6)
            .alias("latitude"),
            (
                origin_lon
                + (pl.col("target_lon") - origin_lon) * along
                + (second / 2147483648 - 0.5) * 0.008
            )
            .round(6)
            .alias("longitude"),
            pl.when(moving)
            .then(third / 2147483648 * 60 + 40)
            .otherwise(0.0)
            .round(1)
            .alias("speed_kmh"),
        )
    )


def gps_headers(month: date) -> dict[str, str]:
    """Return the GPS headers: Chinese labels before 2024, short aliases from then."""
    if month.year < LAST_YEAR - 1:
        return headers_for("gps_points", "zh")
    return {
        "center_id": "center id",
        "plate": "plate",
        "recorded_at": "gps time",
        "latitude": "lat",
        "longitude": "lng",
        "speed_kmh": "speed",
    }


def write_gps(
    directory: Path, data: CenterData, points: int, prefix: str, include_center: bool
) -> int:
    """Write one GPS file per month of departure, BOM in the last year; return rows."""
    if points < 2 or not data.gps_trips:
        headers = headers_for("gps_points", "zh")
        columns = columns_of("gps_points")
        pl.DataFrame(schema={headers[name]: pl.String for name in columns}).write_csv(
            directory / f"{prefix}beidou_empty.csv"
        )
        return 0
    salt = sum(ord(character) for character in data.center_id) * 7919
    by_month: dict[date, list[tuple]] = {}
    for trip in sorted(data.gps_trips, key=lambda trip: trip[1]):
        by_month.setdefault(trip[1].date().replace(day=1), []).append(trip)
    written = first_trip = 0
    for month, trips in by_month.items():
        part = gps_frame(trips, points, first_trip, salt)
        first_trip += len(trips)
        if include_center:
            part = part.select(pl.lit(data.center_id).alias("center_id"), pl.all())
        headers = gps_headers(month)
        part.rename({name: headers[name] for name in part.columns}).write_csv(
            directory / f"{prefix}beidou_{month:%Y-%m}.csv",
            include_bom=month.year == LAST_YEAR,
            datetime_format="%Y-%m-%d %H:%M:%S",
        )
        written += part.height
    return written


def write_demo_exports(
    exports_dir: Path, scale: DemoScale = DemoScale()
) -> dict[str, int]:
    """Write demo exports under exports_dir/<source>/*.csv; return rows per source."""
    exports_dir = Path(exports_dir)
    years = demo_years(scale)
    written = {source.name: 0 for source in SOURCES}
    for source in written:
        (exports_dir / source).mkdir(parents=True, exist_ok=True)
    centers = build_centers(scale)
    include_center = len(centers) > 1
    for data in centers:
        prefix = "" if data.center_id == "zlq" else f"{data.center_id}_"
        center_column = data.center_id if include_center else None
        for file in center_exports(data, years):
            path = exports_dir / file.source / f"{prefix}{file.name}"
            written[file.source] += write_table(path, file, center_column)
        written["gps_points"] += write_gps(
            exports_dir / "gps_points",
            data,
            scale.gps_points_per_trip,
            prefix,
            include_center,
        )
        logger.info("demo exports of center %s written", data.center_id)
    return written
