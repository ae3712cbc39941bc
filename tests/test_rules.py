"""The rules file: the project's loads, and each kind of mistake names its key and file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from onescreen.build import BuildError, build_database
from onescreen.rules import FAMILIES, load_rules, parse_rules, rules_path
from onescreen.settings import PROJECT_ROOT, SettingsError, load_settings
from tests.test_app import TODAY, write_small_exports

RULES_TEXT = rules_path(PROJECT_ROOT / "config").read_text(encoding="utf-8")


def test_the_projects_rules_load_with_weights_adding_up_to_100():
    rules = load_rules(PROJECT_ROOT / "config")
    assert sum(rules.weights.values()) == 100
    assert set(rules.families) == set(FAMILIES)
    assert rules.show_names is False


@pytest.mark.parametrize(
    ("old", "new", "key", "english"),
    [
        ("integrity = 10", "integrity = 15", "weights", "add up to 100"),
        ("[families.energy]", "[families.kitchen]", "families.kitchen", "not a known"),
        ("idle_below = 0.3\n", "", "alerts.fleet.idle_below", "missing"),
        (
            "min_months_on_duty = 2",
            'min_months_on_duty = "2"',
            "min_months_on_duty",
            "wrong type",
        ),
        ("show_names = false", "show_names = 1", "meeting.show_names", "wrong type"),
        (
            "record_weight = 70\nmeasured_weight = 30\n\n[families.property]",
            "record_weight = 70\nmeasured_weight = 40\n\n[families.property]",
            "families.energy",
            "add up to 100",
        ),
        (
            'last_place_scope = "family"',
            'last_place_scope = "team"',
            "last_place_scope",
            "family or center",
        ),
        (
            'default_family = "management"',
            'default_family = "cooks"',
            "default_family",
            "not a known",
        ),
        ("[grades]", "[grades", "TOML", "not valid TOML"),
    ],
)
def test_a_bad_rules_file_names_the_key_and_the_file(old, new, key, english):
    assert old in RULES_TEXT
    path = Path("config/kpi.toml")
    with pytest.raises(SettingsError) as caught:
        parse_rules(RULES_TEXT.replace(old, new, 1), path)
    assert key in caught.value.key
    assert english in caught.value.message_en
    assert str(path) in caught.value.message_zh and str(path) in caught.value.message_en


def test_a_missing_rules_file_is_a_clear_error(tmp_path):
    with pytest.raises(SettingsError, match="missing"):
        load_rules(tmp_path)


def write_center_with_config(root: Path) -> Path:
    """Write exports and a config folder of its own (settings, factors, rules)."""
    write_small_exports(root)
    config = root / "config"
    config.mkdir()
    for name in ("energy_factors.toml", "holidays.toml", "kpi.toml"):
        shutil.copy(PROJECT_ROOT / "config" / name, config / name)
    paths = {
        "exports": root / "exports",
        "database": root / "center.duckdb",
        "local": root / "local",
    }
    lines = [
        "[paths]",
        *(f"{key} = {json.dumps(str(value))}" for key, value in paths.items()),
    ]
    settings_path = config / "settings.toml"
    settings_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return settings_path


def test_a_bad_rules_file_fails_the_build_and_keeps_the_previous_database(tmp_path):
    settings = load_settings(write_center_with_config(tmp_path))
    build_database(settings, today=TODAY)
    previous = settings.database_path.resolve()
    rules = settings.config_dir / "kpi.toml"
    rules.write_text(
        RULES_TEXT.replace("integrity = 10", "integrity = 11"), encoding="utf-8"
    )

    with pytest.raises(BuildError) as caught:
        build_database(settings, today=TODAY)

    assert (
        "weights" in caught.value.message_en and "kpi.toml" in caught.value.message_en
    )
    assert settings.database_path.resolve() == previous
    assert not list(previous.parent.glob(".center-*"))
