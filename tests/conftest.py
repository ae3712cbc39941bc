"""Shared fixtures: small export folders and settings that point at a temporary place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from onescreen.settings import PROJECT_ROOT, Settings, load_settings


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


def write_settings(root: Path) -> Path:
    """Write a settings file whose data lives under root."""
    path = root / "settings.toml"
    path.write_text(
        '[paths]\nexports = "exports"\ndatabase = "center.duckdb"\nlocal = "local"\n',
        encoding="utf-8",
    )
    return path


def run_cli(
    *arguments: str, input_text: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m onescreen` as a user would, with `input_text` on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "onescreen", *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        input=input_text,
        timeout=600,
    )


@pytest.fixture(scope="session")
def demo_center(tmp_path_factory) -> Path:
    """The demo exports written and built by the command line, as `make run` does.

    Returns the settings file; the database is center.duckdb beside it.
    """
    root = tmp_path_factory.mktemp("demo_center")
    settings = write_settings(root)
    written = run_cli("--settings", str(settings), "demo")
    assert written.returncode == 0, written.stderr
    built = run_cli("--settings", str(settings), "build", "--quiet")
    assert built.returncode == 0, built.stderr
    return settings
