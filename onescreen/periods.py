"""Reporting periods: a year, a quarter or a month, written 2025, 2025-Q3 or 2025-09.

API (no streamlit, used by the sidebar controls, the pages and the tests):

- ``Period(kind, year, number)``: kind is ``year``, ``quarter`` or ``month``; number is
  the quarter (1–4) or month (1–12), ``None`` for a year; ``start_date``/``end_date``,
  ``code`` (the URL form) and ``label(language)``;
- ``parse_period(text)`` → Period or None for text that is not a period;
- ``latest_complete_month(as_of)`` → the default period;
- ``period_choices(kind, first_year, as_of)`` → the periods of one kind, newest first.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

KINDS = ("year", "quarter", "month")
PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$")


@dataclass(frozen=True)
class Period:
    """One reporting period: a calendar year, quarter or month."""

    kind: str
    year: int
    number: int | None = None

    @property
    def quarter(self) -> int | None:
        """Return the quarter of a quarter period, else None."""
        return self.number if self.kind == "quarter" else None

    @property
    def month(self) -> int | None:
        """Return the month of a month period, else None."""
        return self.number if self.kind == "month" else None

    @property
    def start_date(self) -> date:
        """Return the first day of the period."""
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind == "month":
            return date(self.year, self.number, 1)
        return date(self.year, 1, 1)

    @property
    def end_date(self) -> date:
        """Return the last day of the period."""
        last_month = {"year": 12, "quarter": 3 * (self.number or 0)}.get(
            self.kind, self.number
        )
        return date(
            self.year, last_month, calendar.monthrange(self.year, last_month)[1]
        )

    @property
    def code(self) -> str:
        """Return the period as written in the URL: 2025, 2025-Q3 or 2025-09."""
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    def label(self, language: str) -> str:
        """Return the period as a reader writes it in `language`."""
        if language == "zh":
            suffix = {"quarter": f"第{self.number}季度", "month": f"{self.number}月"}
            return f"{self.year}年" + suffix.get(self.kind, "")
        if self.kind == "quarter":
            return f"Q{self.number} {self.year}"
        if self.kind == "month":
            return f"{calendar.month_abbr[self.number]} {self.year}"
        return str(self.year)

    def same_period_year_before(self) -> Period:
        """Return the same period one year earlier (the 同比 comparison)."""
        return Period(self.kind, self.year - 1, self.number)

    def clipped_end(self, as_of: date | None) -> date:
        """Return the period's last day, or the as-of date if that comes first."""
        return min(self.end_date, as_of) if as_of else self.end_date


def parse_period(text: object) -> Period | None:
    """Return the period written as 2025, 2025-Q3 or 2025-09, or None."""
    match = PERIOD_PATTERN.match(str(text or "").strip())
    if not match:
        return None
    year, quarter, month = match.groups()
    if quarter:
        return Period("quarter", int(year), int(quarter))
    if month:
        return Period("month", int(year), int(month))
    return Period("year", int(year))


def latest_complete_month(as_of: date) -> Period:
    """Return the last month that ends on or before the as-of date."""
    if as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]:
        return Period("month", as_of.year, as_of.month)
    if as_of.month == 1:
        return Period("month", as_of.year - 1, 12)
    return Period("month", as_of.year, as_of.month - 1)


def period_choices(kind: str, first_year: int, as_of: date) -> list[Period]:
    """Return every period of `kind` that starts by the as-of date, newest first."""
    numbers = {"year": [None], "quarter": [1, 2, 3, 4], "month": range(1, 13)}[kind]
    periods = [
        Period(kind, year, number)
        for year in range(first_year, as_of.year + 1)
        for number in numbers
    ]
    return [period for period in reversed(periods) if period.start_date <= as_of]


def with_kind(period: Period, kind: str) -> Period:
    """Return the period of `kind` that holds the last day of `period`."""
    end = period.end_date
    number = {"year": None, "quarter": (end.month - 1) // 3 + 1, "month": end.month}
    return Period(kind, end.year, number[kind])
