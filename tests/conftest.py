"""Shared fixtures: small export folders and settings that point at a temporary place."""

from __future__ import annotations

from pathlib import Path

import pytest

from onescreen.settings import Settings, load_settings


def write_export(
    root: Path, source: str, name: str, text: str, encoding: str = "utf-8"
) -> Path:
    """Write one export file under root/exports/<source>/<name>."""
    path = root / "exports" / source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose exports, database and local key live in a temporary folder."""
    return load_settings().with_paths(tmp_path)


def no_derived_tables(con, settings) -> list[str]:
    """A derive step that adds nothing, for tests of the ingest alone."""
    return []
