"""Every rule of the catalogue is implemented and named by the tests that prove it."""

from pathlib import Path

import pytest

from xlplugin.cli.rules_cmd import rule_status
from xlplugin.rulepack.catalogue import catalogue_ids, find_catalogue

TESTS = Path(__file__).parent


def test_every_catalogue_rule_is_implemented():
    rows, missing, path = rule_status(2023)
    if path is None:
        pytest.skip("RULES.md tidak ditemukan (../shared/juknis/ di samping checkout)")
    assert missing == [] and len(rows) == len(catalogue_ids(Path(path)))


def test_every_catalogue_rule_is_named_in_a_rule_test():
    path = find_catalogue()
    if path is None:
        pytest.skip("RULES.md tidak ditemukan")
    text = "\n".join(p.read_text(encoding="utf-8")
                     for p in [*TESTS.glob("rules/test_*.py"), TESTS / "test_totals.py"])
    unnamed = [rid for rid in catalogue_ids(path) if f'"{rid}"' not in text]
    assert unnamed == []
