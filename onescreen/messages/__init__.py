"""Message catalogues of the app's areas, each a module with a MESSAGES dict.

i18n merges every module listed in AREAS; an area adds its texts in its own module so
that the pages of different areas do not edit one shared file.
"""

from __future__ import annotations

import importlib

AREAS: tuple[str, ...] = (
    "overview",
    "kpi",
    "domains",
    "sql",
    "explore",
    "uploads",
    "access",
    "fields",
)


def area_messages() -> dict[str, tuple[str, str]]:
    """Return the messages of every area module, refusing a key defined twice."""
    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        module = importlib.import_module(f"onescreen.messages.{area}")
        for key, value in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"message {key!r} is defined twice (in {area})")
            merged[key] = value
    return merged
