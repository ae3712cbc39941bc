"""Settings the center edits, read from config/settings.toml and checked when loaded."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETTINGS_PATH = PROJECT_ROOT / "config" / "settings.toml"
# Environment variables that point the command line and the dashboard elsewhere.
SETTINGS_VARIABLE = "ONESCREEN_SETTINGS"
DATABASE_VARIABLE = "ONESCREEN_DATABASE"


class SettingsError(ValueError):
    """A settings file that cannot be used, with the file and key named in both languages."""

    def __init__(self, path: Path, key: str, problem_zh: str, problem_en: str):
        self.path = path
        self.key = key
        self.message_zh = f"配置文件 {path} 中的 {key}：{problem_zh}"
        self.message_en = f"In settings file {path}, {key}: {problem_en}"
        super().__init__(self.message_en)


@dataclass(frozen=True)
class Settings:
    """Everything the build and the dashboard read from config."""

    center_id: str = "zlq"
    center_name_zh: str = "正蓝旗机关事务服务中心"
    center_name_en: str = "Plain Blue Banner Government Affairs Service Center"
    exports_dir: Path = PROJECT_ROOT / "data" / "exports"
    database_path: Path = PROJECT_ROOT / "data" / "center.duckdb"
    local_dir: Path = PROJECT_ROOT / "data" / "local"
    config_dir: Path = PROJECT_ROOT / "config"
    baseline_year: int = 2022
    mileage_mismatch_km: float = 5.0
    mileage_mismatch_share: float = 0.10
    rectify_within_days: int = 15
    repair_purposes: tuple[str, ...] = ("维修", "保养", "维修保养", "年检")
    age_band_limits: tuple[int, ...] = (30, 40, 50)
    memory_limit: str = "2GB"
    build_memory_limit: str = "1GB"
    threads: int = 2
    map_tile_url: str = ""
    sql_time_limit_seconds: float = 10.0
    sql_row_cap: int = 10_000
    upload_confirm_reject_share: float = 0.05
    extra: dict = field(default_factory=dict)

    def with_paths(self, root: Path) -> Settings:
        """Return a copy whose data paths live under `root` (used by tests and benchmarks)."""
        from dataclasses import replace

        return replace(
            self,
            exports_dir=root / "exports",
            database_path=root / "center.duckdb",
            local_dir=root / "local",
        )


def _section(data: dict, name: str, path: Path) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise SettingsError(path, f"[{name}]", "应为一个表", "must be a table")
    return value


def _typed(
    section: dict,
    key: str,
    expected: type | tuple[type, ...],
    default,
    path: Path,
    name: str,
):
    if key not in section:
        return default
    value = section[key]
    if isinstance(value, bool) or not isinstance(value, expected):
        raise SettingsError(
            path,
            f"{name}.{key}",
            f"类型不对（得到 {type(value).__name__}）",
            f"has the wrong type (got {type(value).__name__})",
        )
    return value


def settings_root(path: Path) -> Path:
    """Return the folder relative paths in a settings file start from.

    A file in a `config/` folder speaks of the project around that folder; any other
    file speaks of the folder it is in.
    """
    folder = path.resolve().parent
    return folder.parent if folder.name == "config" else folder


MEMORY_SIZE = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")


def _memory_size(section: dict, key: str, default: str, path: Path, name: str) -> str:
    value = _typed(section, key, str, default, path, name)
    if not MEMORY_SIZE.match(value):
        raise SettingsError(
            path,
            f"{name}.{key}",
            f'应为内存大小，如 "1GB"（得到 {value!r}）',
            f'must be a memory size such as "1GB" (got {value!r})',
        )
    return value


def _share(section: dict, key: str, default: float, path: Path, name: str) -> float:
    value = float(_typed(section, key, (int, float), default, path, name))
    if not 0 <= value <= 1:
        raise SettingsError(
            path,
            f"{name}.{key}",
            f"应为 0 到 1 之间的比例（得到 {value!r}）",
            f"must be a share between 0 and 1 (got {value!r})",
        )
    return value


def reference_config_dir(path: Path) -> Path:
    """Return the folder with the reference files (energy factors, holidays) for a settings file.

    A settings file kept elsewhere (for a test or a second center) may bring its own
    reference files; without them the project's config folder is used.
    """
    folder = path.resolve().parent
    return (
        folder if (folder / "energy_factors.toml").exists() else PROJECT_ROOT / "config"
    )


def load_settings(
    path: Path = DEFAULT_SETTINGS_PATH, root: Path | None = None
) -> Settings:
    """Read and check the settings file; relative paths are taken from `root`."""
    root = root or settings_root(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            path, "TOML", f"格式错误：{error}", f"is not valid TOML: {error}"
        ) from error

    center = _section(data, "center", path)
    paths = _section(data, "paths", path)
    metrics = _section(data, "metrics", path)
    dashboard = _section(data, "dashboard", path)
    build = _section(data, "build", path)
    map_section = _section(data, "map", path)
    analysis = _section(data, "analysis", path)
    uploads = _section(data, "uploads", path)
    defaults = Settings()

    def resolve(key: str, default: Path) -> Path:
        value = _typed(paths, key, str, None, path, "paths")
        # Absolute but not resolved: the database path is a link to the current build,
        # and resolving it here would pin every later build to today's file.
        return default if value is None else Path(os.path.abspath(root / value))

    return Settings(
        center_id=_typed(center, "id", str, defaults.center_id, path, "center"),
        center_name_zh=_typed(
            center, "name_zh", str, defaults.center_name_zh, path, "center"
        ),
        center_name_en=_typed(
            center, "name_en", str, defaults.center_name_en, path, "center"
        ),
        exports_dir=resolve("exports", defaults.exports_dir),
        database_path=resolve("database", defaults.database_path),
        local_dir=resolve("local", defaults.local_dir),
        config_dir=reference_config_dir(path),
        baseline_year=_typed(
            metrics, "baseline_year", int, defaults.baseline_year, path, "metrics"
        ),
        mileage_mismatch_km=float(
            _typed(
                metrics,
                "mileage_mismatch_km",
                (int, float),
                defaults.mileage_mismatch_km,
                path,
                "metrics",
            )
        ),
        mileage_mismatch_share=float(
            _typed(
                metrics,
                "mileage_mismatch_share",
                (int, float),
                defaults.mileage_mismatch_share,
                path,
                "metrics",
            )
        ),
        rectify_within_days=_typed(
            metrics,
            "rectify_within_days",
            int,
            defaults.rectify_within_days,
            path,
            "metrics",
        ),
        repair_purposes=tuple(
            _typed(
                metrics,
                "repair_purposes",
                list,
                list(defaults.repair_purposes),
                path,
                "metrics",
            )
        ),
        age_band_limits=tuple(
            _typed(
                metrics,
                "age_band_limits",
                list,
                list(defaults.age_band_limits),
                path,
                "metrics",
            )
        ),
        memory_limit=_memory_size(
            dashboard, "memory_limit", defaults.memory_limit, path, "dashboard"
        ),
        build_memory_limit=_memory_size(
            build, "memory_limit", defaults.build_memory_limit, path, "build"
        ),
        threads=_typed(dashboard, "threads", int, defaults.threads, path, "dashboard"),
        map_tile_url=_typed(
            map_section, "tile_url", str, defaults.map_tile_url, path, "map"
        ),
        sql_time_limit_seconds=float(
            _typed(
                analysis,
                "sql_time_limit_seconds",
                (int, float),
                defaults.sql_time_limit_seconds,
                path,
                "analysis",
            )
        ),
        sql_row_cap=_typed(
            analysis, "sql_row_cap", int, defaults.sql_row_cap, path, "analysis"
        ),
        upload_confirm_reject_share=_share(
            uploads,
            "confirm_reject_share",
            defaults.upload_confirm_reject_share,
            path,
            "uploads",
        ),
        extra=data,
    )
