"""The scoring and alert rules the center edits, read from config/kpi.toml and checked."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from onescreen.settings import SettingsError

logger = logging.getLogger(__name__)

RULES_FILE_NAME = "kpi.toml"

DIMENSIONS = ("morality", "competence", "diligence", "achievement", "integrity")

# Post families in display order, with the post family the data writes for each.
FAMILIES = {
    "drivers": "驾驶",
    "dispatch": "调度",
    "service_windows": "窗口服务",
    "energy": "能源",
    "property": "资产",
    "management": "综合管理",
}

NUMBER = (int, float)

# Every key of the file: section → key → the types it may have.
SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "weights": dict.fromkeys(DIMENSIONS, NUMBER),
    "scoring": {
        "min_months_on_duty": int,
        "scale_floor": NUMBER,
        "scale_ceiling": NUMBER,
        "default_family": str,
    },
    "grades": {
        "excellent_share": NUMBER,
        "excellent_min_score": NUMBER,
        "good_min_score": NUMBER,
        "fair_min_score": NUMBER,
    },
    "meeting": {"show_names": bool},
    "alerts.people": {
        "last_place_scope": str,
        "min_ranking_size": int,
        "alert_quarters": int,
    },
    "alerts.fleet": {
        "idle_below": NUMBER,
        "overused_above": NUMBER,
        "response_median_minutes_limit": NUMBER,
        "fulfilment_below": NUMBER,
        "mileage_mismatch_share_above": NUMBER,
    },
    "alerts.property": {
        "stage_days_yellow": int,
        "stage_days_red": int,
        "problem_open_days_yellow": int,
        "problem_open_days_red": int,
        "pace_gap_points_yellow": NUMBER,
        "pace_gap_points_red": NUMBER,
    },
    "alerts.energy": {"above_baseline_yellow": NUMBER, "above_baseline_red": NUMBER},
    "alerts.service": {"lookback_days": int},
    "alerts.data": {"rejected_rows_at_least": int},
}
FAMILY_SCHEMA = {"posts": list, "record_weight": NUMBER, "measured_weight": NUMBER}


@dataclass(frozen=True)
class Rules:
    """The checked contents of the rules file."""

    path: Path
    weights: dict[str, float]
    families: dict[str, dict]
    values: dict[str, dict]

    def value(self, section: str, key: str):
        """Return one setting of a section, such as ("alerts.fleet", "idle_below")."""
        return self.values[section][key]

    @property
    def show_names(self) -> bool:
        """Whether names are shown in full on the projector."""
        return self.values["meeting"]["show_names"]


def rules_path(config_dir: Path) -> Path:
    """Return where the rules file of a config folder is."""
    return config_dir / RULES_FILE_NAME


def _type_name(expected) -> str:
    names = expected if isinstance(expected, tuple) else (expected,)
    return " / ".join(
        {"int": "整数 integer", "float": "小数 number"}.get(n.__name__, n.__name__)
        for n in names
    )


def _checked(section: dict, name: str, key: str, expected, path: Path):
    if key not in section:
        raise SettingsError(path, f"{name}.{key}", "缺少此项", "is missing")
    value = section[key]
    wrong_bool = isinstance(value, bool) and expected is not bool
    if wrong_bool or not isinstance(value, expected):
        got = type(value).__name__
        raise SettingsError(
            path,
            f"{name}.{key}",
            f"类型不对，应为 {_type_name(expected)}（得到 {got}）",
            f"has the wrong type: expected {_type_name(expected)}, got {got}",
        )
    return value


def _table(data: dict, name: str, path: Path) -> dict:
    value = data
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            raise SettingsError(path, f"[{name}]", "缺少此节", "the section is missing")
    if not isinstance(value, dict):
        raise SettingsError(path, f"[{name}]", "应为一个表", "must be a table")
    return value


def _check_sum(values: list[float], key: str, path: Path) -> None:
    total = sum(values)
    if abs(total - 100) > 1e-9:
        raise SettingsError(
            path,
            key,
            f"权重之和应为 100（现为 {total:g}）",
            f"the weights must add up to 100 (they add up to {total:g})",
        )


def _check_range(low: float, high: float, key: str, path: Path) -> None:
    if not low < high:
        raise SettingsError(
            path,
            key,
            f"下限 {low:g} 应小于上限 {high:g}",
            f"the lower bound {low:g} must be below the upper bound {high:g}",
        )


def _read_families(data: dict, path: Path) -> dict[str, dict]:
    section = _table(data, "families", path)
    families = {}
    for code, family in section.items():
        if code not in FAMILIES:
            raise SettingsError(
                path,
                f"[families.{code}]",
                f"未知的岗位类别，可用：{', '.join(FAMILIES)}",
                f"is not a known post family; use one of {', '.join(FAMILIES)}",
            )
        name = f"families.{code}"
        checked = {
            key: _checked(family, name, key, expected, path)
            for key, expected in FAMILY_SCHEMA.items()
        }
        if not all(isinstance(post, str) for post in checked["posts"]):
            raise SettingsError(
                path,
                f"{name}.posts",
                "应为岗位名称列表",
                "must be a list of post names",
            )
        _check_sum(
            [checked["record_weight"], checked["measured_weight"]],
            f"{name}.record_weight + measured_weight",
            path,
        )
        families[code] = checked
    missing = [code for code in FAMILIES if code not in families]
    if missing:
        raise SettingsError(
            path, f"[families.{missing[0]}]", "缺少此节", "the section is missing"
        )
    return families


def parse_rules(text: str, path: Path) -> Rules:
    """Check the text of a rules file and return its rules; raise SettingsError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            path, "TOML", f"格式错误：{error}", f"is not valid TOML: {error}"
        ) from error

    values = {
        name: {
            key: _checked(_table(data, name, path), name, key, expected, path)
            for key, expected in keys.items()
        }
        for name, keys in SCHEMA.items()
    }
    weights = {key: float(value) for key, value in values["weights"].items()}
    _check_sum(list(weights.values()), "weights", path)
    families = _read_families(data, path)

    scoring, grades = values["scoring"], values["grades"]
    if scoring["default_family"] not in FAMILIES:
        raise SettingsError(
            path,
            "scoring.default_family",
            f"未知的岗位类别，可用：{', '.join(FAMILIES)}",
            f"is not a known post family; use one of {', '.join(FAMILIES)}",
        )
    _check_range(
        scoring["scale_floor"], scoring["scale_ceiling"], "scoring.scale_floor", path
    )
    _check_range(
        grades["fair_min_score"],
        grades["good_min_score"],
        "grades.fair_min_score",
        path,
    )
    if not 0 <= grades["excellent_share"] <= 1:
        raise SettingsError(
            path,
            "grades.excellent_share",
            "应在 0 到 1 之间",
            "must be between 0 and 1",
        )
    if values["alerts.people"]["last_place_scope"] not in ("family", "center"):
        raise SettingsError(
            path,
            "alerts.people.last_place_scope",
            "应为 family 或 center",
            "must be family or center",
        )
    return Rules(path=path, weights=weights, families=families, values=values)


def load_rules(config_dir: Path) -> Rules:
    """Read and check the rules file of a config folder; raise SettingsError."""
    path = rules_path(config_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SettingsError(
            path, "file", "文件不存在", "the file is missing"
        ) from error
    return parse_rules(text, path)


def family_posts_frame(rules: Rules) -> pl.DataFrame:
    """Return one row per post family: its code, data name, order and blend weights."""
    return pl.DataFrame(
        {
            "post_family_code": list(FAMILIES),
            "post_family": list(FAMILIES.values()),
            "family_order": list(range(1, len(FAMILIES) + 1)),
            "record_weight": [
                float(rules.families[code]["record_weight"]) for code in FAMILIES
            ],
            "measured_weight": [
                float(rules.families[code]["measured_weight"]) for code in FAMILIES
            ],
            "is_default": [
                code == rules.value("scoring", "default_family") for code in FAMILIES
            ],
        },
        schema_overrides={"family_order": pl.Int32},
    )


def post_family_map_frame(rules: Rules) -> pl.DataFrame:
    """Return the post names the rules place in a family, one row per post name."""
    rows = [
        (post.strip(), code)
        for code, family in rules.families.items()
        for post in family["posts"]
    ]
    frame = pl.DataFrame(
        rows,
        schema={"post_name": pl.String, "post_family_code": pl.String},
        orient="row",
    )
    duplicated = frame.filter(pl.col("post_name").is_duplicated())
    if not duplicated.is_empty():
        logger.warning(
            "%s lists posts in two families (the first wins): %s",
            rules.path.name,
            ", ".join(sorted(set(duplicated["post_name"]))),
        )
    return frame.unique("post_name", keep="first", maintain_order=True)


def rule_parameters(rules: Rules) -> dict:
    """Return every number of the rules as SQL parameters, named section_key."""
    params = {f"weight_{key}": value for key, value in rules.weights.items()}
    for section, keys in rules.values.items():
        if section in ("weights", "meeting"):
            continue
        prefix = section.removeprefix("alerts.")
        for key, value in keys.items():
            name = f"{prefix}_{key}"
            params[name] = float(value) if isinstance(value, float) else value
    return params
