"""The data contract document agrees with the contracts in code."""

from onescreen.contract_doc import CONTRACT_DOC_PATH, render_contract_doc
from onescreen.contracts import SOURCES


def test_the_committed_contract_document_matches_the_code():
    assert CONTRACT_DOC_PATH.read_text(encoding="utf-8") == render_contract_doc(), (
        "docs/data-contract.md is out of date: run python -m onescreen contract-doc"
    )


def test_every_source_and_column_is_documented_in_both_languages():
    text = render_contract_doc()
    for source in SOURCES:
        assert source.label_zh in text and source.label_en in text
        for column in source.columns:
            assert f"`{column.name}` | {column.label_zh} | {column.label_en}" in text
