"""Working days of the Chinese public calendar: holidays and make-up workdays (调休).

The `chinese_calendar` package knows the State Council's holiday notices for the years
it covers. Years it does not cover are read from `config/holidays.toml`, which the
center keeps up to date when the notice for a new year is published. Years in neither
fall back to plain weekdays, with a warning, so that figures are still produced but the
Data page can say they are approximate.
"""

from __future__ import annotations

import logging
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import chinese_calendar
import polars as pl

from onescreen.settings import SettingsError

logger = logging.getLogger(__name__)

HOLIDAYS_FILE_NAME = "holidays.toml"
PACKAGE = "package"
CONFIG = "config"
WEEKDAY = "weekday"

CALENDAR_SCHEMA = {
    "calendar_date": pl.Date,
    "year": pl.Int32,
    "month": pl.Int32,
    "quarter": pl.Int32,
    "is_workday": pl.Boolean,
    "calendar_source": pl.String,
}


class CalendarDay(NamedTuple):
    """One day of the calendar, whether it is a working day, and where that came from."""

    calendar_date: date
    is_workday: bool
    calendar_source: str


class YearHolidays(NamedTuple):
    """The holidays and make-up workdays of one year, as written in the holidays file."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    is_provisional: bool


def package_covers_year(year: int) -> bool:
    """Return whether the chinese_calendar package has the holiday notice for `year`."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _parse_dates(values: object, path: Path, key: str) -> frozenset[date]:
    if not isinstance(values, list):
        raise SettingsError(path, key, "应为日期列表", "must be a list of dates")
    dates = set()
    for value in values:
        if isinstance(value, date):
            dates.add(value)
            continue
        try:
            dates.add(date.fromisoformat(str(value)))
        except ValueError as error:
            raise SettingsError(
                path, key, f"无法识别的日期 {value!r}", f"{value!r} is not a date"
            ) from error
    return frozenset(dates)


def load_holidays(config_dir: Path) -> dict[int, YearHolidays]:
    """Read the holidays file of `config_dir`; a missing file means no extra years."""
    path = config_dir / HOLIDAYS_FILE_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            path, "TOML", f"格式错误：{error}", f"is not valid TOML: {error}"
        ) from error

    years = {}
    for key, section in data.items():
        if not key.isdigit() or not isinstance(section, dict):
            raise SettingsError(
                path,
                f"[{key}]",
                "应为以年份命名的表",
                "must be a table named for a year",
            )
        year = int(key)
        holidays = _parse_dates(section.get("holidays", []), path, f"{key}.holidays")
        workdays = _parse_dates(section.get("workdays", []), path, f"{key}.workdays")
        stray = sorted(d for d in holidays | workdays if d.year != year)
        if stray:
            raise SettingsError(
                path,
                f"[{key}]",
                f"日期 {stray[0]} 不在 {year} 年",
                f"date {stray[0]} is not in {year}",
            )
        if holidays & workdays:
            clash = min(holidays & workdays)
            raise SettingsError(
                path,
                f"[{key}]",
                f"{clash} 同时列为假日和调休工作日",
                f"{clash} is listed both as a holiday and as a workday",
            )
        years[year] = YearHolidays(holidays, workdays, bool(section.get("provisional")))
    return years


def calendar_source_for_year(year: int, fallback_holidays: dict) -> str:
    """Return where the working days of `year` come from: package, config or weekday."""
    if package_covers_year(year):
        return PACKAGE
    if year in fallback_holidays:
        return CONFIG
    return WEEKDAY


def _is_workday(day: date, source: str, fallback_holidays: dict) -> bool:
    if source == PACKAGE:
        return chinese_calendar.is_workday(day)
    if source == CONFIG:
        year = fallback_holidays[day.year]
        if day in year.workdays:
            return True
        if day in year.holidays:
            return False
    return day.weekday() < 5


def working_days(start: date, end: date, fallback_holidays: dict) -> list[CalendarDay]:
    """Return every day from `start` to `end` inclusive, marked workday or not."""
    sources = {
        year: calendar_source_for_year(year, fallback_holidays)
        for year in range(start.year, end.year + 1)
    }
    for year, source in sources.items():
        if source == WEEKDAY:
            logger.warning(
                "no holiday calendar for %s: plain weekdays used; add the year to %s",
                year,
                HOLIDAYS_FILE_NAME,
            )
        elif source == CONFIG and fallback_holidays[year].is_provisional:
            logger.warning(
                "holidays of %s are provisional in %s: check them against the notice",
                year,
                HOLIDAYS_FILE_NAME,
            )

    days = []
    day = start
    while day <= end:
        source = sources[day.year]
        days.append(
            CalendarDay(day, _is_workday(day, source, fallback_holidays), source)
        )
        day += timedelta(days=1)
    return days


def calendar_frame(start: date, end: date, config_dir: Path) -> pl.DataFrame:
    """Return the calendar from `start` to `end` as a frame ready for the build."""
    days = working_days(start, end, load_holidays(config_dir))
    return (
        pl.DataFrame(
            {
                "calendar_date": [day.calendar_date for day in days],
                "is_workday": [day.is_workday for day in days],
                "calendar_source": [day.calendar_source for day in days],
            },
            schema={
                "calendar_date": pl.Date,
                "is_workday": pl.Boolean,
                "calendar_source": pl.String,
            },
        )
        .with_columns(
            pl.col("calendar_date").dt.year().cast(pl.Int32).alias("year"),
            pl.col("calendar_date").dt.month().cast(pl.Int32).alias("month"),
            pl.col("calendar_date").dt.quarter().cast(pl.Int32).alias("quarter"),
        )
        .select(list(CALENDAR_SCHEMA))
    )


def uncovered_years(start_year: int, end_year: int, config_dir: Path) -> list[int]:
    """Return the years in the range that have no holiday calendar and use weekdays."""
    fallback_holidays = load_holidays(config_dir)
    return [
        year
        for year in range(start_year, end_year + 1)
        if calendar_source_for_year(year, fallback_holidays) == WEEKDAY
    ]


def provisional_years(start_year: int, end_year: int, config_dir: Path) -> list[int]:
    """Return the years in the range whose holidays come from a provisional config entry."""
    fallback_holidays = load_holidays(config_dir)
    return [
        year
        for year in range(start_year, end_year + 1)
        if calendar_source_for_year(year, fallback_holidays) == CONFIG
        and fallback_holidays[year].is_provisional
    ]
