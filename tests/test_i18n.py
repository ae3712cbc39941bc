"""The message catalogue: both languages, the same placeholders, labels for all."""

from __future__ import annotations

import re

import pytest

from onescreen.contracts import SOURCES
from onescreen.i18n import (
    CATALOGUE,
    LANGUAGES,
    column_label,
    error_label,
    join_names,
    normalise_language,
    placeholders,
    source_label,
    status_label,
    t,
)
from onescreen.parsing import ERROR_MESSAGES
from onescreen.settings import PROJECT_ROOT

MANIFEST_STATUSES = [
    "loaded",
    "partly_loaded",
    "duplicate_file",
    "no_rows",
    "empty",
    "binary",
    "undecodable",
    "no_header",
    "missing_column",
    "unreadable",
]
ROW_RULES = [(source.name, rule) for source in SOURCES for rule in source.row_rules]
CODE_FILES = sorted(
    str(path.relative_to(PROJECT_ROOT))
    for pattern in ("app.py", "pages/*.py", "onescreen/ui/*.py")
    for path in PROJECT_ROOT.glob(pattern)
)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_text_in_both_languages(key):
    texts = CATALOGUE[key]
    assert len(texts) == len(LANGUAGES)
    assert all(text.strip() for text in texts)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_of_a_message_have_the_same_placeholders(key):
    text_zh, text_en = CATALOGUE[key]
    assert placeholders(text_zh) == placeholders(text_en)


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_every_source_and_column_is_labelled_from_its_contract(source):
    assert source_label(source.name, "zh") == source.label_zh
    assert source_label(source.name, "en") == source.label_en
    for column in source.columns:
        assert column_label(source.name, column.name, "zh") == column.label_zh
        assert column_label(source.name, column.name, "en") == column.label_en


@pytest.mark.parametrize("status", MANIFEST_STATUSES)
def test_every_manifest_status_has_a_label_in_both_languages(status):
    assert f"status.{status}" in CATALOGUE
    assert status_label(status, "zh") != status_label(status, "en")


@pytest.mark.parametrize("code", sorted(ERROR_MESSAGES))
def test_every_parser_error_code_is_labelled_as_the_parser_words_it(code):
    assert (error_label(code, "zh"), error_label(code, "en")) == ERROR_MESSAGES[code]


@pytest.mark.parametrize(
    ("source", "rule"), ROW_RULES, ids=[rule.name for _, rule in ROW_RULES]
)
def test_every_row_rule_is_labelled_with_its_reason(source, rule):
    assert error_label(rule.name, "zh") == rule.reason_zh
    assert error_label(rule.name, "en") == rule.reason_en


def test_row_rule_names_are_unique_so_each_code_has_one_meaning():
    names = [rule.name for _, rule in ROW_RULES]
    assert len(names) == len(set(names))
    assert not set(names) & set(ERROR_MESSAGES)


def test_a_message_is_formatted_with_its_values():
    text = t("data.quarantine.summary", "en", count=3, files=2)
    assert text == "3 problem(s) in 2 file(s)."
    assert t("data.quarantine.summary", "zh", count=3, files=2).startswith("2 个文件")


@pytest.mark.parametrize(
    ("value", "expected"), [("zh", "zh"), ("en", "en"), ("fr", "zh"), (None, "zh")]
)
def test_an_unknown_language_falls_back_to_chinese(value, expected):
    assert normalise_language(value) == expected


def test_an_unknown_key_is_returned_as_is_rather_than_failing():
    assert t("no.such.message", "en") == "no.such.message"


def test_unknown_codes_are_shown_as_they_are():
    assert status_label("something_new", "zh") == "something_new"
    assert error_label("something_new", "en") == "something_new"
    assert source_label("elsewhere", "en") == t("source.unknown", "en")


def test_lists_are_joined_the_way_each_language_writes_them():
    assert join_names(["甲", "乙"], "zh") == "甲、乙"
    assert join_names(["a", "b"], "en") == "a, b"


@pytest.mark.parametrize("path", CODE_FILES)
def test_every_message_key_named_in_the_code_exists(path):
    text = (PROJECT_ROOT / path).read_text(encoding="utf-8")
    keys = re.findall(r"\bt\(\s*\"([a-z_.]+)\"", text)
    assert keys, f"{path} names no messages"
    assert [key for key in keys if key not in CATALOGUE] == []


def test_every_page_in_the_navigation_has_a_title_and_intro():
    text = (PROJECT_ROOT / "app.py").read_text(encoding="utf-8")
    pages = re.findall(r"\(\"([a-z_]+)\", \"pages/", text)
    assert pages
    for page in pages:
        assert f"page.{page}.title" in CATALOGUE
        assert f"page.{page}.intro" in CATALOGUE
